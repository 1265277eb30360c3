package com.wedsync.ml.platform.registry;

import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.pipelines.spi.TrainedModel;

/**
 * A freshly trained model to register.
 *
 * @param idempotencyKey the same key registers once: a retried job gets the version it already made
 * @param featureSnapshots the feature snapshots it was trained on (ids, as-of dates, counts)
 */
public record NewModelVersion(String modelName, String modelKind, TrainedModel model, String pipelineName,
                              Integer pipelineVersion, UUID pipelineRunId, UUID jobId,
                              Map<String, Object> featureSnapshots, String idempotencyKey, String actor) {
}
