package com.wedsync.ml.models.forecast;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Exponential smoothing in its innovations state-space form, ETS(error, trend, season) with a period of 12
 * months: Hyndman, Koehler, Ord and Snyder, <i>Forecasting with Exponential Smoothing: the State Space
 * Approach</i> (Springer 2008), table 2.3, and Hyndman and Athanasopoulos, <i>Forecasting: Principles and
 * Practice</i>, 3rd ed., section 8.5. Errors additive or multiplicative; trend none, additive (Holt) or
 * damped (Gardner and McKenzie 1985); season none, additive or multiplicative (Holt-Winters).
 *
 * <p>With {@code lb = l + phi b} (the level the trend carries into the month; {@code phi = 1} for an
 * additive trend, {@code b = 0} without one) and {@code s} the month's seasonal state, the one-step
 * forecast is {@code mu = lb}, {@code lb + s} or {@code lb * s}. Additive error {@code e = y - mu}:
 * {@code l = lb + alpha e} ({@code alpha e / s} with a multiplicative season), {@code b = phi b + beta e}
 * ({@code beta e / s}), {@code s = s + gamma e} ({@code gamma e / lb}). Multiplicative error
 * {@code e = (y - mu) / mu}: with a multiplicative or no season {@code l = lb (1 + alpha e)},
 * {@code b = phi b + beta lb e}; with an additive season
 * {@code l = lb + alpha mu e}, {@code b = phi b + beta mu e}, {@code s = s + gamma mu e}. A multiplicative
 * season is updated, under either error, as statsmodels' {@code ETSModel} does it,
 * {@code s = s + gamma (y - mu) / l} with the month's new level (Hyndman et al. divide by {@code lb}, the level
 * before the month; the two differ by a factor {@code 1 + alpha e / s} in the seasonal step, and the
 * estimated gamma absorbs it). The recursions are checked against statsmodels' {@code ETSModel} on fixtures
 * that {@code ops/forecast/make_fixtures.py} generates ({@code EtsAgainstStatsmodelsTest}).
 *
 * <p>Estimation: the smoothing parameters, the damping and the initial states maximise the Gaussian
 * likelihood (equivalently minimise {@code n log(sum e^2)}, plus {@code 2 sum log|mu|} for multiplicative
 * errors; Hyndman et al. 2008, section 5.2) by Nelder-Mead, restarted twice from its optimum; the search
 * starts from the classical decomposition of the first years (section 2.6.1), whose seasonal states a
 * prior's seasonal factors can be blended into. Prediction intervals: quantiles
 * of seeded simulated sample paths of the fitted model (section 6.1), the error's standard deviation
 * estimated with the estimated parameters' degrees of freedom taken off.
 */
public final class Ets {

    public static final int PERIOD = 12;
    /** Bounds of the damping parameter (Hyndman's forecast package: 0.8 to 0.98). */
    static final double PHI_MIN = 0.8;
    static final double PHI_MAX = 0.98;
    static final double PARAM_MIN = 1e-4;
    /** Pseudo-observations (years) of a seasonal prior when the data's own seasonal shape is blended with it. */
    public static final double PRIOR_WEIGHT = 3;
    /** Objective evaluations per Nelder-Mead run. */
    static final int MAX_EVALUATIONS = 3000;

    public enum Error { ADDITIVE, MULTIPLICATIVE }

    public enum Trend { NONE, ADDITIVE, DAMPED }

    public enum Season { NONE, ADDITIVE, MULTIPLICATIVE }

    /** Which ETS model. */
    public record Spec(Error error, Trend trend, Season season) {
        public String name() {
            return "ETS(" + (error == Error.ADDITIVE ? "A" : "M") + ","
                    + (trend == Trend.NONE ? "N" : trend == Trend.ADDITIVE ? "A" : "Ad") + ","
                    + (season == Season.NONE ? "N" : season == Season.ADDITIVE ? "A" : "M") + ")";
        }

        boolean multiplicative() {
            return error == Error.MULTIPLICATIVE || season == Season.MULTIPLICATIVE;
        }

        /** Months of history the initial states need: two for a trend, a season and one month for a season. */
        public int minHistory() {
            return season == Season.NONE ? 6 : PERIOD + 1;
        }
    }

    /** Smoothing parameters and damping ({@code phi} 1 for an additive trend, unused without a trend). */
    public record Parameters(double alpha, double beta, double gamma, double phi) {
    }

    /**
     * The states: level, trend, and the seasonal state of each position in the cycle ({@code seasonal[j]}
     * serves the months {@code t} with {@code t mod 12 = j}, t counted from the series' first month).
     */
    public record States(double level, double trend, double[] seasonal) {
        public States {
            seasonal = seasonal.clone();
        }
    }

