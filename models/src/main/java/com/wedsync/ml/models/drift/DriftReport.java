package com.wedsync.ml.models.drift;

import java.util.List;

/**
 * The verdict of a drift check, with every feature's detail.
 *
 * @param severity      0 (none) to 1: the largest shift among drifted features, max(KS D, PSI / 1), capped at 1
 * @param severityLabel none &lt; 0.1 &le; low &lt; 0.2 &le; medium &lt; 0.35 &le; high &lt; 0.5 &le; critical
 * @param affected      drifted features, worst (largest max(KS D, PSI)) first; never ordered by p-value
 * @param reasons       why the verdict is what it is, for people: the drifted features, worst first, then
 *                      the features that could not be tested
 */
public record DriftReport(Verdict verdict, double severity, String severityLabel, List<FeatureDrift> features,
                          List<String> affected, List<String> reasons) {

    public enum Verdict { DRIFT, NO_DRIFT, INSUFFICIENT_DATA }

    /**
     * @param ksStatistic  KS D (numeric features), NaN otherwise
     * @param pValue       KS p-value before correction, NaN when not tested; 0 below about 1e-320 (as SciPy's)
     * @param pAdjusted    after Benjamini-Hochberg across the tested features
     * @param psi          population stability index, NaN when not computed
     * @param drifted      null when the feature could not be tested (see note)
     */
    public record FeatureDrift(String feature, String kind, double ksStatistic, double pValue, double pAdjusted, double psi,
                               int referenceSize, int currentSize, Boolean drifted, String note) {
    }

    static String label(double severity) {
        return severity < 0.1 ? "none" : severity < 0.2 ? "low" : severity < 0.35 ? "medium" : severity < 0.5 ? "high" : "critical";
    }
}
