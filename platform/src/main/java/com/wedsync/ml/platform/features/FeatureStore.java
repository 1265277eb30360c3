package com.wedsync.ml.platform.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;

/**
 * Computes and reads point-in-time feature snapshots. A snapshot of a feature set as of a date is
 * computed for every entity in one {@code INSERT ... SELECT} (the feature set's SQL), replacing an
 * earlier computation of the same (set, version, date) in the same transaction: recomputing is safe
 * and, since the SQL reads only rows dated up to the as-of date, gives the same features.
 */
@Service
public class FeatureStore {

    private final NamedParameterJdbcTemplate named;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, String> sqlCache = new ConcurrentHashMap<>();

    FeatureStore(NamedParameterJdbcTemplate named, JdbcTemplate jdbc, Clock clock) {
        this.named = named;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Computes the snapshot of {@code set} as of the end of {@code asOf}'s previous day (midnight UTC
     * starting {@code asOf}), for all entities.
     *
     * @param expires when the snapshot stops being fresh enough for live scoring; null for history
     */
    @Transactional
    public FeatureSnapshot refresh(FeatureSetSpec set, LocalDate asOf, Instant expires, UUID jobId) {
        long start = System.nanoTime();
        String featureSql = sql(set.name() + ".sql");
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("as_of", asOf.atStartOfDay().atOffset(ZoneOffset.UTC))
                .addValue("feature_set", set.name())
                .addValue("feature_version", set.version())
                .addValue("as_of_date", asOf)
                .addValue("entity_type", set.entityType())
                .addValue("expires_at", expires == null ? null : expires.atOffset(ZoneOffset.UTC))
                .addValue("calculated_at", clock.instant().atOffset(ZoneOffset.UTC))
                .addValue("entity_id", null, java.sql.Types.OTHER);
        // two refreshes of one snapshot at once (two runs started together) take turns instead of colliding on its key
        named.queryForList("SELECT pg_advisory_xact_lock(hashtext(:lock))", new MapSqlParameterSource("lock",
                "feature-snapshot:" + set.name() + ":" + set.version() + ":" + asOf));
        named.update("DELETE FROM ml_feature_store WHERE feature_set = :feature_set AND feature_version = :feature_version "
                + "AND as_of = :as_of_date", p);
        UUID snapshotId = UUID.nameUUIDFromBytes((set.name() + ":" + set.version() + ":" + asOf).getBytes(StandardCharsets.UTF_8));
        p.addValue("snapshot_id", snapshotId);
        int rows = named.update("INSERT INTO ml_feature_store (entity_type, entity_id, feature_set, features, feature_version, "
                + "calculated_at, expires_at, as_of, snapshot_id) "
                + "SELECT :entity_type, f.entity_id, :feature_set, f.features, :feature_version, :calculated_at, "
                + "CAST(:expires_at AS timestamptz), :as_of_date, :snapshot_id FROM (" + featureSql + ") f", p);
        long ms = (System.nanoTime() - start) / 1_000_000;
        p.addValue("count", rows).addValue("duration_ms", ms).addValue("job_id", jobId);
        named.update("INSERT INTO ml_feature_snapshots (id, feature_set, feature_version, as_of, entity_count, calculated_at, "
                + "duration_ms, job_id) VALUES (:snapshot_id, :feature_set, :feature_version, :as_of_date, :count, "
                + ":calculated_at, :duration_ms, :job_id) ON CONFLICT (feature_set, feature_version, as_of) DO UPDATE SET "
                + "entity_count = EXCLUDED.entity_count, calculated_at = EXCLUDED.calculated_at, "
                + "duration_ms = EXCLUDED.duration_ms, job_id = EXCLUDED.job_id, id = EXCLUDED.id", p);
        return new FeatureSnapshot(snapshotId, set.name(), set.version(), asOf, rows, clock.instant(), ms);
    }

    /** The snapshot of a set as of a date, if computed. */
    public Optional<FeatureSnapshot> snapshot(FeatureSetSpec set, LocalDate asOf) {
        return jdbc.query("SELECT id, feature_set, feature_version, as_of, entity_count, calculated_at, duration_ms "
                        + "FROM ml_feature_snapshots WHERE feature_set = ? AND feature_version = ? AND as_of = ?",
                (rs, i) -> new FeatureSnapshot(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                        rs.getObject(4, LocalDate.class), rs.getInt(5), rs.getTimestamp(6).toInstant(), rs.getLong(7)),
                set.name(), set.version(), asOf).stream().findFirst();
    }

