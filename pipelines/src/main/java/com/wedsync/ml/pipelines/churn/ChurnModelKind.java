package com.wedsync.ml.pipelines.churn;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.wedsync.ml.models.churn.ChurnAdvisor;
import com.wedsync.ml.models.churn.ChurnEnsemble;
import com.wedsync.ml.models.churn.ChurnEnsembleParameters;
import com.wedsync.ml.models.churn.ChurnEnsembleTrainer;
import com.wedsync.ml.models.data.LabeledData;
import com.wedsync.ml.models.evaluation.BinaryMetrics;
import com.wedsync.ml.models.evaluation.DeLong;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.spi.Comparison;
import com.wedsync.ml.pipelines.spi.FeatureEncoding;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.Hyperparameter;
import com.wedsync.ml.pipelines.spi.ModelKind;
import com.wedsync.ml.pipelines.spi.OutcomeSpec;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.pipelines.spi.ScoringModel;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.pipelines.spi.TrainingRequest;

/** Model kind {@code churn}: will a supplier churn within the definition's label horizon? */
public final class ChurnModelKind implements ModelKind {

    /** The ensemble's members and their hyper-parameters, with the ranges the trainers accept. */
    static final Map<String, List<Hyperparameter>> HYPERPARAMETERS = Map.of(
            "logistic_regression", List.of(Hyperparameter.integer("epochs", 1, 1000), Hyperparameter.above("learning_rate", 0, 1)),
            "random_forest", List.of(Hyperparameter.integer("trees", 1, 2000), Hyperparameter.integer("max_depth", 1, 64),
                    Hyperparameter.above("feature_fraction", 0, 1)),
            "gradient_boosting", List.of(Hyperparameter.integer("rounds", 1, 5000), Hyperparameter.integer("max_depth", 1, 20),
                    Hyperparameter.above("eta", 0, 1)),
            "neural_network", List.of(Hyperparameter.integer("hidden1", 1, 1024), Hyperparameter.integer("hidden2", 1, 1024),
                    Hyperparameter.integer("epochs", 1, 1000), Hyperparameter.above("learning_rate", 0, 1),
                    Hyperparameter.integer("batch_size", 1, 65_536)),
            "stacking", List.of(Hyperparameter.number("min_auc_gain", 0, 0.1)));

    static final Map<String, Set<String>> ALGORITHMS = Hyperparameter.names(HYPERPARAMETERS);

    @Override
    public Map<String, List<Hyperparameter>> hyperparameters() {
        return HYPERPARAMETERS;
    }

    @Override
    public String name() {
        return "churn";
    }

    @Override
    public String scoreName() {
        return "churn_probability";
    }

    @Override
    public Optional<OutcomeSpec> outcomes() {
        return Optional.of(OUTCOMES);
    }

    /** A churn prediction's outcome: did the supplier churn between its as-of date and its prediction_for_date? */
    public static final OutcomeSpec OUTCOMES = new OutcomeSpec(
            "features/supplier_churn.outcomes.sql", "churnProbability", "churned");

    @Override
    public FeatureSetSpec featureSet() {
        return ChurnFeatures.SPEC;
    }

    @Override
    public Map<String, Set<String>> algorithms() {
        return ALGORITHMS;
    }

    @Override
    public Map<String, MetricRange> metrics() {
        Map<String, MetricRange> m = new LinkedHashMap<>();
        for (String k : List.of("auc", "accuracy", "precision", "recall", "f1", "ece", "brier")) {
            m.put(k, new MetricRange(0, 1));
        }
        m.put("log_loss", new MetricRange(0, 100));
        return m;
    }

    @Override
    public TrainedModel train(TrainingRequest request, ProgressListener progress) {
        PipelineDefinition d = request.definition();
        Map<String, Number> overrides = new LinkedHashMap<>();
        for (PipelineDefinition.Algorithm a : d.algorithms()) {
            a.hyperparameters().forEach((k, v) -> overrides.put(a.name() + "." + k, (Number) v));
        }
        ChurnEnsembleParameters params = ChurnEnsembleParameters.from(request.seed(), overrides);
        List<String> names = FeatureEncoding.encodedNames(request.train().numericNames(), request.train().categoricalNames());
        LabeledData train = labeled(request.train(), names, "training");
        LabeledData validation = labeled(request.validation(), names, "validation");
        Map<String, String> provenance = new LinkedHashMap<>(request.lineage());
        provenance.put("features", String.join(",", names));
        ChurnEnsemble e = new ChurnEnsembleTrainer(params, (pct, msg) -> progress.progress(pct, msg))
                .train(train, validation, provenance);
        Map<String, Map<String, Double>> members = new LinkedHashMap<>(e.validationMetrics());
        Map<String, Double> ensemble = members.remove("ensemble");
        Map<String, Object> hyper = new LinkedHashMap<>(params.asMap());
        hyper.put("seed", params.seed());
        hyper.put("member_weights", e.memberWeights());
        hyper.put("served", e.served());
        return new TrainedModel("stacked_ensemble(logistic_regression,random_forest,gradient_boosting,neural_network)",
                e.toBytes(), hyper, Map.of("rows", (double) train.size(), "positive_rate", train.positives() / (double) train.size()),
                ensemble, members, e.featureImportance(), e.provenance());
    }

