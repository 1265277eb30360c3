package com.wedsync.ml.models.data;

import java.util.List;

/**
 * Rows of numeric features with a binary label. Refuses what would silently spoil training: rows of
 * different lengths, NaN or infinite values (naming the column and row), labels other than 0 and 1.
 */
public record LabeledData(List<String> featureNames, double[][] x, int[] y) {

    public LabeledData {
        featureNames = List.copyOf(featureNames);
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " rows but " + y.length + " labels");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != featureNames.size()) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values for "
                        + featureNames.size() + " features");
            }
            for (int j = 0; j < x[i].length; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("feature '" + featureNames.get(j) + "' is " + x[i][j] + " in row " + i
                            + ": impute or drop missing values before training");
                }
            }
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("label of row " + i + " is " + y[i] + "; labels must be 0 or 1");
            }
        }
    }

    public int size() {
        return y.length;
    }

    public int positives() {
        int p = 0;
        for (int v : y) {
            p += v;
        }
        return p;
    }

    /** @throws IllegalArgumentException unless both classes are present */
    public LabeledData requireBothClasses(String what) {
        int p = positives();
        if (p == 0 || p == size()) {
            throw new IllegalArgumentException(what + " has " + size() + " rows, all labelled " + (p == 0 ? 0 : 1)
                    + ": both classes are needed (lengthen the training window or the label horizon)");
        }
        return this;
    }
}
