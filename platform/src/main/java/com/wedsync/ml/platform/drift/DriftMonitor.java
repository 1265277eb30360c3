package com.wedsync.ml.platform.drift;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.wedsync.ml.models.drift.DriftDetector;
import com.wedsync.ml.models.drift.DriftPolicy;
import com.wedsync.ml.models.drift.DriftReport;
import com.wedsync.ml.models.drift.FeatureColumn;
import com.wedsync.ml.models.drift.ReferenceWindow;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.alerts.AlertType;
import com.wedsync.ml.platform.alerts.Alerts;
import com.wedsync.ml.platform.alerts.Severity;
import com.wedsync.ml.platform.features.FeatureStore;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.orchestration.PipelineStarter;
import com.wedsync.ml.platform.orchestration.RunInProgressException;
import com.wedsync.ml.platform.scoring.LoadedModels;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.registry.ModelVersion;

/** One drift check of a production model, and what follows from its verdict. */
@Service
public class DriftMonitor {

    static final int WINDOW_DAYS = 30;
    static final int TRAILING_DAYS = 90;

    private final ModelRegistry registry;
    private final LoadedModels models;
    private final FeatureStore features;
    private final JdbcClient jdbc;
    private final Alerts alerts;
    private final PipelineStarter steps;
    private final Clock clock;

    DriftMonitor(ModelRegistry registry, LoadedModels models, FeatureStore features, JdbcClient jdbc, Alerts alerts,
                 PipelineStarter steps, Clock clock) {
        this.registry = registry;
        this.models = models;
        this.features = features;
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.steps = steps;
        this.clock = clock;
    }

    /** The outcome of a check: the stored report's id, its verdict, and the retraining run it started, if any. */
    public record Check(UUID reportId, DriftReport report, ReferenceWindow reference, LocalDate current, UUID retrainingRun) {
    }

    public Check check(String modelName, LocalDate asOf, ProgressListener progress) {
        ModelVersion v = registry.production(modelName).orElseThrow(() ->
                new IllegalStateException("model '" + modelName + "' has no production version to watch"));
        LoadedModels.Loaded m = models.get(v);
        PipelineDefinition d = m.definition();
        FeatureSetSpec set = m.kind().featureSet();
        PipelineDefinition.Drift dp = d.drift();
        DriftPolicy policy = PipelineDefinition.Drift.policy(dp);
        List<String> watched = dp != null && dp.features() != null ? dp.features() : d.features().include();

        LocalDate historyStart = jdbc.sql("SELECT COALESCE(MIN(created_at)::date, CAST(:today AS date)) FROM suppliers")
                .param("today", today()).query(LocalDate.class).single();
        Optional<ReferenceWindow> reference = ReferenceWindow.choose(asOf, historyStart, WINDOW_DAYS, TRAILING_DAYS);
        DriftReport report;
        ReferenceWindow ref = reference.orElse(new ReferenceWindow("none", asOf.minusDays(TRAILING_DAYS)));
        if (reference.isEmpty()) {
            report = new DriftReport(DriftReport.Verdict.INSUFFICIENT_DATA, Double.NaN, "unknown", List.of(), List.of(),
                    List.of("insufficient data: the history (from " + historyStart + ") is shorter than a reference window"));
        } else {
            progress.progress(10, "current snapshot as of " + asOf + "; reference (" + ref.kind() + ") as of " + ref.asOf());
            ensureSnapshot(set, asOf);
            ensureSnapshot(set, ref.asOf());
            FeatureTable cur = features.load(set, List.of(asOf), watched, null, null);
            FeatureTable old = features.load(set, List.of(ref.asOf()), watched, null, null);
            progress.progress(40, "comparing " + watched.size() + " features: " + old.size() + " reference and " + cur.size()
                    + " current suppliers");
            report = new DriftDetector(policy).compare(columns(old), columns(cur));
        }
        UUID reportId = store(v, asOf, ref, report, policy);
        progress.progress(80, "verdict " + report.verdict() + (report.affected().isEmpty() ? "" : ": " + report.affected()));
        UUID retraining = react(v, d, report, reportId, asOf, progress);
        progress.progress(100, report.reasons().isEmpty() ? "no feature moved" : String.join("; ", report.reasons()));
        return new Check(reportId, report, ref, asOf, retraining);
    }

    private void ensureSnapshot(FeatureSetSpec set, LocalDate date) {
        if (features.snapshot(set, date).isEmpty()) {
            features.refresh(set, date, null, null);
        }
    }

