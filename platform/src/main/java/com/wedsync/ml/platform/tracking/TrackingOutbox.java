package com.wedsync.ml.platform.tracking;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.wedsync.ml.pipelines.tracking.RunTracker;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.registry.ModelRegistry;

/**
 * The tracking outbox: records are stored first, then sent in the order they were stored. A record
 * that MLflow refuses (a 4xx) is marked failed with the reason; one that cannot be sent (MLflow down)
 * stays pending, and so do all after it, so that aliases never overtake the run they point at.
 */
@Service
public class TrackingOutbox {

    private static final Logger log = LoggerFactory.getLogger(TrackingOutbox.class);

    private final JdbcClient jdbc;
    private final MlflowProperties properties;
    private final ModelRegistry registry;
    private volatile RunTracker tracker;

    private final java.time.Clock clock;

    TrackingOutbox(JdbcClient jdbc, MlflowProperties properties, ModelRegistry registry, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.properties = properties;
        this.registry = registry;
        this.tracker = properties.enabled() ? new MlflowRunTracker(properties.trackingUri(), clock) : null;
        if (!properties.enabled()) {
            log.info("MLFLOW_TRACKING_URI is not set: tracking records are kept in tracking_outbox until it is");
        }
    }

    /** Points the outbox at another tracker (tests: a server started on another port). */
    public void useTracker(RunTracker tracker) {
        this.tracker = tracker;
    }

    public boolean enqueue(String key, String kind, UUID modelId, Map<String, Object> payload) {
        return jdbc.sql("INSERT INTO tracking_outbox (idempotency_key, kind, model_id, payload, created_at) "
                        + "VALUES (:key, :kind, :model, CAST(:payload AS jsonb), :now) ON CONFLICT (idempotency_key) DO NOTHING")
                .param("key", key).param("kind", kind).param("model", modelId).param("payload", Json.write(payload))
                .param("now", java.sql.Timestamp.from(clock.instant())).update() == 1;
    }

