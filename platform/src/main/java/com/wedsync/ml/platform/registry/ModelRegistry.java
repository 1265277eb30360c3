package com.wedsync.ml.platform.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.wedsync.ml.pipelines.registry.ModelState;
import com.wedsync.ml.pipelines.registry.Provenance;
import com.wedsync.ml.platform.json.Json;

/**
 * The model registry: registers versions (refusing any without provenance), stores their artifact
 * with a SHA-256 checksum, and moves them through their states, recording every transition with
 * its actor and reason. Promoting a version to production retires the previous production version
 * in the same transaction.
 */
@Service
public class ModelRegistry {

    private final ModelVersionRepository versions;
    private final StateChangeRepository history;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ModelRegistry(ModelVersionRepository versions, StateChangeRepository history, JdbcClient jdbc,
                  ApplicationEventPublisher events, Clock clock) {
        this.versions = versions;
        this.history = history;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Registers a trained model in state {@code training}. With an idempotency key already used, returns
     * the version registered then, unchanged: a retried or requeued job never makes a second version.
     */
    @Transactional
    public ModelVersion register(NewModelVersion n) {
        List<String> missing = Provenance.missing(n.model().provenance());
        if (!missing.isEmpty()) {
            throw new MissingProvenanceException(n.modelName(), missing);
        }
        if (n.model().artifact() == null || n.model().artifact().length == 0) {
            throw new IllegalArgumentException("model '" + n.modelName() + "' has no artifact to register");
        }
        if (n.idempotencyKey() != null) {
            Optional<ModelVersion> existing = versions.findByIdempotencyKey(n.idempotencyKey());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        // serialise version numbering per model name
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:name))").param("name", "ml_models:" + n.modelName()).query().singleRow();
        if (n.idempotencyKey() != null) {
            Optional<ModelVersion> existing = versions.findByIdempotencyKey(n.idempotencyKey());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        int next = versions.nextVersion(n.modelName());
        ModelVersion v = new ModelVersion(UUID.randomUUID(), n.modelName(), n.modelKind(), Integer.toString(next),
                n.model().algorithm(), n.idempotencyKey(), now());
        v.describe(Json.write(n.model().hyperparameters()), Json.write(n.model().trainingMetrics()),
                Json.write(n.model().validationMetrics()), Json.write(n.model().featureImportance()),
                Json.write(n.featureSnapshots()), Json.write(withMembers(n)));
        v.lineage(n.pipelineName(), n.pipelineVersion(), n.pipelineRunId(), n.jobId());
        v.artifactChecksum(sha256(n.model().artifact()));
        versions.saveAndFlush(v);
        jdbc.sql("UPDATE ml_models SET artifact = :artifact WHERE id = :id")
                .param("artifact", n.model().artifact()).param("id", v.getId()).update();
        history.save(new StateChange(v.getId(), null, ModelState.TRAINING.dbName(), now(), n.actor(),
                "registered version " + next + " (" + n.model().algorithm() + ")"));
        return v;
    }

    private static java.util.Map<String, Object> withMembers(NewModelVersion n) {
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>(n.model().provenance());
        if (!n.model().memberMetrics().isEmpty()) {
            p.put("member_validation_metrics", n.model().memberMetrics());
        }
        return p;
    }

    /**
     * Moves a version to another state if the state machine allows it, recording who and why.
     * To production: the current production version of the same name is retired first, in the same
     * transaction, and the database's one-production index guards against a race.
     *
     * @throws com.wedsync.ml.pipelines.registry.IllegalTransitionException and changes nothing, if not allowed
     */
    @Transactional
    public ModelVersion transition(UUID id, ModelState to, String actor, String reason) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a transition needs an actor (who or what asks for it)");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a transition needs a reason");
        }
        ModelVersion v = versions.lockById(id).orElseThrow(() -> new ModelNotFoundException("no model version " + id));
        ModelState from = v.getState();
        from.checkMoveTo(to);
        List<ModelVersion> changed = new ArrayList<>();
        if (to == ModelState.PRODUCTION) {
            versions.findByModelNameAndStatus(v.getModelName(), ModelState.PRODUCTION.dbName()).ifPresent(champion -> {
                ModelVersion locked = versions.lockById(champion.getId()).orElseThrow();
                locked.moveTo(ModelState.RETIRED, now());
                versions.saveAndFlush(locked);
                history.save(new StateChange(locked.getId(), ModelState.PRODUCTION.dbName(), ModelState.RETIRED.dbName(),
                        now(), actor, "replaced by version " + v.getVersion() + ": " + reason));
                changed.add(locked);
            });
        }
        v.moveTo(to, now());
        versions.saveAndFlush(v);
        history.save(new StateChange(v.getId(), from.dbName(), to.dbName(), now(), actor, reason));
        changed.add(v);
        for (ModelVersion c : changed) {
            events.publishEvent(new ModelStateChanged(c.getId(), c.getModelName(), c.getVersion(), c.getState(),
                    c.getMlflowModelVersion(), actor));
        }
        return v;
    }

    @Transactional
    public ModelVersion transition(String modelName, String version, ModelState to, String actor, String reason) {
        return transition(find(modelName, version).getId(), to, actor, reason);
    }

    @Transactional
    public void recordEvaluation(UUID id, Object testMetrics, Object championComparison) {
        ModelVersion v = versions.findById(id).orElseThrow(() -> new ModelNotFoundException("no model version " + id));
        v.evaluation(Json.write(testMetrics), Json.write(championComparison));
        versions.save(v);
    }

    @Transactional
    public void recordMlflow(UUID id, String runId, String modelVersion) {
        ModelVersion v = versions.findById(id).orElseThrow(() -> new ModelNotFoundException("no model version " + id));
        v.mlflow(runId, modelVersion);
        versions.save(v);
    }

    @Transactional(readOnly = true)
    public ModelVersion find(String modelName, String version) {
        return versions.findByModelNameAndVersion(modelName, version).orElseThrow(
                () -> new ModelNotFoundException("model '" + modelName + "' has no version '" + version + "'"));
    }

    @Transactional(readOnly = true)
    public Optional<ModelVersion> find(UUID id) {
        return versions.findById(id);
    }

    @Transactional(readOnly = true)
    public Optional<ModelVersion> production(String modelName) {
        return versions.findByModelNameAndStatus(modelName, ModelState.PRODUCTION.dbName());
    }

    @Transactional(readOnly = true)
    public List<ModelVersion> versions(String modelName) {
        return modelName == null ? versions.findAllByOrderByModelNameAscTrainedAtDesc()
                : versions.findByModelNameOrderByTrainedAtDesc(modelName);
    }

    @Transactional(readOnly = true)
    public List<StateChange> history(UUID id) {
        return history.findByModelIdOrderByIdAsc(id);
    }

    /** The artifact's bytes, after checking them against the stored checksum. */
    @Transactional(readOnly = true)
    public byte[] artifact(UUID id) {
        record Stored(byte[] artifact, String sha) { }
        Stored s = jdbc.sql("SELECT artifact, artifact_sha256 FROM ml_models WHERE id = :id").param("id", id)
                .query((rs, i) -> new Stored(rs.getBytes(1), rs.getString(2))).optional()
                .orElseThrow(() -> new ModelNotFoundException("no model version " + id));
        if (s.artifact() == null || !sha256(s.artifact()).equals(s.sha())) {
            throw new IllegalStateException("artifact of model version " + id + " does not match its checksum " + s.sha());
        }
        return s.artifact();
    }

    private Instant now() {
        return clock.instant();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
