/**
 * Scoring with production models: a batch job that writes {@code ml_predictions} for every active
 * entity, real-time scoring of one entity for the API, and the job that records actual outcomes once
 * a prediction's horizon has passed, so model health is measured on reality.
 */
package com.wedsync.ml.platform.scoring;
