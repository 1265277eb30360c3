/**
 * Data drift between a reference window and a current window: the two-sample Kolmogorov-Smirnov test
 * per numeric feature (Commons Math's exact distribution for small samples, {@code KolmogorovPValue}'s
 * asymptotic one, SciPy's, for large), the Population Stability Index per feature (reference-quantile
 * bins, categories), a Benjamini-Hochberg correction across features deciding drift, a ranking by effect
 * size (KS D, PSI), and season-aware choice of the reference window. Too little data is an answer
 * ({@link com.wedsync.ml.models.drift.DriftReport.Verdict#INSUFFICIENT_DATA}), never a made-up verdict.
 */
package com.wedsync.ml.models.drift;
