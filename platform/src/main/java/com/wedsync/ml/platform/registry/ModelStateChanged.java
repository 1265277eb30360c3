package com.wedsync.ml.platform.registry;

import java.util.UUID;

import com.wedsync.ml.pipelines.registry.ModelState;

/** Published after a registry transition commits; the MLflow alias mirror listens to it. */
public record ModelStateChanged(UUID modelId, String modelName, String version, ModelState state,
                                String mlflowModelVersion, String actor) {
}
