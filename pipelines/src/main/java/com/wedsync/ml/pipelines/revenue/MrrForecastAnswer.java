package com.wedsync.ml.pipelines.revenue;

import java.util.List;
import java.util.Map;

import com.wedsync.ml.pipelines.spi.Prediction;

/**
 * The MRR forecast as the spec gives it: from the last actual month, each month's baseline, optimistic and
 * pessimistic scenarios with the Monte Carlo bands and the streams, the drivers of the variance, the
 * recommendations, the forecast's confidence and each stream's seasonality.
 */
public record MrrForecastAnswer(String lastActualMonth, double lastActualMrr, int horizonMonths, int monteCarloPaths,
                                Double confidence, List<Month> months, List<Driver> keyDrivers, List<String> recommendations,
                                Map<String, String> seasonality) implements Prediction {

    /** One month ahead: MRR at its end under each scenario, the percentile bands and the MRR streams. */
    public record Month(String month, double baseline, double optimistic, double pessimistic, Bands bands,
                        Map<String, Double> streams) {
    }

    /** Percentiles of the Monte Carlo paths. */
    public record Bands(double p5, double p10, double p50, double p90, double p95) {
    }

    /** A stream's contribution to the forecast and its share of the month-to-month variance. */
    public record Driver(String stream, double contribution, double varianceShare) {
    }
}
