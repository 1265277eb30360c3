/**
 * Model health on reality: metrics of a production version computed from its logged predictions whose
 * actual outcomes have been recorded, stored in {@code ml_model_performance}, and a health score that,
 * below the pipeline's threshold, raises an alert and starts a retraining.
 */
package com.wedsync.ml.platform.health;
