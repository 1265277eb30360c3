/**
 * Alerts: each drift episode, health failure, anomaly and retraining outcome, recorded once (a rerun
 * raises nothing twice), logged, counted in Micrometer ({@code wedsync.alerts} by type and severity)
 * and readable through {@code GET /api/alerts}.
 */
package com.wedsync.ml.platform.alerts;
