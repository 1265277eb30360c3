package com.wedsync.ml.platform.analytics;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A model version in production with its held-out metrics and health: the verdict of its last drift
 * check and how many alerts it has raised.
 *
 * @param deployed       "YYYY-MM-DD HH:MI", "-" when not recorded
 * @param metrics        the held-out metrics the page shows, in {@link AnalyticsQueries#METRICS} order
 * @param lastDriftCheck the verdict of its latest drift report, "-" when it has none
 */
public record ProductionModel(String name, String version, String kind, String deployed, List<Metric> metrics,
                              String lastDriftCheck, long alerts) {

    public ProductionModel {
        metrics = List.copyOf(metrics);
    }

    /** One held-out metric; always finite (a metric that is not is left out). */
    public record Metric(String name, double value) {
    }

    /** The metrics as the page prints them: "auc 0.812, ece 0.034", "-" when there are none recorded. */
    public String metricsText() {
        return metrics.isEmpty() ? "-" : metrics.stream().map(m -> m.name() + " " + String.format(Locale.ROOT, "%.3f", m.value()))
                .collect(Collectors.joining(", "));
    }
}
