package com.wedsync.ml.platform.orchestration;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One execution of a pipeline, a row of {@code pipeline_runs}; {@code startedBy} is who asked for it
 * ({@code user:<name>}, or {@code system:<trigger>} for the platform's own starts).
 */
public record PipelineRun(UUID id, String pipelineName, Integer pipelineVersion, String trigger, String status,
                          UUID jobId, Instant startedAt, Instant finishedAt, Map<String, Object> parameters,
                          Map<String, Object> result, String error, String startedBy) {
}
