/**
 * Anomaly detection as a platform service: the recurring JobRunr job that runs the production detector of
 * every pipeline whose model is a {@link com.wedsync.ml.pipelines.spi.Detector} over the days not judged
 * yet, and the episodes it keeps in {@code ml_anomalies} (findings of one type at most 7 days apart are one
 * episode), with alerts of type {@code anomaly}, acknowledge and resolve.
 */
package com.wedsync.ml.platform.anomalies;
