package com.wedsync.ml.platform.tracking;

import com.wedsync.ml.platform.jobs.RecurringJobs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.scheduling.JobScheduler;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.config.CodeVersion;
import com.wedsync.ml.platform.jobs.JobProgress;
import com.wedsync.ml.pipelines.run.ModelVersions;
import com.wedsync.ml.pipelines.run.TrainingEvents;
import com.wedsync.ml.platform.registry.ModelStateChanged;
import com.wedsync.ml.platform.registry.ModelVersion;

/**
 * What the platform tells MLflow: each trained version as a run in its pipeline's experiment (params,
 * validation metrics of every member and the ensemble, tags, the model file, provenance and feature
 * importance) with a registered model version; its held-out metrics; and each registry state as a
 * version tag and the {@code staged} / {@code production} aliases. Recorded in the outbox first, sent
 * at once, replayed every minute by the {@code mlflow-tracking-replay} job while MLflow is away.
 */
@Component
public class MlflowTracking implements TrainingEvents {

    private final TrackingOutbox outbox;
    private final JobScheduler scheduler;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MlflowTracking.class);
    private final MlflowProperties properties;
    private java.util.concurrent.Future<Integer> inFlight;
    private final java.util.concurrent.ExecutorService flusher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mlflow-flush");
        t.setDaemon(true);
        return t;
    });

    private final java.time.Clock clock;

    MlflowTracking(TrackingOutbox outbox, JobScheduler scheduler, MlflowProperties properties, java.time.Clock clock) {
        this.clock = clock;
        this.properties = properties;
        this.outbox = outbox;
        this.scheduler = scheduler;
    }

    @EventListener(ApplicationReadyEvent.class)
    void scheduleReplay() {
        scheduler.scheduleRecurrently(RecurringJobs.TRACKING_REPLAY, Duration.ofMinutes(1), (MlflowTracking t) -> t.replay(JobContext.Null));
    }

    @Job(name = "Replay pending MLflow tracking records", labels = {"pipeline:tracking"}, retries = 0)
    public int replay(JobContext context) {
        int pending = outbox.pending(10_000).size();
        if (pending == 0) {
            return 0;
        }
        int sent = flushWithin(properties.flushTimeout());
        new JobProgress(context, "tracking").progress(100, sent < 0
                ? "MLflow does not answer: " + pending + " tracking records wait in the outbox"
                : "sent " + sent + " of " + pending + " pending tracking records");
        return Math.max(0, sent);
    }

    @Override
    public void trained(PipelineDefinition d, ModelVersions.Version v, TrainedModel model, UUID runId, UUID jobId) {
        trained(d, v, model, runId, jobId, null, null);
    }

    @Override
    public void trained(PipelineDefinition d, ModelVersions.Version v, TrainedModel model, UUID runId, UUID jobId,
                        com.wedsync.ml.pipelines.spi.ModelKind kind, com.wedsync.ml.pipelines.spi.FeatureTable example) {
        Map<String, String> params = new LinkedHashMap<>();
        model.hyperparameters().forEach((k, val) -> params.put(k, String.valueOf(val)));
        params.put("algorithm", model.algorithm());
        params.put("features", String.join(",", d.features().include()));
        params.put("training.window_months", String.valueOf(d.training().windowMonths()));
        params.put("training.label_horizon_days", String.valueOf(d.training().labelHorizonDays()));
        params.put("training.snapshot_interval_days", String.valueOf(d.training().snapshotIntervalDays()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        model.validationMetrics().forEach((k, val) -> metrics.put("validation/" + k, val));
        model.memberMetrics().forEach((member, m) -> m.forEach((k, val) -> metrics.put("validation/" + member + "/" + k, val)));
        model.trainingMetrics().forEach((k, val) -> metrics.put("training/" + k, val));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("pipeline", d.name());
        tags.put("pipeline_version", String.valueOf(d.version()));
        tags.put("pipeline_run_id", String.valueOf(runId));
        tags.put("jobrunr_job_id", String.valueOf(jobId));
        tags.put("feature_snapshot", model.provenance().getOrDefault("feature_set", "") + " v"
                + model.provenance().getOrDefault("feature_version", "") + " " + model.provenance().getOrDefault("data_window", ""));
        tags.put("code_version", CodeVersion.get());
        tags.put("registry_model_id", v.id().toString());
        tags.put("registry_version", v.version());
        tags.put("artifact_sha256", v.artifactSha256());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("experiment", d.name());
        payload.put("runName", d.name() + " v" + v.version());
        payload.put("params", params);
        payload.put("metrics", metrics);
        payload.put("tags", tags);
        Map<String, String> text = new LinkedHashMap<>();
        text.put("provenance.json", Json.write(model.provenance()));
        text.put("feature_importance.json", Json.write(model.featureImportance()));
        if (kind != null) {
            text.putAll(MlflowModelFiles.of(d, v, kind, example, clock.instant()));
        }
        payload.put("textArtifacts", text);
        payload.put("registeredModel", d.name());
        payload.put("start", v.trainedAt().toEpochMilli());
        payload.put("end", clock.millis());
        outbox.enqueue("run:" + v.id(), "run", v.id(), payload);
        flushQuietly();
    }

    @Override
    public void evaluated(PipelineDefinition d, ModelVersions.Version v, Map<String, Double> testMetrics) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        testMetrics.forEach((k, val) -> metrics.put("test/" + k, val));
        outbox.enqueue("test-metrics:" + v.id(), "metrics", v.id(), Map.of("metrics", metrics));
        flushQuietly();
    }

    @TransactionalEventListener
    void stateChanged(ModelStateChanged e) {
        outbox.enqueue("state:" + e.modelId() + ":" + e.state().dbName(), "alias", e.modelId(),
                Map.of("registeredModel", e.modelName(), "state", e.state().dbName(), "actor", e.actor()));
        flushQuietly();
    }

    /**
     * Sends what the outbox holds, waiting at most the configured flush timeout: the MLflow Java client
     * has no timeouts of its own, so the send runs on a thread of its own and a hung server costs a
     * pipeline step that long, not forever. Whatever is not sent stays in the outbox for the replay job.
     */
    private void flushQuietly() {
        flushWithin(properties.flushTimeout());
    }

    /** @return records sent, or -1 if a send is still stuck (or got stuck now) on an unanswering MLflow */
    private synchronized int flushWithin(int seconds) {
        if (inFlight != null && !inFlight.isDone()) {
            // an earlier send still waits on MLflow: everything is in the outbox, nothing to add by waiting too
            return -1;
        }
        inFlight = flusher.submit(outbox::flush);
        try {
            return inFlight.get(seconds, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("MLflow did not answer within {} s: the tracking records stay in the outbox for the replay job", seconds);
            return -1;
        } catch (java.util.concurrent.ExecutionException e) {
            return 0; // the records are in the outbox; the replay job sends them later
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
