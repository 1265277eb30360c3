package com.wedsync.ml.platform.alerts;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** Every kind of alert the platform records, and so every type {@code GET /api/alerts?type=} accepts: defined here once. */
public enum AlertType {
    ANOMALY, DRIFT, EXPERIMENT, HEALTH, RETRAINING;

    /** The name stored in {@code ml_alerts.alert_type} and shown by the API. */
    @JsonValue
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertType> parse(String s) {
        return Arrays.stream(values()).filter(t -> t.dbName().equals(s)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(AlertType::dbName).toList();
    }
}
