package com.wedsync.ml.platform.pipeline;

import java.time.Instant;
import java.util.UUID;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;

/** A definition as stored: the definition itself and where and when it came from. */
public record StoredDefinition(UUID id, PipelineDefinition definition, String source, boolean enabled,
                               Instant createdAt, String createdBy) {
}
