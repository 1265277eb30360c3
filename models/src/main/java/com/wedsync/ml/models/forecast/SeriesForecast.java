package com.wedsync.ml.models.forecast;

import java.time.YearMonth;
import java.util.List;

/**
 * A forecast of a monthly series by one model: per month ahead the point forecast and the percentiles of
 * its predictive distribution (p10..p90 is the 80% prediction interval).
 */
public record SeriesForecast(String model, YearMonth lastActualMonth, List<Month> months) {

    public SeriesForecast {
        months = List.copyOf(months);
    }

    /** One month ahead. */
    public record Month(YearMonth month, double point, double p5, double p10, double p50, double p90, double p95) {
    }
}
