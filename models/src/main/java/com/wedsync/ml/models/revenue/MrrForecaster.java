package com.wedsync.ml.models.revenue;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The spec's MRR forecast (section 2), by stream: new business (viral, paid, organic), expansion,
 * contraction, churn and reactivation, each forecast separately and added to the last known MRR.
 *
 * <p>Per stream: a multiplicative seasonal factor per calendar month, an ordinary least squares trend
 * (Commons Math {@link SimpleRegression}) on the seasonally adjusted last {@code trendMonths} months,
 * extrapolated as a damped trend (Gardner and McKenzie 1985: the slope's effect over h months is
 * {@code phi + phi^2 + ... + phi^h}), then re-seasonalised. Seasonality: the spec's wedding factors
 * (normalised to mean 1) are the prior of the new-business streams; with at least 24 months of history
 * their factors are re-estimated by the ratio-to-moving-average method and shrunk towards the prior
 * (worth three years of observations). Expansion, contraction, churn and reactivation have no prior
 * shape (flat), but they can have seasons of their own (in the marketplace simulator churn runs at about
 * 1.17 times its average from December to April and 0.81 from June to August): from the first fit on,
 * each gets the annual cycle (first harmonic) its ratios to trend show, shrunk by the cycle's own
 * sampling noise (empirical Bayes), so noise alone leaves them flat.
 *
 * <p>Uncertainty: a Monte Carlo simulation ({@code paths}, seeded) that adds to each future month the
 * out-of-sample error vector of one past month drawn at random (all streams of a month together, so
 * streams that move together keep doing so: a residual bootstrap), weighted towards the past months of
 * the same season ({@link #seasonPool}) and smoothed by a kernel with the errors' own covariance. A
 * stream's noise grows like the square root of its size (it is the sum of many suppliers' movements;
 * {@link #NOISE_POWER}): errors are measured relative to the square root of (seasonal factor x MRR),
 * both when they are recorded and when they are replayed in another season or at another MRR.
 * Percentile bands of the MRR path come from those paths. Scenarios: the optimistic one moves every
 * stream 1.2816 error standard deviations (its own 90th percentile) the favourable way at once; the
 * pessimistic one the other way.
 */
public final class MrrForecaster {

    public static final List<String> STREAMS = List.of("new_viral", "new_paid", "new_organic", "expansion", "contraction",
            "churn", "reactivation");
    /** +1 for streams that add MRR, -1 for those that take it away. */
    static final int[] SIGN = {1, 1, 1, 1, -1, -1, 1};
    static final boolean[] WEDDING_SEASONAL = {true, true, true, false, false, false, false};
    /** The spec's wedding seasonal factors, January to December. */
    public static final double[] SPEC_SEASONALITY = {1.4, 1.2, 1.1, 1.3, 1.5, 1.6, 1.5, 1.4, 1.5, 1.3, 0.8, 0.6};
    public static final int MAX_HORIZON = 60;
    /** Pseudo-observations of the seasonal prior when factors are re-estimated from the data. */
    static final double PRIOR_WEIGHT = 3;
    static final double Z90 = 1.2815515655446004;
    /**
     * How a stream's noise grows with its expected size (its seasonal factor times the MRR before the
     * month): standard deviation proportional to size^NOISE_POWER. 0.5: a stream is a sum of many
     * suppliers' independent movements (counts times prices, as in the marketplace simulator), so its
     * variance is in proportion to its size; shocks to the rates themselves would give 1, noise in
     * proportion to the stream. A year or two of out-of-sample errors cannot tell the two apart (regressing
     * log |error| on log size, sizes that vary by a factor of two or three within a stream leave the power
     * a standard error of roughly 0.3 to 0.6); with the season-matched pool the band stays close to 80%
     * under either (MrrForecasterCalibrationTest, about 700 origins each: 0.79 on noise in proportion,
     * 0.82 on count noise; with 1 here 0.82 and 0.84).
     */
    static final double NOISE_POWER = 0.5;

    /**
     * @param trendMonths months the trend is fitted on (at least 6)
     * @param damping     phi of the damped trend, in (0, 1]
     * @param paths       Monte Carlo paths (at least 100)
     */
    public record Parameters(int trendMonths, double damping, int paths, long seed) {
        public Parameters {
            if (trendMonths < 6 || trendMonths > 120) {
                throw new IllegalArgumentException("trend_months must be 6 to 120, got " + trendMonths);
            }
            if (!(damping > 0 && damping <= 1)) {
                throw new IllegalArgumentException("damping must be in (0, 1], got " + damping);
            }
            if (paths < 100 || paths > 100_000) {
                throw new IllegalArgumentException("monte_carlo_paths must be 100 to 100,000, got " + paths);
            }
        }

        public static Parameters defaults() {
            return new Parameters(12, 0.9, 1000, 42);
        }

        /** The history a fit needs: the trend window and the month after a full season. */
        public int minHistory() {
            return Math.max(13, trendMonths);
        }
    }

    /** One stream's fitted model. */
    record StreamFit(double intercept, double slope, double[] seasonal, double residualSd, String seasonality) {
    }

    /**
     * A fitted forecaster: the models of every stream, fitted on a history ending at {@link #lastMonth}.
     * {@code residuals} are one-step errors by month and stream in units of the last MRR, standardised
     * for their month's size ({@link #NOISE_POWER}); a stream's {@code residualSd} is their root mean square.
     */
    public record Fit(YearMonth lastMonth, double lastMrr, int historyMonths, StreamFit[] streams, double[][] residuals,
                      YearMonth[] residualMonths, Parameters parameters) {
    }

    private MrrForecaster() {
    }

    /** Out-of-sample residual months wanted for the bootstrap (fewer when the history is short). */
    static final int OUT_OF_SAMPLE_MONTHS = 12;

    /**
     * Fits every stream on the history. The Monte Carlo draws from out-of-sample one-step errors: for
     * each of the last (up to) 12 months, the error of the forecast a fit on the months before it made
     * (empirical prediction intervals, Williams and Goodman 1971). In-sample residuals understate the
     * error of a forecast; with fewer than 6 such months the in-sample residuals, inflated for the two
     * fitted parameters, are used instead.
     */
    public static Fit fit(List<MonthlyRevenue> history, Parameters p) {
        checkHistory(history, p);
        Fit inSample = fitInSample(history, p);
        int n = history.size();
        int first = Math.max(p.minHistory(), n - OUT_OF_SAMPLE_MONTHS);
        if (n - first < 6) {
            return inSample;
        }
        int k = STREAMS.size();
        double[][] residuals = new double[n - first][k];
        YearMonth[] months = new YearMonth[n - first];
        double[] ss = new double[k];
        double last = lastMrr(history);
        for (int o = first; o < n; o++) {
            Fit before = fitInSample(history.subList(0, o), p);
            int moy = history.get(o).month().getMonthValue() - 1;
            for (int s = 0; s < k; s++) {
                double e = history.get(o).streams()[s] - point(before, s, 1);
                double f = before.streams()[s].seasonal()[moy];
                residuals[o - first][s] = e / noiseScale(f, previousMrr(history, o), last);
                ss[s] += residuals[o - first][s] * residuals[o - first][s];
            }
            months[o - first] = history.get(o).month();
        }
        StreamFit[] streams = inSample.streams().clone();
        for (int s = 0; s < k; s++) {
            StreamFit f = streams[s];
            streams[s] = new StreamFit(f.intercept(), f.slope(), f.seasonal(), Math.sqrt(ss[s] / (n - first)), f.seasonality());
        }
        return new Fit(inSample.lastMonth(), inSample.lastMrr(), n, streams, residuals, months, p);
    }

    /** The MRR before month t (what its movements are relative to), at least 1. */
    private static double previousMrr(List<MonthlyRevenue> history, int t) {
        double v = t > 0 ? history.get(t - 1).mrrEnd() : history.get(t).mrrEnd() - history.get(t).net();
        return Math.max(1, Math.abs(v));
    }

    private static double lastMrr(List<MonthlyRevenue> history) {
        return Math.max(1, Math.abs(history.get(history.size() - 1).mrrEnd()));
    }

    /**
     * What a stream's error in a month of seasonal factor {@code seasonal} after an MRR of {@code mrrBefore}
     * is divided by to be comparable with every other month's, in units of {@code lastMrr}:
     * {@code (seasonal * mrrBefore)^NOISE_POWER * lastMrr^(1 - NOISE_POWER)}. With NOISE_POWER 1 it is the
     * seasonal factor times the MRR before the month.
     */
    static double noiseScale(double seasonal, double mrrBefore, double lastMrr) {
        return Math.pow(seasonal * mrrBefore, NOISE_POWER) * Math.pow(lastMrr, 1 - NOISE_POWER);
    }

    private static Fit fitInSample(List<MonthlyRevenue> history, Parameters p) {
        int n = history.size();
        StreamFit[] fits = new StreamFit[STREAMS.size()];
        int window = Math.min(p.trendMonths(), n);
        double[][] residuals = new double[window][STREAMS.size()];
        YearMonth[] residualMonths = new YearMonth[window];
        double inflation = Math.sqrt(window / (double) (window - 2) * (1 + 1.0 / window));
        double last = lastMrr(history);
        for (int s = 0; s < STREAMS.size(); s++) {
            double[] y = new double[n];
            for (int t = 0; t < n; t++) {
                y[t] = history.get(t).streams()[s];
            }
            String[] how = new String[1];
            double[] seasonal = seasonal(y, history.get(0).month(), s, how);
            SimpleRegression r = new SimpleRegression();
            for (int t = n - window; t < n; t++) {
                r.addData(t, y[t] / seasonal[history.get(t).month().getMonthValue() - 1]);
            }
            double intercept = r.getN() < 2 || Double.isNaN(r.getSlope()) ? mean(y, n - window, n) : r.getIntercept();
            double slope = r.getN() < 2 || Double.isNaN(r.getSlope()) ? 0 : r.getSlope();
            double ss = 0;
            for (int t = n - window, k = 0; t < n; t++, k++) {
                double f = seasonal[history.get(t).month().getMonthValue() - 1];
                double e = y[t] - (intercept + slope * t) * f;
                double standardised = e / noiseScale(f, previousMrr(history, t), last);
                residuals[k][s] = standardised * inflation; // rescaled to the target month's size on use
                residualMonths[k] = history.get(t).month();
                ss += standardised * standardised;
            }
            fits[s] = new StreamFit(intercept, slope, seasonal, Math.sqrt(ss / Math.max(1, window - 2)) * inflation, how[0]);
        }
        MonthlyRevenue end = history.get(n - 1);
        return new Fit(end.month(), end.mrrEnd(), n, fits, residuals, residualMonths, p);
    }

    /**
     * Seasonal factors of one stream, mean 1: for new business the spec prior, re-estimated from the data
     * with 24+ months; for the other streams the annual cycle the data show ({@link #annualCycle}).
     */
    private static double[] seasonal(double[] y, YearMonth first, int stream, String[] how) {
        if (!WEDDING_SEASONAL[stream]) {
            return annualCycle(y, first, how);
        }
        double[] prior = new double[12];
        double mean = Arrays.stream(SPEC_SEASONALITY).average().orElse(1);
        for (int m = 0; m < 12; m++) {
            prior[m] = SPEC_SEASONALITY[m] / mean;
        }
        how[0] = "spec prior";
        if (y.length < 24) {
            return prior;
        }
        double[] sum = new double[12];
        int[] count = new int[12];
        for (int t = 6; t + 6 < y.length; t++) {
            // centred 2x12 moving average
            double ma = 0.5 * y[t - 6] + 0.5 * y[t + 6];
            for (int k = t - 5; k <= t + 5; k++) {
                ma += y[k];
            }
            ma /= 12;
            if (Math.abs(ma) < 1e-9 || Math.signum(ma) != Math.signum(y[t]) && y[t] != 0) {
                continue;
            }
            int m = first.plusMonths(t).getMonthValue() - 1;
            sum[m] += y[t] / ma;
            count[m]++;
        }
        double[] f = new double[12];
        for (int m = 0; m < 12; m++) {
            f[m] = (sum[m] + PRIOR_WEIGHT * prior[m]) / (count[m] + PRIOR_WEIGHT);
            if (!(f[m] > 0.05)) {
                return prior;
            }
        }
        double norm = Arrays.stream(f).average().orElse(1);
        for (int m = 0; m < 12; m++) {
            f[m] /= norm;
        }
        how[0] = how[0] + " re-estimated from " + y.length + " months";
        return f;
    }

    /**
     * Seasonal factors of a stream without a prior shape, mean 1: flat plus the annual cycle (the first
     * harmonic, {@code a cos + b sin} of the calendar month) fitted by least squares to the stream's ratios
     * to its trend (a centred 2x12 moving average where the history allows, else the least squares line
     * through the 13 months nearest the month), shrunk towards flat by its sampling noise: with v the
     * variance of a and b, the empirical Bayes positive-part factor {@code max(0, 1 - 2v / (a^2 + b^2))}.
     * One harmonic (two numbers) is what a year or two of noisy months can tell; twelve free factors
     * would mostly fit noise.
     */
    private static double[] annualCycle(double[] y, YearMonth first, String[] how) {
        int n = y.length;
        double[] f = new double[12];
        Arrays.fill(f, 1.0);
        how[0] = "flat prior";
        double scc = 0;
        double sss = 0;
        double scs = 0;
        double sqc = 0;
        double sqs = 0;
        double sqq = 0;
        int used = 0;
        int firstMonth = first.getMonthValue() - 1;
        SimpleRegression[] lines = new SimpleRegression[Math.max(1, n)];
        double movingSum = Double.NaN;
        for (int t = 0; t < n; t++) {
            double trend;
            if (t >= 6 && t + 6 < n) {
                // centred 2x12 moving average, the 12 middle months' sum kept rolling
                movingSum = Double.isNaN(movingSum) ? sum(y, t - 5, t + 6) : movingSum - y[t - 6] + y[t + 5];
                trend = (0.5 * y[t - 6] + movingSum + 0.5 * y[t + 6]) / 12;
            } else {
                int from = Math.max(0, Math.min(t - 6, n - 13));
                if (lines[from] == null) {
                    lines[from] = new SimpleRegression();
                    for (int k = from; k < Math.min(n, from + 13); k++) {
                        lines[from].addData(k, y[k]);
                    }
                }
                trend = lines[from].predict(t);
            }
            if (!(Math.abs(trend) > 1e-9) || Math.signum(trend) != Math.signum(y[t]) && y[t] != 0) {
                continue;
            }
            double q = y[t] / trend - 1;
            int m = (firstMonth + t) % 12;
            double c = COS[m];
            double si = SIN[m];
            scc += c * c;
            sss += si * si;
            scs += c * si;
            sqc += q * c;
            sqs += q * si;
            sqq += q * q;
            used++;
        }
        double det = scc * sss - scs * scs;
        if (used < 6 || !(det > 1e-9)) {
            return f;
        }
        double a = (sqc * sss - sqs * scs) / det;
        double b = (sqs * scc - sqc * scs) / det;
        double s2 = Math.max(0, sqq - a * sqc - b * sqs) / (used - 2);
        double v = s2 * (scc + sss) / det / 2; // the mean of the variances of a and b
        double amplitude2 = a * a + b * b;
        double shrink = amplitude2 > 0 ? Math.max(0, 1 - 2 * v / amplitude2) : 0;
        if (shrink == 0) {
            how[0] = "flat prior (no annual cycle in " + n + " months)";
            return f;
        }
        for (int m = 0; m < 12; m++) {
            f[m] = 1 + shrink * (a * COS[m] + b * SIN[m]);
            if (!(f[m] > 0.05)) {
                Arrays.fill(f, 1.0);
                return f;
            }
        }
        double norm = Arrays.stream(f).average().orElse(1);
        for (int m = 0; m < 12; m++) {
            f[m] /= norm;
        }
        how[0] = "flat prior, annual cycle of amplitude " + Math.round(1000 * shrink * Math.sqrt(amplitude2)) / 1000.0
                + " from " + n + " months";
        return f;
    }

    /** cos and sin of the calendar month's angle (January 0) for the annual cycle. */
    private static final double[] COS = new double[12];
    private static final double[] SIN = new double[12];

    static {
        for (int m = 0; m < 12; m++) {
            COS[m] = Math.cos(2 * Math.PI * m / 12.0);
            SIN[m] = Math.sin(2 * Math.PI * m / 12.0);
        }
    }

    private static double sum(double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += y[i];
        }
        return s;
    }

    /** The point forecast of stream s, h months after the fit's last month. */
    static double point(Fit fit, int s, int h) {
        StreamFit f = fit.streams()[s];
        double trend = 0;
        double phi = fit.parameters().damping();
        double pow = 1;
        for (int i = 1; i <= h; i++) {
            pow *= phi;
            trend += pow;
        }
        int t = fit.historyMonths() - 1;
        double adjusted = f.intercept() + f.slope() * (t + trend);
        double v = adjusted * f.seasonal()[fit.lastMonth().plusMonths(h).getMonthValue() - 1];
        // a stream never changes sign: new business is not negative, churn is not positive
        return SIGN[s] > 0 ? Math.max(0, v) : Math.min(0, v);
    }

    public static Forecast forecast(Fit fit, int horizon) {
        if (horizon < 1 || horizon > MAX_HORIZON) {
            throw new IllegalArgumentException("horizon must be 1 to " + MAX_HORIZON + " months, got " + horizon);
        }
        int k = STREAMS.size();
        double[][] streams = new double[horizon][k];
        double[] baseline = new double[horizon];
        double[] optimistic = new double[horizon];
        double[] pessimistic = new double[horizon];
        double mrr = fit.lastMrr();
        double opt = fit.lastMrr();
        double pess = fit.lastMrr();
        double last = Math.max(1, Math.abs(fit.lastMrr()));
        for (int h = 1; h <= horizon; h++) {
            int moy = fit.lastMonth().plusMonths(h).getMonthValue() - 1;
            for (int s = 0; s < k; s++) {
                streams[h - 1][s] = point(fit, s, h);
                double shift = Z90 * fit.streams()[s].residualSd() * noiseScale(fit.streams()[s].seasonal()[moy],
                        Math.max(1, h == 1 ? fit.lastMrr() : baseline[h - 2]), last);
                mrr += streams[h - 1][s];
                opt += streams[h - 1][s] + shift;
                pess += streams[h - 1][s] - shift;
            }
            baseline[h - 1] = mrr;
            optimistic[h - 1] = Math.max(0, opt);
            pessimistic[h - 1] = Math.max(0, pess);
        }
        // Monte Carlo: smoothed residual bootstrap of whole months, season-matched: the error months are
        // drawn with weights that fall with their calendar distance from the target month (seasonPool), so a
        // December is forecast with the errors of past Decembers and their neighbours: a season whose errors
        // are larger, or lean one way (a churn peak the trend misses), keeps them. The kernel's spread makes
        // the band of a few residual months as wide as the small-sample (Student t) prediction interval
        // would be (with the weights' effective number of months); the kernel has the residuals' own
        // covariance (a random combination of the residual months), so streams whose errors offset each other
        // (a new supplier counted as viral is not counted as paid) are not smoothed as if they were independent.
        SplittableRandom rnd = new SplittableRandom(fit.parameters().seed());
        int paths = fit.parameters().paths();
        double[][] sims = new double[horizon][paths];
        double[][] residuals = fit.residuals();
        int n = residuals.length;
        SeasonPool[] pools = new SeasonPool[12];
        for (int m = 0; m < 12; m++) {
            pools[m] = seasonPool(fit.residualMonths(), m);
        }
        double[] jitter = new double[k];
        // noiseScale(f, before, last) = f^p * last^(1-p) * before^p: the first two per month and stream
        double[][] seasonScale = new double[horizon][k];
        for (int h = 1; h <= horizon; h++) {
            int moy = fit.lastMonth().plusMonths(h).getMonthValue() - 1;
            for (int s = 0; s < k; s++) {
                seasonScale[h - 1][s] = noiseScale(fit.streams()[s].seasonal()[moy], 1, last);
            }
        }
        for (int path = 0; path < paths; path++) {
            double level = fit.lastMrr();
            for (int h = 1; h <= horizon; h++) {
                SeasonPool pool = pools[fit.lastMonth().plusMonths(h).getMonthValue() - 1];
                double[] e = residuals[pool.draw(rnd.nextDouble())];
                // jitter = kernel * sum_j sqrt(w_j) z_j residual_j, z_j standard normal, weights summing to 1:
                // covariance kernel^2 times the residuals' weighted mean outer product
                Arrays.fill(jitter, 0);
                for (int j = 0; j < n; j++) {
                    double z = pool.kernel[j] * rnd.nextGaussian();
                    for (int s = 0; s < k; s++) {
                        jitter[s] += z * residuals[j][s];
                    }
                }
                double before = Math.pow(Math.max(1, level), NOISE_POWER);
                for (int s = 0; s < k; s++) {
                    double v = streams[h - 1][s] + (e[s] + jitter[s]) * seasonScale[h - 1][s] * before;
                    // not clamped to the stream's sign: clipping a noise draw would bias the band (only the MRR
                    // itself is kept non-negative)
                    level += v;
                }
                sims[h - 1][path] = Math.max(0, level);
            }
        }
        List<MonthForecast> months = new ArrayList<>(horizon);
        Percentile pct = new Percentile();
        for (int h = 1; h <= horizon; h++) {
            double[] x = sims[h - 1];
            pct.setData(x);
            Map<String, Double> byStream = new LinkedHashMap<>();
            for (int s = 0; s < k; s++) {
                byStream.put(STREAMS.get(s), streams[h - 1][s]);
            }
            months.add(new MonthForecast(fit.lastMonth().plusMonths(h), baseline[h - 1], optimistic[h - 1], pessimistic[h - 1],
                    pct.evaluate(5), pct.evaluate(10), pct.evaluate(50), pct.evaluate(90), pct.evaluate(95), byStream));
        }
        return new Forecast(fit.lastMonth(), fit.lastMrr(), horizon, paths, months, drivers(fit, streams),
                recommendations(fit, streams), confidence(months.get(0)), seasonality(fit));
    }

    /** Bandwidth, in calendar months, of the season-matched error pool's Gaussian weights. */
    static final double SEASON_BANDWIDTH = 1.5;

    /**
     * The error months' weights for one target calendar month: cumulative (to draw one) and, per month, the
     * smoothing kernel's coefficient (the kernel's spread times the square root of the month's weight).
     */
    record SeasonPool(double[] cumulative, double[] kernel) {
        int draw(double u) {
            int i = 0;
            while (i < cumulative.length - 1 && cumulative[i] <= u) {
                i++;
            }
            return i;
        }
    }

    /**
     * Weights exp(-d^2 / (2 * SEASON_BANDWIDTH^2)) of the error months, d their distance in calendar months
     * (circular: December is next to January) from {@code monthOfYear0}: 1 for the same month, 0.80 one month
     * away, 0.41 two, 0.14 three. The kernel's spread is that of the full pool with the weights' effective
     * number of months (Kish: (sum w)^2 / sum w^2) in place of the number of months.
     */
    static SeasonPool seasonPool(YearMonth[] months, int monthOfYear0) {
        int n = months.length;
        double[] w = new double[n];
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            int d = Math.abs(months[i].getMonthValue() - 1 - monthOfYear0);
            d = Math.min(d, 12 - d);
            w[i] = Math.exp(-0.5 * d * d / (SEASON_BANDWIDTH * SEASON_BANDWIDTH));
            sum += w[i];
            sum2 += w[i] * w[i];
        }
        double effective = sum * sum / sum2;
        double t = effective > 2 ? new TDistribution(effective - 1).inverseCumulativeProbability(0.9) : 3.078;
        double spread = Math.sqrt(Math.max(0, (t / Z90) * (t / Z90) * (1 + 1.0 / effective) - 1));
        double[] cumulative = new double[n];
        double[] kernel = new double[n];
        double c = 0;
        for (int i = 0; i < n; i++) {
            c += w[i] / sum;
            cumulative[i] = c;
            kernel[i] = spread * Math.sqrt(w[i] / sum);
        }
        return new SeasonPool(cumulative, kernel);
    }

    private static List<Driver> drivers(Fit fit, double[][] streams) {
        List<Driver> out = new ArrayList<>();
        double totalVariance = 0;
        for (StreamFit f : fit.streams()) {
            totalVariance += f.residualSd() * f.residualSd();
        }
        for (int s = 0; s < STREAMS.size(); s++) {
            double sum = 0;
            for (double[] month : streams) {
                sum += month[s];
            }
            double sd = fit.streams()[s].residualSd();
            out.add(new Driver(STREAMS.get(s), sum, totalVariance == 0 ? 0 : sd * sd / totalVariance));
        }
        out.sort(Comparator.comparingDouble((Driver d) -> Math.abs(d.contribution())).reversed());
        return out;
    }

    private static List<String> recommendations(Fit fit, double[][] streams) {
        double[] total = new double[STREAMS.size()];
        for (double[] month : streams) {
            for (int s = 0; s < total.length; s++) {
                total[s] += month[s];
            }
        }
        double newBusiness = total[0] + total[1] + total[2];
        double losses = -(total[4] + total[5]);
        List<String> out = new ArrayList<>();
        if (newBusiness > 0 && losses > 0.5 * newBusiness) {
            out.add(String.format("Churn and contraction take back %.0f%% of new business over the horizon: act on the churn "
                    + "model's high-risk suppliers first", 100 * losses / newBusiness));
        }
        if (newBusiness > 0 && total[0] < 0.3 * newBusiness) {
            out.add(String.format("Viral sign-ups are %.0f%% of new business: grow the couple-invites-supplier loop "
                    + "(invitation prompts after a couple books)", 100 * total[0] / newBusiness));
        }
        if (total[3] < -total[4]) {
            out.add("Downgrades outweigh upgrades: review what professional- and scale-tier suppliers stop using");
        }
        List<String> slow = new ArrayList<>();
        for (int h = 1; h <= streams.length; h++) {
            YearMonth m = fit.lastMonth().plusMonths(h);
            if (SPEC_SEASONALITY[m.getMonthValue() - 1] < 1.0) {
                slow.add(m.toString());
            }
        }
        if (!slow.isEmpty()) {
            out.add("Low wedding season in " + String.join(", ", slow) + " (spec factors 0.8 and 0.6): "
                    + "schedule acquisition for January's planning surge (1.4) and retention offers before the slowdown");
        }
        if (out.isEmpty()) {
            out.add("No stream needs attention: growth is carried by new business with churn well below it");
        }
        return out;
    }

    private static double confidence(MonthForecast first) {
        if (!(first.p50() > 0)) {
            return 0;
        }
        return Math.max(0, Math.min(1, 1 - (first.p90() - first.p10()) / first.p50()));
    }

    private static Map<String, String> seasonality(Fit fit) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int s = 0; s < STREAMS.size(); s++) {
            m.put(STREAMS.get(s), fit.streams()[s].seasonality());
        }
        return m;
    }

    /**
     * Rolling-origin backtest: for each of the last {@code origins} months, fit on the months before it
     * (what was known then) and forecast it; compare with what happened.
     */
    public static Backtest backtest(List<MonthlyRevenue> history, Parameters p, int origins) {
        checkHistory(history, p);
        int first = history.size() - origins;
        if (origins < 1 || first < p.minHistory()) {
            throw new IllegalArgumentException("a backtest over " + origins + " origins needs " + (origins + p.minHistory())
                    + " months of history, there are " + history.size());
        }
        List<BacktestPoint> points = new ArrayList<>();
        for (int o = first; o < history.size(); o++) {
            Forecast f = forecast(fit(history.subList(0, o), p), 1);
            MonthForecast m = f.months().get(0);
            double actual = history.get(o).mrrEnd();
            points.add(new BacktestPoint(history.get(o).month(), m.baseline(), m.p10(), m.p90(), actual));
        }
        return new Backtest(points);
    }

    /**
     * This stream model as a {@link com.wedsync.ml.models.forecast.Candidate} for
     * {@link com.wedsync.ml.models.forecast.SeriesForecaster#select}, judged on the month-end MRR like the
     * models of the total MRR series ({@link #totalMrr}) it competes with.
     */
    public static com.wedsync.ml.models.forecast.Candidate candidate(List<MonthlyRevenue> history, Parameters p) {
        List<MonthlyRevenue> h = List.copyOf(history);
        return new com.wedsync.ml.models.forecast.Candidate() {
            @Override
            public String name() {
                return "mrr_streams";
            }

            @Override
            public int minHistory() {
                return p.minHistory();
            }

            @Override
            public int size() {
                return h.size();
            }

            @Override
            public double actual(int t) {
                return h.get(t).mrrEnd();
            }

            @Override
            public com.wedsync.ml.models.forecast.SeriesForecast forecast(int months, int horizon) {
                Forecast f = MrrForecaster.forecast(fit(h.subList(0, months), p), horizon);
                return new com.wedsync.ml.models.forecast.SeriesForecast("mrr_streams", f.lastActualMonth(),
                        f.months().stream().map(m -> new com.wedsync.ml.models.forecast.SeriesForecast.Month(m.month(),
                                m.baseline(), m.p5(), m.p10(), m.p50(), m.p90(), m.p95())).toList());
            }
        };
    }

    /** The month-end MRR of a history as one monthly series. */
    public static com.wedsync.ml.models.forecast.MonthlySeries totalMrr(List<MonthlyRevenue> history) {
        return new com.wedsync.ml.models.forecast.MonthlySeries(history.get(0).month(),
                history.stream().mapToDouble(MonthlyRevenue::mrrEnd).toArray());
    }

    private static void checkHistory(List<MonthlyRevenue> history, Parameters p) {
        if (history.size() < p.minHistory()) {
            throw new IllegalArgumentException("a history of " + history.size() + " months is shorter than a wedding season "
                    + "plus one month: at least " + p.minHistory() + " complete months are needed");
        }
        for (int t = 1; t < history.size(); t++) {
            if (!history.get(t).month().equals(history.get(t - 1).month().plusMonths(1))) {
                throw new IllegalArgumentException("the history is not consecutive months: " + history.get(t - 1).month()
                        + " is followed by " + history.get(t).month());
            }
        }
    }

    private static double mean(double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += y[i];
        }
        return to > from ? s / (to - from) : 0;
    }

    /** One forecast month: the scenarios and the Monte Carlo percentiles of MRR at its end. */
    public record MonthForecast(YearMonth month, double baseline, double optimistic, double pessimistic, double p5,
                                double p10, double p50, double p90, double p95, Map<String, Double> streams) {
    }

    /** @param share the stream's share of the month-to-month variance */
    public record Driver(String stream, double contribution, double share) {
    }

    public record Forecast(YearMonth lastActualMonth, double lastActualMrr, int horizon, int paths, List<MonthForecast> months,
                           List<Driver> drivers, List<String> recommendations, double confidence,
                           Map<String, String> seasonality) {
    }

    public record BacktestPoint(YearMonth month, double forecast, double p10, double p90, double actual) {
        public double absolutePercentError() {
            return actual == 0 ? (forecast == 0 ? 0 : 1) : Math.abs(forecast - actual) / Math.abs(actual);
        }

        public boolean covered() {
            return actual >= p10 && actual <= p90;
        }
    }

    public record Backtest(List<BacktestPoint> points) {
        /** Share of origins whose next-month forecast is within the given relative error. */
        public double withinShare(double tolerance) {
            return points.stream().filter(x -> x.absolutePercentError() <= tolerance).count() / (double) points.size();
        }

        public double coverage80() {
            return points.stream().filter(BacktestPoint::covered).count() / (double) points.size();
        }

        public double mape() {
            return points.stream().mapToDouble(BacktestPoint::absolutePercentError).average().orElse(0);
        }

        public Map<String, Double> metrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("within_10pct", withinShare(0.10));
            m.put("coverage_80", coverage80());
            m.put("mape_1m", mape());
            m.put("origins", (double) points.size());
            return m;
        }
    }
}
