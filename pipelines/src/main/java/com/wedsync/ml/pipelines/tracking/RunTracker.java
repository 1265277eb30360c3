package com.wedsync.ml.pipelines.tracking;

import java.util.List;
import java.util.Map;

/**
 * An experiment tracker. Every call is idempotent on its key: sending the same record twice leaves
 * one run, one registered version.
 */
public interface RunTracker {

    /** Logs a training run and registers its model version; returns what the tracker calls them. */
    TrackedRun logRun(RunRecord record);

    /** Adds metrics (e.g. held-out ones) to a run logged before. */
    void logMetrics(String runId, Map<String, Double> metrics);

    /** Points {@code alias} of the registered model at a version ({@code version} null: remove the alias). */
    void setAlias(String registeredModel, String alias, String version);

    /** Tags a registered version (e.g. its registry state). */
    void tagVersion(String registeredModel, String version, String key, String value);

    /**
     * @param experiment     experiment name (one per pipeline)
     * @param idempotencyKey the same key never makes a second run
     * @param registeredModel registered model name, or null to register nothing
     * @param modelArtifact   path of the model among {@code artifacts} (the version's source): its MLflow model directory, or the file of a version logged before it had one
     */
    record RunRecord(String experiment, String runName, String idempotencyKey, Map<String, String> params,
                     Map<String, Double> metrics, Map<String, String> tags, List<Artifact> artifacts,
                     String registeredModel, String modelArtifact, long startMillis, long endMillis) {
    }

    record Artifact(String path, byte[] content) {
    }

    record TrackedRun(String experimentId, String runId, String registeredVersion) {
    }

    /** The tracker could not be reached or failed on its side: try again later. */
    class TrackerUnavailableException extends RuntimeException {
        public TrackerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
