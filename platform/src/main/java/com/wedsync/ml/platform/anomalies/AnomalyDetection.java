package com.wedsync.ml.platform.anomalies;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.wedsync.ml.platform.alerts.AlertType;
import com.wedsync.ml.platform.alerts.Severity;
import com.wedsync.ml.pipelines.spi.Detector;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.Finding;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.alerts.Alerts;
import com.wedsync.ml.platform.features.FeatureStore;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.registry.ModelVersion;
import com.wedsync.ml.platform.scoring.LoadedModels;

/**
 * One detection run: for every pipeline whose production model is a {@link Detector}, judges the complete
 * days not judged yet (up to yesterday, the newest complete window; on the first run the last
 * {@code backfillDays}), merges the findings into episodes and raises an {@code anomaly} alert per new
 * episode and per escalation of its severity. Each detector's run holds a transaction-scoped advisory lock
 * and records the days it judged in the same transaction, so a rerun, or two platform instances at once,
 * judge each day once.
 */
@Service
public class AnomalyDetection {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final FeatureStore features;
    private final PipelineDefinitions definitions;
    private final ModelRegistry registry;
    private final LoadedModels models;
    private final Alerts alerts;
    private final AnomalyProperties properties;

    AnomalyDetection(JdbcClient jdbc, Clock clock, FeatureStore features, PipelineDefinitions definitions, ModelRegistry registry,
                     LoadedModels models, Alerts alerts, AnomalyProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.features = features;
        this.definitions = definitions;
        this.registry = registry;
        this.models = models;
        this.alerts = alerts;
        this.properties = properties;
    }

