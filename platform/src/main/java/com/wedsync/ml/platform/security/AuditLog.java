package com.wedsync.ml.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.wedsync.ml.platform.json.Json;

/**
 * The append-only {@code audit_log}: who changed what, for every state change that the registry's own
 * history ({@code ml_model_state_history}) does not hold. A database trigger refuses updates and deletes.
 */
@Repository
public class AuditLog {

    /** One entry. */
    public record Entry(long id, Instant at, String actor, String action, String target, Map<String, Object> details) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records that {@code actor} did {@code action} to {@code target} (details: no secrets). */
    public void record(String actor, String action, String target, Map<String, ?> details) {
        jdbc.sql("INSERT INTO audit_log (at, actor, action, target, details) VALUES (:at, :actor, :action, :target, CAST(:d AS jsonb))")
                .param("at", java.sql.Timestamp.from(clock.instant())).param("actor", actor).param("action", action)
                .param("target", target).param("d", Json.write(details == null ? Map.of() : details)).update();
    }

    /** The newest entries first, optionally of one action or one actor. */
    public List<Entry> recent(String action, String actor, int limit) {
        return jdbc.sql("SELECT id, at, actor, action, target, details::text FROM audit_log "
                        + "WHERE (CAST(:action AS text) IS NULL OR action = :action) AND (CAST(:actor AS text) IS NULL OR actor = :actor) "
                        + "ORDER BY id DESC LIMIT :limit")
                .param("action", action).param("actor", actor).param("limit", limit)
                .query((rs, i) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), Json.readMap(rs.getString(6)))).list();
    }
}
