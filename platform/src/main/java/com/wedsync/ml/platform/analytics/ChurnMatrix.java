package com.wedsync.ml.platform.analytics;

import java.util.List;

/**
 * The latest batch churn scores of the production churn model counted by vendor type and risk level.
 *
 * @param levels the risk levels, the matrix's columns, lowest risk first
 * @param rows   one per vendor type, alphabetical; empty when there are no such scores
 */
public record ChurnMatrix(List<String> levels, List<Row> rows) {

    /** The risk levels the churn model gives, lowest first. */
    public static final List<String> LEVELS = List.of("low", "medium", "high", "critical");

    public ChurnMatrix {
        levels = List.copyOf(levels);
        rows = List.copyOf(rows);
    }

    /** A vendor type and its count of suppliers at each level, in the order of {@link #levels}. */
    public record Row(String vendorType, List<Long> counts) {

        public Row {
            counts = List.copyOf(counts);
        }
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
