package com.wedsync.ml.models.growth;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The spec's wedding demand forecaster (section 4): enquiries per vendor type x region x month, forecast 1 to
 * 12 months ahead with 80% intervals.
 *
 * <p>Each series' expected enquiries in a month are {@code level x season(vendor type, month) x trend}:
 * <ul>
 * <li>season: per vendor type, its own factors from the data (all its regions pooled: ratios to a centred
 * moving average with 24+ months, to the last year's mean with 12 to 23) shrunk by empirical Bayes towards a
 * prior: the spec's pattern (peak 1.3, moderate 1.0, low 0.7, normalised to mean 1) for the four types it
 * gives one, the whole marketplace's season for the others (see {@link #seasonal});</li>
 * <li>level: the series' last 12 months' enquiries over the sum of their seasonal factors (a ratio estimator:
 * every month counts in proportion to its expected size);</li>
 * <li>trend: per vendor type, the least squares slope of the log deseasonalised monthly total over the last
 * {@code trendMonths}, shrunk by its own sampling noise (empirical Bayes: {@code b^2 / (b^2 + se^2)}) and damped
 * by {@code damping} per month.</li>
 * </ul>
 * Interval: a negative binomial (Gamma-Poisson) matched to the mean and a variance of {@code mu + phi mu^2}, phi
 * the level's relative sampling variance ({@code 1 / enquiries in the level window}) plus the extra-Poisson
 * dispersion the type's series show in the last 12 months (method of moments, pooled). Counts of a region add
 * up, so a forecast over several regions adds their means and variances.
 */
public final class DemandForecaster {

    public static final int MAX_HORIZON = 12;
    static final double PEAK = 1.3;
    static final double MODERATE = 1.0;
    static final double LOW = 0.7;
    static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"};

    /** The spec's seasonal patterns (getWeddingSeasonality), January first; the other vendor types have none. */
    public static final Map<String, double[]> SPEC_PATTERNS = Map.of(
            "photographer", new double[] {LOW, LOW, LOW, MODERATE, PEAK, PEAK, MODERATE, MODERATE, PEAK, PEAK, LOW, LOW},
            "venue", new double[] {LOW, LOW, LOW, LOW, MODERATE, PEAK, PEAK, PEAK, PEAK, MODERATE, LOW, LOW},
            "planner", new double[] {PEAK, PEAK, PEAK, MODERATE, MODERATE, LOW, LOW, LOW, MODERATE, MODERATE, MODERATE, LOW},
            "florist", new double[] {LOW, LOW, LOW, MODERATE, PEAK, PEAK, PEAK, PEAK, PEAK, MODERATE, LOW, LOW});

    /**
     * @param trendMonths months the trend is fitted on (12 to 120)
     * @param damping     the trend's damping per month, in [0, 1]
     * @param priorWeight scale of the empirical-Bayes shrinkage of a season towards its prior (0 to 100): 1 is
     *                    James-Stein's amount, 0 the data's own factors, larger leans harder on the prior
     */
    public record Parameters(int trendMonths, double damping, double priorWeight) {
        public Parameters {
            if (trendMonths < 12 || trendMonths > 120) {
                throw new IllegalArgumentException("trend_months must be 12 to 120, got " + trendMonths);
            }
            if (!(damping >= 0 && damping <= 1)) {
                throw new IllegalArgumentException("damping must be in [0, 1], got " + damping);
            }
            if (!(priorWeight >= 0 && priorWeight <= 100)) {
                throw new IllegalArgumentException("prior_weight must be 0 to 100, got " + priorWeight);
            }
        }

        public static Parameters defaults() {
            return new Parameters(24, 0.9, 1.0);
        }
    }

    /** The history of one series: consecutive months from {@code first}. */
    public record Series(String vendorType, String region, YearMonth first, double[] enquiries, double[] suppliers) {
        public YearMonth last() {
            return first.plusMonths(enquiries.length - 1L);
        }
    }

    /** A vendor type's fitted season (mean 1) and trend. */
    public record TypeFit(double[] seasonal, double growthPerMonth, double dispersion, String seasonality) {
    }

    /** The fit of every series on a common history ending at {@code last}. */
    public record Fit(YearMonth last, Map<String, TypeFit> types, Map<String, Series> series, Map<String, Double> levels,
                      Map<String, Double> levelEnquiries, Parameters parameters) {

        /** The forecast of one series or the sum of several (the regions of a vendor type). */
        public List<Point> forecast(List<String> keys, int horizon) {
            if (horizon < 1 || horizon > MAX_HORIZON) {
                throw new IllegalArgumentException("horizon must be 1 to " + MAX_HORIZON + " months, got " + horizon);
            }
            List<Point> out = new ArrayList<>(horizon);
            for (int h = 1; h <= horizon; h++) {
                double mean = 0;
                double var = 0;
                YearMonth m = last.plusMonths(h);
                for (String key : keys) {
                    Series s = series.get(key);
                    TypeFit t = types.get(s.vendorType());
                    double mu = expected(key, h);
                    double phi = t.dispersion() + 1 / Math.max(1, levelEnquiries.get(key));
                    mean += mu;
                    var += mu + phi * mu * mu;
                }
                double[] q = quantiles(mean, var, 0.1, 0.9);
                out.add(new Point(m, mean, q[0], q[1]));
            }
            return out;
        }

        /** The expected enquiries of a series h months after the history. */
        public double expected(String key, int h) {
            Series s = series.get(key);
            TypeFit t = types.get(s.vendorType());
            // the level is centred 6.5 months before the history's end
            double damp = 0;
            double phi = 1;
            for (int i = 1; i <= h + 6; i++) {
                phi *= parameters.damping();
                damp += phi;
            }
            return levels.get(key) * t.seasonal()[last.plusMonths(h).getMonthValue() - 1] * Math.exp(t.growthPerMonth() * damp);
        }
    }

    public record Point(YearMonth month, double expected, double low80, double high80) {
    }

    private DemandForecaster() {
    }

    public static String key(String vendorType, String region) {
        return vendorType + "|" + region;
    }

    /** Fits every series; they must share their first month and length (at least 13 months). */
    public static Fit fit(List<Series> all, Parameters p) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no demand series: no enquiries before the as-of date");
        }
        YearMonth first = all.get(0).first();
        int n = all.get(0).enquiries().length;
        if (n < 13) {
            throw new IllegalArgumentException("a demand history of " + n + " months is too short: at least 13 complete months");
        }
        Map<String, List<Series>> byType = new TreeMap<>();
        Map<String, Series> byKey = new LinkedHashMap<>();
        for (Series s : all) {
            if (!s.first().equals(first) || s.enquiries().length != n) {
                throw new IllegalArgumentException("demand series " + key(s.vendorType(), s.region()) + " does not cover the same months");
            }
            byType.computeIfAbsent(s.vendorType(), k -> new ArrayList<>()).add(s);
            byKey.put(key(s.vendorType(), s.region()), s);
        }
        Map<String, TypeFit> types = new LinkedHashMap<>();
        Map<String, Double> levels = new LinkedHashMap<>();
        Map<String, Double> levelEnquiries = new LinkedHashMap<>();
        int w = Math.min(12, n);
        double[] market = new double[n];
        for (Series s : all) {
            for (int t = 0; t < n; t++) {
                market[t] += s.enquiries()[t];
            }
        }
        double[] marketSeason = marketSeason(market, first);
        for (Map.Entry<String, List<Series>> e : byType.entrySet()) {
            double[] total = new double[n];
            for (Series s : e.getValue()) {
                for (int t = 0; t < n; t++) {
                    total[t] += s.enquiries()[t];
                }
            }
            String[] how = new String[1];
            double[] seasonal = seasonal(e.getKey(), total, first, marketSeason, p, how);
            double growth = growth(total, seasonal, first, p);
            // levels, and the extra-Poisson dispersion of the type's series around them (pooled method of moments)
            double num = 0;
            double den = 0;
            for (Series s : e.getValue()) {
                double y = 0;
                double f = 0;
                for (int t = n - w; t < n; t++) {
                    y += s.enquiries()[t];
                    f += seasonal[first.plusMonths(t).getMonthValue() - 1];
                }
                double level = f > 0 ? y / f : 0;
                String k = key(s.vendorType(), s.region());
                levels.put(k, level);
                levelEnquiries.put(k, y);
                for (int t = n - w; t < n; t++) {
                    double mu = level * seasonal[first.plusMonths(t).getMonthValue() - 1];
                    double d = s.enquiries()[t] - mu;
                    num += d * d - s.enquiries()[t];
                    den += mu * mu;
                }
            }
            double dispersion = den > 0 ? Math.max(0, num / den) : 0;
            types.put(e.getKey(), new TypeFit(seasonal, growth, dispersion, how[0]));
        }
        return new Fit(first.plusMonths(n - 1L), types, byKey, levels, levelEnquiries, p);
    }

    /** The spec's pattern of a vendor type normalised to mean 1, or flat. */
    public static double[] prior(String vendorType) {
        double[] p = SPEC_PATTERNS.get(vendorType);
        double[] out = new double[12];
        if (p == null) {
            Arrays.fill(out, 1);
            return out;
        }
        double mean = Arrays.stream(p).average().orElse(1);
        for (int m = 0; m < 12; m++) {
            out[m] = p[m] / mean;
        }
        return out;
    }

    /**
     * The data's own seasonal factors of a monthly count series, January first and not normalised, with the
     * sampling variance of each: with 24 months or more, each calendar month's mean ratio to the centred 2x12
     * moving average; with 12 to 23, the last 12 months' ratios to their mean (one per calendar month). A ratio
     * {@code y / ma} of a Poisson count has variance {@code E[y] / ma^2}, estimated by {@code max(ratio, floor) / ma}.
     * Null when a calendar month has no usable ratio (too short, or a moving average of zero).
     */
    static double[][] rawSeason(double[] y, YearMonth first, double[] floor) {
        double[] sum = new double[12];
        double[] var = new double[12];
        int[] count = new int[12];
        if (y.length >= 24) {
            for (int t = 6; t + 6 < y.length; t++) {
                double ma = 0.5 * y[t - 6] + 0.5 * y[t + 6];
                for (int k = t - 5; k <= t + 5; k++) {
                    ma += y[k];
                }
                ma /= 12;
                add(sum, var, count, first.plusMonths(t).getMonthValue() - 1, y[t], ma, floor);
            }
        } else if (y.length >= 12) {
            double ma = 0;
            for (int t = y.length - 12; t < y.length; t++) {
                ma += y[t] / 12;
            }
            for (int t = y.length - 12; t < y.length; t++) {
                add(sum, var, count, first.plusMonths(t).getMonthValue() - 1, y[t], ma, floor);
            }
        }
        double[] f = new double[12];
        double[] v = new double[12];
        for (int m = 0; m < 12; m++) {
            if (count[m] == 0) {
                return null;
            }
            f[m] = sum[m] / count[m];
            v[m] = var[m] / ((double) count[m] * count[m]);
        }
        return new double[][] {f, v};
    }

    private static void add(double[] sum, double[] var, int[] count, int m, double y, double ma, double[] floor) {
        if (ma > 0) {
            double r = y / ma;
            sum[m] += r;
            var[m] += Math.max(r, floor[m]) / ma;
            count[m]++;
        }
    }

    /**
     * A vendor type's seasonal factors (mean 1): the data's own factors ({@link #rawSeason}) shrunk towards a
     * prior by empirical Bayes. The prior is the spec's pattern where it gives one, else the whole marketplace's
     * season (every vendor type's enquiries summed, from the data too). The shrinkage is James-Stein's
     * positive part over the 12 calendar months, {@code B = min(1, priorWeight x (12 - 2) x mean variance /
     * sum of squared deviations from the prior)}, factors {@code prior + (1 - B)(raw - prior)}: a season the data
     * measure well keeps its shape, a noisy one (few enquiries) leans on the prior. Before 12 months, the prior.
     */
    static double[] seasonal(String vendorType, double[] y, YearMonth first, double[] market, Parameters p, String[] how) {
        double[] prior = SPEC_PATTERNS.containsKey(vendorType) || market == null ? prior(vendorType) : market;
        String from = SPEC_PATTERNS.containsKey(vendorType) ? "spec pattern" : market == null ? "flat prior" : "marketplace season";
        how[0] = from;
        double[][] raw = rawSeason(y, first, prior);
        if (raw == null) {
            return prior;
        }
        double d = 0;
        double v = 0;
        for (int m = 0; m < 12; m++) {
            d += (raw[0][m] - prior[m]) * (raw[0][m] - prior[m]);
            v += raw[1][m] / 12;
        }
        double b = d > 0 ? Math.min(1, p.priorWeight() * 10 * v / d) : 1;
        double[] f = new double[12];
        for (int m = 0; m < 12; m++) {
            f[m] = prior[m] + (1 - b) * (raw[0][m] - prior[m]);
            if (!(f[m] > 0.01)) {
                return prior;
            }
        }
        normalise(f);
        how[0] = String.format(java.util.Locale.ROOT, "%s refined by %d months (%.0f%% data)", from, y.length, 100 * (1 - b));
        return f;
    }

    /** The marketplace's season: every series summed, its raw factors normalised to mean 1 (null if unknown). */
    static double[] marketSeason(double[] total, YearMonth first) {
        double[] flat = new double[12];
        Arrays.fill(flat, 1);
        double[][] raw = rawSeason(total, first, flat);
        if (raw == null) {
            return null;
        }
        for (double f : raw[0]) {
            if (!(f > 0.01)) {
                return null;
            }
        }
        normalise(raw[0]);
        return raw[0];
    }

    private static void normalise(double[] f) {
        double norm = Arrays.stream(f).average().orElse(1);
        for (int m = 0; m < 12; m++) {
            f[m] /= norm;
        }
    }

    static double growth(double[] total, double[] seasonal, YearMonth first, Parameters p) {
        int n = total.length;
        int w = Math.min(p.trendMonths(), n);
        SimpleRegression r = new SimpleRegression();
        for (int t = n - w; t < n; t++) {
            double v = total[t] / seasonal[first.plusMonths(t).getMonthValue() - 1];
            if (v > 0) {
                r.addData(t, Math.log(v));
            }
        }
        if (r.getN() < 6 || Double.isNaN(r.getSlope()) || Double.isNaN(r.getSlopeStdErr())) {
            return 0;
        }
        double b = r.getSlope();
        double se2 = r.getSlopeStdErr() * r.getSlopeStdErr();
        return b * Math.max(0, 1 - se2 / (b * b + 1e-300));
    }

    /**
     * The {@code lo} and {@code hi} quantiles of a count with this mean and variance: a negative binomial matched
     * to both (a Poisson when the variance is not above the mean), each the smallest count whose cumulative
     * probability reaches the level; a normal approximation above 2,000 expected.
     */
    public static double[] quantiles(double mean, double var, double lo, double hi) {
        if (!(mean > 0)) {
            return new double[] {0, 0};
        }
        if (mean > 2000) {
            double sd = Math.sqrt(var);
            return new double[] {Math.max(0, Math.floor(mean - 1.2815515655446004 * sd)), Math.ceil(mean + 1.2815515655446004 * sd)};
        }
        double r = var > mean * (1 + 1e-9) ? mean * mean / (var - mean) : Double.POSITIVE_INFINITY;
        double cdf = 0;
        double qlo = -1;
        for (int k = 0; k < 1_000_000; k++) {
            double logp;
            if (Double.isInfinite(r) || r > 1e8) {
                logp = -mean + k * Math.log(mean) - Gamma.logGamma(k + 1.0);
            } else {
                logp = Gamma.logGamma(k + r) - Gamma.logGamma(r) - Gamma.logGamma(k + 1.0) + r * Math.log(r / (r + mean))
                        + k * Math.log(mean / (r + mean));
            }
            cdf += Math.exp(logp);
            if (qlo < 0 && cdf >= lo) {
                qlo = k;
            }
            if (cdf >= hi) {
                return new double[] {qlo, k};
            }
        }
        return new double[] {Math.max(0, qlo), mean + 10 * Math.sqrt(var)};
    }

    /** One series at one backtest origin. */
    public record BacktestPoint(String vendorType, String region, YearMonth month, double forecast, double low80, double high80,
                                double actual, double seasonalNaive) {
        boolean covered() {
            return actual >= low80 && actual <= high80;
        }
    }

    /**
     * Rolling-origin backtest of the next-month forecast: at each of the last {@code origins} months, fit on the
     * months before it and forecast every series; beside it the seasonal naive forecast (the same month a year
     * earlier) on the same origins.
     */
    public static List<BacktestPoint> backtest(List<Series> all, Parameters p, int origins) {
        int n = all.get(0).enquiries().length;
        int first = n - origins;
        if (origins < 1 || first < 13) {
            throw new IllegalArgumentException("a backtest over " + origins + " origins needs " + (origins + 13)
                    + " months of demand history, there are " + n);
        }
        List<BacktestPoint> out = new ArrayList<>();
        for (int o = first; o < n; o++) {
            int cut = o;
            List<Series> before = all.stream().map(s -> new Series(s.vendorType(), s.region(), s.first(),
                    Arrays.copyOf(s.enquiries(), cut), Arrays.copyOf(s.suppliers(), cut))).toList();
            Fit f = fit(before, p);
            for (Series s : all) {
                Point pt = f.forecast(List.of(key(s.vendorType(), s.region())), 1).get(0);
                out.add(new BacktestPoint(s.vendorType(), s.region(), s.first().plusMonths(o), pt.expected(), pt.low80(), pt.high80(),
                        s.enquiries()[o], s.enquiries()[o - 12]));
            }
        }
        return out;
    }

    /** Mean absolute percentage error over the points with enquiries (a month without any has no percentage error). */
    public static double mape(List<BacktestPoint> points, boolean naive) {
        return points.stream().filter(x -> x.actual() > 0)
                .mapToDouble(x -> Math.abs((naive ? x.seasonalNaive() : x.forecast()) - x.actual()) / x.actual()).average().orElse(0);
    }

    /** The backtest's metrics: MAPE and the seasonal naive's, pooled and per vendor type; pooled 80% coverage. */
    public static Map<String, Double> metrics(List<BacktestPoint> points, List<String> vendorTypes) {
        Map<String, Double> m = new LinkedHashMap<>();
        double mape = mape(points, false);
        double naive = mape(points, true);
        m.put("mape_1m", mape);
        m.put("mape_seasonal_naive_1m", naive);
        m.put("beats_seasonal_naive", mape < naive ? 1.0 : 0.0);
        m.put("coverage_80", points.stream().filter(BacktestPoint::covered).count() / (double) Math.max(1, points.size()));
        m.put("points", (double) points.size());
        m.put("origins", (double) points.stream().map(BacktestPoint::month).distinct().count());
        for (String t : vendorTypes) {
            List<BacktestPoint> of = points.stream().filter(x -> x.vendorType().equals(t)).toList();
            if (!of.isEmpty()) {
                m.put("mape_1m_" + t, mape(of, false));
                m.put("mape_seasonal_naive_1m_" + t, mape(of, true));
            }
        }
        return m;
    }

    /** The peak months of a vendor type: the spec's, or the four largest seasonal factors of the fit. */
    public static List<Integer> peakMonths(String vendorType, double[] seasonal) {
        double[] p = SPEC_PATTERNS.get(vendorType);
        List<Integer> out = new ArrayList<>();
        if (p != null) {
            for (int m = 0; m < 12; m++) {
                if (p[m] == PEAK) {
                    out.add(m + 1);
                }
            }
            return out;
        }
        Integer[] idx = new Integer[12];
        for (int m = 0; m < 12; m++) {
            idx[m] = m;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(seasonal[b], seasonal[a]));
        for (int i = 0; i < 4; i++) {
            out.add(idx[i] + 1);
        }
        out.sort(Integer::compare);
        return out;
    }

    public static String monthName(int month) {
        return MONTHS[month - 1];
    }
}
