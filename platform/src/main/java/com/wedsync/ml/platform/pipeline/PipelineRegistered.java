package com.wedsync.ml.platform.pipeline;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;

/**
 * A definition was registered (or found registered, identical): published by {@link PipelineDefinitions}
 * so that scheduling follows registration without the definitions depending on JobRunr.
 *
 * @param created whether this registration stored it
 */
public record PipelineRegistered(PipelineDefinition definition, boolean created) {
}
