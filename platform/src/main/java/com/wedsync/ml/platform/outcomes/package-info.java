/**
 * Predictions meet reality: every night, each model kind that declares an {@link
 * com.wedsync.ml.pipelines.spi.OutcomeSpec} has the outcomes of its predictions whose horizon has passed
 * recorded beside them (one set-based UPDATE per kind, from the kind's SQL), and the (score, outcome) pairs
 * are read back here for model health and A/B experiments. No kind is named in this package.
 */
package com.wedsync.ml.platform.outcomes;
