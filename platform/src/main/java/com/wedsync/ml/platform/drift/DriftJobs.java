package com.wedsync.ml.platform.drift;

import com.wedsync.ml.platform.jobs.RecurringJobs;
import com.wedsync.ml.pipelines.spi.ModelKinds;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.scheduling.JobScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.wedsync.ml.pipelines.registry.ModelState;
import com.wedsync.ml.platform.jobs.JobProgress;
import com.wedsync.ml.platform.jobs.Jobs;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.registry.ModelStateChanged;

/**
 * The drift check as JobRunr jobs: once right after a version reaches production, then on the
 * pipeline's drift schedule (recurring job {@code drift-<model>}).
 */
@Component
public class DriftJobs {

    private final DriftMonitor monitor;
    private final Jobs jobs;
    private final JobScheduler scheduler;
    private final PipelineDefinitions definitions;
    private final com.wedsync.ml.platform.health.HealthMonitor health;

    private final ModelKinds kinds;

    DriftJobs(DriftMonitor monitor, Jobs jobs, JobScheduler scheduler, PipelineDefinitions definitions,
              com.wedsync.ml.platform.health.HealthMonitor health, ModelKinds kinds) {
        this.kinds = kinds;
        this.health = health;
        this.monitor = monitor;
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.definitions = definitions;
    }

    @Job(name = "%0: drift check", labels = {"pipeline:%0", "step:drift"}, retries = 2)
    public Map<String, Object> check(String model, JobContext context) {
        DriftMonitor.Check c = monitor.check(model, monitor.today(), new JobProgress(context, model + "/drift"));
        return Map.of("verdict", c.report().verdict().name(), "reference", c.reference().kind(),
                "affected", c.report().affected(), "retrainingRun", String.valueOf(c.retrainingRun()));
    }

    @TransactionalEventListener
    void onProduction(ModelStateChanged e) {
        if (e.state() != ModelState.PRODUCTION) {
            return;
        }
        String model = e.modelName();
        var stored = definitions.latest(model);
        if (stored.isPresent() && !kinds.get(stored.get().definition().modelKind()).watchesDrift()) {
            return; // the kind says its input features are not watched (e.g. a series kind: its backtest is its check)
        }
        jobs.enqueueOnce(UUID.nameUUIDFromBytes(("drift-first:" + e.modelId()).getBytes(StandardCharsets.UTF_8)),
                (DriftJobs j) -> j.check(model, JobContext.Null));
        stored.ifPresent(s -> {
            var d = s.definition();
            String cron = d.drift() != null && d.drift().schedule() != null ? d.drift().schedule()
                    : d.schedule() != null ? d.schedule() : "0 5 * * *";
            scheduler.scheduleRecurrently(RecurringJobs.drift(model), cron, (DriftJobs j) -> j.check(model, JobContext.Null));
        });
        // health on recorded outcomes, daily after the outcomes job (02:00)
        if (stored.isPresent() && kinds.get(stored.get().definition().modelKind()).outcomes().isPresent()) {
            scheduler.scheduleRecurrently(RecurringJobs.health(model), "30 2 * * *", (DriftJobs j) -> j.health(model, JobContext.Null));
        }
    }

    @Job(name = "%0: model health", labels = {"pipeline:%0", "step:health"}, retries = 2)
    public void health(String model, JobContext context) {
        health.check(model, monitor.today(), context);
    }
}