    /**
     * A fitted model. {@code next} are the states after the last of {@code n} months; {@code sigma} the
     * error's standard deviation (relative for multiplicative errors).
     */
    public record Fit(Spec spec, Parameters parameters, States initial, States next, int n, double sigma,
                      double objective) {
    }

    private Ets() {
    }

    /** One month through the model: the one-step forecast {@code mu}, the error and the new states. */
    static final class Filter {
        final Spec spec;
        final Parameters p;
        double l;
        double b;
        final double[] s;

        Filter(Spec spec, Parameters p, States init) {
            this.spec = spec;
            this.p = p;
            this.l = init.level();
            this.b = spec.trend() == Trend.NONE ? 0 : init.trend();
            this.s = init.seasonal().clone();
        }

        double phi() {
            return spec.trend() == Trend.DAMPED ? p.phi() : 1;
        }

        double mean(int t) {
            double lb = l + phi() * b;
            return switch (spec.season()) {
                case NONE -> lb;
                case ADDITIVE -> lb + s[t % PERIOD];
                case MULTIPLICATIVE -> lb * s[t % PERIOD];
            };
        }

        /** Takes month {@code t}'s value; returns its error (relative for multiplicative errors). */
        double update(int t, double y) {
            int j = t % PERIOD;
            double phi = phi();
            double lb = l + phi * b;
            double sj = s[j];
            double mu = mean(t);
            double e;
            if (spec.error() == Error.ADDITIVE) {
                e = y - mu;
                if (spec.season() == Season.MULTIPLICATIVE) {
                    l = lb + p.alpha() * e / sj;
                    b = phi * b + p.beta() * e / sj;
                    s[j] = sj + p.gamma() * e / l;
                } else {
                    l = lb + p.alpha() * e;
                    b = phi * b + p.beta() * e;
                    if (spec.season() == Season.ADDITIVE) {
                        s[j] = sj + p.gamma() * e;
                    }
                }
            } else {
                e = (y - mu) / mu;
                if (spec.season() == Season.ADDITIVE) {
                    l = lb + p.alpha() * mu * e;
                    b = phi * b + p.beta() * mu * e;
                    s[j] = sj + p.gamma() * mu * e;
                } else {
                    l = lb * (1 + p.alpha() * e);
                    b = phi * b + p.beta() * lb * e;
                    if (spec.season() == Season.MULTIPLICATIVE) {
                        s[j] = sj + p.gamma() * (y - mu) / l;
                    }
                }
            }
            if (spec.trend() == Trend.NONE) {
                b = 0;
            }
            return e;
        }

        /** Advances one month with no error (the point forecast's path). */
        void advance() {
            l = l + phi() * b;
            b = phi() * b;
        }

        States states() {
            return new States(l, b, s);
        }
    }

