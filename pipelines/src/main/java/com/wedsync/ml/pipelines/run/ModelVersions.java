package com.wedsync.ml.pipelines.run;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.wedsync.ml.pipelines.registry.ModelState;
import com.wedsync.ml.pipelines.spi.TrainedModel;

/** The model registry, as a run uses it: versions, their artifacts and states, and the one promotion path. */
public interface ModelVersions {

    /** A model version as the run sees it. */
    record Version(UUID id, String model, String version, ModelState state, String pipelineName, Integer pipelineVersion,
                   String artifactSha256, Instant trainedAt) {
    }

    /**
     * A freshly trained model to register.
     *
     * @param idempotencyKey the same key registers once: a retried step gets the version it already made
     * @param trainingData   what it was trained on (snapshot ids, as-of dates, row counts)
     */
    record Registration(String model, String kind, TrainedModel trained, String pipelineName, int pipelineVersion,
                        UUID runId, UUID jobId, Map<String, Object> trainingData, String idempotencyKey, String actor) {
    }

    /** The version registered under this key, if any. */
    Optional<Version> byKey(String model, String idempotencyKey);

    Version register(Registration registration);

    Optional<Version> find(UUID id);

    Optional<Version> production(String model);

    byte[] artifact(UUID id);

    Version transition(UUID id, ModelState to, String actor, String reason);

    /** Records the held-out metrics and the comparison with the champion (or why there was none). */
    void recordEvaluation(UUID id, Map<String, Double> metrics, Object championComparison);

    /** Judges a challenger again against a champion it was not judged against: empty if it still deserves production. */
    @FunctionalInterface
    interface Recheck {
        Optional<String> refusal(Version challenger, Version champion);
    }

    /**
     * Promotes a staged version through the registry's one promotion path: the champion is read again at
     * the moment of promotion, under a lock; if it is not {@code judgedAgainst}, {@code recheck} judges the
     * challenger against the new one.
     *
     * @return empty if promoted, else why not (the version is then left as it was)
     */
    Optional<String> promote(UUID id, String actor, String reason, UUID judgedAgainst, Recheck recheck);
}
