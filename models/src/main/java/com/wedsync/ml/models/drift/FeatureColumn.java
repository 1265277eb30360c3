package com.wedsync.ml.models.drift;

/**
 * One feature's values in a window: numeric ({@code NaN} = missing) or categorical ({@code null} = missing).
 */
public sealed interface FeatureColumn {

    record Numeric(double[] values) implements FeatureColumn {
    }

    record Categorical(String[] values) implements FeatureColumn {
    }

    static FeatureColumn numeric(double... values) {
        return new Numeric(values);
    }

    static FeatureColumn categorical(String... values) {
        return new Categorical(values);
    }
}
