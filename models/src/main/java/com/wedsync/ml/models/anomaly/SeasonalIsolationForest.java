package com.wedsync.ml.models.anomaly;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A multivariate isolation forest over season-adjusted daily rates: the anomaly detector of one family of
 * metrics (revenue, usage, viral, support).
 *
 * <p><b>What a day looks like.</b> Each day d is one value per metric: the log of its window's ratio to the
 * seasonal baseline, {@code ln((actual + k) / (expected + k))} over the {@code windowDays} days ending
 * with d ({@link SeasonalBaseline}), clipped to &plusmn;{@code clip}. An ordinary day sits near the origin
 * whatever the season; a drop or a surge in one metric, or in several at once, moves it away.
 *
 * <p><b>How a day is judged.</b> The isolation forest of F. T. Liu, K. M. Ting and Z.-H. Zhou ("Isolation
 * Forest", ICDM 2008, doi:10.1109/ICDM.2008.17; {@link IsolationForest}) isolates the rows of the sample it
 * is grown on; a row that was not in it follows the cuts of the rows that were, and, beyond the sample's
 * range on an axis, ends where the sample's most extreme row ends: its score cannot exceed that row's. A
 * forest grown on ordinary history therefore scores a day ten times further out the same as the most
 * extreme ordinary day (about 0.6 here: a week of invitations at x0.2 scored 0.55-0.65, never the spec's
 * 0.7). So each day is judged, as in the sliding-window isolation forest of Z. Ding and M. Fei ("An
 * Anomaly Detection Approach Based on Isolation Forest Algorithm for Streaming Data using Sliding
 * Window", IFAC Proceedings 46(20), 2013, doi:10.3182/20130902-3-CN-3020.00044), by a forest grown on a
 * window of the recent history <em>with the day in it</em>: the {@code referenceDays} most recent
 * ordinary days before d, and d. Every tree holds the whole window (&psi; = its size), so d is in every
 * tree and its score is the paper's in-sample 2<sup>-E[h(d)]/c(&psi;)</sup>, near 1 when a few cuts
 * isolate it.
 *
 * <p><b>Ordinary days.</b> The window leaves out the days whose value on some metric is more than
 * {@code screenSigmas} robust standard deviations (1.4826 MAD, learned from the training history) from
 * that metric's median: past incidents, and the earlier days of the incident being judged. Without this
 * an incident masks its own later days and its repeats (the paper's masking: a dozen neighbouring
 * anomalous days isolate one another late); with it, each day of an incident is judged as a lone
 * outlier against ordinary days. Days unusual only in the combination of their values pass the screen
 * and stay in the window: the forest, not the screen, judges them.
 *
 * <p><b>Training</b> learns what does not change from day to day: each metric's seasonal baseline, and
 * the medians and robust scales of the screen. The forests are grown when a day is judged (a few
 * milliseconds each), seeded from the parameters' seed and the day, so that a day's score is the same in
 * every run; judging the training history itself (what the threshold means on it) is the caller's
 * choice, with {@link #judge(DailyRates, int, int, int)}.
 *
 * <p>Point in time: judging day d reads the series up to d and nothing after it. The model is immutable
 * and serialisable.
 */
public final class SeasonalIsolationForest implements Serializable {

    private static final long serialVersionUID = 2L;

    /** The smallest robust scale of a metric's log-ratio: a 2% change, so that a near-constant metric screens nothing out. */
    static final double MIN_SCALE = 0.02;

    /**
     * How the detector is built.
     *
     * @param windowDays       days a verdict sums over (7: a week, so that the weekday mix is always the same)
     * @param levelWeeks       week-long blocks before the window that the level is read from
     * @param clip             bound of the log-ratios (ln 20 = 3.0: a twenty-fold change is as far as any)
     * @param trees            trees of each day's forest
     * @param referenceDays    ordinary days before a judged day that its forest is grown on, with it
     * @param minReferenceDays fewest ordinary days before a day for it to be judged
     * @param screenSigmas     how far from its median (in robust standard deviations) a value leaves its day out
     *                         of the windows
     * @param seed             seeds each day's forest (with the day)
     */
    public record Parameters(int windowDays, int levelWeeks, double clip, int trees, int referenceDays, int minReferenceDays,
                             double screenSigmas, long seed) implements Serializable {
        public Parameters {
            if (windowDays < 1 || windowDays > 60) {
                throw new IllegalArgumentException("windowDays must be 1 to 60 (got " + windowDays + ")");
            }
            if (levelWeeks < 1 || levelWeeks > 52) {
                throw new IllegalArgumentException("levelWeeks must be 1 to 52 (got " + levelWeeks + ")");
            }
            if (!(clip > 0) || Double.isInfinite(clip)) {
                throw new IllegalArgumentException("clip must be positive and finite (got " + clip + ")");
            }
            if (trees < 1 || trees > 10_000) {
                throw new IllegalArgumentException("trees must be 1 to 10000 (got " + trees + ")");
            }
            if (minReferenceDays < 2 || referenceDays < minReferenceDays || referenceDays > 5000) {
                throw new IllegalArgumentException("referenceDays must be at least minReferenceDays, which must be at least 2, "
                        + "and at most 5000 (got " + referenceDays + " and " + minReferenceDays + ")");
            }
            if (!(screenSigmas > 0) || Double.isInfinite(screenSigmas)) {
                throw new IllegalArgumentException("screenSigmas must be positive (got " + screenSigmas + ")");
            }
        }
    }

    /**
     * A judged day.
     *
     * @param score         the isolation score in (0, 1]
     * @param features      the day's clipped log-ratios, one per metric
     * @param expectations  each metric's window: actual, expected, rate, expected rate
     * @param referenceDays the ordinary days its forest was grown on (besides it)
     * @param ordinary      whether the day itself passes the screen
     */
    public record Judgement(double score, double[] features, SeasonalBaseline.Expectation[] expectations, int referenceDays,
                            boolean ordinary) {
    }

    private final ArrayList<String> metrics;
    private final SeasonalBaseline[] baselines;
    private final double[] median;
    private final double[] scale;
    private final Parameters parameters;
    private final LocalDate trainedFrom;
    private final LocalDate trainedTo;

    private SeasonalIsolationForest(List<String> metrics, SeasonalBaseline[] baselines, double[] median, double[] scale,
                                    Parameters parameters, LocalDate trainedFrom, LocalDate trainedTo) {
        this.metrics = new ArrayList<>(metrics);
        this.baselines = baselines;
        this.median = median;
        this.scale = scale;
        this.parameters = parameters;
        this.trainedFrom = trainedFrom;
        this.trainedTo = trainedTo;
    }

    /**
     * Learns each metric's baseline and the screen from the whole series.
     *
     * @throws IllegalArgumentException if no day of the series could be judged (too short, or too few ordinary days)
     */
    public static SeasonalIsolationForest fit(DailyRates rates, Parameters p) {
        if (rates.metrics().isEmpty()) {
            throw new IllegalArgumentException("a detector needs at least one metric");
        }
        int width = rates.metrics().size();
        SeasonalBaseline[] baselines = new SeasonalBaseline[width];
        for (int m = 0; m < width; m++) {
            baselines[m] = SeasonalBaseline.fit(rates.firstDay(), rates.numerators()[m], rates.denominators()[m], p.windowDays(),
                    p.levelWeeks(), rates.units()[m]);
        }
        int first = baselines[0].lookbackDays() - 1;
        int described = rates.days() - first;
        if (described < p.minReferenceDays() + 1) {
            throw new IllegalArgumentException("the history has " + rates.days() + " days (" + rates.firstDay() + " to "
                    + rates.day(Math.max(0, rates.days() - 1)) + "); a detector needs " + baselines[0].lookbackDays()
                    + " days of look-back and then " + p.minReferenceDays() + " ordinary days before the first it judges, "
                    + (baselines[0].lookbackDays() + p.minReferenceDays()) + " in all");
        }
        double[][] x = new double[described][];
        for (int i = 0; i < described; i++) {
            x[i] = vector(baselines, rates, first + i, p.clip());
        }
        double[] median = new double[width];
        double[] scale = new double[width];
        for (int j = 0; j < width; j++) {
            int col = j;
            double[] v = Arrays.stream(x).mapToDouble(r -> r[col]).toArray();
            median[j] = SeasonalBaseline.median(v.clone());
            double c = median[j];
            scale[j] = Math.max(MIN_SCALE, 1.4826 * SeasonalBaseline.median(Arrays.stream(v).map(a -> Math.abs(a - c)).toArray()));
        }
        SeasonalIsolationForest screened = new SeasonalIsolationForest(rates.metrics(), baselines, median, scale, p,
                rates.day(first), rates.day(rates.days() - 1));
        int seen = 0;
        for (int i = 0; i < described; i++) {
            if (seen >= p.minReferenceDays()) {
                return new SeasonalIsolationForest(rates.metrics(), baselines, median, scale, p, rates.day(first + i),
                        rates.day(rates.days() - 1));
            }
            if (screened.isOrdinary(x[i])) {
                seen++;
            }
        }
        throw new IllegalArgumentException("only " + seen + " of the history's " + described + " days are ordinary; a detector "
                + "needs " + p.minReferenceDays() + " before it can judge a day");
    }

    /** The days of series a day's vector reads, the day included (its forest reads further back). */
    public int lookbackDays() {
        return baselines[0].lookbackDays();
    }

    public List<String> metrics() {
        return List.copyOf(metrics);
    }

    public Parameters parameters() {
        return parameters;
    }

    public SeasonalBaseline baseline(String metric) {
        return baselines[index(metric)];
    }

    /** The screen of a metric: its median log-ratio and robust standard deviation on the training history. */
    public double[] screen(String metric) {
        int i = index(metric);
        return new double[] {median[i], scale[i]};
    }

    /** The first day of the training history that can be judged (with its look-back and ordinary days before it), and the last. */
    public LocalDate trainedFrom() {
        return trainedFrom;
    }

    public LocalDate trainedTo() {
        return trainedTo;
    }

    /** Each metric's verdict on the window ending with day {@code day} of the series. */
    public SeasonalBaseline.Expectation[] expectations(DailyRates rates, int day) {
        checkMetrics(rates);
        SeasonalBaseline.Expectation[] out = new SeasonalBaseline.Expectation[baselines.length];
        for (int m = 0; m < out.length; m++) {
            out[m] = baselines[m].expect(rates.firstDay(), rates.numerators()[m], rates.denominators()[m], day);
        }
        return out;
    }

    /** The day's vector: each metric's clipped log-ratio to its baseline. */
    public double[] features(DailyRates rates, int day) {
        checkMetrics(rates);
        return vector(baselines, rates, day, parameters.clip());
    }

    /** The anomaly score of the day, in (0, 1]. */
    public double score(DailyRates rates, int day) {
        return judge(rates, day).score();
    }

    /**
     * Judges day {@code day} of the series against the ordinary days before it.
     *
     * @throws IllegalArgumentException if the series has too little look-back or too few ordinary days before it
     */
    public Judgement judge(DailyRates rates, int day) {
        return judge(rates, day, day).get(0);
    }

    /**
     * Judges the days {@code from} to {@code to} (indexes, inclusive) of the series, each against the ordinary
     * days before it: the same judgements as one by one, with each day's vector computed once.
     *
     * @throws IllegalArgumentException if a day has too little look-back or too few ordinary days before it
     */
    public List<Judgement> judge(DailyRates rates, int from, int to) {
        return judge(rates, from, to, 1);
    }

    /**
     * Judges every {@code stride}-th day from {@code from} to {@code to} (indexes, inclusive): a sample of a
     * long history at a fraction of the cost, each judgement the same as alone.
     */
    public List<Judgement> judge(DailyRates rates, int from, int to, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be at least 1 (got " + stride + ")");
        }
        checkMetrics(rates);
        int first = lookbackDays() - 1;
        if (from < first || to >= rates.days() || from > to) {
            throw new IllegalArgumentException("days " + from + " to " + to + " of a " + rates.days() + "-day series: a verdict needs "
                    + lookbackDays() + " days up to and including its day");
        }
        int start = Math.max(first, from - 4 * parameters.referenceDays());
        double[][] x = new double[to - start + 1][];
        boolean[] ordinary = new boolean[x.length];
        for (int t = start; t <= to; t++) {
            x[t - start] = vector(baselines, rates, t, parameters.clip());
            ordinary[t - start] = isOrdinary(x[t - start]);
        }
        List<Judgement> out = new ArrayList<>((to - from) / stride + 1);
        for (int day = from; day <= to; day += stride) {
            Judgement j = judge(x, ordinary, day - start, rates.day(day));
            out.add(new Judgement(j.score(), j.features(), expectations(rates, day), j.referenceDays(), j.ordinary()));
        }
        return out;
    }

    /** Judges row {@code i} of {@code x} against the ordinary rows before it. */
    private Judgement judge(double[][] x, boolean[] ordinary, int i, LocalDate day) {
        List<double[]> window = new ArrayList<>(parameters.referenceDays() + 1);
        int oldest = Math.max(0, i - 4 * parameters.referenceDays());
        for (int t = i - 1; t >= oldest && window.size() < parameters.referenceDays(); t--) {
            if (ordinary[t]) {
                window.add(x[t]);
            }
        }
        int reference = window.size();
        if (reference < parameters.minReferenceDays()) {
            throw new IllegalArgumentException(day + " has " + reference + " ordinary days before it in the series; judging a day "
                    + "needs " + parameters.minReferenceDays());
        }
        window.add(x[i]);
        IsolationForest forest = IsolationForest.fit(window.toArray(double[][]::new), new IsolationForestParameters(
                parameters.trees(), window.size(), parameters.seed() ^ (day.toEpochDay() * 0x9E3779B97F4A7C15L), OptionalInt.empty()));
        return new Judgement(forest.score(x[i]), x[i].clone(), null, reference, ordinary[i]);
    }

    private boolean isOrdinary(double[] v) {
        for (int j = 0; j < v.length; j++) {
            if (Math.abs(v[j] - median[j]) > parameters.screenSigmas() * scale[j]) {
                return false;
            }
        }
        return true;
    }

    private int index(String metric) {
        int i = metrics.indexOf(metric);
        if (i < 0) {
            throw new IllegalArgumentException("no metric '" + metric + "' in " + metrics);
        }
        return i;
    }

    private void checkMetrics(DailyRates rates) {
        if (!rates.metrics().equals(metrics)) {
            throw new IllegalArgumentException("the detector was trained on metrics " + metrics + ", the series has " + rates.metrics());
        }
    }

    private static double[] vector(SeasonalBaseline[] baselines, DailyRates rates, int day, double clip) {
        double[] v = new double[baselines.length];
        for (int m = 0; m < v.length; m++) {
            double r = baselines[m].expect(rates.firstDay(), rates.numerators()[m], rates.denominators()[m], day).ratio();
            v[m] = Math.max(-clip, Math.min(clip, Math.log(r)));
        }
        return v;
    }
}
