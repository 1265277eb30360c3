package com.wedsync.ml.platform.experiments;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.wedsync.ml.pipelines.definition.FieldError;
import com.wedsync.ml.pipelines.registry.ModelState;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.registry.ModelVersion;
import com.wedsync.ml.platform.outcomes.Outcomes;

/**
 * Experiments as stored in {@code ml_experiments}: creation (every bad field reported at once, nothing
 * stored), the running experiment of a model, looks and the final decision.
 */
@Service
public class Experiments {

    public static final List<String> METRICS = List.of("auc", "accuracy");

    /** How the two arms are served: split (each supplier sees one arm) or shadow (both score everyone, A is served). */
    public enum Mode {
        SPLIT, SHADOW;

        @JsonValue
        public String dbName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Optional<Mode> parse(String s) {
            return java.util.Arrays.stream(values()).filter(m -> m.dbName().equals(s)).findFirst();
        }
    }

    /** What a decided experiment does: auto (promote the winner) or report (nothing moves). */
    public enum Policy {
        AUTO, REPORT;

        @JsonValue
        public String dbName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Optional<Policy> parse(String s) {
            return java.util.Arrays.stream(values()).filter(m -> m.dbName().equals(s)).findFirst();
        }
    }

    /** Where an experiment stands. */
    public enum Status {
        RUNNING, COMPLETED;

        @JsonValue
        public String dbName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status parse(String s) {
            return java.util.Arrays.stream(values()).filter(m -> m.dbName().equals(s)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("unknown experiment status '" + s + "' in ml_experiments"));
        }
    }

    private final JdbcClient jdbc;
    private final ModelRegistry registry;
    private final Clock clock;

    private final Outcomes outcomes;

