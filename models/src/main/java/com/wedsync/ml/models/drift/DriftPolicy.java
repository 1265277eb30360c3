package com.wedsync.ml.models.drift;

/**
 * When a feature, and a model, has drifted.
 *
 * @param pValue     a numeric feature drifts when its Benjamini-Hochberg adjusted KS p-value is below this (spec: 0.05)
 * @param psi        or when its PSI is above this (spec: 0.2)
 * @param minRows    fewer rows than this in either window: insufficient data, no verdict
 * @param bins       PSI bins (quantiles of the reference)
 * @param epsilon    proportion used for an empty PSI bin, so the logarithm stays finite
 * @param minKsStatistic a significant KS result counts as drift only when its statistic D is at least this: with
 *                   thousands of rows per window KS finds shifts too small to matter (at 100k suppliers a tenth of a
 *                   standard deviation has p near 1e-50), and a growing marketplace's tenure mix moves count features
 *                   like {@code active_clients} by D ~ 0.1 a year with nothing wrong. The default 0.2 is the D of a
 *                   normal distribution shifted by half a standard deviation, the same materiality as the spec's
 *                   PSI 0.2 (about 0.23 for that shift); 0 gives the p-value-only rule
 */
public record DriftPolicy(double pValue, double psi, int minRows, int bins, double epsilon, double minKsStatistic) {

    /** The D of N(0.5, 1) against N(0, 1), 2 Phi(0.25) - 1. */
    public static final double HALF_SD_SHIFT = 0.2;
    /** The spec's thresholds (KS p 0.05, PSI 0.2) with the default materiality of a KS result. */
    public static final DriftPolicy SPEC = new DriftPolicy(0.05, 0.2, 100, 10, 1e-4, HALF_SD_SHIFT);

    public DriftPolicy {
        if (!(pValue > 0 && pValue < 1)) {
            throw new IllegalArgumentException("drift pValue must be in (0, 1) (got " + pValue + ")");
        }
        if (!(psi > 0)) {
            throw new IllegalArgumentException("drift psi threshold must be positive (got " + psi + ")");
        }
        if (minRows < 2) {
            throw new IllegalArgumentException("drift minRows must be at least 2 (got " + minRows + ")");
        }
        if (bins < 2 || bins > 100) {
            throw new IllegalArgumentException("drift bins must be between 2 and 100 (got " + bins + ")");
        }
        if (!(minKsStatistic >= 0 && minKsStatistic < 1)) {
            throw new IllegalArgumentException("drift minKsStatistic must be in [0, 1) (got " + minKsStatistic + ")");
        }
        if (!(epsilon > 0 && epsilon < 0.01)) {
            throw new IllegalArgumentException("drift epsilon must be in (0, 0.01) (got " + epsilon + ")");
        }
    }
}