    /** Pending records, oldest first. */
    public List<Pending> pending(int limit) {
        return jdbc.sql("SELECT id, idempotency_key, kind, model_id, payload::text FROM tracking_outbox "
                        + "WHERE status = 'pending' ORDER BY id LIMIT :limit")
                .param("limit", limit)
                .query((rs, i) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), Json.readMap(rs.getString(5)))).list();
    }

    public record Pending(long id, String key, String kind, UUID modelId, Map<String, Object> payload) {
    }

    /**
     * Sends pending records in order until one cannot be sent.
     *
     * @return how many were sent now
     */
    public synchronized int flush() {
        RunTracker t = tracker;
        if (t == null) {
            return 0;
        }
        int sent = 0;
        for (Pending p : pending(500)) {
            try {
                send(t, p);
                sent++;
            } catch (RunTracker.TrackerUnavailableException e) {
                jdbc.sql("UPDATE tracking_outbox SET attempts = attempts + 1, last_error = :e WHERE id = :id")
                        .param("e", e.getMessage()).param("id", p.id()).update();
                log.warn("MLflow unavailable, {} kept for replay: {}", p.key(), e.getMessage());
                break;
            } catch (RuntimeException e) {
                jdbc.sql("UPDATE tracking_outbox SET status = 'failed', attempts = attempts + 1, last_error = :e WHERE id = :id")
                        .param("e", String.valueOf(e.getMessage())).param("id", p.id()).update();
                log.error("MLflow refused {}: {}", p.key(), e.getMessage());
            }
        }
        return sent;
    }

    @SuppressWarnings("unchecked")
    private void send(RunTracker t, Pending p) {
        switch (p.kind()) {
            case "run" -> {
                Map<String, Object> r = p.payload();
                List<RunTracker.Artifact> artifacts = new java.util.ArrayList<>();
                artifacts.add(new RunTracker.Artifact("model/model.bin", registry.artifact(p.modelId())));
                ((Map<String, Object>) r.get("textArtifacts")).forEach((path, text) ->
                        artifacts.add(new RunTracker.Artifact(path, String.valueOf(text).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
                RunTracker.TrackedRun run = t.logRun(new RunTracker.RunRecord((String) r.get("experiment"), (String) r.get("runName"),
                        p.key(), (Map<String, String>) r.get("params"), doubles((Map<String, Object>) r.get("metrics")),
                        (Map<String, String>) r.get("tags"), artifacts, (String) r.get("registeredModel"),
                        ((Map<String, Object>) r.get("textArtifacts")).containsKey("model/MLmodel") ? "model" : "model/model.bin",
                        ((Number) r.get("start")).longValue(), ((Number) r.get("end")).longValue()));
                jdbc.sql("UPDATE tracking_outbox SET status = 'sent', sent_at = :now, attempts = attempts + 1, "
                                + "mlflow_experiment_id = :e, mlflow_run_id = :r, mlflow_model_version = :v WHERE id = :id")
                        .param("e", run.experimentId()).param("r", run.runId()).param("v", run.registeredVersion())
                        .param("id", p.id()).param("now", java.sql.Timestamp.from(clock.instant())).update();
                registry.recordMlflow(p.modelId(), run.runId(), run.registeredVersion());
                return;
            }
            case "metrics" -> t.logMetrics(mlflowRun(p.modelId()).orElseThrow(() ->
                    new RunTracker.TrackerUnavailableException("the run of model " + p.modelId() + " is not in MLflow yet", null)),
                    doubles((Map<String, Object>) p.payload().get("metrics")));
            case "alias" -> {
                String model = (String) p.payload().get("registeredModel");
                String version = mlflowVersion(p.modelId()).orElseThrow(() ->
                        new RunTracker.TrackerUnavailableException("model " + p.modelId() + " has no MLflow version yet", null));
                String state = (String) p.payload().get("state");
                t.tagVersion(model, version, "wedsync.status", state);
                if (state.equals("production") || state.equals("staged")) {
                    t.setAlias(model, state, version);
                }
                if (state.equals("production") || state.equals("retired")) {
                    // the version leaving 'staged' (promoted) or any state (retired) loses the aliases it held
                    for (String alias : List.of("staged", "production")) {
                        if (!alias.equals(state) && version.equals(aliasTarget(model, alias))) {
                            t.setAlias(model, alias, null);
                        }
                    }
                }
            }
            default -> throw new IllegalStateException("unknown tracking record kind " + p.kind());
        }
        jdbc.sql("UPDATE tracking_outbox SET status = 'sent', sent_at = :now, attempts = attempts + 1 WHERE id = :id")
                .param("id", p.id()).param("now", java.sql.Timestamp.from(clock.instant())).update();
    }

    /** The version an alias points at in MLflow, from the aliases this outbox has sent. */
    private String aliasTarget(String model, String alias) {
        return jdbc.sql("""
                SELECT o2.mlflow_model_version FROM tracking_outbox o
                JOIN tracking_outbox o2 ON o2.model_id = o.model_id AND o2.kind = 'run'
                WHERE o.kind = 'alias' AND o.status = 'sent' AND o.payload ->> 'registeredModel' = :model
                  AND o.payload ->> 'state' = :alias ORDER BY o.id DESC LIMIT 1
                """).param("model", model).param("alias", alias).query(String.class).optional().orElse(null);
    }

    private Optional<String> mlflowRun(UUID modelId) {
        return jdbc.sql("SELECT mlflow_run_id FROM tracking_outbox WHERE kind = 'run' AND model_id = :m AND status = 'sent'")
                .param("m", modelId).query(String.class).optional();
    }

    private Optional<String> mlflowVersion(UUID modelId) {
        return jdbc.sql("SELECT mlflow_model_version FROM tracking_outbox WHERE kind = 'run' AND model_id = :m AND status = 'sent'")
                .param("m", modelId).query(String.class).optional();
    }

    private static Map<String, Double> doubles(Map<String, Object> m) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, ((Number) v).doubleValue()));
        return out;
    }
}
