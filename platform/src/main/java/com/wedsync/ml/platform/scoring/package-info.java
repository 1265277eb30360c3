/**
 * Scoring with production models: a batch job that writes {@code ml_predictions} for every active
 * entity (or, for a time-series model, its forecast), real-time scoring of one entity and forecasts for
 * the API, each serving the arm of a running A/B experiment, and the job that records actual outcomes
 * once a prediction's horizon has passed, so model health is measured on reality.
 */
package com.wedsync.ml.platform.scoring;
