package com.wedsync.ml.platform.tracking;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param trackingUri the MLflow tracking server (MLFLOW_TRACKING_URI); empty: tracking is kept in the outbox only */
@ConfigurationProperties("wedsync.mlflow")
public record MlflowProperties(String trackingUri) {

    public boolean enabled() {
        return trackingUri != null && !trackingUri.isBlank();
    }
}
