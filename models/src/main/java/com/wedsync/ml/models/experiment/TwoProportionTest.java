package com.wedsync.ml.models.experiment;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The two-proportion z-test for a binary outcome (e.g. conversion) in arms A and B (Agresti 2013,
 * "Categorical Data Analysis", 3rd ed., section 3.1; Fleiss, Levin &amp; Paik 2003, ch. 2).
 *
 * <p>With pA = xA/nA and pB = xB/nB the effect is d = pB - pA. The test statistic uses the pooled rate
 * p = (xA + xB)/(nA + nB) under H0: pA = pB, z = d / sqrt(p(1-p)(1/nA + 1/nB)), with normal p-values. The
 * 100(1-alpha)% Wald interval for d uses the unpooled standard error sqrt(pA(1-pA)/nA + pB(1-pB)/nB).
 * Relative lift is d / pA.
 *
 * <p>Degenerate inputs, never NaN: when the pooled rate is 0 or 1 (no successes or no failures anywhere)
 * the statistic's standard error is 0 and the result is z = 0, two-sided p-value 1 (one-sided 0.5, as
 * for any z = 0); when the unpooled standard
 * error is 0 the interval is the single point [d, d]; when pA = 0 the relative lift is 0 if pB = 0 too and
 * {@link Double#POSITIVE_INFINITY} otherwise. The normal approximation wants roughly five successes and
 * five failures per arm; below that prefer an exact test.
 */
public final class TwoProportionTest {

    private static final NormalDistribution NORMAL = new NormalDistribution();

    private TwoProportionTest() {
    }

    /**
     * @param difference    pB - pA
     * @param z             pooled z statistic, positive when B converts better
     * @param pTwoSided     p-value of "pB differs from pA"
     * @param pBGreater     one-sided p-value of "pB is greater than pA"
     * @param pBLess        one-sided p-value of "pB is less than pA"
     * @param ciLower       lower end of the Wald 100(1-alpha)% interval for the difference
     * @param ciUpper       upper end of that interval
     * @param relativeLift  (pB - pA) / pA
     */
    public record Result(double rateA, double rateB, double difference, double z, double pTwoSided,
                         double pBGreater, double pBLess, double ciLower, double ciUpper, double alpha,
                         double relativeLift) {
    }

    /** The test with a 95% interval. */
    public static Result compare(long successesA, long trialsA, long successesB, long trialsB) {
        return compare(successesA, trialsA, successesB, trialsB, 0.05);
    }

    public static Result compare(long successesA, long trialsA, long successesB, long trialsB, double alpha) {
        check("A", successesA, trialsA);
        check("B", successesB, trialsB);
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie strictly between 0 and 1, got " + alpha);
        }
        double pA = (double) successesA / trialsA;
        double pB = (double) successesB / trialsB;
        double d = pB - pA;
        double pooled = (double) (successesA + successesB) / ((double) trialsA + trialsB);
        double se0 = Math.sqrt(pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB));
        double z = se0 > 0 ? d / se0 : 0;
        double se = Math.sqrt(pA * (1 - pA) / trialsA + pB * (1 - pB) / trialsB);
        double half = -NORMAL.inverseCumulativeProbability(alpha / 2) * se;
        double lift = pA > 0 ? d / pA : (pB > 0 ? Double.POSITIVE_INFINITY : 0);
        double pGreater = NORMAL.cumulativeProbability(-z);
        double pLess = NORMAL.cumulativeProbability(z);
        double pTwo = Math.min(1, 2 * NORMAL.cumulativeProbability(-Math.abs(z)));
        return new Result(pA, pB, d, z, pTwo, pGreater, pLess, d - half, d + half, alpha, lift);
    }

    private static void check(String arm, long successes, long trials) {
        if (trials <= 0) {
            throw new IllegalArgumentException("arm " + arm + " needs at least one trial, got " + trials);
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("arm " + arm + " has " + successes + " successes in " + trials
                    + " trials; successes must lie in [0, trials]");
        }
    }
}
