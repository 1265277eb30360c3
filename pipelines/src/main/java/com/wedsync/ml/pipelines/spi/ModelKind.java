package com.wedsync.ml.pipelines.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A kind of model (churn, LTV, ...): what it needs, how it trains, how its artifact scores.
 * Implementations are plain Java, found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/com.wedsync.ml.pipelines.spi.ModelKind}); a pipeline definition names one by
 * {@link #name()}.
 */
public interface ModelKind {

    /** The name definitions use in {@code modelKind}. */
    String name();

    /** The feature set this kind reads, with every feature it offers. */
    FeatureSetSpec featureSet();

    /** How the training data is laid out: entity snapshots over time (the default) or one time series. */
    default DataLayout layout() {
        return DataLayout.PANEL;
    }

    /**
     * How this kind's predictions get their real outcomes, if they do: the kinds that have them get model
     * health checks on recorded outcomes and can be A/B-tested; the others cannot.
     */
    default Optional<OutcomeSpec> outcomes() {
        return Optional.empty();
    }

    /**
     * Whether the platform watches this kind's input features for drift (KS and PSI between a reference and
     * a current window of entity snapshots). A series kind has one row per period: no feature distribution
     * to compare; its rolling-origin backtest is its check.
     */
    default boolean watchesDrift() {
        return layout() == DataLayout.PANEL;
    }

    /**
     * The anomaly types this kind's {@link Detector} reports (what {@code GET /api/anomalies?type=} accepts);
     * empty for a kind that does not detect.
     */
    default java.util.List<String> findingTypes() {
        return java.util.List.of();
    }

    /**
     * The name of what {@link ScoringModel#score} returns for a row (e.g. {@code churn_probability}): the output
     * column of the version's MLflow model signature and of {@code POST /api/models/{name}/versions/{v}/predictions}.
     */
    default String scoreName() {
        return "score";
    }

    /** Algorithms this kind can train, each with the hyper-parameter names it accepts. */
    Map<String, Set<String>> algorithms();

    /**
     * Each algorithm's hyper-parameters with their types and ranges, checked when a definition is registered.
     * By default the names of {@link #algorithms()}, any number accepted; a kind that knows its ranges says so.
     */
    default Map<String, List<Hyperparameter>> hyperparameters() {
        Map<String, List<Hyperparameter>> out = new java.util.LinkedHashMap<>();
        algorithms().forEach((a, names) -> out.put(a, names.stream().sorted().map(Hyperparameter::any).toList()));
        return out;
    }

    /** Features every definition of this kind must include (the kind cannot train or explain without them). */
    default Set<String> requiredFeatures() {
        return Set.of();
    }

    /** Metrics this kind reports, each with its possible range, so gates can be checked. */
    Map<String, MetricRange> metrics();

    /** Trains a model on the training table, tuning whatever needs tuning on the validation table. */
    TrainedModel train(TrainingRequest request, ProgressListener progress);

    /** Loads an artifact written by {@link #train}. */
    ScoringModel load(byte[] artifact);

    /** Scores a model on labelled held-out data. */
    Map<String, Double> evaluate(ScoringModel model, FeatureTable heldOut);

    /**
     * Compares a challenger with the champion on the same held-out data: the test named in the
     * result decides whether the challenger is better at the given significance level.
     */
    Comparison compare(ScoringModel challenger, ScoringModel champion, FeatureTable heldOut, double significance);

    /** The closed interval a metric lives in. */
    record MetricRange(double min, double max) {
        public boolean contains(double v) {
            return v >= min && v <= max;
        }
    }
}
