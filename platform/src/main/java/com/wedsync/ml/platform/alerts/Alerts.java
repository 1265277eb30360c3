package com.wedsync.ml.platform.alerts;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.wedsync.ml.platform.json.Json;

/** Records, counts and lists alerts. */
@Service
public class Alerts {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);

    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    private final java.time.Clock clock;

    Alerts(JdbcClient jdbc, MeterRegistry meters, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /**
     * Raises an alert once per {@code dedupKey}: a rerun of the job that raised it raises nothing new.
     *
     * @return true if this call recorded it
     */
    public boolean raise(AlertType type, Severity severity, String modelName, UUID modelId, String description,
                         Map<String, Object> metrics, String action, String dedupKey) {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(severity, "severity");
        int inserted = jdbc.sql("INSERT INTO ml_alerts (alert_type, severity, model_name, model_id, description, metrics, action, dedup_key, created_at) "
                        + "VALUES (:type, :severity, :model, :modelId, :description, CAST(:metrics AS jsonb), :action, :dedup, :now) "
                        + "ON CONFLICT (dedup_key) DO NOTHING")
                .param("type", type.dbName()).param("severity", severity.dbName()).param("model", modelName).param("modelId", modelId)
                .param("description", description).param("metrics", Json.write(metrics)).param("action", action)
                .param("dedup", dedupKey).param("now", java.sql.Timestamp.from(clock.instant())).update();
        if (inserted == 1) {
            meters.counter("wedsync.alerts", "type", type.dbName(), "severity", severity.dbName()).increment();
            log.warn("ALERT [{}/{}] {}{}", type.dbName(), severity.dbName(), modelName == null ? "" : modelName + ": ", description);
        }
        return inserted == 1;
    }

    public List<Alert> recent(AlertType type, String modelName, int limit) {
        return jdbc.sql(SELECT + "WHERE (CAST(:type AS text) IS NULL OR alert_type = :type) "
                        + "AND (CAST(:model AS text) IS NULL OR model_name = :model) ORDER BY created_at DESC LIMIT :limit")
                .param("type", type == null ? null : type.dbName()).param("model", modelName).param("limit", limit)
                .query(Alerts::map).list();
    }

    public java.util.Optional<Alert> find(UUID id) {
        return jdbc.sql(SELECT + "WHERE id = :id").param("id", id).query(Alerts::map).optional();
    }

    /**
     * Records that {@code actor} has seen the alert; the first acknowledgement stays (a second one changes nothing).
     *
     * @return the alert after it, or empty when there is no such alert
     */
    public java.util.Optional<Alert> acknowledge(UUID id, String actor) {
        jdbc.sql("UPDATE ml_alerts SET acknowledged_at = :now, acknowledged_by = :by WHERE id = :id AND acknowledged_at IS NULL")
                .param("id", id).param("by", actor).param("now", java.sql.Timestamp.from(clock.instant())).update();
        return find(id);
    }

    private static final String SELECT = "SELECT id, alert_type, severity, model_name, model_id, description, metrics::text, action, "
            + "created_at, resolved_at, acknowledged_at, acknowledged_by FROM ml_alerts ";

    private static Alert map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Alert(rs.getObject(1, UUID.class), AlertType.parse(rs.getString(2)).orElseThrow(), Severity.parse(rs.getString(3)),
                rs.getString(4),
                rs.getObject(5, UUID.class), rs.getString(6), Json.readMap(rs.getString(7)), rs.getString(8),
                rs.getTimestamp(9).toInstant(), rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(),
                rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant(), rs.getString(12));
    }
}
