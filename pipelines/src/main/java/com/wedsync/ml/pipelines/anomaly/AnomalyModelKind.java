package com.wedsync.ml.pipelines.anomaly;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.wedsync.ml.models.anomaly.SeasonalIsolationForest;
import com.wedsync.ml.models.experiment.TwoProportionTest;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.spi.Comparison;
import com.wedsync.ml.pipelines.spi.DataLayout;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.Finding;
import com.wedsync.ml.pipelines.spi.ModelKind;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.pipelines.spi.ScoringModel;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.pipelines.spi.TrainingRequest;

/**
 * Model kind {@code anomaly}: the spec's anomaly detection (section 6). A {@link DataLayout#SERIES} kind over
 * the daily history of {@code marketplace_daily}: one seasonal isolation forest per family (revenue, usage,
 * viral, support) on season-adjusted 7-day rates, and the spec's rule checks beside them. Its loaded model
 * is a {@link com.wedsync.ml.pipelines.spi.Detector}, which the platform's detection job runs.
 *
 * <p>Validation: a detector fitted on the history without its last {@code holdout_days} days judges those
 * days; with no labels in the platform's data (the simulator's planted truth is for the benchmark, not the
 * model), the held-out metrics are rates: the share of days some forest calls anomalous, and each rule's.
 * A gate on {@code alert_day_rate} keeps a detector that cries wolf out of production.
 */
public final class AnomalyModelKind implements ModelKind {

    static final String ALGORITHM = "seasonal_isolation_forest";
    static final Set<String> HYPERPARAMETERS = Set.of("window_days", "level_weeks", "clip", "trees", "reference_days",
            "min_reference_days", "screen_sigmas", "threshold", "holdout_days", "min_sigmas", "persistence_days", "rule_alpha",
            "rule_min_sigmas");

    @Override
    public String name() {
        return "anomaly";
    }

    @Override
    public FeatureSetSpec featureSet() {
        return AnomalyFeatures.MARKETPLACE_DAILY;
    }

    @Override
    public DataLayout layout() {
        return DataLayout.SERIES;
    }

    @Override
    public List<String> findingTypes() {
        List<String> t = new java.util.ArrayList<>();
        for (Family f : Family.values()) {
            t.add(f.type);
        }
        t.addAll(List.of("churn_spike", "viral_decline", "invitation_drop"));
        return t;
    }

    @Override
    public Map<String, Set<String>> algorithms() {
        return Map.of(ALGORITHM, HYPERPARAMETERS);
    }

    @Override
    public Map<String, MetricRange> metrics() {
        Map<String, MetricRange> m = new LinkedHashMap<>();
        m.put("alert_day_rate", new MetricRange(0, 1));
        m.put("mean_max_score", new MetricRange(0, 1));
        m.put("churn_spike_day_rate", new MetricRange(0, 1));
        m.put("viral_decline_day_rate", new MetricRange(0, 1));
        m.put("invitation_drop_day_rate", new MetricRange(0, 1));
        m.put("days_judged", new MetricRange(0, 100_000));
        return m;
    }

    static AnomalyDetector.Spec spec(PipelineDefinition d, long seed) {
        SeasonalIsolationForest.Parameters p = new SeasonalIsolationForest.Parameters(
                d.intHyperparameter(ALGORITHM, "window_days", 7),
                d.intHyperparameter(ALGORITHM, "level_weeks", 12),
                d.doubleHyperparameter(ALGORITHM, "clip", 3.0),
                d.intHyperparameter(ALGORITHM, "trees", 100),
                d.intHyperparameter(ALGORITHM, "reference_days", 120),
                d.intHyperparameter(ALGORITHM, "min_reference_days", 30),
                d.doubleHyperparameter(ALGORITHM, "screen_sigmas", 4.0),
                seed);
        return new AnomalyDetector.Spec(p, d.doubleHyperparameter(ALGORITHM, "threshold", 0.7),
                d.intHyperparameter(ALGORITHM, "holdout_days", 90), d.doubleHyperparameter(ALGORITHM, "min_sigmas", 3.0),
                d.intHyperparameter(ALGORITHM, "persistence_days", 3), d.doubleHyperparameter(ALGORITHM, "rule_alpha", 0.001),
                d.doubleHyperparameter(ALGORITHM, "rule_min_sigmas", 2.0));
    }