    private static Map<String, FeatureColumn> columns(FeatureTable t) {
        Map<String, FeatureColumn> out = new LinkedHashMap<>();
        for (int j = 0; j < t.numericNames().size(); j++) {
            double[] col = new double[t.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = t.numeric()[i][j];
            }
            out.put(t.numericNames().get(j), FeatureColumn.numeric(col));
        }
        for (int j = 0; j < t.categoricalNames().size(); j++) {
            String[] col = new String[t.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = t.categorical()[i][j];
            }
            out.put(t.categoricalNames().get(j), FeatureColumn.categorical(col));
        }
        return out;
    }

    private UUID store(ModelVersion v, LocalDate asOf, ReferenceWindow ref, DriftReport r, DriftPolicy policy) {
        UUID id = UUID.nameUUIDFromBytes(("drift-report:" + v.getId() + ":" + asOf).getBytes(StandardCharsets.UTF_8));
        jdbc.sql("DELETE FROM ml_drift_reports WHERE id = :id").param("id", id).update();
        jdbc.sql("INSERT INTO ml_drift_reports (id, model_id, model_name, current_from, current_to, reference_from, reference_to, "
                        + "reference_kind, verdict, severity, severity_label, affected_features, reasons, policy, evaluated_at) VALUES (:id, :m, :name, "
                        + ":cf, :ct, :rf, :rt, :kind, :verdict, :severity, :label, CAST(:affected AS jsonb), CAST(:reasons AS jsonb), "
                        + "CAST(:policy AS jsonb), :now)")
                .param("now", java.sql.Timestamp.from(clock.instant())).param("id", id).param("m", v.getId()).param("name", v.getModelName())
                .param("cf", asOf.minusDays(WINDOW_DAYS)).param("ct", asOf)
                .param("rf", ref.asOf().minusDays(WINDOW_DAYS)).param("rt", ref.asOf()).param("kind", ref.kind())
                .param("verdict", r.verdict().name().toLowerCase()).param("severity", Double.isNaN(r.severity()) ? null : r.severity())
                .param("label", r.severityLabel()).param("affected", Json.write(r.affected())).param("reasons", Json.write(r.reasons()))
                .param("policy", Json.write(policy)).update();
        for (DriftReport.FeatureDrift f : r.features()) {
            jdbc.sql("INSERT INTO ml_drift_feature_results (report_id, feature, kind, ks_statistic, p_value, p_value_adjusted, psi, "
                            + "reference_size, current_size, drifted, note) VALUES (:r, :f, :k, :d, :p, :pa, :psi, :n, :m, :drifted, :note)")
                    .param("r", id).param("f", f.feature()).param("k", f.kind()).param("d", nan(f.ksStatistic()))
                    .param("p", nan(f.pValue())).param("pa", nan(f.pAdjusted())).param("psi", nan(f.psi()))
                    .param("n", f.referenceSize()).param("m", f.currentSize()).param("drifted", f.drifted()).param("note", f.note())
                    .update();
        }
        if (r.verdict() != DriftReport.Verdict.INSUFFICIENT_DATA) {
            jdbc.sql("INSERT INTO ml_model_performance (model_id, evaluation_date, metric_type, metric_value, sample_size, "
                            + "data_drift_detected, drift_severity) VALUES (:m, :d, 'drift', :value, :n, :drift, :sev) "
                            + "ON CONFLICT (model_id, evaluation_date, metric_type) DO UPDATE SET metric_value = EXCLUDED.metric_value, "
                            + "sample_size = EXCLUDED.sample_size, data_drift_detected = EXCLUDED.data_drift_detected, "
                            + "drift_severity = EXCLUDED.drift_severity")
                    .param("m", v.getId()).param("d", asOf).param("value", r.severity())
                    .param("n", r.features().stream().mapToInt(DriftReport.FeatureDrift::currentSize).max().orElse(0))
                    .param("drift", r.verdict() == DriftReport.Verdict.DRIFT).param("sev", Math.min(0.99, r.severity())).update();
        }
        return id;
    }

