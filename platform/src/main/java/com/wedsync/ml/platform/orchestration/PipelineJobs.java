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

    /** Retries of each step after its first attempt (JobRunr's exponential back-off between them). */
    static final int FEATURES_RETRIES = 3;
    static final int TRAIN_RETRIES = 2;
    static final int VALIDATE_RETRIES = 2;
    static final int PROMOTE_RETRIES = 3;

    /** A step's retries, by the step name {@link PipelineSteps} gives it. */
    static int retries(String step) {
        return switch (step) {
            case "features" -> FEATURES_RETRIES;
            case "train" -> TRAIN_RETRIES;
            case "validate" -> VALIDATE_RETRIES;
            case "promote" -> PROMOTE_RETRIES;
            default -> 0;
        };
    }

    private final PipelineSteps steps;

    PipelineJobs(PipelineSteps steps) {
        this.steps = steps;
    }

    @Job(name = "%0: refresh features", labels = {"pipeline:%0", "step:features"}, retries = FEATURES_RETRIES)
    public void refreshFeatures(String pipeline, UUID runId, JobContext context) {
        steps.features(runId, context);
    }

    @Job(name = "%0: train", labels = {"pipeline:%0", "step:train"}, retries = TRAIN_RETRIES)
    public void train(String pipeline, UUID runId, JobContext context) {
        steps.train(runId, context);
    }

    @Job(name = "%0: validate against gates and champion", labels = {"pipeline:%0", "step:validate"}, retries = VALIDATE_RETRIES)
    public void validate(String pipeline, UUID runId, JobContext context) {
        steps.validate(runId, context);
    }

    @Job(name = "%0: promote", labels = {"pipeline:%0", "step:promote"}, retries = PROMOTE_RETRIES)
    public void promote(String pipeline, UUID runId, JobContext context) {
        steps.promote(runId, context);
    }

    @Job(name = "%0: scheduled run", labels = {"pipeline:%0", "step:schedule"}, retries = 1)
    public void scheduledRun(String pipeline) {
        steps.startScheduled(pipeline);
    }
}
