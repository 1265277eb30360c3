package com.wedsync.ml.pipelines.run;

import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.spi.TrainedModel;

/**
 * What a run tells whoever follows its training (the platform's MLflow tracking, through a durable
 * outbox in front of the {@link com.wedsync.ml.pipelines.tracking.RunTracker} port).
 */
public interface TrainingEvents {

    default void trained(PipelineDefinition definition, ModelVersions.Version version, TrainedModel model, UUID runId, UUID jobId) {
    }

    /**
     * As {@link #trained(PipelineDefinition, ModelVersions.Version, TrainedModel, UUID, UUID)}, with the kind and a
     * few rows of the validation table the version was trained against (its input example).
     */
    default void trained(PipelineDefinition definition, ModelVersions.Version version, TrainedModel model, UUID runId, UUID jobId,
                         com.wedsync.ml.pipelines.spi.ModelKind kind, com.wedsync.ml.pipelines.spi.FeatureTable example) {
        trained(definition, version, model, runId, jobId);
    }

    default void evaluated(PipelineDefinition definition, ModelVersions.Version version, Map<String, Double> testMetrics) {
    }
}
