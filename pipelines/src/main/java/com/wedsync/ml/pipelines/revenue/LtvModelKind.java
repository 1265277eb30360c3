package com.wedsync.ml.pipelines.revenue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

import com.wedsync.ml.models.revenue.LtvModel;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.spi.Comparison;
import com.wedsync.ml.pipelines.spi.FeatureEncoding;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.Hyperparameter;
import com.wedsync.ml.pipelines.spi.ModelKind;
import com.wedsync.ml.pipelines.spi.Prediction;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.pipelines.spi.ScoringModel;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.pipelines.spi.TrainingRequest;

/**
 * Model kind {@code ltv}: a supplier's value (successful payments) over the label horizon, learned by
 * gradient-boosted trees and compared with the spec's cohort estimate ({@link LtvModel}). The spec's
 * target is per cohort: "within 15% at 6 months", so the headline metric is the median over vendor-type
 * cohorts of |sum predicted - sum realised| / sum realised on held-out dates ({@code cohort_error_median}).
 */
public final class LtvModelKind implements ModelKind {

    static final String ALGORITHM = "gradient_boosting";
    static final List<String> PROFILE_FEATURES = List.of("vendor_type", "mrr", "had_onboarding_call", "couples_invited",
            "total_forms", "join_month", "avg_session_duration", "revenue_to_date", "tenure_days", "days_to_first_payment");

    @Override
    public String name() {
        return "ltv";
    }

    /** The value over the model's horizon that {@code score} returns (the answer's learned value). */
    @Override
    public String scoreName() {
        return "ltv_value";
    }

    @Override
    public FeatureSetSpec featureSet() {
        return RevenueFeatures.SUPPLIER_LTV;
    }

    @Override
    public Map<String, Set<String>> algorithms() {
        return Hyperparameter.names(HYPERPARAMETERS);
    }

    /** The trainer's limits ({@code LtvModel.Hyperparameters}). */
    static final Map<String, List<Hyperparameter>> HYPERPARAMETERS = Map.of(ALGORITHM, List.of(Hyperparameter.integer("rounds", 1, 5000),
            Hyperparameter.integer("max_depth", 1, 20), Hyperparameter.above("eta", 0, 1)));

    @Override
    public Map<String, List<Hyperparameter>> hyperparameters() {
        return HYPERPARAMETERS;
    }

    /** The supplier profile the cohort estimate and the explanation are built from. */
    @Override
    public Set<String> requiredFeatures() {
        return Set.copyOf(PROFILE_FEATURES);
    }

    @Override
    public Map<String, MetricRange> metrics() {
        Map<String, MetricRange> m = new LinkedHashMap<>();
        m.put("cohort_error_median", new MetricRange(0, 100));
        m.put("cohort_error_max", new MetricRange(0, 100));
        m.put("aggregate_error", new MetricRange(0, 100));
        m.put("cohort_baseline_error_median", new MetricRange(0, 100));
        m.put("mae", new MetricRange(0, 1e12));
        m.put("rmse", new MetricRange(0, 1e12));
        m.put("r2", new MetricRange(-1e12, 1));
        return m;
    }

