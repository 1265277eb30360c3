/**
 * Data drift between a reference window and a current window: the two-sample Kolmogorov-Smirnov test
 * per numeric feature (Commons Math's exact and asymptotic distributions), the Population Stability
 * Index per feature (reference-quantile bins, categories), a Benjamini-Hochberg correction across
 * features, and season-aware choice of the reference window. Too little data is an answer
 * ({@link com.wedsync.ml.models.drift.DriftReport.Verdict#INSUFFICIENT_DATA}), never a made-up verdict.
 */
package com.wedsync.ml.models.drift;
