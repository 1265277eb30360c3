package com.wedsync.ml.platform.analytics;

import java.util.List;

/**
 * The latest batch churn scores of the production churn model counted by vendor type and risk level (the spec's
 * thresholds: low up to 0.3, medium to 0.5, high to 0.7, critical above), with the spread of the probabilities
 * that the levels hide when nearly everyone is "low": per vendor type the median, 90th percentile and largest
 * probability, and how many of the type are in the marketplace's riskiest tenth.
 *
 * @param levels            the risk levels, the matrix's columns, lowest risk first
 * @param rows              one per vendor type, alphabetical; empty when there are no such scores
 * @param topTenthThreshold the marketplace's 90th percentile of churn probability (NaN without scores)
 */
public record ChurnMatrix(List<String> levels, List<Row> rows, double topTenthThreshold) {

    /** The risk levels the churn model gives, lowest first. */
    public static final List<String> LEVELS = List.of("low", "medium", "high", "critical");
    /** The probability range of each level, as the column headers show it. */
    public static final List<String> LEVEL_RANGES = List.of("p &le; 0.3", "0.3 &ndash; 0.5", "0.5 &ndash; 0.7", "p &gt; 0.7");

    public ChurnMatrix {
        levels = List.copyOf(levels);
        rows = List.copyOf(rows);
    }

    public ChurnMatrix(List<String> levels, List<Row> rows) {
        this(levels, rows, Double.NaN);
    }

    /**
     * A vendor type and its count of suppliers at each level, in the order of {@link #levels}, and the spread of
     * its churn probabilities (NaN when unknown).
     *
     * @param topTenth how many of its suppliers are at or above the marketplace's 90th percentile
     */
    public record Row(String vendorType, List<Long> counts, double median, double p90, double max, long topTenth) {

        public Row {
            counts = List.copyOf(counts);
        }

        public Row(String vendorType, List<Long> counts) {
            this(vendorType, counts, Double.NaN, Double.NaN, Double.NaN, 0);
        }

        public String medianText() {
            return probability(median);
        }

        public String p90Text() {
            return probability(p90);
        }

        public String maxText() {
            return probability(max);
        }

        public long total() {
            return counts.stream().mapToLong(Long::longValue).sum();
        }
    }

    public List<String> levelRanges() {
        return LEVEL_RANGES;
    }

    public String topTenthText() {
        return probability(topTenthThreshold);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** A probability as the matrix prints it: three decimals, "-" when unknown. */
    public static String probability(double p) {
        return Double.isFinite(p) ? String.format(java.util.Locale.ROOT, "%.3f", p) : "-";
    }
}
