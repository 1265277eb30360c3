package com.wedsync.ml.platform.orchestration;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One execution of a pipeline, a row of {@code pipeline_runs}. */
public record PipelineRun(UUID id, String pipelineName, Integer pipelineVersion, String trigger, String status,
                          UUID jobId, Instant startedAt, Instant finishedAt, Map<String, Object> parameters,
                          Map<String, Object> result, String error) {
}
