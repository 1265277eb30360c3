package com.wedsync.ml.pipelines.spi;

import java.util.Map;

/**
 * A {@link ScoringModel} of a {@link DataLayout#SERIES} kind also forecasts: from the history (today's
 * snapshot) over a horizon of periods. The answer is what the API shows; it never holds NaN.
 */
public interface Forecaster {

    /** The largest horizon this forecaster accepts. */
    int maxHorizon();

    Prediction forecast(FeatureTable history, int horizon);

    /**
     * As {@link #forecast(FeatureTable, int)}, with the options the API passes through (e.g. which of the
     * several series a snapshot holds, or a timeframe); a forecaster that takes none ignores them.
     *
     * @throws InvalidForecastOptionException naming an option whose value the forecaster cannot use
     */
    default Prediction forecast(FeatureTable history, int horizon, Map<String, String> options) {
        return forecast(history, horizon);
    }
}
