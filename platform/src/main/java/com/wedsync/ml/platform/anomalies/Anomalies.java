package com.wedsync.ml.platform.anomalies;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.wedsync.ml.platform.json.Json;

/** Reads episodes, open ones first, and records an operator's acknowledge or resolve with who and why. */
@Service
public class Anomalies {

    private final JdbcClient jdbc;
    private final Clock clock;

    Anomalies(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An episode as the API and the page show it. */
    public record Anomaly(UUID id, String type, String severity, String status, LocalDate firstDay, LocalDate lastDay,
                          int daysFlagged, double peakScore, double mrrAtStake, double priority, String description,
                          String recommendation, String action, Map<String, Object> metrics, Map<String, Object> impactAssessment,
                          String modelName, String modelVersion, Instant detectedAt, Instant updatedAt,
                          Instant acknowledgedAt, String acknowledgedBy, String acknowledgeReason,
                          Instant resolvedAt, String resolvedBy, String resolveReason) {
    }

    /** An acknowledge or resolve that the episode's status does not allow. */
    public static final class TransitionRefusedException extends RuntimeException {
        public TransitionRefusedException(String message) {
            super(message);
        }
    }

    private static final String COLUMNS = "id, anomaly_type, severity, status, first_day, last_day, days_flagged, peak_score, "
            + "mrr_at_stake, priority, description, recommendation, recommended_action, metrics::text, impact_assessment::text, "
            + "model_name, model_version, detected_at, updated_at, acknowledged_at, acknowledged_by, acknowledge_reason, "
            + "resolved_at, resolved_by, resolve_reason";

    /** Episodes, unresolved first (open, then acknowledged), then by priority and newest day. */
    public List<Anomaly> list(String status, String type, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ml_anomalies WHERE (CAST(:status AS text) IS NULL OR status = :status) "
                        + "AND (CAST(:type AS text) IS NULL OR anomaly_type = :type) "
                        + "ORDER BY CASE status WHEN 'open' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END, priority DESC, "
                        + "last_day DESC LIMIT :limit")
                .param("status", status).param("type", type).param("limit", limit)
                .query((rs, i) -> row(rs)).list();
    }

    public Optional<Anomaly> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ml_anomalies WHERE id = :id").param("id", id).query((rs, i) -> row(rs)).optional();
    }

    /** The anomaly types the detectors have found, for the API's list of valid types besides the known ones. */
    public List<String> typesFound() {
        return jdbc.sql("SELECT DISTINCT anomaly_type FROM ml_anomalies ORDER BY 1").query(String.class).list();
    }

    @Transactional
    public Anomaly acknowledge(UUID id, String actor, String reason) {
        Anomaly a = lock(id);
        if (!a.status().equals("open")) {
            throw new TransitionRefusedException("anomaly " + id + " is " + a.status() + ": only an open anomaly can be acknowledged");
        }
        jdbc.sql("UPDATE ml_anomalies SET status = 'acknowledged', acknowledged_at = :now, acknowledged_by = :who, "
                        + "acknowledge_reason = :why, updated_at = :now WHERE id = :id")
                .param("now", Timestamp.from(clock.instant())).param("who", actor).param("why", reason).param("id", id).update();
        return find(id).orElseThrow();
    }

    @Transactional
    public Anomaly resolve(UUID id, String actor, String reason, Boolean falsePositive) {
        Anomaly a = lock(id);
        if (a.status().equals("resolved")) {
            throw new TransitionRefusedException("anomaly " + id + " is resolved already (by " + a.resolvedBy() + ")");
        }
        jdbc.sql("UPDATE ml_anomalies SET status = 'resolved', resolved_at = :now, resolved_by = :who, resolve_reason = :why, "
                        + "action_taken = :why, false_positive = :fp, updated_at = :now WHERE id = :id")
                .param("now", Timestamp.from(clock.instant())).param("who", actor).param("why", reason).param("fp", falsePositive)
                .param("id", id).update();
        return find(id).orElseThrow();
    }

    private Anomaly lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ml_anomalies WHERE id = :id FOR UPDATE").param("id", id)
                .query((rs, i) -> row(rs)).optional().orElseThrow(() -> new java.util.NoSuchElementException("no anomaly " + id));
    }

    private static Anomaly row(ResultSet rs) throws SQLException {
        return new Anomaly(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getInt(7), rs.getDouble(8), rs.getDouble(9),
                rs.getDouble(10), rs.getString(11), rs.getString(12), rs.getString(13), Json.readMap(rs.getString(14)),
                rs.getString(15) == null ? Map.of() : Json.readMap(rs.getString(15)), rs.getString(16), rs.getString(17),
                instant(rs.getTimestamp(18)), instant(rs.getTimestamp(19)), instant(rs.getTimestamp(20)), rs.getString(21),
                rs.getString(22), instant(rs.getTimestamp(23)), rs.getString(24), rs.getString(25));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
