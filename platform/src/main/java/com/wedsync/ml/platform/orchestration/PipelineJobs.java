package com.wedsync.ml.platform.orchestration;

import java.util.UUID;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.context.JobContext;
import org.springframework.stereotype.Component;

/**
 * The JobRunr face of a pipeline: one job per step, labelled with the pipeline's name. Each method
 * runs its step and, on success, the step enqueues the next one with a deterministic id.
 */
@Component
public class PipelineJobs {

    private final PipelineSteps steps;

    PipelineJobs(PipelineSteps steps) {
        this.steps = steps;
    }

    @Job(name = "%0: refresh features", labels = {"pipeline:%0", "step:features"}, retries = 3)
    public void refreshFeatures(String pipeline, UUID runId, JobContext context) {
        steps.features(runId, context);
    }

    @Job(name = "%0: train", labels = {"pipeline:%0", "step:train"}, retries = 2)
    public void train(String pipeline, UUID runId, JobContext context) {
        steps.train(runId, context);
    }

    @Job(name = "%0: validate against gates and champion", labels = {"pipeline:%0", "step:validate"}, retries = 2)
    public void validate(String pipeline, UUID runId, JobContext context) {
        steps.validate(runId, context);
    }

    @Job(name = "%0: promote", labels = {"pipeline:%0", "step:promote"}, retries = 3)
    public void promote(String pipeline, UUID runId, JobContext context) {
        steps.promote(runId, context);
    }

    @Job(name = "%0: scheduled run", labels = {"pipeline:%0", "step:schedule"}, retries = 1)
    public void scheduledRun(String pipeline) {
        steps.startScheduled(pipeline);
    }
}
