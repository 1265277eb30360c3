package com.wedsync.ml.platform.orchestration;

import java.util.UUID;

import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.scheduling.JobBuilder;
import org.springframework.stereotype.Component;

import com.wedsync.ml.platform.jobs.StepIds;

/**
 * One step of a pipeline run as a JobRunr {@link JobRequest}: a record naming the pipeline and the run,
 * handled by a thin {@link JobRequestHandler} that hands JobRunr's context (progress bar, log, retry count)
 * to {@link PipelineSteps}. Each step has its deterministic job id ({@link StepIds#of(UUID, String)}), its
 * dashboard name and labels, and its retries, all stated here once.
 */
public sealed interface PipelineStep extends JobRequest
        permits PipelineStep.RefreshFeatures, PipelineStep.Train, PipelineStep.Validate, PipelineStep.Promote {

    String pipeline();

    UUID runId();

    /** The step's name in job ids, labels and run results. */
    String step();

    /** What the dashboard calls it, after the pipeline's name. */
    String title();

    /** Retries after the first attempt (JobRunr's exponential back-off between them). */
    int retries();

    /** The JobRunr job of this step: its id, name, labels and retries. */
    default JobBuilder job() {
        return JobBuilder.aJob().withId(StepIds.of(runId(), step())).withName(pipeline() + ": " + title())
                .withLabels("pipeline:" + pipeline(), "step:" + step()).withAmountOfRetries(retries()).withJobRequest(this);
    }

    int FEATURES_RETRIES = 3;
    int TRAIN_RETRIES = 2;
    int VALIDATE_RETRIES = 2;
    int PROMOTE_RETRIES = 3;

    /** A step's retries, by its {@link #step()} name. */
    static int retries(String step) {
        return switch (step) {
            case "features" -> FEATURES_RETRIES;
            case "train" -> TRAIN_RETRIES;
            case "validate" -> VALIDATE_RETRIES;
            case "promote" -> PROMOTE_RETRIES;
            default -> 0;
        };
    }

    /** The steps of a run, in order. */
    java.util.List<String> ORDER = java.util.List.of("features", "train", "validate", "promote");

    record RefreshFeatures(String pipeline, UUID runId) implements PipelineStep {
        public String step() { return "features"; }
        public String title() { return "refresh features"; }
        public int retries() { return FEATURES_RETRIES; }
        public Class<RefreshFeaturesHandler> getJobRequestHandler() { return RefreshFeaturesHandler.class; }
    }

    record Train(String pipeline, UUID runId) implements PipelineStep {
        public String step() { return "train"; }
        public String title() { return "train"; }
        public int retries() { return TRAIN_RETRIES; }
        public Class<TrainHandler> getJobRequestHandler() { return TrainHandler.class; }
    }

    record Validate(String pipeline, UUID runId) implements PipelineStep {
        public String step() { return "validate"; }
        public String title() { return "validate against gates and champion"; }
        public int retries() { return VALIDATE_RETRIES; }
        public Class<ValidateHandler> getJobRequestHandler() { return ValidateHandler.class; }
    }

    record Promote(String pipeline, UUID runId) implements PipelineStep {
        public String step() { return "promote"; }
        public String title() { return "promote"; }
        public int retries() { return PROMOTE_RETRIES; }
        public Class<PromoteHandler> getJobRequestHandler() { return PromoteHandler.class; }
    }

    /** A pipeline's scheduled occurrence (its recurring job): starts a run unless one is in progress. */
    record ScheduledRun(String pipeline) implements JobRequest {
        public Class<ScheduledRunHandler> getJobRequestHandler() { return ScheduledRunHandler.class; }
    }

    @Component
    final class RefreshFeaturesHandler implements JobRequestHandler<RefreshFeatures> {
        private final PipelineSteps steps;

        RefreshFeaturesHandler(PipelineSteps steps) {
            this.steps = steps;
        }

        @Override
        public void run(RefreshFeatures s) {
            steps.features(s.runId(), context(this));
        }
    }

    @Component
    final class TrainHandler implements JobRequestHandler<Train> {
        private final PipelineSteps steps;

        TrainHandler(PipelineSteps steps) {
            this.steps = steps;
        }

        @Override
        public void run(Train s) {
            steps.train(s.runId(), context(this));
        }
    }

    @Component
    final class ValidateHandler implements JobRequestHandler<Validate> {
        private final PipelineSteps steps;

        ValidateHandler(PipelineSteps steps) {
            this.steps = steps;
        }

        @Override
        public void run(Validate s) {
            steps.validate(s.runId(), context(this));
        }
    }

    @Component
    final class PromoteHandler implements JobRequestHandler<Promote> {
        private final PipelineSteps steps;

        PromoteHandler(PipelineSteps steps) {
            this.steps = steps;
        }

        @Override
        public void run(Promote s) {
            steps.promote(s.runId(), context(this));
        }
    }

    @Component
    final class ScheduledRunHandler implements JobRequestHandler<ScheduledRun> {
        private final PipelineSteps steps;

        ScheduledRunHandler(PipelineSteps steps) {
            this.steps = steps;
        }

        @Override
        public void run(ScheduledRun s) {
            steps.startScheduled(s.pipeline());
        }
    }

    private static JobContext context(JobRequestHandler<?> handler) {
        JobContext c = handler.jobContext();
        return c == null ? JobContext.Null : c;
    }
}
