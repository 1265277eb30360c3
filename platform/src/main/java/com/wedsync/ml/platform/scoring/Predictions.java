package com.wedsync.ml.platform.scoring;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.pipelines.spi.Prediction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.wedsync.ml.platform.json.Json;

/**
 * Writes {@code ml_predictions}. One prediction per (model version, entity, type, date): a rerun of a
 * batch job or a repeated API call the same day inserts nothing twice and drops nothing.
 */
@Repository
public class Predictions {

    private final JdbcTemplate jdbc;

    private final java.time.Clock clock;

    Predictions(JdbcTemplate jdbc, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** One prediction to log. */
    public record Row(UUID modelId, String type, UUID entityId, String entityType, Prediction prediction,
                      Double confidence, Map<String, Object> features, LocalDate forDate, String arm,
                      UUID experimentId) {
        public Row(UUID modelId, String type, UUID entityId, String entityType, Prediction prediction,
                   Double confidence, Map<String, Object> features, LocalDate forDate, String arm) {
            this(modelId, type, entityId, entityType, prediction, confidence, features, forDate, arm, null);
        }
    }

    /** @return how many were new */
    public int insert(List<Row> rows) {
        java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
        int[][] counts = jdbc.batchUpdate("INSERT INTO ml_predictions (model_id, prediction_type, entity_id, entity_type, "
                        + "prediction, confidence, features_used, prediction_for_date, experiment_arm, experiment_id, predicted_at) "
                        + "VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, CAST(? AS jsonb), ?, ?, ?, ?) "
                        + "ON CONFLICT (model_id, entity_id, prediction_type, prediction_for_date, experiment_id) DO NOTHING",
                rows, 2000, (ps, r) -> {
                    ps.setObject(1, r.modelId());
                    ps.setString(2, r.type());
                    ps.setObject(3, r.entityId());
                    ps.setString(4, r.entityType());
                    ps.setString(5, Json.write(r.prediction()));
                    if (r.confidence() == null) {
                        ps.setNull(6, java.sql.Types.NUMERIC);
                    } else {
                        ps.setBigDecimal(6, java.math.BigDecimal.valueOf(Math.round(r.confidence() * 100) / 100.0));
                    }
                    ps.setString(7, Json.write(r.features()));
                    ps.setDate(8, Date.valueOf(r.forDate()));
                    ps.setString(9, r.arm());
                    ps.setObject(10, r.experimentId());
                    ps.setTimestamp(11, now);
                });
        int n = 0;
        for (int[] batch : counts) {
            for (int c : batch) {
                n += Math.max(c, 0);
            }
        }
        return n;
    }

    public List<Map<String, Object>> forEntity(UUID entityId, String type, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        jdbc.query("SELECT p.prediction::text, p.predicted_at, p.prediction_for_date, p.actual_outcome::text, m.version "
                + "FROM ml_predictions p JOIN ml_models m ON m.id = p.model_id WHERE p.entity_id = ? AND p.prediction_type = ? "
                + "ORDER BY p.predicted_at DESC LIMIT ?", rs -> {
            out.add(Map.of("prediction", Json.readMap(rs.getString(1)), "predictedAt", rs.getTimestamp(2).toInstant(),
                    "forDate", rs.getDate(3).toLocalDate(), "modelVersion", rs.getString(5)));
        }, entityId, type, limit);
        return out;
    }
}
