package com.wedsync.ml.models.growth;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * A forecast of one monthly series with an additive annual season and a damped trend, and its 80%
 * interval from out-of-sample errors: what the viral coefficient (a rate near 0.1 to 1) needs.
 *
 * <p>Season: with at least 24 months, each calendar month's mean deviation from a centred 2x12 moving
 * average, shrunk towards 0 by {@code c / (c + 1)} for c such deviations (one year of data is mostly
 * noise), centred to mean 0; with less, none. Trend: an ordinary least squares line through the last
 * {@code trendMonths} deseasonalised months, extrapolated as a damped trend (Gardner and McKenzie 1985:
 * the slope's effect over h months is {@code phi + ... + phi^h}). Interval: the root mean square of the
 * one-step errors a fit on the months before each of the last (up to) 12 months made (empirical
 * prediction intervals, Williams and Goodman 1971), widened like a random walk ({@code sqrt(h)}) over
 * the horizon; with fewer than 6 such errors the in-sample residuals, inflated for the two fitted
 * parameters.
 */
public final class MonthlySeries {

    static final double Z80 = 1.2815515655446004;
    static final int OUT_OF_SAMPLE = 12;

    /**
     * @param trendMonths months the trend line is fitted on (3 to 120)
     * @param damping     phi, in [0, 1]: 0 no trend, 1 an undamped line
     */
    public record Parameters(int trendMonths, double damping) {
        public Parameters {
            if (trendMonths < 3 || trendMonths > 120) {
                throw new IllegalArgumentException("trend_months must be 3 to 120, got " + trendMonths);
            }
            if (!(damping >= 0 && damping <= 1)) {
                throw new IllegalArgumentException("damping must be in [0, 1], got " + damping);
            }
        }

        /** The months a fit needs. */
        public int minHistory() {
            return Math.max(6, Math.min(trendMonths, 12));
        }
    }

    /** One forecast month: the point forecast and its 80% interval. */
    public record Point(YearMonth month, double value, double low80, double high80) {
    }

    /**
     * A fitted series.
     *
     * @param seasonal additive factor per calendar month, January first (all 0 without two years)
     */
    public record Fit(YearMonth last, int months, double level, double slope, double[] seasonal, double errorSd,
                      Parameters parameters) {

        /** The forecast of the next {@code horizon} months. */
        public List<Point> forecast(int horizon) {
            List<Point> out = new ArrayList<>(horizon);
            double damp = 0;
            double phi = 1;
            for (int h = 1; h <= horizon; h++) {
                phi *= parameters.damping();
                damp += phi;
                YearMonth m = last.plusMonths(h);
                double v = level + slope * damp + seasonal[m.getMonthValue() - 1];
                double half = Z80 * errorSd * Math.sqrt(h);
                out.add(new Point(m, v, v - half, v + half));
            }
            return out;
        }
    }

    private MonthlySeries() {
    }

    /** Fits the series {@code y}, consecutive months from {@code first}. */
    public static Fit fit(double[] y, YearMonth first, Parameters p) {
        check(y, p);
        Fit inSample = inSample(y, first, p);
        int n = y.length;
        int from = Math.max(p.minHistory(), n - OUT_OF_SAMPLE);
        if (n - from < 6) {
            return inSample;
        }
        double ss = 0;
        for (int o = from; o < n; o++) {
            double[] before = java.util.Arrays.copyOf(y, o);
            double e = y[o] - inSample(before, first, p).forecast(1).get(0).value();
            ss += e * e;
        }
        return new Fit(inSample.last(), n, inSample.level(), inSample.slope(), inSample.seasonal(), Math.sqrt(ss / (n - from)), p);
    }

    private static Fit inSample(double[] y, YearMonth first, Parameters p) {
        int n = y.length;
        double[] seasonal = seasonal(y, first);
        int w = Math.min(p.trendMonths(), n);
        SimpleRegression r = new SimpleRegression();
        for (int t = n - w; t < n; t++) {
            r.addData(t, y[t] - seasonal[first.plusMonths(t).getMonthValue() - 1]);
        }
        double slope = p.damping() == 0 || Double.isNaN(r.getSlope()) ? 0 : r.getSlope();
        double level;
        if (slope == 0) {
            double s = 0;
            for (int t = n - w; t < n; t++) {
                s += y[t] - seasonal[first.plusMonths(t).getMonthValue() - 1];
            }
            level = s / w;
        } else {
            level = r.getIntercept() + slope * (n - 1);
        }
        double ss = 0;
        for (int t = n - w; t < n; t++) {
            double fitted = level - slope * (n - 1 - t) + seasonal[first.plusMonths(t).getMonthValue() - 1];
            ss += (y[t] - fitted) * (y[t] - fitted);
        }
        double sd = Math.sqrt(ss / Math.max(1, w - 2)) * Math.sqrt(1 + 1.0 / w);
        return new Fit(first.plusMonths(n - 1), n, level, slope, seasonal, sd, p);
    }

    static double[] seasonal(double[] y, YearMonth first) {
        double[] s = new double[12];
        if (y.length < 24) {
            return s;
        }
        double[] sum = new double[12];
        int[] count = new int[12];
        for (int t = 6; t + 6 < y.length; t++) {
            double ma = 0.5 * y[t - 6] + 0.5 * y[t + 6];
            for (int k = t - 5; k <= t + 5; k++) {
                ma += y[k];
            }
            ma /= 12;
            int m = first.plusMonths(t).getMonthValue() - 1;
            sum[m] += y[t] - ma;
            count[m]++;
        }
        double mean = 0;
        for (int m = 0; m < 12; m++) {
            s[m] = count[m] == 0 ? 0 : sum[m] / (count[m] + 1.0);
            mean += s[m] / 12;
        }
        for (int m = 0; m < 12; m++) {
            s[m] -= mean;
        }
        return s;
    }

    private static void check(double[] y, Parameters p) {
        if (y.length < p.minHistory()) {
            throw new IllegalArgumentException("a history of " + y.length + " months is too short: at least " + p.minHistory()
                    + " complete months are needed");
        }
        for (int t = 0; t < y.length; t++) {
            if (!Double.isFinite(y[t])) {
                throw new IllegalArgumentException("month " + t + " of the series is " + y[t]);
            }
        }
    }
}
