package com.wedsync.ml.pipelines.spi;

/** How a model kind's training data is laid out in time. */
public enum DataLayout {
    /**
     * One row per entity and as-of date: snapshots every {@code snapshotIntervalDays} over the training
     * window, labelled over the label horizon, split by date into training, validation and test (churn, LTV).
     */
    PANEL,
    /**
     * One time series: today's snapshot holds the whole history (one row per period, its entity is the
     * period). The kind trains on all of it and validates by a rolling-origin backtest, refitting at each
     * past origin on what was known then (the MRR forecast).
     */
    SERIES
}
