package com.wedsync.ml.models.experiment;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Group-sequential monitoring of an A/B experiment: a two-sided test of total level alpha looked at
 * repeatedly, with efficacy boundaries from Lan &amp; DeMets' alpha-spending approach (Lan &amp; DeMets
 * 1983, "Discrete sequential boundaries for clinical trials", Biometrika 70) and the O'Brien-Fleming-type
 * spending function.
 *
 * <p><b>Spending.</b> Each side (B better, B worse) spends a(t) = 2 - 2&Phi;(z<sub>1-alpha/4</sub> / &radic;t) by
 * information fraction t: the Lan-DeMets O'Brien-Fleming-type function 2 - 2&Phi;(z<sub>1-a/2</sub>/&radic;t) at
 * the one-sided level a = alpha/2, so a(1) = alpha/2 and the two sides together spend alpha. This is the
 * convention of R's {@code ldbounds} ({@code bounds(t, iuse = 1, alpha = 0.05)}) and {@code gsDesign}
 * ({@code test.type = 2, alpha = 0.025, sfu = sfLDOF}); for five equally spaced looks at alpha = 0.05 it
 * gives the published 4.877, 3.357, 2.680, 2.290, 2.031. ({@link #alphaSpent(double)} returns both sides'
 * total, 2a(t).)
 *
 * <p><b>Boundaries.</b> Under H0 the z statistics at information fractions t<sub>1</sub> &lt; ... &lt; t<sub>K</sub>
 * behave like W(t)/&radic;t for a standard Brownian motion W (Jennison &amp; Turnbull 2000, "Group Sequential
 * Methods with Applications to Clinical Trials", ch. 3 and 19). The boundary c<sub>k</sub> solves
 * P(|Z<sub>j</sub>| &lt; c<sub>j</sub> for j &lt; k, |Z<sub>k</sub>| &ge; c<sub>k</sub>) = 2(a(t<sub>k</sub>) - a(t<sub>k-1</sub>)); the
 * sub-density of W(t<sub>k-1</sub>) on the continuation region is carried from look to look by the recursive
 * numerical integration of Armitage, McPherson &amp; Rowe (1969, "Repeated significance tests on
 * accumulating data", JRSS A 132): Simpson's rule on at least 1,001 grid points per look (more when looks
 * are close, so the step stays below an eighth of the increment's standard deviation, up to 4,001), and
 * bisection for c<sub>k</sub>. With a single look at t = 1 the boundary is the fixed-sample z<sub>1-alpha/2</sub>.
 * Boundaries are capped at 38 (beyond it the normal tail is 0 in double precision), which is what a look
 * at a tiny fraction, spending nothing, gets.
 *
 * <p><b>Guardrail.</b> The boundary is symmetric: the experiment stops for harm ({@link Decision#HARM_B},
 * the challenger clearly worse) when z &le; -c<sub>k</sub>, for efficacy ({@link Decision#EFFICACY_B}) when
 * z &ge; c<sub>k</sub>. Both stopping directions are part of the same two-sided design, so the probability under
 * H0 of ever stopping, either way, is alpha; no extra error is added by the guardrail. At t = 1 the
 * remaining alpha is spent; an experiment ended before its planned size should pass 1.0 as its last
 * fraction to spend what is left.
 *
 * <p>Z statistics are expected positive when B is better, e.g. {@link TwoProportionTest.Result#z()}.
 */
public final class SequentialTest {

    /** Boundaries are capped here: the standard normal tail beyond it is 0 in double precision. */
    public static final double MAX_BOUNDARY = 38;
    private static final int MIN_POINTS = 1001;
    private static final int MAX_POINTS = 4001;
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final NormalDistribution NORMAL = new NormalDistribution();

    /** What to do at a look. */
    public enum Decision {
        /** z at or above the boundary: B is better, stop. */
        EFFICACY_B,
        /** z at or below minus the boundary: B is worse (the guardrail), stop. */
        HARM_B,
        /** No boundary crossed before the final look: keep collecting. */
        CONTINUE,
        /** The final look (t = 1) without a crossing: no significant difference at level alpha. */
        INCONCLUSIVE
    }

    /**
     * @param look                1-based index of the look
     * @param informationFraction t of this look
     * @param z                   the two-sided boundary c: stop when |z| &ge; c
     * @param alphaSpent          the alpha both sides have spent by this look, 2a(t)
     */
    public record Boundary(int look, double informationFraction, double z, double alphaSpent) {
    }

    private final double alpha;
    private final long maxSampleSize;
    private final double zQuarter;

    /**
     * @param alpha         total two-sided level, strictly in (0, 1)
     * @param maxSampleSize the planned maximum sample size (information), in whatever unit
     *                      {@link #informationFraction(long)} is later given (e.g. per arm)
     */
    public SequentialTest(double alpha, long maxSampleSize) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie strictly between 0 and 1, got " + alpha);
        }
        if (maxSampleSize <= 0) {
            throw new IllegalArgumentException("maxSampleSize must be positive, got " + maxSampleSize);
        }
        this.alpha = alpha;
        this.maxSampleSize = maxSampleSize;
        this.zQuarter = -NORMAL.inverseCumulativeProbability(alpha / 4);
    }

    public double alpha() {
        return alpha;
    }

    public long maxSampleSize() {
        return maxSampleSize;
    }

    /** sampleSize / maxSampleSize, for a sample size in (0, maxSampleSize]. */
    public double informationFraction(long sampleSize) {
        if (sampleSize <= 0 || sampleSize > maxSampleSize) {
            throw new IllegalArgumentException("sample size " + sampleSize + " is outside (0, " + maxSampleSize + "]");
        }
        return (double) sampleSize / maxSampleSize;
    }

    /** Alpha spent by both sides together by information fraction t in (0, 1]: 4&Phi;(-z<sub>1-alpha/4</sub>/&radic;t). */
    public double alphaSpent(double t) {
        checkFraction(t);
        return 2 * sideSpent(t);
    }

    private double sideSpent(double t) {
        return 2 * NORMAL.cumulativeProbability(-zQuarter / Math.sqrt(t));
    }

    /** The boundary of the latest of these looks. */
    public Boundary boundaryAt(List<Double> informationFractions) {
        List<Boundary> all = boundaries(informationFractions);
        return all.get(all.size() - 1);
    }

    /** The decision at the latest of these looks for its z statistic (positive when B is better). */
    public Decision decide(List<Double> informationFractions, double z) {
        return decide(boundaryAt(informationFractions), z);
    }

    /** The decision for z at a boundary already computed (to monitor many experiments on the same looks). */
    public static Decision decide(Boundary boundary, double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("z statistic is NaN");
        }
        if (z >= boundary.z()) {
            return Decision.EFFICACY_B;
        }
        if (z <= -boundary.z()) {
            return Decision.HARM_B;
        }
        return boundary.informationFraction() >= 1 ? Decision.INCONCLUSIVE : Decision.CONTINUE;
    }

    /** The boundaries of all these looks, in order. */
    public List<Boundary> boundaries(List<Double> informationFractions) {
        double[] t = validate(informationFractions);
        List<Boundary> out = new ArrayList<>(t.length);
        double[] s = null;        // grid on the Brownian-motion scale W = Z sqrt(t), continuation region
        double[] wg = null;       // Simpson weight times the sub-density of W(t_{k-1}) at s
        double spentBefore = 0;
        for (int k = 0; k < t.length; k++) {
            double spent = sideSpent(t[k]);
            double target = 2 * (spent - spentBefore);
            double c;
            if (k == 0) {
                c = target <= 0 ? MAX_BOUNDARY : Math.min(MAX_BOUNDARY, -NORMAL.inverseCumulativeProbability(target / 2));
            } else {
                c = solve(s, wg, Math.sqrt(t[k] - t[k - 1]), Math.sqrt(t[k]), target);
            }
            out.add(new Boundary(k + 1, t[k], c, 2 * spent));
            spentBefore = spent;
            if (k + 1 < t.length) {
                double b = c * Math.sqrt(t[k]);
                double nextSd = Math.sqrt(t[k + 1] - t[k]);
                int n = (int) Math.min(MAX_POINTS, Math.max(MIN_POINTS, Math.ceil(2 * b / (nextSd / 8)) + 1)) | 1;
                double h = 2 * b / (n - 1);
                double[] grid = new double[n];
                double[] next = new double[n];
                for (int j = 0; j < n; j++) {
                    grid[j] = -b + j * h;
                    double density;
                    if (k == 0) {
                        density = phi(grid[j] / Math.sqrt(t[0])) / Math.sqrt(t[0]);
                    } else {
                        double sd = Math.sqrt(t[k] - t[k - 1]);
                        density = 0;
                        for (int i = 0; i < s.length; i++) {
                            density += wg[i] * phi((grid[j] - s[i]) / sd);
                        }
                        density /= sd;
                    }
                    double w = (j == 0 || j == n - 1) ? 1 : (j % 2 == 1 ? 4 : 2);
                    next[j] = density * w * h / 3;
                }
                s = grid;
                wg = next;
            }
        }
        return out;
    }

    /** The c at which the continuing paths cross |W(t_k)| &ge; c sqrt(t_k) with probability target. */
    private static double solve(double[] s, double[] wg, double incrementSd, double sqrtT, double target) {
        if (crossing(s, wg, incrementSd, MAX_BOUNDARY * sqrtT) >= target) {
            return MAX_BOUNDARY;
        }
        if (crossing(s, wg, incrementSd, 0) <= target) {
            return 0;
        }
        double lo = 0, hi = MAX_BOUNDARY;
        for (int i = 0; i < 200 && hi - lo > 1e-10; i++) {
            double mid = 0.5 * (lo + hi);
            if (crossing(s, wg, incrementSd, mid * sqrtT) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static double crossing(double[] s, double[] wg, double sd, double b) {
        double p = 0;
        for (int i = 0; i < s.length; i++) {
            p += wg[i] * (NORMAL.cumulativeProbability((-b - s[i]) / sd) + NORMAL.cumulativeProbability((s[i] - b) / sd));
        }
        return p;
    }

    private static double phi(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    private static double[] validate(List<Double> fractions) {
        if (fractions == null || fractions.isEmpty()) {
            throw new IllegalArgumentException("at least one information fraction is needed");
        }
        double[] t = new double[fractions.size()];
        for (int k = 0; k < t.length; k++) {
            Double v = fractions.get(k);
            if (v == null) {
                throw new IllegalArgumentException("information fraction " + (k + 1) + " is null");
            }
            checkFraction(v);
            if (k > 0 && !(v > t[k - 1])) {
                throw new IllegalArgumentException("information fractions must increase strictly, but look " + (k + 1)
                        + " has " + v + " after " + t[k - 1]);
            }
            t[k] = v;
        }
        return t;
    }

    private static void checkFraction(double t) {
        if (!(t > 0 && t <= 1)) {
            throw new IllegalArgumentException("information fraction must lie in (0, 1], got " + t);
        }
    }
}
