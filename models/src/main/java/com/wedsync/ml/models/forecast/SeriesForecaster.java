package com.wedsync.ml.models.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Forecasts any seasonal monthly series: a set of candidate models, the one with the smallest
 * rolling-origin error chosen (Tashman 2000; Hyndman and Athanasopoulos, FPP3 section 5.10: each of the
 * last {@code origins} months is an origin, every candidate is refitted on the months before it and
 * forecasts 1 to {@link Options#selectionHorizon} months ahead; the score is the mean absolute percentage
 * error over all of them), and its forecast with the prediction intervals of that model.
 *
 * <p>The standard candidates ({@link #candidates}): ETS(A,A,A) and ETS(M,A,M) (Holt-Winters additive and
 * multiplicative), ETS(A,Ad,A) and ETS(M,Ad,M) (damped trend times season), ETS(A,Ad,N) (no season) and
 * seasonal naive; the multiplicative ones only on a strictly positive series. Seasonality is learned
 * from the data; a seasonal prior (calendar-month factors) is an option: it is blended into the initial
 * seasonal states of the seasonal models, worth {@link Ets#PRIOR_WEIGHT} years of data.
 */
public final class SeriesForecaster {

    private SeriesForecaster() {
    }

    /**
     * @param seasonalPrior     calendar-month factors (January first, mean about 1), or null to learn the
     *                          season from the data alone
     * @param origins           rolling origins for the selection (the last months of the history)
     * @param selectionHorizon  months ahead each origin forecasts for the selection
     * @param paths             simulated paths for the ETS prediction intervals
     */
    public record Options(double[] seasonalPrior, int origins, int selectionHorizon, int paths, long seed) {
        public Options {
            if (seasonalPrior != null) {
                if (seasonalPrior.length != Ets.PERIOD) {
                    throw new IllegalArgumentException("a seasonal prior has 12 calendar-month factors, got " + seasonalPrior.length);
                }
                double m = Arrays.stream(seasonalPrior).average().orElse(1);
                double[] norm = new double[Ets.PERIOD];
                for (int j = 0; j < Ets.PERIOD; j++) {
                    if (!(seasonalPrior[j] > 0) || !Double.isFinite(seasonalPrior[j])) {
                        throw new IllegalArgumentException("seasonal prior factors must be positive, month " + (j + 1)
                                + " is " + seasonalPrior[j]);
                    }
                    norm[j] = seasonalPrior[j] / m;
                }
                seasonalPrior = norm;
            }
            if (origins < 1 || origins > 240) {
                throw new IllegalArgumentException("selection origins must be 1 to 240, got " + origins);
            }
            if (selectionHorizon < 1 || selectionHorizon > 24) {
                throw new IllegalArgumentException("selection horizon must be 1 to 24 months, got " + selectionHorizon);
            }
            if (paths < 100 || paths > 100_000) {
                throw new IllegalArgumentException("paths must be 100 to 100,000, got " + paths);
            }
        }

        public static Options defaults() {
            return new Options(null, 12, 3, 2000, 42);
        }

        public Options withPrior(double[] prior) {
            return new Options(prior, origins, selectionHorizon, paths, seed);
        }

        public Options withOrigins(int n) {
            return new Options(seasonalPrior, n, selectionHorizon, paths, seed);
        }
    }

    /** The standard candidates for {@code y}. */
    public static List<Candidate> candidates(MonthlySeries y, Options o) {
        List<Candidate> out = new ArrayList<>();
        boolean positive = y.strictlyPositive();
        out.add(ets(y, new Ets.Spec(Ets.Error.ADDITIVE, Ets.Trend.ADDITIVE, Ets.Season.ADDITIVE), o));
        if (positive) {
            out.add(ets(y, new Ets.Spec(Ets.Error.MULTIPLICATIVE, Ets.Trend.ADDITIVE, Ets.Season.MULTIPLICATIVE), o));
        }
        out.add(ets(y, new Ets.Spec(Ets.Error.ADDITIVE, Ets.Trend.DAMPED, Ets.Season.ADDITIVE), o));
        if (positive) {
            out.add(ets(y, new Ets.Spec(Ets.Error.MULTIPLICATIVE, Ets.Trend.DAMPED, Ets.Season.MULTIPLICATIVE), o));
        }
        out.add(ets(y, new Ets.Spec(Ets.Error.ADDITIVE, Ets.Trend.DAMPED, Ets.Season.NONE), o));
        out.add(seasonalNaive(y));
        return out;
    }

    /** A candidate by its name among {@link #candidates}, for refitting a chosen model. */
    public static Candidate candidate(MonthlySeries y, Options o, String name) {
        if (name.equals("seasonal_naive")) {
            return seasonalNaive(y);
        }
        for (Ets.Error e : Ets.Error.values()) {
            for (Ets.Trend t : Ets.Trend.values()) {
                for (Ets.Season s : Ets.Season.values()) {
                    Ets.Spec spec = new Ets.Spec(e, t, s);
                    if (spec.name().equals(name)) {
                        return ets(y, spec, o);
                    }
                }
            }
        }
        throw new IllegalArgumentException("unknown forecasting model '" + name + "'");
    }

    /** An ETS model as a candidate: fitted on the months before the origin, intervals from simulated paths. */
    public static Candidate ets(MonthlySeries y, Ets.Spec spec, Options o) {
        return new Candidate() {
            @Override
            public String name() {
                return spec.name();
            }

            @Override
            public int minHistory() {
                return spec.minHistory();
            }

            @Override
            public int size() {
                return y.size();
            }

            @Override
            public double actual(int t) {
                return y.get(t);
            }

            @Override
            public SeriesForecast forecast(int months, int horizon) {
                double[] h = Arrays.copyOf(y.values(), months);
                Ets.Fit fit = Ets.fit(h, spec, o.seasonalPrior(), y.start().getMonthValue() - 1);
                double[] point = Ets.forecast(fit, horizon);
                double[][] paths = Ets.simulate(fit, horizon, o.paths(), o.seed() + months);
                List<SeriesForecast.Month> out = new ArrayList<>(horizon);
                double[] column = new double[paths.length];
                for (int k = 0; k < horizon; k++) {
                    for (int p = 0; p < paths.length; p++) {
                        column[p] = paths[p][k];
                    }
                    Arrays.sort(column);
                    out.add(new SeriesForecast.Month(y.start().plusMonths(months + k), point[k], quantile(column, 0.05),
                            quantile(column, 0.10), quantile(column, 0.5), quantile(column, 0.90), quantile(column, 0.95)));
                }
                return new SeriesForecast(spec.name(), y.start().plusMonths(months - 1L), out);
            }
        };
    }

    /**
     * Seasonal naive: each month forecast as the same calendar month of the last year; the interval from
     * the normal quantiles of the seasonal differences' root mean square, times the square root of the
     * years ahead (FPP3 section 5.5).
     */
    public static Candidate seasonalNaive(MonthlySeries y) {
        int m = Ets.PERIOD;
        return new Candidate() {
            @Override
            public String name() {
                return "seasonal_naive";
            }

            @Override
            public int minHistory() {
                return m + 1;
            }

            @Override
            public int size() {
                return y.size();
            }

            @Override
            public double actual(int t) {
                return y.get(t);
            }

            @Override
            public SeriesForecast forecast(int months, int horizon) {
                double ss = 0;
                for (int t = m; t < months; t++) {
                    double d = y.get(t) - y.get(t - m);
                    ss += d * d;
                }
                double sigma = Math.sqrt(ss / Math.max(1, months - m));
                List<SeriesForecast.Month> out = new ArrayList<>(horizon);
                for (int k = 0; k < horizon; k++) {
                    int years = k / m + 1;
                    double point = y.get(months - m + k % m);
                    double s = sigma * Math.sqrt(years);
                    out.add(new SeriesForecast.Month(y.start().plusMonths(months + k), point, point - Z95 * s,
                            point - Z90 * s, point, point + Z90 * s, point + Z95 * s));
                }
                return new SeriesForecast("seasonal_naive", y.start().plusMonths(months - 1L), out);
            }
        };
    }

    static final double Z90 = new NormalDistribution().inverseCumulativeProbability(0.9);
    static final double Z95 = new NormalDistribution().inverseCumulativeProbability(0.95);

    /** The selection: every candidate's rolling-origin score and the chosen one. */
    public record Selection(Candidate chosen, Map<String, Double> scores, int origins, int horizon) {
        public String chosenName() {
            return chosen.name();
        }
    }

    /**
     * Chooses among {@code candidates} (all bound to the same months) the smallest rolling-origin MAPE over
     * the last {@code origins} months (fewer when the history is short), forecasting 1 to
     * {@code selectionHorizon} months from each. Candidates that cannot be fitted on the earliest origin's
     * history, given at least 6 origins, take no part; with fewer than 6 origins for any candidate the first
     * that fits is chosen. Ties go to the earlier candidate.
     */
    public static Selection select(List<Candidate> candidates, Options o) {
        int n = candidates.get(0).size();
        List<Candidate> eligible = candidates.stream().filter(c -> n - c.minHistory() >= 6).toList();
        if (eligible.isEmpty()) {
            Candidate c = candidates.stream().filter(x -> x.minHistory() <= n).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("a history of " + n + " months is too short for every forecasting model"));
            return new Selection(c, Map.of(), 0, 0);
        }
        int minHistory = eligible.stream().mapToInt(Candidate::minHistory).max().orElseThrow();
        int origins = Math.min(o.origins(), n - minHistory);
        Map<String, Double> scores = new LinkedHashMap<>();
        Candidate best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        for (Candidate c : eligible) {
            double sum = 0;
            int count = 0;
            for (int origin = n - origins; origin < n; origin++) {
                int h = Math.min(o.selectionHorizon(), n - origin);
                SeriesForecast f;
                try {
                    f = c.forecast(origin, h);
                } catch (RuntimeException e) {
                    sum = Double.POSITIVE_INFINITY;
                    break;
                }
                for (int k = 0; k < h; k++) {
                    sum += ape(f.months().get(k).point(), c.actual(origin + k));
                    count++;
                }
            }
            double score = count == 0 ? Double.POSITIVE_INFINITY : sum / count;
            scores.put(c.name(), score);
            if (score < bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return new Selection(best == null ? eligible.get(0) : best, scores, origins, o.selectionHorizon());
    }

    /** Selects among the standard candidates and forecasts {@code horizon} months with the chosen one. */
    public static SeriesForecast forecast(MonthlySeries y, int horizon, Options o) {
        Selection s = select(candidates(y, o), o);
        return s.chosen().forecast(y.size(), horizon);
    }

    /** Absolute percentage error (1 when the actual is 0 and the forecast is not). */
    public static double ape(double forecast, double actual) {
        return actual == 0 ? (forecast == 0 ? 0 : 1) : Math.abs(forecast - actual) / Math.abs(actual);
    }

    /**
     * Rolling-origin backtest of one candidate: from each of the last {@code origins} months, the forecast
     * {@code step} months ahead against what happened.
     */
    public static Backtest backtest(Candidate c, int origins, int step) {
        int n = c.size();
        int first = n - origins - step + 1;
        if (origins < 1 || first < c.minHistory()) {
            throw new IllegalArgumentException("a backtest of " + c.name() + " over " + origins + " origins needs "
                    + (origins + step - 1 + c.minHistory()) + " months of history, there are " + n);
        }
        List<Backtest.Point> points = new ArrayList<>(origins);
        for (int o = first; o < first + origins; o++) {
            SeriesForecast.Month m = c.forecast(o, step).months().get(step - 1);
            points.add(new Backtest.Point(m.month(), m.point(), m.p10(), m.p90(), c.actual(o + step - 1)));
        }
        return new Backtest(c.name(), step, points);
    }

    /** The {@code q} quantile of sorted values, linear between order statistics (type 7). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
