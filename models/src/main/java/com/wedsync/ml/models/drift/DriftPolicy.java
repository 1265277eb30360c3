package com.wedsync.ml.models.drift;

/**
 * When a feature, and a model, has drifted.
 *
 * @param pValue     a numeric feature drifts when its Benjamini-Hochberg adjusted KS p-value is below this (spec: 0.05)
 * @param psi        or when its PSI is above this (spec: 0.2)
 * @param minRows    fewer rows than this in either window: insufficient data, no verdict
 * @param bins       PSI bins (quantiles of the reference)
 * @param epsilon    proportion used for an empty PSI bin, so the logarithm stays finite
 */
public record DriftPolicy(double pValue, double psi, int minRows, int bins, double epsilon) {

    public static final DriftPolicy SPEC = new DriftPolicy(0.05, 0.2, 100, 10, 1e-4);

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
        if (!(epsilon > 0 && epsilon < 0.01)) {
            throw new IllegalArgumentException("drift epsilon must be in (0, 0.01) (got " + epsilon + ")");
        }
    }
}
