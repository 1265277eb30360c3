package com.wedsync.ml.platform.orchestration;

import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.run.Step;
import com.wedsync.ml.platform.jobs.Jobs;
import com.wedsync.ml.platform.jobs.StepIds;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;

/**
 * Starts pipeline runs: records the run and creates its first step's job; the steps then follow one
 * another ({@link com.wedsync.ml.pipelines.run.PipelineRunner}). Runs of one pipeline do not overlap
 * unless its definition allows it.
 */
@Service
public class PipelineStarter {

    private static final Logger log = LoggerFactory.getLogger(PipelineStarter.class);

    private final PipelineRuns runs;
    private final PipelineDefinitions definitions;
    private final Jobs jobs;

    PipelineStarter(PipelineRuns runs, PipelineDefinitions definitions, Jobs jobs) {
        this.runs = runs;
        this.definitions = definitions;
        this.jobs = jobs;
    }

    /** A run that has started: its id and the id of its first job. */
    public record StartedRun(UUID runId, UUID jobId) {
    }

    /** Starts a run of the latest version of a pipeline now, as the platform ({@code system:<trigger>}). */
    public StartedRun start(String pipeline, String trigger, Map<String, Object> parameters) {
        return start(pipeline, trigger, parameters, "system:" + trigger);
    }

    /** Starts a run of the latest version of a pipeline now, recording who started it ({@code user:<name>}). */
    public StartedRun start(String pipeline, String trigger, Map<String, Object> parameters, String startedBy) {
        PipelineDefinition d = definitions.latest(pipeline)
                .orElseThrow(() -> new NoSuchPipelineException(pipeline)).definition();
        return start(d, UUID.randomUUID(), trigger, parameters, startedBy);
    }

    /** {@link #start(PipelineDefinition, UUID, String, Map, String)} by the platform itself ({@code system:<trigger>}). */
    public StartedRun start(PipelineDefinition d, UUID runId, String trigger, Map<String, Object> parameters) {
        return start(d, runId, trigger, parameters, "system:" + trigger);
    }

    /**
     * Starts (or, with the same run id, finds) a run; its first job's id is derived from the run id. {@code startedBy}
     * is who asked: {@code user:<name>} or {@code system:<trigger>}.
     *
     * @throws RunInProgressException if another run of the pipeline is in progress and the definition allows no overlap
     */
    public StartedRun start(PipelineDefinition d, UUID runId, String trigger, Map<String, Object> parameters, String startedBy) {
        Step first = Step.values()[0];
        UUID jobId = StepIds.of(runId, first.id());
        if (!d.allowsConcurrentRuns()) {
            runs.createUnlessOneRuns(runId, d.name(), d.version(), trigger, jobId, parameters, Step.ids(), startedBy);
        } else {
            runs.create(runId, d.name(), d.version(), trigger, jobId, parameters, startedBy);
        }
        jobs.createOnce(PipelineStep.of(first, d.name(), runId).job());
        return new StartedRun(runId, jobId);
    }

    /** A scheduled occurrence: starts a run unless one is in progress, which it logs and skips. */
    void startScheduled(String pipeline) {
        try {
            start(pipeline, "schedule", Map.of());
        } catch (RunInProgressException e) {
            log.info("scheduled run of {} skipped: run {} is still in progress", pipeline, e.runningRun());
        }
    }
}