    private static LabeledData labeled(FeatureTable t, List<String> names, String split) {
        if (t.labels() == null) {
            throw new IllegalArgumentException("the " + split + " table has no labels");
        }
        if (t.size() == 0) {
            throw new IllegalArgumentException("the " + split + " split is empty: no suppliers in its snapshots");
        }
        int[] y = new int[t.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = t.labels()[i] >= 0.5 ? 1 : 0;
        }
        return new LabeledData(names, FeatureEncoding.encode(t, names), y);
    }

    @Override
    public ScoringModel load(byte[] artifact) {
        return new Scorer(ChurnEnsemble.fromBytes(artifact));
    }

    @Override
    public Map<String, Double> evaluate(ScoringModel model, FeatureTable heldOut) {
        double[] p = model.score(heldOut);
        return BinaryMetrics.of(p, labels(heldOut), 0.5).asMap();
    }

    @Override
    public Comparison compare(ScoringModel challenger, ScoringModel champion, FeatureTable heldOut, double significance) {
        int[] y = labels(heldOut);
        DeLong.Result r = DeLong.compare(challenger.score(heldOut), champion.score(heldOut), y);
        return new Comparison("DeLong (1988) one-sided test on AUC", "auc", r.auc1(), r.auc2(), r.z(), r.pOneSided(),
                r.auc1() > r.auc2() && r.pOneSided() < significance);
    }

    /** Each ensemble member's probabilities on a table, {@code [member][row]}, members in {@link ChurnEnsemble#MEMBERS} order. */
    public static double[][] memberScores(byte[] artifact, FeatureTable t) {
        ChurnEnsemble e = ChurnEnsemble.fromBytes(artifact);
        return e.memberPredictions(FeatureEncoding.encode(t, e.featureNames()));
    }

    private static int[] labels(FeatureTable t) {
        if (t.labels() == null) {
            throw new IllegalArgumentException("held-out data needs labels");
        }
        int[] y = new int[t.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = t.labels()[i] >= 0.5 ? 1 : 0;
        }
        return y;
    }

    /** A loaded ensemble scoring feature tables, with the spec's advice per supplier. */
    static final class Scorer implements ScoringModel {
        private final ChurnEnsemble ensemble;

        Scorer(ChurnEnsemble ensemble) {
            this.ensemble = ensemble;
        }

        @Override
        public double[] score(FeatureTable rows) {
            return ensemble.predict(FeatureEncoding.encode(rows, ensemble.featureNames()));
        }

        @Override
        public ChurnPrediction explain(FeatureTable rows, int row, double score) {
            double[] x = FeatureEncoding.encode(rows.rows(new int[] {row}), ensemble.featureNames())[0];
            LocalDate asOf = rows.asOf()[row];
            ChurnAdvisor.SupplierFacts facts = new ChurnAdvisor.SupplierFacts(
                    categorical(rows, row, "vendor_type"), numeric(rows, row, "mrr"), numeric(rows, row, "days_since_login"),
                    numeric(rows, row, "active_clients"), numeric(rows, row, "couples_invited"),
                    numeric(rows, row, "couples_activated"), numeric(rows, row, "tenure_days"));
            ChurnAdvisor.Prediction p = ChurnAdvisor.advise(score, facts, asOf, 30, ensemble.factors(x, 5));
            return new ChurnPrediction(round(p.churnProbability()), p.estimatedChurnDate().toString(), round(p.confidence()),
                    p.riskLevel(), p.monthlyRevenueLoss(), p.lifetimeValueLoss(),
                    p.interventions().stream().map(i -> new ChurnPrediction.Intervention(i.type(), i.action(), i.priority(), i.detail())).toList(),
                    p.factors().stream().map(f -> new ChurnPrediction.Factor(f.feature(), round(f.value()), round(f.contribution()),
                            f.direction())).toList());
        }

        private static double numeric(FeatureTable t, int row, String name) {
            int i = t.numericNames().indexOf(name);
            return i < 0 ? 0 : t.numeric()[row][i];
        }

        private static String categorical(FeatureTable t, int row, String name) {
            int i = t.categoricalNames().indexOf(name);
            return i < 0 ? "supplier" : t.categorical()[row][i];
        }

        private static double round(double v) {
            return Math.round(v * 10_000) / 10_000.0;
        }
    }
}