    private static Double nan(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    /** On drift: one episode per model version until a check finds no drift; one retraining per episode. */
    private UUID react(ModelVersion v, PipelineDefinition d, DriftReport r, UUID reportId, LocalDate asOf, ProgressListener progress) {
        Optional<UUID> open = jdbc.sql("SELECT id FROM ml_drift_episodes WHERE model_id = :m AND ended_at IS NULL")
                .param("m", v.getId()).query(UUID.class).optional();
        if (r.verdict() == DriftReport.Verdict.NO_DRIFT) {
            open.ifPresent(e -> jdbc.sql("UPDATE ml_drift_episodes SET ended_at = :now WHERE id = :id").param("id", e)
                    .param("now", java.sql.Timestamp.from(clock.instant())).update());
            return null;
        }
        if (r.verdict() != DriftReport.Verdict.DRIFT) {
            return null;
        }
        UUID episode = open.orElseGet(() -> {
            UUID id = UUID.nameUUIDFromBytes(("drift-episode:" + v.getId() + ":" + asOf).getBytes(StandardCharsets.UTF_8));
            jdbc.sql("INSERT INTO ml_drift_episodes (id, model_id, model_name, features, started_at) VALUES (:id, :m, :n, CAST(:f AS jsonb), :now) "
                            + "ON CONFLICT (id) DO NOTHING")
                    .param("id", id).param("m", v.getId()).param("n", v.getModelName()).param("f", Json.write(r.affected()))
                    .param("now", java.sql.Timestamp.from(clock.instant())).update();
            return id;
        });
        jdbc.sql("UPDATE ml_drift_reports SET episode_id = :e WHERE id = :r").param("e", episode).param("r", reportId).update();
        Severity severity = switch (r.severityLabel()) {
            case "critical" -> Severity.CRITICAL;
            case "high" -> Severity.HIGH;
            case "medium" -> Severity.MEDIUM;
            default -> Severity.LOW;
        };
        alerts.raise(AlertType.DRIFT, severity, v.getModelName(), v.getId(), "data drift in " + r.affected() + " (" + r.severityLabel()
                        + ", severity " + String.format("%.2f", r.severity()) + ")", Map.of("affected", r.affected(),
                        "severity", r.severity(), "report", reportId.toString()),
                Boolean.FALSE.equals(d.drift() == null ? null : d.drift().retrainOnDrift()) ? "review the model" : "retraining enqueued",
                "drift-episode:" + episode);
        boolean retrain = d.drift() == null || d.drift().retrainOnDrift() == null || d.drift().retrainOnDrift();
        if (!retrain) {
            return null;
        }
        int cooldown = d.drift() == null || d.drift().cooldownDays() == null ? 7 : d.drift().cooldownDays();
        Optional<String> recent = jdbc.sql("SELECT id::text FROM ml_drift_episodes WHERE model_name = :n AND id <> :e "
                        + "AND retraining_job_id IS NOT NULL AND started_at > CAST(:now AS timestamptz) - make_interval(days => :days) LIMIT 1")
                .param("now", java.sql.Timestamp.from(clock.instant())).param("n", v.getModelName()).param("e", episode).param("days", cooldown).query(String.class).optional();
        if (recent.isPresent()) {
            jdbc.sql("UPDATE ml_drift_episodes SET suppressed_reason = :r WHERE id = :e AND retraining_job_id IS NULL")
                    .param("r", "a retraining ran within the " + cooldown + "-day cooldown (episode " + recent.get() + ")")
                    .param("e", episode).update();
            progress.log("retraining suppressed: a retraining ran within the " + cooldown + "-day cooldown");
            return null;
        }
        UUID run = UUID.nameUUIDFromBytes(("retraining-run:" + episode).getBytes(StandardCharsets.UTF_8));
        PipelineStarter.StartedRun started;
        try {
            started = steps.start(d, run, "drift", Map.of("drift_episode", episode.toString(),
                    "drift_report", reportId.toString(), "affected", r.affected()));
        } catch (RunInProgressException e) {
            progress.log("retraining not started yet: run " + e.runningRun() + " of " + d.name()
                    + " is in progress; the next drift check of this episode starts it if it is still needed");
            return null;
        }
        jdbc.sql("UPDATE ml_drift_episodes SET retraining_job_id = :j WHERE id = :e").param("j", started.jobId())
                .param("e", episode).update();
        alerts.raise(AlertType.RETRAINING, Severity.MEDIUM, v.getModelName(), v.getId(), "retraining started for drift episode " + episode,
                Map.of("run", run.toString(), "job", started.jobId().toString()), "watch the run in the dashboard",
                "retraining:" + episode);
        progress.log("drift episode " + episode + ": retraining run " + run + " (job " + started.jobId() + ")");
        return run;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

}