    @Override
    public TrainedModel train(TrainingRequest request, ProgressListener progress) {
        PipelineDefinition d = request.definition();
        LtvModel.Hyperparameters h = new LtvModel.Hyperparameters(d.intHyperparameter(ALGORITHM, "rounds", 150),
                d.intHyperparameter(ALGORITHM, "max_depth", 5), d.doubleHyperparameter(ALGORITHM, "eta", 0.1), request.seed());
        FeatureTable train = request.train();
        FeatureTable validation = request.validation();
        for (FeatureTable t : List.of(train, validation)) {
            if (t.labels() == null || t.size() == 0) {
                throw new IllegalArgumentException("LTV training needs labelled rows in the training and validation splits, got "
                        + train.size() + " and " + validation.size());
            }
        }
        List<String> names = FeatureEncoding.encodedNames(train.numericNames(), train.categoricalNames());
        int horizonMonths = horizonMonths(d);
        Map<String, String> provenance = new LinkedHashMap<>(request.lineage());
        provenance.put("features", String.join(",", names));
        provenance.put("target", "successful payments in the " + d.training().labelHorizonDays() + " days after the as-of date");
        provenance.put("library_versions", "tribuo=" + org.tribuo.Tribuo.VERSION + ", xgboost4j (tribuo-regression-xgboost)");
        provenance.put("hyperparameters", "rounds=" + h.rounds() + ", max_depth=" + h.maxDepth() + ", eta=" + h.eta());
        provenance.put("seed", Long.toString(h.seed()));
        progress.progress(10, "training gradient-boosted trees (" + h.rounds() + " rounds) on " + train.size() + " rows");
        long t0 = System.nanoTime();
        LtvModel model = LtvModel.train(names, FeatureEncoding.encode(train, names), train.labels(), profiles(train),
                FeatureEncoding.encode(validation, names), validation.labels(), profiles(validation), horizonMonths, h, provenance);
        provenance.put("training_seconds", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        Scorer scorer = new Scorer(model);
        Map<String, Double> validationMetrics = metrics(scorer, validation);
        progress.progress(90, "validation " + validationMetrics);
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("rounds", h.rounds());
        hyper.put("max_depth", h.maxDepth());
        hyper.put("eta", h.eta());
        hyper.put("seed", h.seed());
        hyper.put("horizon_months", horizonMonths);
        double mean = Arrays.stream(train.labels()).average().orElse(0);
        return new TrainedModel(ALGORITHM, model.toBytes(), hyper, Map.of("rows", (double) train.size(), "mean_value", mean),
                validationMetrics, Map.of(), model.featureImportance(), model.provenance());
    }

    static int horizonMonths(PipelineDefinition d) {
        Integer days = d.training().labelHorizonDays();
        return Math.max(1, (int) Math.round((days == null ? 182 : days) / 30.44));
    }

    @Override
    public ScoringModel load(byte[] artifact) {
        return new Scorer(LtvModel.fromBytes(artifact));
    }

    @Override
    public Map<String, Double> evaluate(ScoringModel model, FeatureTable heldOut) {
        return metrics((Scorer) model, heldOut);
    }

    static Map<String, Double> metrics(Scorer s, FeatureTable t) {
        if (t.labels() == null || t.size() == 0) {
            throw new IllegalArgumentException("held-out LTV data needs labelled rows, got " + t.size());
        }
        double[] p = s.score(t);
        double[] y = t.labels();
        LtvModel.Profile[] profiles = profiles(t);
        Map<String, double[]> sums = new HashMap<>();  // cohort -> {predicted, realised, cohort estimate}
        double se = 0;
        double ae = 0;
        double mean = Arrays.stream(y).average().orElse(0);
        double ss = 0;
        for (int i = 0; i < p.length; i++) {
            double[] c = sums.computeIfAbsent(profiles[i].vendorType(), k -> new double[3]);
            c[0] += p[i];
            c[1] += y[i];
            c[2] += s.model.cohortEstimate(profiles[i]);
            se += (p[i] - y[i]) * (p[i] - y[i]);
            ae += Math.abs(p[i] - y[i]);
            ss += (y[i] - mean) * (y[i] - mean);
        }
        List<Double> errors = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        double predicted = 0;
        double realised = 0;
        for (double[] c : sums.values()) {
            predicted += c[0];
            realised += c[1];
            if (c[1] > 0) {
                errors.add(Math.abs(c[0] - c[1]) / c[1]);
                baseline.add(Math.abs(c[2] - c[1]) / c[1]);
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cohort_error_median", median(errors));
        m.put("cohort_error_max", errors.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        m.put("aggregate_error", realised > 0 ? Math.abs(predicted - realised) / realised : 0);
        m.put("cohort_baseline_error_median", median(baseline));
        m.put("mae", ae / p.length);
        m.put("rmse", Math.sqrt(se / p.length));
        m.put("r2", ss > 0 ? 1 - se / ss : 0);
        return m;
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return 0;
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    @Override
    public Comparison compare(ScoringModel challenger, ScoringModel champion, FeatureTable heldOut, double significance) {
        double[] y = heldOut.labels();
        double[] a = challenger.score(heldOut);
        double[] b = champion.score(heldOut);
        double[] ea = new double[y.length];
        double[] eb = new double[y.length];
        double maeA = 0;
        double maeB = 0;
        for (int i = 0; i < y.length; i++) {
            ea[i] = Math.abs(a[i] - y[i]);
            eb[i] = Math.abs(b[i] - y[i]);
            maeA += ea[i] / y.length;
            maeB += eb[i] / y.length;
        }
        double p = 1;
        double w = 0;
        if (!Arrays.equals(ea, eb)) {
            WilcoxonSignedRankTest test = new WilcoxonSignedRankTest();
            w = test.wilcoxonSignedRank(ea, eb);
            double twoSided = test.wilcoxonSignedRankTest(ea, eb, ea.length <= 30);
            p = maeA < maeB ? twoSided / 2 : 1 - twoSided / 2;
        }
        return new Comparison("Wilcoxon signed-rank test on paired absolute errors (one-sided)", "mae", maeA, maeB, w, p,
                maeA < maeB && p < significance);
    }

    static LtvModel.Profile[] profiles(FeatureTable t) {
        int[] idx = new int[PROFILE_FEATURES.size()];
        int vendor = t.categoricalNames().indexOf("vendor_type");
        if (vendor < 0) {
            throw new IllegalArgumentException("the LTV kind needs feature 'vendor_type' in features.include (its cohorts)");
        }
        for (int k = 1; k < idx.length; k++) {
            idx[k] = t.numericNames().indexOf(PROFILE_FEATURES.get(k));
            if (idx[k] < 0) {
                throw new IllegalArgumentException("the LTV kind needs feature '" + PROFILE_FEATURES.get(k)
                        + "' in features.include (the spec's modifiers read it)");
            }
        }
        LtvModel.Profile[] out = new LtvModel.Profile[t.size()];
        for (int i = 0; i < out.length; i++) {
            double[] x = t.numeric()[i];
            out[i] = new LtvModel.Profile(t.categorical()[i][vendor], finite(x[idx[1]]), x[idx[2]] >= 0.5, finite(x[idx[3]]),
                    finite(x[idx[4]]), (int) finite(x[idx[5]]), finite(x[idx[6]]), finite(x[idx[7]]), finite(x[idx[8]]),
                    Double.isFinite(x[idx[9]]) ? x[idx[9]] : -1);
        }
        return out;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    /** A loaded LTV model. */
    static final class Scorer implements ScoringModel {
        final LtvModel model;

        Scorer(LtvModel model) {
            this.model = model;
        }

        @Override
        public double[] score(FeatureTable rows) {
            return model.predict(FeatureEncoding.encode(rows, model.featureNames()));
        }

        @Override
        public Prediction explain(FeatureTable rows, int row, double score) {
            return explain(rows, row, score, Map.of());
        }

        @Override
        public Prediction explain(FeatureTable rows, int row, double score, Map<String, Object> options) {
            double level = options.get("confidence") instanceof Number n ? n.doubleValue() : 0.95;
            LtvModel.Profile p = profiles(rows.rows(new int[] {row}))[0];
            return Prediction.of(model.explain(p, score, level));
        }
    }
}
