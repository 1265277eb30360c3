package com.wedsync.ml.pipelines.anomaly;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.wedsync.ml.models.anomaly.DailyRates;
import com.wedsync.ml.models.anomaly.SeasonalBaseline;
import com.wedsync.ml.models.anomaly.SeasonalIsolationForest;
import com.wedsync.ml.models.data.Artifacts;
import com.wedsync.ml.pipelines.spi.Detector;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.Finding;
import com.wedsync.ml.pipelines.spi.Prediction;
import com.wedsync.ml.pipelines.spi.ScoringModel;

/**
 * A trained anomaly detector: one {@link SeasonalIsolationForest} per {@link Family}, the seasonal baseline
 * of the invitation rate that {@code invitation_drop} compares with, and the spec's rule checks
 * ({@link RuleChecks}). A day is judged on the 7-day window ending with it, from what was known by its end.
 *
 * <p>What makes a finding (measured against the simulator's seeded anomalies by {@code ops/bench/anomaly-bench.sh};
 * the forest score alone flagged a quarter of ordinary days):
 * <ul>
 *   <li>a family's isolation score above {@code threshold} (the spec's 0.7), <em>and</em> one of its metrics at least
 *   {@code min_sigmas} robust standard deviations of the training history from its median the harmful way
 *   ({@link Family.Metric#bad()}: a busy week is not an incident);</li>
 *   <li>a rule as the spec writes it, <em>and</em> its window's count significant against its seasonal expectation
 *   (Poisson tail below {@code rule_alpha}, log-ratio {@code rule_min_sigmas} robust standard deviations out);</li>
 *   <li>either held on {@code persistence_days} consecutive days (the day and those before it).</li>
 * </ul>
 * Training starts at the first day with any activity ({@link DailySeries#firstActive()}).
 */
final class AnomalyDetector implements ScoringModel, Detector {