    /**
     * Runs the model with given parameters and initial states over {@code y}: the one-step forecasts
     * (fitted values) and the states after the last month. Used by the fit and by the statsmodels check.
     */
    public static double[] fitted(double[] y, Spec spec, Parameters p, States init) {
        Filter f = new Filter(spec, p, init);
        double[] mu = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            mu[t] = f.mean(t);
            f.update(t, y[t]);
        }
        return mu;
    }

    /** The objective: n log(sum e^2) (+ 2 sum log|mu| for multiplicative errors); infinite when the model breaks. */
    static double objective(double[] y, Spec spec, Parameters p, States init) {
        Filter f = new Filter(spec, p, init);
        double sse = 0;
        double logMu = 0;
        for (int t = 0; t < y.length; t++) {
            double mu = f.mean(t);
            if (spec.multiplicative() && !(mu > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            double e = f.update(t, y[t]);
            if (!Double.isFinite(e)) {
                return Double.POSITIVE_INFINITY;
            }
            sse += e * e;
            if (spec.error() == Error.MULTIPLICATIVE) {
                logMu += Math.log(Math.abs(mu));
            }
        }
        if (!(sse > 0)) {
            sse = 1e-300;
        }
        return y.length * Math.log(sse) + 2 * logMu;
    }

    /**
     * Heuristic initial states (Hyndman et al. 2008, section 2.6.1): the seasonal states from the detrended
     * first years (ratios for a multiplicative season, differences for an additive one, to a centred 2x12
     * moving average with 24+ months, else to the first year's least squares line), blended with
     * {@code prior} (calendar-month factors, January first, or null) worth {@link #PRIOR_WEIGHT} years;
     * level and trend from a least squares line through the seasonally adjusted first two years.
     *
     * @param firstMonth0 the calendar month (0 = January) of the series' first month
     */
    static States initialStates(double[] y, Spec spec, double[] prior, int firstMonth0) {
        int n = y.length;
        boolean mult = spec.season() == Season.MULTIPLICATIVE;
        double[] factor = new double[PERIOD];
        Arrays.fill(factor, 1);
        double[] seasonal = new double[PERIOD];
        if (spec.season() != Season.NONE) {
            double[] sum = new double[PERIOD];
            int[] count = new int[PERIOD];
            int span = Math.min(n, 4 * PERIOD);
            if (span >= 2 * PERIOD) {
                for (int t = 6; t + 6 < span; t++) {
                    double ma = 0.5 * y[t - 6] + 0.5 * y[t + 6];
                    for (int k = t - 5; k <= t + 5; k++) {
                        ma += y[k];
                    }
                    ma /= PERIOD;
                    sum[t % PERIOD] += mult ? y[t] / ma : y[t] - ma;
                    count[t % PERIOD]++;
                }
            } else {
                SimpleRegression r = new SimpleRegression();
                for (int t = 0; t < PERIOD; t++) {
                    r.addData(t, y[t]);
                }
                for (int t = 0; t < PERIOD; t++) {
                    double line = r.predict(t);
                    sum[t] += mult ? y[t] / line : y[t] - line;
                    count[t]++;
                }
            }
            double meanLevel = mean(y, 0, Math.min(n, PERIOD));
            for (int j = 0; j < PERIOD; j++) {
                double data = count[j] == 0 ? (mult ? 1 : 0) : sum[j] / count[j];
                if (prior != null) {
                    double pj = prior[(firstMonth0 + j) % PERIOD];
                    double priorValue = mult ? pj : (pj - 1) * meanLevel;
                    data = (count[j] * data + PRIOR_WEIGHT * priorValue) / (count[j] + PRIOR_WEIGHT);
                }
                seasonal[j] = data;
            }
            // normalise: factors average 1, differences 0
            double m = mean(seasonal, 0, PERIOD);
            for (int j = 0; j < PERIOD; j++) {
                seasonal[j] = mult ? seasonal[j] / m : seasonal[j] - m;
                if (mult && !(seasonal[j] > 0.01)) {
                    seasonal[j] = 0.01;
                }
            }
        }
        SimpleRegression r = new SimpleRegression();
        int window = Math.min(n, 2 * PERIOD);
        double adjustedSum = 0;
        for (int t = 0; t < window; t++) {
            double adjusted = switch (spec.season()) {
                case NONE -> y[t];
                case ADDITIVE -> y[t] - seasonal[t % PERIOD];
                case MULTIPLICATIVE -> y[t] / seasonal[t % PERIOD];
            };
            r.addData(t + 1, adjusted);
            adjustedSum += adjusted;
        }
        double slope = spec.trend() == Trend.NONE || Double.isNaN(r.getSlope()) ? 0 : r.getSlope();
        double level = spec.trend() == Trend.NONE ? adjustedSum / window : r.getIntercept();
        if (Double.isNaN(level)) {
            level = y[0];
        }
        return new States(level, slope, seasonal);
    }

    /** Fits a model to {@code y} (see the class comment). */
    public static Fit fit(double[] y, Spec spec, double[] prior, int firstMonth0) {
        if (y.length < spec.minHistory()) {
            throw new IllegalArgumentException(spec.name() + " needs at least " + spec.minHistory() + " months, got " + y.length);
        }
        States h = initialStates(y, spec, prior, firstMonth0);
        boolean trend = spec.trend() != Trend.NONE;
        boolean season = spec.season() != Season.NONE;
        boolean damped = spec.trend() == Trend.DAMPED;
        double scale = Math.max(1e-9, sd(y) + 1e-9 * Math.abs(mean(y, 0, y.length)));
        // x: alpha, [beta], [gamma], [phi], level offset, [trend offset], [12 seasonal offsets]; the first
        // ones through logistic maps, the offsets in units of the series' spread (relative for factors)
        int dim = 1 + (trend ? 1 : 0) + (season ? 1 : 0) + (damped ? 1 : 0) + 1 + (trend ? 1 : 0) + (season ? PERIOD : 0);
        double[] x0 = new double[dim];
        int k = 0;
        x0[k++] = logit(0.3);
        if (trend) {
            x0[k++] = logit(0.1);
        }
        if (season) {
            x0[k++] = logit(0.1);
        }
        if (damped) {
            x0[k++] = logit(0.75);
        }
        Decoder d = new Decoder(spec, h, scale, trend, season, damped);
        double[][] bestX = {x0.clone()};
        double[] bestV = {Double.POSITIVE_INFINITY};
        ObjectiveFunction f = new ObjectiveFunction(x -> {
            double v = objective(y, spec, d.parameters(x), d.states(x));
            v = Double.isFinite(v) ? v : 1e300;
            if (v < bestV[0]) {
                bestV[0] = v;
                bestX[0] = x.clone();
            }
            return v;
        });
        // Nelder-Mead, restarted from its optimum with a smaller simplex; evaluation budgets end a search
        // that creeps along a flat ridge, and the best point seen is kept (Commons Math's BOBYQA found the same
        // optima but took about a second a fit here, its linear algebra dominating)
        for (double step : new double[] {0.5, 0.2, 0.05}) {
            try {
                new SimplexOptimizer(1e-9, 1e-9).optimize(new MaxEval(MAX_EVALUATIONS), f, GoalType.MINIMIZE,
                        new InitialGuess(bestX[0].clone()), new NelderMeadSimplex(dim, step));
            } catch (TooManyEvaluationsException budget) {
                // keep the best so far
            }
        }
        PointValuePair best = new PointValuePair(bestX[0], bestV[0]);
        Parameters p = d.parameters(best.getPoint());
        States init = d.states(best.getPoint());
        Filter filter = new Filter(spec, p, init);
        double ss = 0;
        for (int t = 0; t < y.length; t++) {
            double e = filter.update(t, y[t]);
            ss += e * e;
        }
        int estimated = dim - (season ? 1 : 0); // the seasonal states are normalised: one fewer free
        double df = Math.max(y.length - estimated, Math.max(1, y.length / 3.0));
        return new Fit(spec, p, init, filter.states(), y.length, Math.sqrt(ss / df), best.getValue());
    }

    /** Maps the optimiser's unconstrained vector to admissible parameters and initial states. */
    private record Decoder(Spec spec, States heuristic, double scale, boolean trend, boolean season, boolean damped) {
        Parameters parameters(double[] x) {
            int k = 0;
            double alpha = bounded(x[k++], PARAM_MIN, 1 - PARAM_MIN);
            double beta = trend ? bounded(x[k++], PARAM_MIN, alpha) : 0;
            double gamma = season ? bounded(x[k++], PARAM_MIN, 1 - alpha) : 0;
            double phi = damped ? bounded(x[k], PHI_MIN, PHI_MAX) : 1;
            return new Parameters(alpha, beta, gamma, phi);
        }

        States states(double[] x) {
            int k = 1 + (trend ? 1 : 0) + (season ? 1 : 0) + (damped ? 1 : 0);
            double level = heuristic.level() + x[k++] * scale;
            double b = trend ? heuristic.trend() + x[k++] * scale / PERIOD : 0;
            double[] seasonal = heuristic.seasonal().clone();
            if (season) {
                double mean = 0;
                for (int j = 0; j < PERIOD; j++) {
                    seasonal[j] = spec.season() == Season.MULTIPLICATIVE ? seasonal[j] * Math.exp(0.25 * x[k + j])
                            : seasonal[j] + 0.25 * x[k + j] * scale;
                    mean += seasonal[j] / PERIOD;
                }
                for (int j = 0; j < PERIOD; j++) {
                    seasonal[j] = spec.season() == Season.MULTIPLICATIVE ? seasonal[j] / mean : seasonal[j] - mean;
                }
            }
            return new States(level, b, seasonal);
        }
    }

    /** Point forecasts for the {@code horizon} months after the fit's last month (the error-free path). */
    public static double[] forecast(Fit fit, int horizon) {
        Filter f = new Filter(fit.spec(), fit.parameters(), fit.next());
        double[] out = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            out[h] = f.mean(fit.n() + h);
            f.advance();
        }
        return out;
    }

    /**
     * Simulated future paths of the fitted model: {@code paths} rows of {@code horizon} months, Gaussian
     * errors of the fit's standard deviation, seeded.
     */
    public static double[][] simulate(Fit fit, int horizon, int paths, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] out = new double[paths][horizon];
        for (int path = 0; path < paths; path++) {
            Filter f = new Filter(fit.spec(), fit.parameters(), fit.next());
            for (int h = 0; h < horizon; h++) {
                int t = fit.n() + h;
                double mu = f.mean(t);
                double z = rnd.nextGaussian() * fit.sigma();
                double y = fit.spec().error() == Error.ADDITIVE ? mu + z : mu * (1 + z);
                out[path][h] = y;
                f.update(t, y);
            }
        }
        return out;
    }

    static double bounded(double x, double lo, double hi) {
        return lo + (hi - lo) / (1 + Math.exp(-x));
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    static double mean(double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += y[i];
        }
        return to > from ? s / (to - from) : 0;
    }

    static double sd(double[] y) {
        double m = mean(y, 0, y.length);
        double s = 0;
        for (double v : y) {
            s += (v - m) * (v - m);
        }
        return y.length > 1 ? Math.sqrt(s / (y.length - 1)) : 0;
    }
}
