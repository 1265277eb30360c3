package com.wedsync.ml.pipelines.spi;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of features, one per (entity, as-of date), with an optional label. Numeric features are
 * row-major {@code numeric[row][feature]}; categorical ones {@code categorical[row][feature]}.
 *
 * @param labels 1/0 for binary kinds, the target value for regressions, or null when unlabelled
 */
public record FeatureTable(List<String> entityIds, LocalDate[] asOf, List<String> numericNames, double[][] numeric,
                           List<String> categoricalNames, String[][] categorical, double[] labels) {

    public FeatureTable {
        entityIds = List.copyOf(entityIds);
        numericNames = List.copyOf(numericNames);
        categoricalNames = List.copyOf(categoricalNames);
        int n = entityIds.size();
        if (asOf.length != n || numeric.length != n || categorical.length != n || (labels != null && labels.length != n)) {
            throw new IllegalArgumentException("feature table columns differ in length: " + n + " entity ids, "
                    + asOf.length + " as-of dates, " + numeric.length + " numeric rows, " + categorical.length
                    + " categorical rows" + (labels == null ? "" : ", " + labels.length + " labels"));
        }
    }

    public int size() {
        return entityIds.size();
    }

    public int numericIndex(String name) {
        int i = numericNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no numeric feature '" + name + "' in " + numericNames);
        }
        return i;
    }

    /** The rows at the given indexes, in that order. */
    public FeatureTable rows(int[] index) {
        return new FeatureTable(
                Arrays.stream(index).mapToObj(entityIds::get).toList(),
                Arrays.stream(index).mapToObj(i -> asOf[i]).toArray(LocalDate[]::new),
                numericNames,
                Arrays.stream(index).mapToObj(i -> numeric[i]).toArray(double[][]::new),
                categoricalNames,
                Arrays.stream(index).mapToObj(i -> categorical[i]).toArray(String[][]::new),
                labels == null ? null : Arrays.stream(index).mapToDouble(i -> labels[i]).toArray());
    }
}
