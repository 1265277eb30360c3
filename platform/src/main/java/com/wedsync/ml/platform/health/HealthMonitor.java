package com.wedsync.ml.platform.health;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.context.JobContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.wedsync.ml.models.evaluation.BinaryMetrics;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.platform.alerts.AlertType;
import com.wedsync.ml.platform.alerts.Alerts;
import com.wedsync.ml.platform.alerts.Severity;
import com.wedsync.ml.platform.jobs.JobProgress;
import com.wedsync.ml.platform.orchestration.PipelineStarter;
import com.wedsync.ml.platform.orchestration.RunInProgressException;
import com.wedsync.ml.pipelines.spi.OutcomeSpec;
import com.wedsync.ml.platform.outcomes.Outcomes;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.registry.ModelVersion;

/**
 * Measures a production version of any kind with outcomes ({@link OutcomeSpec}) on reality: its
 * predictions whose outcome is known. Health score: {@link BinaryMetrics#healthScore()}; below the definition's drift.healthThreshold (spec: 0.7) the model needs retraining, and one
 * retraining per version and day is started.
 */
@Service
public class HealthMonitor {

    static final int MIN_OUTCOMES = 100;

    private final ModelRegistry registry;
    private final PipelineDefinitions definitions;
    private final JdbcClient jdbc;
    private final Alerts alerts;
    private final PipelineStarter steps;

    private final Outcomes outcomes;

    HealthMonitor(ModelRegistry registry, PipelineDefinitions definitions, JdbcClient jdbc, Alerts alerts, PipelineStarter steps,
                  Outcomes outcomes) {
        this.outcomes = outcomes;
        this.registry = registry;
        this.definitions = definitions;
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.steps = steps;
    }

    /** The result of a health check: the metrics and score, or why there is none. */
    public record Health(String model, String version, int outcomes, Map<String, Double> metrics, Double score,
                         boolean needsRetraining, String note) {
    }

    @Job(name = "%0: model health on recorded outcomes", labels = {"pipeline:%0", "step:health"}, retries = 2)
    public Health check(String modelName, LocalDate asOf, JobContext context) {
        JobProgress progress = new JobProgress(context, modelName + "/health");
        ModelVersion v = registry.production(modelName).orElseThrow(() ->
                new IllegalStateException("model '" + modelName + "' has no production version"));
        OutcomeSpec spec = this.outcomes.spec(v.getModelType()).orElseThrow(() -> new IllegalStateException("model '" + modelName
                + "' is a " + v.getModelType() + " model, whose predictions get no recorded outcomes: no health check on reality"));
        List<Outcomes.Outcome> outcomes = this.outcomes.ofVersion(v.getId(), spec);
        if (outcomes.size() < MIN_OUTCOMES) {
            String note = "insufficient data: " + outcomes.size() + " predictions of version " + v.getVersion()
                    + " have a recorded outcome, at least " + MIN_OUTCOMES + " are needed";
            progress.progress(100, note);
            return new Health(modelName, v.getVersion(), outcomes.size(), Map.of(), null, false, note);
        }
        double[] p = outcomes.stream().mapToDouble(Outcomes.Outcome::score).toArray();
        int[] y = outcomes.stream().mapToInt(Outcomes.Outcome::outcome).toArray();
        BinaryMetrics m = BinaryMetrics.of(p, y, 0.5);
        double auc = Double.isNaN(m.auc()) ? 0.5 : m.auc();
        double score = m.healthScore();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", m.accuracy());
        metrics.put("precision", m.precision());
        metrics.put("recall", m.recall());
        metrics.put("f1", m.f1());
        metrics.put("auc", auc);
        metrics.put("health", score);
        metrics.forEach((metric, value) -> jdbc.sql("INSERT INTO ml_model_performance (model_id, evaluation_date, metric_type, "
                        + "metric_value, sample_size) VALUES (:m, :d, :t, :v, :n) ON CONFLICT (model_id, evaluation_date, metric_type) "
                        + "DO UPDATE SET metric_value = EXCLUDED.metric_value, sample_size = EXCLUDED.sample_size")
                .param("m", v.getId()).param("d", asOf).param("t", metric).param("v", value).param("n", outcomes.size()).update());
        PipelineDefinition d = definitions.find(v.getPipelineName(), v.getPipelineVersion()).orElseThrow().definition();
        double threshold = d.drift() == null || d.drift().healthThreshold() == null ? 0.7 : d.drift().healthThreshold();
        boolean retrain = score < threshold;
        progress.progress(100, String.format("health %.3f on %d outcomes (AUC %.3f, accuracy %.3f, ECE %.3f); threshold %.2f",
                score, outcomes.size(), auc, m.accuracy(), m.ece(), threshold));
        if (retrain) {
            String key = "health:" + v.getId() + ":" + asOf;
            alerts.raise(AlertType.HEALTH, Severity.HIGH, modelName, v.getId(), String.format("health %.2f below %.2f on %d recorded outcomes",
                    score, threshold, outcomes.size()), new LinkedHashMap<>(metrics), "retraining enqueued", key);
            UUID run = UUID.nameUUIDFromBytes(("health-retraining:" + v.getId() + ":" + asOf).getBytes(StandardCharsets.UTF_8));
            try {
                steps.start(d, run, "health", Map.of("health", score, "version", v.getVersion()));
            } catch (RunInProgressException e) {
                progress.log("retraining not started: run " + e.runningRun() + " of " + d.name() + " is already in progress");
            }
        }
        return new Health(modelName, v.getVersion(), outcomes.size(), metrics, score, retrain, null);
    }
}
