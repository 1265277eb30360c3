package com.wedsync.ml.platform.orchestration;

import com.wedsync.ml.platform.jobs.RecurringJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.platform.pipeline.PipelineRegistered;
import com.wedsync.ml.platform.jobs.Jobs;

/**
 * Keeps each pipeline's recurring JobRunr job (id {@code pipeline-<name>}) in line with its latest
 * definition's schedule; visible and triggerable under "Recurring jobs" in the dashboard. Hears of each
 * registration through {@link PipelineRegistered}, so the definitions know nothing of JobRunr.
 */
@Component
public class PipelineScheduling {

    private static final Logger log = LoggerFactory.getLogger(PipelineScheduling.class);

    private final Jobs jobs;

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    PipelineScheduling(Jobs jobs, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jobs = jobs;
        this.jdbc = jdbc;
    }

    @EventListener
    void on(PipelineRegistered e) {
        schedule(e.definition());
    }

    public void schedule(PipelineDefinition d) {
        String name = d.name();
        // an occurrence JobRunr planned under the previous schedule would still run: withdraw it first
        for (String planned : jdbc.sql("SELECT id FROM jobrunr_jobs WHERE recurringjobid = :id AND state = 'SCHEDULED'")
                .param("id", RecurringJobs.pipeline(name)).query(String.class).list()) {
            jobs.scheduler().delete(java.util.UUID.fromString(planned), "the pipeline's schedule changed");
        }
        if (d.schedule() == null) {
            jobs.scheduler().deleteRecurringJob(RecurringJobs.pipeline(name));
            return;
        }
        jobs.createRecurrently(org.jobrunr.scheduling.RecurringJobBuilder.aRecurringJob().withId(RecurringJobs.pipeline(name))
                .withName(name + ": scheduled run").withLabels("pipeline:" + name, "step:schedule").withCron(d.schedule())
                .withAmountOfRetries(1).withJobRequest(new PipelineStep.ScheduledRun(name)));
        log.info("pipeline {} v{} scheduled: {}", name, d.version(), d.schedule());
    }
}
