package com.wedsync.ml.platform.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.orchestration.PipelineStarter;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.support.MlflowIntegrationTest;
import com.wedsync.ml.platform.support.TestDefinitions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tracking against a real MLflow server: what a run leaves there, and nothing lost while MLflow is down. */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressWarnings("unchecked")
class MlflowTrackingTest extends MlflowIntegrationTest {

    static final String DEFINITION = """
            name: churn-tracked
            version: 1
            modelKind: churn
            features:
              set: supplier_churn
              include: [vendor_type, mrr, days_since_login, recent_forms, active_clients, failed_payments_90d,
                        negative_tickets_90d, competitor_mentions, downgrades_90d, avg_session_duration]
            algorithms:
              - {name: random_forest, hyperparameters: {trees: 10, max_depth: 6}}
              - {name: gradient_boosting, hyperparameters: {rounds: 30}}
              - {name: neural_network, hyperparameters: {epochs: 2}}
            training: {windowMonths: 10, labelHorizonDays: 30, snapshotIntervalDays: 28, seed: 3}
            gates:
              auc: {min: 0.6}
            promotion: {policy: auto, mustBeatChampion: false}
            drift: {retrainOnDrift: false}
            """;

    @Autowired
    MarketplaceLoader loader;
    @Autowired
    PipelineDefinitions definitions;
    @Autowired
    PipelineStarter steps;
    @Autowired
    MlflowTracking tracking;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Order(1)
    void aPipelineRunLeavesItsRunMetricsArtifactsVersionAndAliasInMlflow() throws Exception {
        loader.simulateAndLoad(SimulationParameters.of(8, 500, 18, today()), ProgressListener.NONE);
        TestDefinitions.registerYaml(definitions, DEFINITION);
        awaitRun(steps.start("churn-tracked", "test", Map.of()).runId());

        Map<String, Object> version = registryVersion("1");
        String runId = (String) ((Map<?, ?>) version.get("lineage")).get("mlflowRunId");
        assertThat(runId).isNotBlank();
        Map<String, Object> run = (Map<String, Object>) get("/api/2.0/mlflow/runs/get?run_id=" + runId).get("run");
        Map<String, Object> data = (Map<String, Object>) run.get("data");
        assertThat(keys(data.get("params"))).contains("random_forest.trees", "gradient_boosting.rounds", "features");
        assertThat(keys(data.get("metrics"))).contains("validation/auc", "validation/random_forest/auc",
                "validation/logistic_regression/auc", "validation/neural_network/auc", "validation/gradient_boosting/auc", "test/auc");
        assertThat(keys(data.get("tags"))).contains("pipeline", "jobrunr_job_id", "feature_snapshot", "code_version");
        Map<String, Object> artifacts = get("/api/2.0/mlflow/artifacts/list?run_id=" + runId);
        assertThat(artifacts.toString()).contains("provenance.json").contains("feature_importance.json").contains("model");
        Map<String, Object> alias = get("/api/2.0/mlflow/registered-models/alias?name=churn-tracked&alias=production");
        assertThat(((Map<?, ?>) alias.get("model_version")).get("run_id")).isEqualTo(runId);
        assertThat(((Map<?, ?>) alias.get("model_version")).get("tags").toString()).contains("production");
    }

    @Test
    @Order(2)
    void withMlflowDownARunStillCompletesAndAppearsInMlflowOnceItIsBack() throws Exception {
        mlflow.down();
        awaitRun(steps.start("churn-tracked", "test", Map.of()).runId());
        Map<String, Object> v2 = registryVersion("2");
        assertThat(v2.get("status")).isEqualTo("production");
        long pending = jdbc.sql("SELECT count(*) FROM tracking_outbox WHERE status = 'pending'").query(Long.class).single();
        assertThat(pending).as("run, metrics and states of version 2 wait in the outbox").isGreaterThanOrEqualTo(3);

        mlflow.up();
        tracking.replay(org.jobrunr.jobs.context.JobContext.Null);
        tracking.replay(org.jobrunr.jobs.context.JobContext.Null);
        assertThat(jdbc.sql("SELECT count(*) FROM tracking_outbox WHERE status <> 'sent'").query(Long.class).single()).isZero();

        String runId = (String) ((Map<?, ?>) registryVersion("2").get("lineage")).get("mlflowRunId");
        Map<String, Object> search = post("/api/2.0/mlflow/runs/search", Map.of("experiment_ids",
                List.of(((Map<?, ?>) get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=churn-tracked").get("experiment")).get("experiment_id")),
                "filter", "tags.\"wedsync.idempotency_key\" = 'run:" + v2.get("id") + "'"));
        assertThat((List<?>) search.get("runs")).as("exactly one MLflow run for version 2").hasSize(1);
        Map<String, Object> alias = get("/api/2.0/mlflow/registered-models/alias?name=churn-tracked&alias=production");
        assertThat(((Map<?, ?>) alias.get("model_version")).get("run_id")).isEqualTo(runId);
        Map<String, Object> versions = get("/api/2.0/mlflow/model-versions/search?filter="
                + URLEncoder.encode("name='churn-tracked'", StandardCharsets.UTF_8));
        assertThat((List<?>) versions.get("model_versions")).as("one MLflow version per registry version").hasSize(2);
    }

    // ---- helpers ----

    @SuppressWarnings("unchecked")
    Map<String, Object> registryVersion(String version) {
        return jdbc.sql("SELECT json_build_object('id', id, 'status', status, 'lineage', json_build_object('mlflowRunId', mlflow_run_id))::text "
                        + "FROM ml_models WHERE model_name = 'churn-tracked' AND version = :v")
                .param("v", version).query(String.class).optional().map(Json::readMap).orElseThrow();
    }

    static List<String> keys(Object list) {
        return ((List<?>) list).stream().map(e -> (String) ((Map<?, ?>) e).get("key")).toList();
    }

    Map<String, Object> get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(mlflow.uri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return Json.readMap(r.body());
    }

    Map<String, Object> post(String path, Object body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(mlflow.uri() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return Json.readMap(r.body());
    }

    void awaitRun(UUID run) throws InterruptedException {
        com.wedsync.ml.platform.support.AwaitRun.succeeded(jdbc, run, java.time.Duration.ofMinutes(5));
    }
}
