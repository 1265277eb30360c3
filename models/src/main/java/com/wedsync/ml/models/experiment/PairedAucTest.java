package com.wedsync.ml.models.experiment;

import org.apache.commons.math3.distribution.NormalDistribution;

import com.wedsync.ml.models.evaluation.DeLong;

/**
 * Shadow-mode comparison of challenger B against champion A when both scored the same entities: the AUC
 * difference aucB - aucA with DeLong's test for correlated ROC curves (DeLong, DeLong &amp; Clarke-Pearson
 * 1988, Biometrics 44; computed by {@link DeLong}) and the Wald interval aucB - aucA &plusmn; z<sub>1-alpha/2</sub>
 * &middot; sd from DeLong's variance of the difference.
 *
 * <p>Degenerate inputs, never NaN: when DeLong's variance is 0 (e.g. identical scores) the interval is the
 * point [d, d]; with d = 0 then z = 0 and the two-sided p-value is 1, with d &ne; 0 z is &plusmn;infinity and the
 * two-sided p-value 0, as {@link DeLong} reports. Fewer than two positives or two negatives throw.
 */
public final class PairedAucTest {

    private static final NormalDistribution NORMAL = new NormalDistribution();

    private PairedAucTest() {
    }

    /**
     * @param difference aucB - aucA
     * @param z          difference / sd, positive when B ranks better
     * @param pTwoSided  p-value of "the AUCs differ"
     * @param pBGreater  one-sided p-value of "B's AUC is greater than A's"
     */
    public record Result(double aucA, double aucB, double difference, double sd, double ciLower, double ciUpper,
                         double z, double pTwoSided, double pBGreater, double alpha) {
    }

    /** The comparison with a 95% interval. */
    public static Result compare(double[] scoresA, double[] scoresB, int[] outcomes) {
        return compare(scoresA, scoresB, outcomes, 0.05);
    }

    /** @param outcomes 1 for a positive, 0 for a negative, one per scored entity, aligned with both score arrays */
    public static Result compare(double[] scoresA, double[] scoresB, int[] outcomes, double alpha) {
        if (scoresA == null || scoresB == null || outcomes == null) {
            throw new IllegalArgumentException("scores and outcomes must not be null");
        }
        if (outcomes.length == 0) {
            throw new IllegalArgumentException("no scored entities");
        }
        if (scoresA.length != outcomes.length || scoresB.length != outcomes.length) {
            throw new IllegalArgumentException("paired comparison needs one score per model per outcome, got "
                    + scoresA.length + " and " + scoresB.length + " scores for " + outcomes.length + " outcomes");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie strictly between 0 and 1, got " + alpha);
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] != 0 && outcomes[i] != 1) {
                throw new IllegalArgumentException("outcome " + i + " is " + outcomes[i] + ", not 0 or 1");
            }
            if (Double.isNaN(scoresA[i]) || Double.isNaN(scoresB[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
        DeLong.Result r = DeLong.compare(scoresB, scoresA, outcomes);
        double d = r.auc1() - r.auc2();
        double half = -NORMAL.inverseCumulativeProbability(alpha / 2) * r.sd();
        return new Result(r.auc2(), r.auc1(), d, r.sd(), d - half, d + half, r.z(), r.pTwoSided(), r.pOneSided(), alpha);
    }
}
