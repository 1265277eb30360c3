package com.wedsync.ml.platform.orchestration;

import java.util.UUID;

import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.scheduling.JobBuilder;
import org.springframework.stereotype.Component;

import com.wedsync.ml.pipelines.run.Attempt;
import com.wedsync.ml.pipelines.run.PipelineRunner;
import com.wedsync.ml.pipelines.run.Step;
import com.wedsync.ml.platform.jobs.JobProgress;
import com.wedsync.ml.platform.jobs.StepIds;

/**
 * One step of a pipeline run as a JobRunr {@link JobRequest}: a record naming the pipeline and the run,
 * handled by the thin {@link Handler} that adapts JobRunr's context (progress bar, log, failed attempts) to
 * an {@link Attempt} and hands the step to {@link PipelineRunner}, which knows nothing of JobRunr. Each
 * step's deterministic job id ({@link StepIds#of(UUID, String)}), dashboard name, labels and retries come
 * from its {@link Step}.
 */
public sealed interface PipelineStep extends JobRequest
        permits PipelineStep.RefreshFeatures, PipelineStep.Train, PipelineStep.Validate, PipelineStep.Promote {

    String pipeline();

    UUID runId();

    Step step();

    @Override
    default Class<Handler> getJobRequestHandler() {
        return Handler.class;
    }

    /** The JobRunr job of this step: its id, name, labels and retries. */
    default JobBuilder job() {
        return JobBuilder.aJob().withId(StepIds.of(runId(), step().id())).withName(pipeline() + ": " + step().title())
                .withLabels("pipeline:" + pipeline(), "step:" + step().id()).withAmountOfRetries(step().retries())
                .withJobRequest(this);
    }

    /** The job request of a step of a run. */
    static PipelineStep of(Step step, String pipeline, UUID runId) {
        return switch (step) {
            case FEATURES -> new RefreshFeatures(pipeline, runId);
            case TRAIN -> new Train(pipeline, runId);
            case VALIDATE -> new Validate(pipeline, runId);
            case PROMOTE -> new Promote(pipeline, runId);
        };
    }

    record RefreshFeatures(String pipeline, UUID runId) implements PipelineStep {
        public Step step() { return Step.FEATURES; }
    }

    record Train(String pipeline, UUID runId) implements PipelineStep {
        public Step step() { return Step.TRAIN; }
    }

    record Validate(String pipeline, UUID runId) implements PipelineStep {
        public Step step() { return Step.VALIDATE; }
    }

    record Promote(String pipeline, UUID runId) implements PipelineStep {
        public Step step() { return Step.PROMOTE; }
    }

    /** A pipeline's scheduled occurrence (its recurring job): starts a run unless one is in progress. */
    record ScheduledRun(String pipeline) implements JobRequest {
        public Class<ScheduledRunHandler> getJobRequestHandler() { return ScheduledRunHandler.class; }
    }

    /** Runs any step: JobRunr's context becomes the step's attempt. */
    @Component
    final class Handler implements JobRequestHandler<PipelineStep> {
        private final PipelineRunner runner;

        Handler(PipelineRunner runner) {
            this.runner = runner;
        }

        @Override
        public void run(PipelineStep s) {
            JobContext c = jobContext();
            JobProgress log = new JobProgress(c, s.pipeline() + "/" + s.step().id());
            Attempt attempt = c == null || c == JobContext.Null ? Attempt.direct(log) : new Attempt(c.getJobId(), c.amountOfFailures(), log);
            runner.run(s.step(), s.runId(), attempt);
        }
    }

    @Component
    final class ScheduledRunHandler implements JobRequestHandler<ScheduledRun> {
        private final PipelineStarter starter;

        ScheduledRunHandler(PipelineStarter starter) {
            this.starter = starter;
        }

        @Override
        public void run(ScheduledRun s) {
            starter.startScheduled(s.pipeline());
        }
    }
}