    Experiments(JdbcClient jdbc, ModelRegistry registry, Clock clock, Outcomes outcomes) {
        this.outcomes = outcomes;
        this.jdbc = jdbc;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * What a user asks for.
     *
     * @param model           the model (pipeline) name; A is its production version
     * @param challenger      B: the version number of a staged version of that model
     * @param mode            split (each supplier sees one arm) or shadow (both score everyone, A is served)
     * @param trafficToB      share of suppliers assigned to B in split mode, in (0, 1)
     * @param minSampleSize   outcomes per arm (pairs in shadow mode) at which the test is complete
     * @param significance    the two-sided error rate over all looks, in (0, 0.5]
     * @param maxDurationDays the experiment ends inconclusive after this many days
     * @param policy          auto (promote the winner) or report (nothing moves)
     */
    public record Request(String name, String model, String challenger, String metric, String mode, Double trafficToB,
                          Integer minSampleSize, Double significance, Integer maxDurationDays, String policy) {
    }

    /** A stored experiment, as the API shows it. */
    public record Experiment(UUID id, String name, @JsonProperty("model") String modelName, UUID modelA, UUID modelB, String metric,
                             Mode mode, double trafficToB, int minSampleSize, double significance, int maxDurationDays,
                             Policy policy, Status status, Instant startedAt, Instant endedAt, Integer sampleSize, String winner,
                             String decision, String notes, String method, Double pValue,
                             Map<String, Object> modelAPerformance, Map<String, Object> modelBPerformance,
                             List<Map<String, Object>> looks, String startedBy, String decidedBy) {

        public boolean isRunning() {
            return status == Status.RUNNING;
        }
    }

    /** Refused: every problem of the request, each naming its field. */
    public static final class InvalidExperimentException extends RuntimeException {
        private final List<FieldError> errors;

        InvalidExperimentException(List<FieldError> errors) {
            super("invalid experiment: " + String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()));
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** Two running experiments on one model. */
    public static final class ExperimentConflictException extends RuntimeException {
        ExperimentConflictException(String message) {
            super(message);
        }
    }

    /** {@link #create(Request, String)} by the platform itself (a pipeline's experiment promotion policy). */
    @Transactional
    public Experiment create(Request r) {
        return create(r, "system:pipeline");
    }

    /** Starts an experiment, recording who started it ({@code user:<name>} or {@code system:<job>}). */
    @Transactional
    public Experiment create(Request r, String startedBy) {
        List<FieldError> errors = new ArrayList<>();
        if (r.name() == null || r.name().isBlank()) {
            errors.add(new FieldError("name", "is required"));
        }
        Mode mode = r.mode() == null ? Mode.SPLIT : Mode.parse(r.mode()).orElse(null);
        if (mode == null) {
            errors.add(new FieldError("mode", "must be split or shadow, got '" + r.mode() + "'"));
        }
        String metric = r.metric() == null ? "auc" : r.metric();
        if (!METRICS.contains(metric)) {
            errors.add(new FieldError("metric", "must be one of " + METRICS + ", got '" + metric + "'"));
        } else if (metric.equals("auc") && mode == Mode.SPLIT) {
            errors.add(new FieldError("metric", "auc compares the two models on the same suppliers: it needs mode shadow "
                    + "(in split mode use accuracy, a two-proportion test)"));
        }
        double split = r.trafficToB() == null ? 0.5 : r.trafficToB();
        if (!(split > 0 && split < 1)) {
            errors.add(new FieldError("trafficToB", "must be strictly between 0 and 1, got " + split));
        }
        if (r.minSampleSize() == null || r.minSampleSize() <= 0) {
            errors.add(new FieldError("minSampleSize", "must be a positive number of outcomes per arm, got " + r.minSampleSize()));
        }
        double alpha = r.significance() == null ? 0.05 : r.significance();
        if (!(alpha > 0 && alpha <= 0.5)) {
            errors.add(new FieldError("significance", "must be in (0, 0.5], got " + alpha));
        }
        int days = r.maxDurationDays() == null ? 30 : r.maxDurationDays();
        if (days < 1 || days > 365) {
            errors.add(new FieldError("maxDurationDays", "must be 1 to 365, got " + days));
        }
        Policy policy = r.policy() == null ? Policy.REPORT : Policy.parse(r.policy()).orElse(null);
        if (policy == null) {
            errors.add(new FieldError("policy", "must be auto (promote the winner) or report (nothing moves), got '" + r.policy() + "'"));
        }
        ModelVersion a = null;
        ModelVersion b = null;
        if (r.model() == null || r.model().isBlank()) {
            errors.add(new FieldError("model", "is required: the model whose production version is A"));
        } else {
            a = registry.production(r.model()).orElse(null);
            if (a == null) {
                errors.add(new FieldError("model", "model '" + r.model() + "' has no production version to be A"));
            } else if (outcomes.spec(a.getModelType()).isEmpty()) {
                errors.add(new FieldError("model", "experiments are decided on recorded outcomes, which the platform records for "
                        + outcomes.kindsWithOutcomes() + " models; '" + r.model() + "' is a " + a.getModelType() + " model"));
            }
            if (r.challenger() == null) {
                errors.add(new FieldError("challenger", "is required: the version number of a staged version of '" + r.model() + "'"));
            } else {
                b = registry.versions(r.model()).stream().filter(v -> v.getVersion().equals(r.challenger())).findFirst().orElse(null);
                if (b == null) {
                    errors.add(new FieldError("challenger", "model '" + r.model() + "' has no version " + r.challenger()));
                } else if (b.getState() != ModelState.STAGED) {
                    errors.add(new FieldError("challenger", "version " + r.challenger() + " is " + b.getState().dbName()
                            + ": only a staged version can be challenger B"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidExperimentException(errors);
        }
        running(r.model()).ifPresent(x -> {
            throw new ExperimentConflictException("model '" + r.model() + "' already has a running experiment: " + x.name()
                    + " (" + x.id() + "); stop it first or wait for its decision");
        });
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                    INSERT INTO ml_experiments (id, experiment_name, model_a_id, model_b_id, metric_name, started_at, model_name,
                      mode, traffic_to_b, min_sample_size, significance, max_duration_days, policy, status, method, sample_size,
                      started_by)
                    VALUES (:id, :name, :a, :b, :metric, :started, :model, :mode, :split, :n, :alpha, :days, :policy, 'running',
                      :method, 0, :by)
                    """).param("id", id).param("by", startedBy).param("name", r.name()).param("a", a.getId()).param("b", b.getId())
                    .param("metric", metric).param("started", java.sql.Timestamp.from(clock.instant())).param("model", r.model())
                    .param("mode", mode.dbName()).param("split", split).param("n", r.minSampleSize()).param("alpha", alpha)
                    .param("days", days).param("policy", policy.dbName()).param("method", ExperimentEvaluator.method(metric, mode))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ExperimentConflictException("model '" + r.model() + "' already has a running experiment");
        }
        return find(id).orElseThrow();
    }

    public Optional<Experiment> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(Experiments::map).optional();
    }

    public Optional<Experiment> running(String model) {
        return jdbc.sql(SELECT + " WHERE model_name = :m AND status = 'running'").param("m", model).query(Experiments::map).optional();
    }

    public List<Experiment> list(String model) {
        return model == null ? jdbc.sql(SELECT + " ORDER BY started_at DESC").query(Experiments::map).list()
                : jdbc.sql(SELECT + " WHERE model_name = :m ORDER BY started_at DESC").param("m", model).query(Experiments::map).list();
    }

    /** Records a look: the sample size, each arm's performance, the p-value and the looks so far. */
    void recordLook(UUID id, int sampleSize, Map<String, Object> a, Map<String, Object> b, double pValue,
                    List<Map<String, Object>> looks) {
        jdbc.sql("""
                UPDATE ml_experiments SET sample_size = :n, model_a_performance = CAST(:a AS jsonb),
                  model_b_performance = CAST(:b AS jsonb), p_value = :p, statistical_significance = :sig,
                  looks = CAST(:looks AS jsonb) WHERE id = :id
                """).param("id", id).param("n", sampleSize).param("a", Json.write(a)).param("b", Json.write(b))
                .param("p", pValue).param("sig", java.math.BigDecimal.valueOf(Math.round(pValue * 100) / 100.0))
                .param("looks", Json.write(looks)).update();
    }

    /** Ends an experiment with its winner (A, B or none), decision and who decided; a second call changes nothing. */
    boolean finish(UUID id, String winner, String decision, String notes, String decidedBy) {
        return jdbc.sql("""
                UPDATE ml_experiments SET status = 'completed', ended_at = :t, winner = :w, decision = :d, notes = :notes,
                  decided_by = :by
                WHERE id = :id AND status = 'running'
                """).param("id", id).param("by", decidedBy).param("t", java.sql.Timestamp.from(clock.instant())).param("w", winner)
                .param("d", decision).param("notes", notes).update() == 1;
    }

    private static final String SELECT = """
            SELECT id, experiment_name, model_name, model_a_id, model_b_id, metric_name, mode, traffic_to_b, min_sample_size,
              significance, max_duration_days, policy, status, started_at, ended_at, sample_size, winner, decision, notes, method,
              p_value, model_a_performance::text, model_b_performance::text, looks::text, started_by, decided_by
            FROM ml_experiments""";

    @SuppressWarnings("unchecked")
    private static Experiment map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        String a = rs.getString(22);
        String b = rs.getString(23);
        Object looks = Json.read(rs.getString(24), List.class);
        java.sql.Timestamp ended = rs.getTimestamp(15);
        Number p = (Number) rs.getObject(21);
        Number n = (Number) rs.getObject(16);
        return new Experiment(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class),
                rs.getObject(5, UUID.class), rs.getString(6), Mode.parse(rs.getString(7)).orElseThrow(), rs.getDouble(8), rs.getInt(9),
                rs.getDouble(10), rs.getInt(11), Policy.parse(rs.getString(12)).orElseThrow(), Status.parse(rs.getString(13)),
                rs.getTimestamp(14).toInstant(),
                ended == null ? null : ended.toInstant(), n == null ? null : n.intValue(), rs.getString(17), rs.getString(18),
                rs.getString(19), rs.getString(20), p == null ? null : p.doubleValue(),
                a == null ? null : Json.readMap(a), b == null ? null : Json.readMap(b), (List<Map<String, Object>>) looks,
                rs.getString(25), rs.getString(26));
    }
}