    /**
     * Reads snapshots back as a feature table, ordered by as-of date then entity, with labels when
     * {@code labelHorizonDays} is given.
     *
     * @param entityIds restrict to these entities; null for all
     */
    public FeatureTable load(FeatureSetSpec set, List<LocalDate> asOfs, List<String> features, Integer labelHorizonDays,
                             List<UUID> entityIds) {
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        splitByType(set, features, numeric, categorical);
        StringBuilder select = new StringBuilder("SELECT fs.entity_id, fs.as_of");
        for (int i = 0; i < numeric.size(); i++) {
            select.append(", (fs.features ->> :n").append(i).append(")::float8");
        }
        for (int i = 0; i < categorical.size(); i++) {
            select.append(", fs.features ->> :c").append(i);
        }
        select.append(" FROM ml_feature_store fs WHERE fs.feature_set = :feature_set AND fs.feature_version = :feature_version "
                + "AND fs.as_of IN (:as_of)");
        if (entityIds != null) {
            select.append(" AND fs.entity_id IN (:entities)");
        }
        select.append(" ORDER BY fs.as_of, fs.entity_id");
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("feature_set", set.name()).addValue("feature_version", set.version());
        for (int i = 0; i < numeric.size(); i++) {
            p.addValue("n" + i, numeric.get(i));
        }
        for (int i = 0; i < categorical.size(); i++) {
            p.addValue("c" + i, categorical.get(i));
        }
        List<String> ids = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        List<double[]> num = new ArrayList<>();
        List<String[]> cat = new ArrayList<>();
        p.addValue("as_of", asOfs);
        if (entityIds != null) {
            p.addValue("entities", entityIds);
        }
        named.query(select.toString(), p, rs -> {
            ids.add(rs.getString(1));
            dates.add(rs.getObject(2, LocalDate.class));
            double[] row = new double[numeric.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getDouble(3 + i);
                if (rs.wasNull()) {
                    row[i] = Double.NaN;
                }
            }
            String[] crow = new String[categorical.size()];
            for (int i = 0; i < crow.length; i++) {
                crow[i] = rs.getString(3 + numeric.size() + i);
            }
            num.add(row);
            cat.add(crow);
        });
        double[] labels = null;
        if (labelHorizonDays != null) {
            // a label is a boolean (1/0) for binary kinds or a number for regressions; missing means 0
            Map<String, Double> byKey = new HashMap<>();
            p.addValue("horizon_days", labelHorizonDays);
            named.query(sql(set.name() + ".labels.sql"), p,
                    (ResultSet rs) -> {
                        Object v = rs.getObject(3);
                        double label = v instanceof Boolean b ? (b ? 1.0 : 0.0) : v instanceof Number n ? n.doubleValue() : 0.0;
                        byKey.put(rs.getString(1) + "@" + rs.getObject(2, LocalDate.class), label);
                    });
            labels = new double[ids.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = byKey.getOrDefault(ids.get(i) + "@" + dates.get(i), 0.0);
            }
        }
        return new FeatureTable(ids, dates.toArray(LocalDate[]::new), numeric, num.toArray(double[][]::new), categorical,
                cat.toArray(String[][]::new), labels);
    }

    /**
     * Computes one entity's features as of an instant, straight from the source tables (no snapshot):
     * real-time scoring of an entity that no fresh snapshot holds.
     *
     * @return a one-row table, or an empty one if the entity does not exist (or had churned) at that time
     */
    public FeatureTable live(FeatureSetSpec set, Instant asOf, UUID entityId, List<String> features) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("as_of", asOf.atOffset(ZoneOffset.UTC))
                .addValue("entity_id", entityId, java.sql.Types.OTHER);
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        splitByType(set, features, numeric, categorical);
        List<String> ids = new ArrayList<>();
        List<double[]> num = new ArrayList<>();
        List<String[]> cat = new ArrayList<>();
        named.query(sql(set.name() + ".sql"), p, rs -> {
            Map<String, Object> values = com.wedsync.ml.platform.json.Json.readMap(rs.getString("features"));
            ids.add(rs.getString("entity_id"));
            num.add(numeric.stream().mapToDouble(n -> values.get(n) instanceof Number x ? x.doubleValue() : Double.NaN).toArray());
            cat.add(categorical.stream().map(c -> values.get(c) == null ? null : values.get(c).toString()).toArray(String[]::new));
        });
        LocalDate day = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        return new FeatureTable(ids, ids.stream().map(i -> day).toArray(LocalDate[]::new), numeric,
                num.toArray(double[][]::new), categorical, cat.toArray(String[][]::new), null);
    }

    /** Sorts the requested features into numeric and categorical ones, refusing one the set does not offer. */
    private static void splitByType(FeatureSetSpec set, List<String> features, List<String> numeric, List<String> categorical) {
        for (String f : features) {
            FeatureSetSpec.Feature spec = set.features().stream().filter(x -> x.name().equals(f)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("feature set '" + set.name() + "' has no feature '" + f + "'"));
            (spec.type() == FeatureSetSpec.Type.NUMERIC ? numeric : categorical).add(f);
        }
    }

    private String sql(String file) {
        return sqlCache.computeIfAbsent(file, f -> {
            try (InputStream in = new ClassPathResource("features/" + f).getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("no SQL for features/" + f + " on the classpath", e);
            }
        });
    }

}