    @Override
    public TrainedModel train(TrainingRequest request, ProgressListener progress) {
        AnomalyDetector.Spec spec = spec(request.definition(), request.seed());
        DailySeries s = DailySeries.of(request.train());
        int fitDays = s.days() - spec.holdoutDays();
        if (fitDays < 400) {
            throw new IllegalArgumentException("the daily history has " + s.days() + " days (" + s.firstDay() + " to "
                    + s.day(s.days() - 1) + "); the anomaly detector needs " + (400 + spec.holdoutDays())
                    + ": a year for the seasonal factors and the look-back, and " + spec.holdoutDays() + " held-out days");
        }
        progress.progress(10, "fitting " + Family.values().length + " seasonal isolation forests on " + fitDays + " days ("
                + s.firstDay() + " to " + s.day(fitDays - 1) + "), holding out " + spec.holdoutDays());
        AnomalyDetector held = AnomalyDetector.fit(s.head(fitDays), spec);
        progress.progress(30, "judging the " + spec.holdoutDays() + " held-out days");
        Map<String, Double> validation = judgeTail(held, s, spec.holdoutDays());
        progress.progress(70, "held out: " + validation + "; fitting on all " + s.days() + " days");
        AnomalyDetector model = AnomalyDetector.fit(s, spec);
        Map<String, Object> hyper = new LinkedHashMap<>();
        SeasonalIsolationForest.Parameters p = spec.forest();
        hyper.put("window_days", p.windowDays());
        hyper.put("level_weeks", p.levelWeeks());
        hyper.put("clip", p.clip());
        hyper.put("trees", p.trees());
        hyper.put("reference_days", p.referenceDays());
        hyper.put("min_reference_days", p.minReferenceDays());
        hyper.put("screen_sigmas", p.screenSigmas());
        hyper.put("threshold", spec.threshold());
        hyper.put("holdout_days", spec.holdoutDays());
        hyper.put("min_sigmas", spec.minSigmas());
        hyper.put("persistence_days", spec.persistenceDays());
        hyper.put("rule_alpha", spec.ruleAlpha());
        hyper.put("rule_min_sigmas", spec.ruleMinSigmas());
        hyper.put("seed", request.seed());
        Map<String, String> provenance = new LinkedHashMap<>(request.lineage());
        provenance.put("history", s.firstDay() + ".." + s.day(s.days() - 1));
        provenance.put("families", model.families().toString());
        provenance.put("method", "per family: sliding-window isolation forest (Liu, Ting & Zhou 2008) on log ratios of 7-day rates "
                + "to a month x weekday seasonal baseline; rule checks churn_spike, viral_decline, invitation_drop (spec section 6)");
        provenance.put("library_versions", "wedsync-models isolation forest (in-house), java=" + System.getProperty("java.specification.version"));
        provenance.put("hyperparameters", hyper.toString());
        provenance.put("seed", Long.toString(request.seed()));
        progress.progress(100, "trained on " + s.days() + " days");
        return new TrainedModel(ALGORITHM, model.toBytes(), hyper,
                Map.of("days", (double) s.days(), "arpu", model.arpu), validation, Map.of(), Map.of(), provenance);
    }

    /** Judges the last {@code days} days of the series with the detector: the share of days with each kind of finding. */
    static Map<String, Double> judgeTail(AnomalyDetector d, DailySeries s, int days) {
        LocalDate to = s.day(s.days() - 1);
        LocalDate from = to.minusDays(days - 1L);
        LocalDate first = d.firstJudgeable(s);
        if (from.isBefore(first)) {
            from = first;
        }
        int judged = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        List<Finding> found = d.detect(s, from, to);
        Set<Family> families = Set.of(Family.values());
        Set<LocalDate> forestDays = new TreeSet<>();
        Map<String, Set<LocalDate>> ruleDays = new LinkedHashMap<>();
        for (String r : List.of("churn_spike", "viral_decline", "invitation_drop")) {
            ruleDays.put(r, new TreeSet<>());
        }
        for (Finding f : found) {
            if (families.stream().anyMatch(x -> x.type.equals(f.type()))) {
                forestDays.add(f.day());
            } else {
                ruleDays.get(f.type()).add(f.day());
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        double n = Math.max(1, judged);
        m.put("alert_day_rate", forestDays.size() / n);
        double[] scores = judged > 0 ? d.maxScores(s, s.indexOf(from), s.indexOf(to)) : new double[0];
        m.put("mean_max_score", java.util.Arrays.stream(scores).average().orElse(0));
        ruleDays.forEach((k, v) -> m.put(k + "_day_rate", v.size() / n));
        m.put("days_judged", (double) judged);
        return m;
    }

    @Override
    public ScoringModel load(byte[] artifact) {
        return AnomalyDetector.fromBytes(artifact);
    }

    @Override
    public Map<String, Double> evaluate(ScoringModel model, FeatureTable heldOut) {
        AnomalyDetector d = (AnomalyDetector) model;
        return judgeTail(d, DailySeries.of(heldOut), d.spec.holdoutDays());
    }

    /**
     * With no labels, "better" is fewer alert days on the same held-out days: a one-sided two-proportion test
     * of the challenger's alert-day rate against the champion's.
     */
    @Override
    public Comparison compare(ScoringModel challenger, ScoringModel champion, FeatureTable heldOut, double significance) {
        AnomalyDetector a = (AnomalyDetector) challenger;
        AnomalyDetector b = (AnomalyDetector) champion;
        DailySeries s = DailySeries.of(heldOut);
        int days = Math.min(a.spec.holdoutDays(), b.spec.holdoutDays());
        Map<String, Double> ma = judgeTail(a, s, days);
        Map<String, Double> mb = judgeTail(b, s, days);
        long na = Math.round(ma.get("days_judged"));
        long nb = Math.round(mb.get("days_judged"));
        long xa = Math.round(ma.get("alert_day_rate") * na);
        long xb = Math.round(mb.get("alert_day_rate") * nb);
        TwoProportionTest.Result r = TwoProportionTest.compare(xb, nb, xa, na);
        // "the challenger (B) alerts on fewer days than the champion (A)"
        double p = xa == xb && na == nb ? 1 : r.pBLess();
        return new Comparison("two-proportion z-test on held-out alert days (one-sided: fewer is better)", "alert_day_rate",
                ma.get("alert_day_rate"), mb.get("alert_day_rate"), r.z(), p, xa < xb && p < significance);
    }
}