    /**
     * How the detector is built.
     *
     * @param forest      the forests' parameters
     * @param threshold   the isolation score above which a day is anomalous (the spec's 0.7)
     * @param holdoutDays the last days of the history that validation judges with a detector fitted without them
     * @param minSigmas   a forest finding also needs one of its family's metrics this many robust standard deviations
     *                    (of the training history) from its median, the harmful way ({@link Family.Metric#bad()})
     * @param persistenceDays a forest finding also needs its family's verdict (score and harm) on this many consecutive
     *                    days, the day and those before it
     * @param ruleAlpha   the rule checks also need their count significantly off its seasonal expectation: a Poisson
     *                    tail below this
     * @param ruleMinSigmas and its log-ratio this many robust standard deviations from its training median (the Poisson
     *                    tail alone trusts an overdispersed count too much; churn counts are sparse, so this is lower
     *                    than {@code minSigmas})
     */
    record Spec(SeasonalIsolationForest.Parameters forest, double threshold, int holdoutDays, double minSigmas,
                int persistenceDays, double ruleAlpha, double ruleMinSigmas) {
        /** The detector as first built: the forest score alone, every rule as the spec writes it. */
        Spec(SeasonalIsolationForest.Parameters forest, double threshold, int holdoutDays) {
            this(forest, threshold, holdoutDays, Double.NEGATIVE_INFINITY, 1, 1.0, Double.NEGATIVE_INFINITY);
        }

        Spec {
            if (persistenceDays < 1 || persistenceDays > 28) {
                throw new IllegalArgumentException("seasonal_isolation_forest.persistence_days must be 1 to 28 (got " + persistenceDays + ")");
            }
            if (!(ruleAlpha > 0 && ruleAlpha <= 1)) {
                throw new IllegalArgumentException("seasonal_isolation_forest.rule_alpha must be in (0, 1] (got " + ruleAlpha + ")");
            }
            if (Double.isNaN(minSigmas)) {
                throw new IllegalArgumentException("seasonal_isolation_forest.min_sigmas must be a number");
            }
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("seasonal_isolation_forest.threshold must be between 0 and 1 (got " + threshold + ")");
            }
            if (holdoutDays < 7 || holdoutDays > 730) {
                throw new IllegalArgumentException("seasonal_isolation_forest.holdout_days must be 7 to 730 (got " + holdoutDays + ")");
            }
        }
    }

    final Spec spec;
    final double arpu;
    private final LinkedHashMap<String, SeasonalIsolationForest> forests;
    private final SeasonalBaseline invitations;
    /** The seasonal expectation of churn events per alive supplier-day (null in an artifact from before it). */
    private final SeasonalBaseline churn;
    /** The seasonal expectation of activations (both sides) per alive supplier-day, its level from the 8 weeks before. */
    private final SeasonalBaseline activations;
    /**
     * The rules' screens: median and robust standard deviation (1.4826 MAD) of the log-ratio of churn, activations and
     * invitations to their seasonal expectation over the training history (null in an artifact from before them).
     */
    private final double[] ruleScreens;

    private AnomalyDetector(Spec spec, double arpu, LinkedHashMap<String, SeasonalIsolationForest> forests,
                            SeasonalBaseline invitations, SeasonalBaseline churn, SeasonalBaseline activations, double[] ruleScreens) {
        this.ruleScreens = ruleScreens;
        this.spec = spec;
        this.arpu = arpu;
        this.forests = forests;
        this.invitations = invitations;
        this.churn = churn;
        this.activations = activations;
    }

    /** Learns the baselines and screens of every family from the whole series. */
    static AnomalyDetector fit(DailySeries all, Spec spec) {
        // from the first day with any activity: the days before it record nothing to learn from
        DailySeries s = all.from(all.firstActive());
        double arpu = arpu(s);
        LinkedHashMap<String, SeasonalIsolationForest> forests = new LinkedHashMap<>();
        for (Family f : Family.values()) {
            forests.put(f.type, SeasonalIsolationForest.fit(f.rates(s, arpu), spec.forest()));
        }
        SeasonalBaseline inv = SeasonalBaseline.fit(s.firstDay(), invitationsPerDay(s), DailySeries.ones(s.days()),
                spec.forest().windowDays(), spec.forest().levelWeeks(), 1);
        SeasonalBaseline churn = SeasonalBaseline.fit(s.firstDay(), nonNegative(s.column("churned")), alive(s),
                spec.forest().windowDays(), spec.forest().levelWeeks(), 1);
        SeasonalBaseline act = SeasonalBaseline.fit(s.firstDay(), activationsPerDay(s), alive(s), spec.forest().windowDays(),
                RuleChecks.VIRAL_AVERAGE_WEEKS, 1);
        double[] screens = new double[6];
        int from = Math.max(Math.max(inv.lookbackDays(), churn.lookbackDays()), act.lookbackDays()) - 1;
        double[][] series = {nonNegative(s.column("churned")), activationsPerDay(s), invitationsPerDay(s)};
        double[][] denominators = {alive(s), alive(s), DailySeries.ones(s.days())};
        SeasonalBaseline[] bs = {churn, act, inv};
        for (int r = 0; r < 3; r++) {
            double[] v = new double[Math.max(0, s.days() - from)];
            for (int d = from; d < s.days(); d++) {
                v[d - from] = Math.log(bs[r].expect(s.firstDay(), series[r], denominators[r], d).ratio());
            }
            double[] clean = java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
            double median = clean.length == 0 ? 0 : RuleChecks.percentile(clean, 0.5);
            double mad = clean.length == 0 ? 1 : RuleChecks.percentile(java.util.Arrays.stream(clean).map(a -> Math.abs(a - median)).toArray(), 0.5);
            screens[2 * r] = median;
            screens[2 * r + 1] = Math.max(0.02, 1.4826 * mad);
        }
        return new AnomalyDetector(spec, arpu, forests, inv, churn, act, screens);
    }

    /** How far (robust standard deviations) rule r's window ratio is from its training median: > 0 above it. */
    private double ruleSigmas(int r, SeasonalBaseline.Expectation x) {
        if (ruleScreens == null) {
            return 0;
        }
        return (Math.log(x.ratio()) - ruleScreens[2 * r]) / ruleScreens[2 * r + 1];
    }

    private static double[] nonNegative(double[] c) {
        double[] out = new double[c.length];
        for (int d = 0; d < out.length; d++) {
            out[d] = Math.max(0, c[d]);
        }
        return out;
    }

    private static double[] alive(DailySeries s) {
        return nonNegative(s.column("suppliers_alive"));
    }

    private static double[] activationsPerDay(DailySeries s) {
        double[] a = s.column("activations_s2c");
        double[] b = s.column("activations_c2s");
        double[] out = new double[s.days()];
        for (int d = 0; d < out.length; d++) {
            out[d] = Math.max(0, a[d]) + Math.max(0, b[d]);
        }
        return out;
    }

    /** The mean MRR per alive supplier over the history: the unit of money metrics. */
    static double arpu(DailySeries s) {
        double mrr = 0;
        double alive = 0;
        for (int d = 0; d < s.days(); d++) {
            mrr += Math.max(0, s.column("mrr_end")[d]);
            alive += Math.max(0, s.column("suppliers_alive")[d]);
        }
        return alive > 0 ? Math.max(1, mrr / alive) : 1;
    }

    private static double[] invitationsPerDay(DailySeries s) {
        double[] a = s.column("invitations_s2c");
        double[] b = s.column("invitations_c2s");
        double[] out = new double[s.days()];
        for (int d = 0; d < out.length; d++) {
            out[d] = Math.max(0, a[d]) + Math.max(0, b[d]);
        }
        return out;
    }

    @Override
    public int windowDays() {
        return spec.forest().windowDays();
    }

    @Override
    public LocalDate firstJudgeableDay(FeatureTable history) {
        return firstJudgeable(DailySeries.of(history));
    }

    LocalDate firstJudgeable(DailySeries s) {
        int lookback = invitations.lookbackDays();
        if (churn != null) {
            lookback = Math.max(lookback, Math.max(churn.lookbackDays(), activations.lookbackDays()));
        }
        LocalDate first = s.day(Math.max(lookback - 1,
                Math.max(RuleChecks.CHURN_MIN_HISTORY + 7, 7 * (RuleChecks.VIRAL_AVERAGE_WEEKS + 1))));
        for (SeasonalIsolationForest f : forests.values()) {
            if (f.trainedFrom().isAfter(first)) {
                first = f.trainedFrom();
            }
        }
        return first;
    }

    @Override
    public List<Finding> detect(FeatureTable history, LocalDate from, LocalDate to) {
        return detect(DailySeries.of(history), from, to);
    }

    List<Finding> detect(DailySeries s, LocalDate from, LocalDate to) {
        LocalDate first = firstJudgeable(s);
        if (from.isBefore(first)) {
            from = first;
        }
        LocalDate last = s.day(s.days() - 1);
        if (to.isAfter(last)) {
            throw new IllegalArgumentException("the history ends on " + last + "; " + to + " cannot be judged yet");
        }
        List<Finding> out = new ArrayList<>();
        if (from.isAfter(to)) {
            return out;
        }
        int iFrom = s.indexOf(from);
        int iTo = s.indexOf(to);
        int iFirst = s.indexOf(first);
        int persistence = spec.persistenceDays();
        for (Family f : Family.values()) {
            DailyRates rates = f.rates(s, arpu);
            SeasonalIsolationForest forest = forests.get(f.type);
            // the days before `from` that its persistence reads are judged too (never before the first judgeable)
            int jFrom = Math.max(iFirst, iFrom - persistence + 1);
            List<SeasonalIsolationForest.Judgement> js = forest.judge(rates, jFrom, iTo);
            int run = 0;
            for (int k = 0; k < js.size(); k++) {
                SeasonalIsolationForest.Judgement j = js.get(k);
                boolean flagged = j.score() > spec.threshold() && harm(f, forest, j)[0] >= spec.minSigmas();
                run = flagged ? run + 1 : 0;
                if (jFrom + k >= iFrom && run >= persistence) {
                    out.add(forestFinding(f, forest, s, jFrom + k, j));
                }
            }
        }
        // the rules: each also needs its verdict on `persistence` consecutive days
        List<Finding> ruled = new ArrayList<>();
        for (int e = Math.max(iFirst, iFrom - persistence + 1); e <= iTo; e++) {
            rules(s, e, ruled);
        }
        Map<String, LocalDate> runStart = new LinkedHashMap<>();
        Map<String, LocalDate> lastDay = new LinkedHashMap<>();
        for (Finding f : ruled) {
            LocalDate prev = lastDay.get(f.type());
            if (prev == null || !prev.plusDays(1).equals(f.day())) {
                runStart.put(f.type(), f.day());
            }
            lastDay.put(f.type(), f.day());
            long run = f.day().toEpochDay() - runStart.get(f.type()).toEpochDay() + 1;
            if (!f.day().isBefore(from) && run >= persistence) {
                out.add(f);
            }
        }
        out.sort(Comparator.comparing(Finding::day).thenComparing(Finding::type));
        return out;
    }

    /**
     * The largest harmful deviation of the day's metrics, in robust standard deviations from their training medians
     * ({0: sigmas, 1: the metric's index}).
     */
    static double[] harm(Family f, SeasonalIsolationForest forest, SeasonalIsolationForest.Judgement j) {
        double worst = Double.NEGATIVE_INFINITY;
        int which = 0;
        for (int i = 0; i < f.metrics.size(); i++) {
            double[] screen = forest.screen(f.metrics.get(i).name());
            double z = f.metrics.get(i).bad() * (j.features()[i] - screen[0]) / screen[1];
            if (z > worst) {
                worst = z;
                which = i;
            }
        }
        return new double[] {worst, which};
    }

    private Finding forestFinding(Family f, SeasonalIsolationForest forest, DailySeries s, int day, SeasonalIsolationForest.Judgement j) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("isolation_score", j.score());
        double[] harm = harm(f, forest, j);
        m.put("harm_sigmas", harm[0]);
        double worst = 0;
        for (int i = 0; i < f.metrics.size(); i++) {
            String name = f.metrics.get(i).name();
            SeasonalBaseline.Expectation x = j.expectations()[i];
            m.put(name + ".rate", x.rate());
            m.put(name + ".expected_rate", Double.isFinite(x.expectedRate()) ? x.expectedRate() : 0);
            m.put(name + ".ratio", x.ratio());
            worst = Math.max(worst, Math.min(1, Math.abs(1 - x.ratio())));
        }
        double mrr = Math.max(0, s.column("mrr_end")[day]);
        m.put("mrr", mrr);
        // the share of a week's MRR that the largest deviation touches
        double stake = mrr * worst * windowDays() / 30.0;
        String driver = f.metrics.get((int) harm[1]).name();
        return new Finding(f.type, severity(j.score()), s.day(day), j.score(), stake, stake, m,
                f.description + String.format(" (isolation score %.2f over the %d days to %s; %s at %.2f x its expectation)",
                        j.score(), windowDays(), s.day(day), driver, j.expectations()[(int) harm[1]].ratio()),
                f.recommendation, f.action);
    }

    /** The spec's calculateSeverity: from the isolation score. */
    static String severity(double score) {
        if (score >= 0.9) {
            return "critical";
        }
        if (score >= 0.8) {
            return "high";
        }
        if (score >= 0.75) {
            return "medium";
        }
        return "low";
    }

    private void rules(DailySeries s, int e, List<Finding> out) {
        int w = 7;
        double mrr = Math.max(0, s.column("mrr_end")[e]);
        double weeklyNewMrr = 0;
        for (int b = 1; b <= RuleChecks.VIRAL_AVERAGE_WEEKS; b++) {
            weeklyNewMrr += s.sum("mrr_new", e - w * b, w);
        }
        weeklyNewMrr /= RuleChecks.VIRAL_AVERAGE_WEEKS;
        // churn_spike
        double rate = churnRate(s, e);
        int lo = Math.max(w - 1, e - RuleChecks.CHURN_HISTORY_DAYS);
        int hi = e - w;
        if (hi >= lo) {
            double[] hist = new double[hi - lo + 1];
            for (int t = lo; t <= hi; t++) {
                hist[t - lo] = churnRate(s, t);
            }
            double p = 0;
            if (churn != null) {
                SeasonalBaseline.Expectation c = churn.expect(s.firstDay(), nonNegative(s.column("churned")), alive(s), e);
                p = Double.isFinite(c.expected()) ? RuleChecks.poissonUpper(c.actual(), c.expected()) : 1;
                if (ruleSigmas(0, c) < spec.ruleMinSigmas()) {
                    p = 1;
                }
            }
            RuleChecks.churnSpike(s.day(e), rate, hist, mrr, p, spec.ruleAlpha()).ifPresent(out::add);
        }
        // viral_decline: against the season-adjusted moving average when the detector has one
        double k = k(s, e);
        if (activations != null) {
            SeasonalBaseline.Expectation a = activations.expect(s.firstDay(), activationsPerDay(s), alive(s), e);
            double start = s.column("suppliers_alive")[Math.max(0, e - 6)];
            if (Double.isFinite(a.expected()) && start > 0) {
                double p = -ruleSigmas(1, a) < spec.ruleMinSigmas() ? 1 : RuleChecks.poissonLower(a.actual(), a.expected());
                RuleChecks.viralDecline(s.day(e), k, a.expected() / start, weeklyNewMrr, p, spec.ruleAlpha()).ifPresent(out::add);
            }
        } else {
            double ma = 0;
            for (int b = 1; b <= RuleChecks.VIRAL_AVERAGE_WEEKS; b++) {
                ma += k(s, e - w * b);
            }
            ma /= RuleChecks.VIRAL_AVERAGE_WEEKS;
            RuleChecks.viralDecline(s.day(e), k, ma, weeklyNewMrr).ifPresent(out::add);
        }
        // invitation_drop
        SeasonalBaseline.Expectation x = invitations.expect(s.firstDay(), invitationsPerDay(s), DailySeries.ones(s.days()), e);
        if (Double.isFinite(x.expectedRate())) {
            double p = -ruleSigmas(2, x) < spec.ruleMinSigmas() ? 1 : RuleChecks.poissonLower(x.actual(), x.expected());
            RuleChecks.invitationDrop(s.day(e), x.rate(), x.expectedRate(), weeklyNewMrr, p, spec.ruleAlpha()).ifPresent(out::add);
        }
    }

    /** Churn events of the week ending with day e over the suppliers alive at its start. */
    static double churnRate(DailySeries s, int e) {
        double alive = s.column("suppliers_alive")[Math.max(0, e - 6)];
        return alive > 0 ? s.sum("churned", e, 7) / alive : 0;
    }

    /** Invitations activated on both sides in the week ending with day e, per supplier alive at its start. */
    static double k(DailySeries s, int e) {
        double alive = s.column("suppliers_alive")[Math.max(0, e - 6)];
        return alive > 0 ? (s.sum("activations_s2c", e, 7) + s.sum("activations_c2s", e, 7)) / alive : 0;
    }

    /** The highest isolation score of the families on each day from {@code from} to {@code to} (indexes, inclusive). */
    double[] maxScores(DailySeries s, int from, int to) {
        double[] out = new double[to - from + 1];
        for (Family f : Family.values()) {
            List<SeasonalIsolationForest.Judgement> js = forests.get(f.type).judge(f.rates(s, arpu), from, to);
            for (int k = 0; k < js.size(); k++) {
                out[k] = Math.max(out[k], js.get(k).score());
            }
        }
        return out;
    }

    /** Per row (day): the highest isolation score of the families on the window ending with it; 0 before the first judgeable day. */
    @Override
    public double[] score(FeatureTable rows) {
        DailySeries s = DailySeries.of(rows);
        int first = s.indexOf(firstJudgeable(s));
        double[] byDay = new double[s.days()];
        if (first < s.days()) {
            double[] m = maxScores(s, first, s.days() - 1);
            System.arraycopy(m, 0, byDay, first, m.length);
        }
        int dayCol = rows.categoricalNames().indexOf("day");
        double[] out = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = byDay[s.indexOf(LocalDate.parse(rows.categorical()[i][dayCol]))];
        }
        return out;
    }

    /** What the detector finds on the row's day. */
    @Override
    public Prediction explain(FeatureTable rows, int row, double score) {
        DailySeries s = DailySeries.of(rows);
        LocalDate day = LocalDate.parse(rows.categorical()[row][rows.categoricalNames().indexOf("day")]);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("day", day.toString());
        out.put("score", score);
        out.put("findings", detect(s, day, day).stream().map(AnomalyDetector::asMap).toList());
        return Prediction.of(out);
    }

    static Map<String, Object> asMap(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", f.type());
        m.put("severity", f.severity());
        m.put("day", f.day().toString());
        m.put("score", f.score());
        m.put("mrrAtStake", f.mrrAtStake());
        m.put("impact", f.impact());
        m.put("metrics", f.metrics());
        m.put("description", f.description());
        m.put("recommendation", f.recommendation());
        m.put("action", f.action());
        return m;
    }

    /**
     * The artifact: only classes of the models module and of Java, so {@link Artifacts#read}'s filter admits it
     * (this class lives in pipelines, which the filter does not admit).
     */
    byte[] toBytes() {
        LinkedHashMap<String, Object> a = new LinkedHashMap<>();
        a.put("format", "wedsync anomaly 1");
        a.put("forest", spec.forest());
        a.put("threshold", spec.threshold());
        a.put("holdoutDays", spec.holdoutDays());
        a.put("arpu", arpu);
        a.put("forests", forests);
        a.put("invitations", invitations);
        a.put("minSigmas", spec.minSigmas());
        a.put("persistenceDays", spec.persistenceDays());
        a.put("ruleAlpha", spec.ruleAlpha());
        a.put("ruleMinSigmas", spec.ruleMinSigmas());
        a.put("churn", churn);
        a.put("activations", activations);
        a.put("ruleScreens", ruleScreens);
        return Artifacts.write(a, "the anomaly detector");
    }

    @SuppressWarnings("unchecked")
    static AnomalyDetector fromBytes(byte[] artifact) {
        Map<String, Object> a = Artifacts.read(artifact, LinkedHashMap.class, "an anomaly detector");
        if (!"wedsync anomaly 1".equals(a.get("format"))) {
            throw new IllegalArgumentException("not an anomaly detector artifact: format " + a.get("format"));
        }
        // an artifact from before the harm, persistence and significance checks judges as it did
        Spec spec = new Spec((SeasonalIsolationForest.Parameters) a.get("forest"), (Double) a.get("threshold"),
                (Integer) a.get("holdoutDays"), (Double) a.getOrDefault("minSigmas", Double.NEGATIVE_INFINITY),
                (Integer) a.getOrDefault("persistenceDays", 1), (Double) a.getOrDefault("ruleAlpha", 1.0),
                (Double) a.getOrDefault("ruleMinSigmas", Double.NEGATIVE_INFINITY));
        return new AnomalyDetector(spec, (Double) a.get("arpu"),
                (LinkedHashMap<String, SeasonalIsolationForest>) a.get("forests"), (SeasonalBaseline) a.get("invitations"),
                (SeasonalBaseline) a.get("churn"), (SeasonalBaseline) a.get("activations"), (double[]) a.get("ruleScreens"));
    }

    List<String> families() {
        return List.copyOf(forests.keySet());
    }
}
