package com.wedsync.ml.pipelines.spi;

import java.util.Map;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;

/**
 * What a model kind trains on.
 *
 * @param lineage where the data came from (data window, feature snapshot, code version), to be kept
 *                in the model's provenance
 */
public record TrainingRequest(PipelineDefinition definition, FeatureTable train, FeatureTable validation, long seed,
                              Map<String, String> lineage) {

    public TrainingRequest {
        lineage = Map.copyOf(lineage);
    }
}
