package com.wedsync.ml.platform.alerts;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** How urgent an alert is, least to most. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** The name stored in {@code ml_alerts.severity} and shown by the API. */
    @JsonValue
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String s) {
        return java.util.Arrays.stream(values()).filter(v -> v.dbName().equals(s)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown alert severity '" + s + "'"));
    }
}
