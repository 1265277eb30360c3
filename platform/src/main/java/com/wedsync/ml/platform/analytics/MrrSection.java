package com.wedsync.ml.platform.analytics;

import java.util.function.Supplier;

/**
 * The MRR section of the page: the forecast and its chart, or why there is none.
 *
 * @param unavailable why there is no forecast; null when there is one
 * @param forecast    null when unavailable
 * @param chart       null when unavailable
 */
public record MrrSection(String unavailable, MrrForecast forecast, MrrChart chart) {

    /** The section for a forecast, or, when getting it fails, the failure's message in its place. */
    static MrrSection of(Supplier<MrrForecast> forecast) {
        MrrForecast f;
        try {
            f = forecast.get();
        } catch (RuntimeException e) {
            return new MrrSection(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null, null);
        }
        return new MrrSection(null, f, MrrChart.of(f));
    }

    public boolean available() {
        return forecast != null;
    }
}
