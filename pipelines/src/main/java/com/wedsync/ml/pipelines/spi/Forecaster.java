package com.wedsync.ml.pipelines.spi;

/**
 * A {@link ScoringModel} of a {@link DataLayout#SERIES} kind also forecasts: from the history (today's
 * snapshot) over a horizon of periods. The answer is what the API shows; it never holds NaN.
 */
public interface Forecaster {

    /** The largest horizon this forecaster accepts. */
    int maxHorizon();

    Prediction forecast(FeatureTable history, int horizon);
}
