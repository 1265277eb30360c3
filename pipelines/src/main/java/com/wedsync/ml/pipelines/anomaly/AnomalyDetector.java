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
 */
final class AnomalyDetector implements ScoringModel, Detector {

    /**
     * How the detector is built.
     *
     * @param forest      the forests' parameters
     * @param threshold   the isolation score above which a day is anomalous (the spec's 0.7)
     * @param holdoutDays the last days of the history that validation judges with a detector fitted without them
     */
    record Spec(SeasonalIsolationForest.Parameters forest, double threshold, int holdoutDays) {
        Spec {
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

    private AnomalyDetector(Spec spec, double arpu, LinkedHashMap<String, SeasonalIsolationForest> forests,
                            SeasonalBaseline invitations) {
        this.spec = spec;
        this.arpu = arpu;
        this.forests = forests;
        this.invitations = invitations;
    }

    /** Learns the baselines and screens of every family from the whole series. */
    static AnomalyDetector fit(DailySeries s, Spec spec) {
        double arpu = arpu(s);
        LinkedHashMap<String, SeasonalIsolationForest> forests = new LinkedHashMap<>();
        for (Family f : Family.values()) {
            forests.put(f.type, SeasonalIsolationForest.fit(f.rates(s, arpu), spec.forest()));
        }
        SeasonalBaseline inv = SeasonalBaseline.fit(s.firstDay(), invitationsPerDay(s), DailySeries.ones(s.days()),
                spec.forest().windowDays(), spec.forest().levelWeeks(), 1);
        return new AnomalyDetector(spec, arpu, forests, inv);
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
        LocalDate first = s.day(Math.max(invitations.lookbackDays() - 1,
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
        for (Family f : Family.values()) {
            DailyRates rates = f.rates(s, arpu);
            List<SeasonalIsolationForest.Judgement> js = forests.get(f.type).judge(rates, iFrom, iTo);
            for (int k = 0; k < js.size(); k++) {
                SeasonalIsolationForest.Judgement j = js.get(k);
                if (j.score() > spec.threshold()) {
                    out.add(forestFinding(f, s, iFrom + k, j));
                }
            }
        }
        for (int e = iFrom; e <= iTo; e++) {
            rules(s, e, out);
        }
        out.sort(Comparator.comparing(Finding::day).thenComparing(Finding::type));
        return out;
    }

    private Finding forestFinding(Family f, DailySeries s, int day, SeasonalIsolationForest.Judgement j) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("isolation_score", j.score());
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
        return new Finding(f.type, severity(j.score()), s.day(day), j.score(), stake, stake, m,
                f.description + String.format(" (isolation score %.2f over the %d days to %s)", j.score(), windowDays(), s.day(day)),
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
            RuleChecks.churnSpike(s.day(e), rate, hist, mrr).ifPresent(out::add);
        }
        // viral_decline
        double ma = 0;
        for (int b = 1; b <= RuleChecks.VIRAL_AVERAGE_WEEKS; b++) {
            ma += k(s, e - w * b);
        }
        ma /= RuleChecks.VIRAL_AVERAGE_WEEKS;
        RuleChecks.viralDecline(s.day(e), k(s, e), ma, weeklyNewMrr).ifPresent(out::add);
        // invitation_drop
        SeasonalBaseline.Expectation x = invitations.expect(s.firstDay(), invitationsPerDay(s), DailySeries.ones(s.days()), e);
        if (Double.isFinite(x.expectedRate())) {
            RuleChecks.invitationDrop(s.day(e), x.rate(), x.expectedRate(), weeklyNewMrr).ifPresent(out::add);
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
        return Artifacts.write(a, "the anomaly detector");
    }

    @SuppressWarnings("unchecked")
    static AnomalyDetector fromBytes(byte[] artifact) {
        Map<String, Object> a = Artifacts.read(artifact, LinkedHashMap.class, "an anomaly detector");
        if (!"wedsync anomaly 1".equals(a.get("format"))) {
            throw new IllegalArgumentException("not an anomaly detector artifact: format " + a.get("format"));
        }
        Spec spec = new Spec((SeasonalIsolationForest.Parameters) a.get("forest"), (Double) a.get("threshold"),
                (Integer) a.get("holdoutDays"));
        return new AnomalyDetector(spec, (Double) a.get("arpu"),
                (LinkedHashMap<String, SeasonalIsolationForest>) a.get("forests"), (SeasonalBaseline) a.get("invitations"));
    }

    List<String> families() {
        return List.copyOf(forests.keySet());
    }
}
