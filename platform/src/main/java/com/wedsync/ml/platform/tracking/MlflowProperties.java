package com.wedsync.ml.platform.tracking;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param trackingUri         the MLflow tracking server (MLFLOW_TRACKING_URI); empty: tracking is kept in the outbox only
 * @param flushTimeoutSeconds how long a pipeline step waits for MLflow to take its records before going on
 *                            (they stay in the outbox for the replay job): a hung server never blocks a run
 */
@ConfigurationProperties("wedsync.mlflow")
public record MlflowProperties(String trackingUri, Integer flushTimeoutSeconds) {

    public int flushTimeout() {
        return flushTimeoutSeconds == null || flushTimeoutSeconds < 1 ? 30 : flushTimeoutSeconds;
    }

    public boolean enabled() {
        return trackingUri != null && !trackingUri.isBlank();
    }
}
