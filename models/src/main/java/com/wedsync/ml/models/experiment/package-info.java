/**
 * A/B experiments between a champion (arm "A") and a challenger (arm "B"): stable hash-based arm
 * assignment ({@link com.wedsync.ml.models.experiment.ArmAssignment}), the two-proportion z-test for a
 * binary outcome ({@link com.wedsync.ml.models.experiment.TwoProportionTest}), group-sequential monitoring
 * with Lan-DeMets O'Brien-Fleming-type alpha spending and a symmetric harm guardrail
 * ({@link com.wedsync.ml.models.experiment.SequentialTest}), and DeLong's paired AUC comparison when both
 * models score the same entities in shadow mode ({@link com.wedsync.ml.models.experiment.PairedAucTest}).
 * Degenerate inputs give documented finite answers, never NaN; invalid inputs throw
 * {@link java.lang.IllegalArgumentException} naming the problem.
 */
package com.wedsync.ml.models.experiment;
