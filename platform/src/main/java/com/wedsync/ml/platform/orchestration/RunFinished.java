package com.wedsync.ml.platform.orchestration;

import java.util.UUID;

import com.wedsync.ml.pipelines.run.RunStatus;

/**
 * A pipeline run has ended (published by {@link PipelineRuns#finish}, after the commit when there is a transaction).
 * It may be published more than once for one run (a step rerun from the dashboard ends the run again): listeners
 * act idempotently.
 *
 * @param trigger what started it: startup, schedule, api, drift, health or rerun
 */
public record RunFinished(UUID runId, String pipeline, String trigger, RunStatus status) {
}