    /** What one detector's run did. */
    public record Run(String model, String modelVersion, LocalDate from, LocalDate to, int daysJudged, int findings,
                      int newEpisodes, int updatedEpisodes) {
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The production versions whose models detect, by model name. */
    public List<LoadedModels.Loaded> detectors() {
        List<LoadedModels.Loaded> out = new ArrayList<>();
        for (var stored : definitions.latestOfEach()) {
            Optional<ModelVersion> v = registry.production(stored.definition().name());
            if (v.isPresent()) {
                LoadedModels.Loaded m = models.get(v.get());
                if (m.model() instanceof Detector) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** Runs every detector over its days not judged yet. */
    public List<Run> runAll(UUID jobId, ProgressListener progress) {
        List<Run> runs = new ArrayList<>();
        List<LoadedModels.Loaded> ds = detectors();
        if (ds.isEmpty()) {
            progress.log("no production model detects anomalies yet: nothing to judge");
        }
        for (LoadedModels.Loaded m : ds) {
            runs.add(self().run(m, today(), jobId, progress));
        }
        return runs;
    }

    private AnomalyDetection self;

    @org.springframework.beans.factory.annotation.Autowired
    void setSelf(@org.springframework.context.annotation.Lazy AnomalyDetection self) {
        this.self = self;
    }

    private AnomalyDetection self() {
        return self == null ? this : self;
    }

    /** One detector's run, in one transaction. */
    @Transactional
    public Run run(LoadedModels.Loaded m, LocalDate today, UUID jobId, ProgressListener progress) {
        String model = m.version().getModelName();
        String version = m.version().getVersion();
        Detector detector = (Detector) m.model();
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:k))").param("k", "anomaly-detection:" + model).query().singleValue();
        LocalDate to = today.minusDays(1);
        LocalDate last = jdbc.sql("SELECT MAX(day) FROM ml_anomaly_judged_days WHERE model_name = :m").param("m", model)
                .query(LocalDate.class).optional().orElse(null);
        LocalDate from = last == null ? to.minusDays(properties.backfillDays() - 1L) : last.plusDays(1);
        if (from.isAfter(to)) {
            progress.log(model + ": every day up to " + to + " is judged already");
            return new Run(model, version, from, to, 0, 0, 0, 0);
        }
        if (features.snapshot(m.kind().featureSet(), today).isEmpty()) {
            progress.progress(5, "computing today's " + m.kind().featureSet().name() + " snapshot");
            features.refresh(m.kind().featureSet(), today, clock.instant().plus(1, ChronoUnit.DAYS), jobId);
        }
        FeatureTable history = features.load(m.kind().featureSet(), List.of(today), m.features(), null, null);
        LocalDate first = detector.firstJudgeableDay(history);
        if (from.isBefore(first)) {
            from = first;
        }
        progress.progress(20, model + " v" + version + ": judging " + from + " to " + to);
        List<Finding> found = from.isAfter(to) ? List.of() : detector.detect(history, from, to);
        int created = 0;
        int updated = 0;
        for (Finding f : found) {
            if (record(model, version, f)) {
                created++;
            } else {
                updated++;
            }
        }
        int days = from.isAfter(to) ? 0 : (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        if (days > 0) {
            jdbc.sql("INSERT INTO ml_anomaly_judged_days (model_name, day, model_version, findings, judged_at, job_id) "
                            + "SELECT :m, d::date, :v, 0, :now, :job FROM generate_series(CAST(:from AS date), CAST(:to AS date), "
                            + "INTERVAL '1 day') d ON CONFLICT (model_name, day) DO NOTHING")
                    .param("m", model).param("v", version).param("now", Timestamp.from(clock.instant())).param("job", jobId)
                    .param("from", from).param("to", to).update();
            jdbc.sql("UPDATE ml_anomaly_judged_days j SET findings = c.n FROM (SELECT CAST(x ->> 'day' AS date) AS day, COUNT(*) AS n "
                            + "FROM jsonb_array_elements(CAST(:days AS jsonb)) x GROUP BY 1) c WHERE j.model_name = :m AND j.day = c.day")
                    .param("days", Json.write(found.stream().map(f -> Map.of("day", f.day().toString())).toList()))
                    .param("m", model).update();
        }
        progress.progress(100, model + ": " + days + " days judged, " + found.size() + " findings, " + created + " new episodes, "
                + updated + " updated");
        return new Run(model, version, from, to, days, found.size(), created, updated);
    }

    /** Merges a finding into its episode or starts one; raises an alert for a new episode or a higher severity. @return true if new */
    private boolean record(String model, String version, Finding f) {
        Optional<Episodes.Episode> open = jdbc.sql("SELECT id, anomaly_type, severity, first_day, last_day, days_flagged, peak_score, "
                        + "mrr_at_stake, priority, status FROM ml_anomalies WHERE anomaly_type = :t AND status <> 'resolved' "
                        + "AND last_day >= :lo AND first_day <= :hi ORDER BY last_day DESC LIMIT 1")
                .param("t", f.type()).param("lo", f.day().minusDays(Episodes.MERGE_GAP_DAYS))
                .param("hi", f.day().plusDays(Episodes.MERGE_GAP_DAYS))
                .query((rs, i) -> new Episodes.Episode(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getInt(6), rs.getDouble(7),
                        rs.getDouble(8), rs.getDouble(9), rs.getString(10)))
                .optional();
        Map<String, Object> metrics = new LinkedHashMap<>(f.metrics());
        metrics.put("day", f.day().toString());
        metrics.put("score", f.score());
        Map<String, Object> impact = Map.of("impact", f.impact(), "mrr_at_stake", f.mrrAtStake());
        Timestamp now = Timestamp.from(clock.instant());
        Episodes.Episode e;
        boolean created = open.isEmpty();
        if (created) {
            e = Episodes.start(UUID.randomUUID(), f);
            jdbc.sql("INSERT INTO ml_anomalies (id, anomaly_type, severity, detected_at, metrics, description, impact_assessment, status, "
                            + "first_day, last_day, days_flagged, peak_score, mrr_at_stake, priority, recommendation, recommended_action, "
                            + "model_name, model_version, updated_at) VALUES (:id, :t, :s, :now, CAST(:metrics AS jsonb), :d, "
                            + "CAST(:impact AS jsonb), 'open', :first, :last, 1, :peak, :mrr, :p, :rec, :act, :model, :v, :now)")
                    .param("id", e.id()).param("t", e.type()).param("s", e.severity()).param("now", now)
                    .param("metrics", Json.write(metrics)).param("d", f.description()).param("impact", Json.write(impact))
                    .param("first", e.firstDay()).param("last", e.lastDay()).param("peak", e.peakScore()).param("mrr", e.mrrAtStake())
                    .param("p", e.priority()).param("rec", f.recommendation()).param("act", f.action()).param("model", model)
                    .param("v", version).update();
        } else {
            Episodes.Episode before = open.get();
            e = Episodes.merge(before, f);
            boolean latest = !f.day().isBefore(before.lastDay());
            jdbc.sql("UPDATE ml_anomalies SET severity = :s, first_day = :first, last_day = :last, days_flagged = :n, peak_score = :peak, "
                            + "mrr_at_stake = :mrr, priority = :p, updated_at = :now, model_version = :v"
                            + (latest ? ", metrics = CAST(:metrics AS jsonb), description = :d, impact_assessment = CAST(:impact AS jsonb)" : "")
                            + " WHERE id = :id")
                    .param("s", e.severity()).param("first", e.firstDay()).param("last", e.lastDay()).param("n", e.daysFlagged())
                    .param("peak", e.peakScore()).param("mrr", e.mrrAtStake()).param("p", e.priority()).param("now", now)
                    .param("v", version).param("metrics", Json.write(metrics)).param("d", f.description())
                    .param("impact", Json.write(impact)).param("id", e.id()).update();
        }
        Map<String, Object> alertMetrics = new LinkedHashMap<>(metrics);
        alertMetrics.put("episode", e.id().toString());
        alertMetrics.put("priority", e.priority());
        alerts.raise(AlertType.ANOMALY, Severity.parse(e.severity()), model, null, f.description(), alertMetrics, f.action(),
                "anomaly:" + e.id() + ":" + e.severity());
        return created;
    }
}
