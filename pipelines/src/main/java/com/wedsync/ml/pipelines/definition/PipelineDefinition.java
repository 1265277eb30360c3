package com.wedsync.ml.pipelines.definition;

import java.util.List;
import java.util.Map;

/**
 * A named, versioned pipeline definition. Read from YAML ({@link DefinitionReader}) or a JSON API
 * body into this record; checked by {@link DefinitionValidator} before it is stored.
 *
 * @param name        lower-case, dash-separated name; also the registered model's name
 * @param version     definition version, from 1; (name, version) is unique
 * @param modelKind   the {@link com.wedsync.ml.pipelines.spi.ModelKind} that trains and scores it
 * @param description free text for people
 * @param features    the feature set and the features used from it
 * @param algorithms  algorithms with their hyper-parameters (several for an ensemble)
 * @param training    training window, label horizon, snapshot spacing and seed
 * @param schedule    cron expression (5 fields, JobRunr syntax) of the scheduled retraining; null: none
 * @param gates       evaluation gates: metric name to its bounds, all must hold to stage a model
 * @param promotion   what happens to a model that passes the gates
 * @param drift       when the production model counts as drifted or unhealthy
 * @param concurrentRuns whether a run may start while another run of this pipeline is in progress (default
 *                    false: a second start is refused naming the running run, a scheduled occurrence is skipped)
 */
public record PipelineDefinition(
        String name,
        Integer version,
        String modelKind,
        String description,
        Features features,
        List<Algorithm> algorithms,
        Training training,
        String schedule,
        Map<String, Gate> gates,
        Promotion promotion,
        Drift drift,
        Boolean concurrentRuns) {

    public PipelineDefinition {
        algorithms = algorithms == null ? List.of() : List.copyOf(algorithms);
        gates = gates == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(gates));
    }

    /** The gate map of a definition that says {@code gates: none}: its models are promoted without a quality gate. */
    public static final String NO_GATES = "none";

    /** Whether the definition says explicitly that its models pass no quality gate ({@code gates: none}). */
    public boolean ungated() {
        return gates.size() == 1 && gates.containsKey(NO_GATES) && gates.get(NO_GATES) == null;
    }

    /** Whether runs of this pipeline may overlap (false unless the definition says so). */
    public boolean allowsConcurrentRuns() {
        return Boolean.TRUE.equals(concurrentRuns);
    }

    /** The feature set a pipeline reads and the features it uses from it. */
    public record Features(String set, Integer version, List<String> include) {
        public Features {
            include = include == null ? List.of() : List.copyOf(include);
        }
    }

    /** One algorithm and its hyper-parameters. */
    public record Algorithm(String name, Map<String, Object> hyperparameters) {
        public Algorithm {
            hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters);
        }
    }

    /** A numeric hyper-parameter of an algorithm as an int, or {@code otherwise} when not given. */
    public int intHyperparameter(String algorithm, String name, int otherwise) {
        return hyperparameter(algorithm, name) instanceof Number n ? n.intValue() : otherwise;
    }

    /** A numeric hyper-parameter of an algorithm as a double, or {@code otherwise} when not given. */
    public double doubleHyperparameter(String algorithm, String name, double otherwise) {
        return hyperparameter(algorithm, name) instanceof Number n ? n.doubleValue() : otherwise;
    }

    private Object hyperparameter(String algorithm, String name) {
        return algorithms == null ? null : algorithms.stream().filter(a -> a.name().equals(algorithm)).findFirst()
                .map(a -> a.hyperparameters().get(name)).orElse(null);
    }

    /**
     * Training data: snapshots every {@code snapshotIntervalDays} over the last {@code windowMonths},
     * labelled over the following {@code labelHorizonDays}; split by time into training, validation
     * and test periods (the test period strictly after the training period).
     */
    public record Training(Integer windowMonths, Integer labelHorizonDays, Integer snapshotIntervalDays,
                           Double validationFraction, Double testFraction, Long seed) {
    }

    /** Bounds on one evaluation metric; either may be null. */
    public record Gate(Double min, Double max) {
        public boolean admits(double value) {
            return (min == null || value >= min) && (max == null || value <= max);
        }
    }

    /**
     * @param policy           {@code auto}: a model that passes the gates goes to production;
     *                         {@code manual}: it waits, staged, for a person's transition
     * @param mustBeatChampion the challenger must beat the production champion on the same held-out data
     * @param significance     the level of the comparison test (e.g. DeLong for AUC)
     */
    /**
     * @param policy     auto (promote a version that passes validation), manual (leave it staged) or
     *                   experiment (start an A/B experiment of it against the champion; auto when there is none)
     * @param experiment the experiment to start under policy experiment
     */
    public record Promotion(String policy, Boolean mustBeatChampion, Double significance, Experiment experiment) {
    }

    /**
     * An A/B experiment a staged challenger must win: mode split or shadow, metric auc (shadow only) or
     * accuracy, traffic share of B (split), outcomes per arm for the full sample, maximum days, and the
     * decision policy: auto (the winner is promoted) or report.
     */
    public record Experiment(String mode, String metric, Double trafficToB, Integer minSampleSize, Integer maxDurationDays,
                             String decision) {
    }

    /**
     * @param schedule        cron of the drift job; null: the pipeline's own schedule
     * @param pValue          KS p-value below which (after correction) a feature has drifted
     * @param psi             PSI above which a feature has drifted
     * @param minKsStatistic  the smallest KS statistic D that counts as drift when its p is significant (default 0.2,
     *                        the D of a half-standard-deviation shift; 0: significance alone, as in the spec)
     * @param minRows         fewer rows than this in a window: insufficient data, no verdict
     * @param healthThreshold health score below which the model needs retraining
     * @param cooldownDays    no second drift-triggered retraining within this many days
     * @param retrainOnDrift  whether a drift verdict enqueues a retraining by itself
     * @param features        the features to watch (default: all the pipeline's features); cumulative
     *                        counts that grow with tenure are better left out
     */
    public record Drift(String schedule, Double pValue, Double psi, Double minKsStatistic, Integer minRows,
                        Double healthThreshold, Integer cooldownDays, Boolean retrainOnDrift, List<String> features) {
        public Drift {
            features = features == null ? null : List.copyOf(features);
        }

        /** The detector's policy: this definition's thresholds, the spec's where it states none. */
        public static com.wedsync.ml.models.drift.DriftPolicy policy(Drift d) {
            com.wedsync.ml.models.drift.DriftPolicy spec = com.wedsync.ml.models.drift.DriftPolicy.SPEC;
            if (d == null) {
                return spec;
            }
            return new com.wedsync.ml.models.drift.DriftPolicy(d.pValue() == null ? spec.pValue() : d.pValue(),
                    d.psi() == null ? spec.psi() : d.psi(), d.minRows() == null ? spec.minRows() : d.minRows(), spec.bins(),
                    spec.epsilon(), d.minKsStatistic() == null ? spec.minKsStatistic() : d.minKsStatistic());
        }
    }
}
