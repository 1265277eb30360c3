package com.wedsync.ml.pipelines.spi;

import java.util.Map;

/** A loaded model that scores feature rows. Safe to share between threads. */
public interface ScoringModel {

    /** One score per row (a probability for binary kinds), in row order. */
    double[] score(FeatureTable rows);

    /** The full prediction for one row, as the API shows it (e.g. risk level, interventions, factors). */
    Prediction explain(FeatureTable rows, int row, double score);

    /**
     * As {@link #explain(FeatureTable, int, double)}, with options the API passes through (e.g. an LTV
     * confidence level); a kind that takes none ignores them.
     */
    default Prediction explain(FeatureTable rows, int row, double score, Map<String, Object> options) {
        return explain(rows, row, score);
    }
}
