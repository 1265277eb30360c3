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

    default void evaluated(PipelineDefinition definition, ModelVersions.Version version, Map<String, Double> testMetrics) {
    }
}
