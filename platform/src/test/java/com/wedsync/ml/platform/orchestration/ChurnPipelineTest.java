package com.wedsync.ml.platform.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.jobs.StepIds;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The churn pipeline end to end, as a user drives it: a definition registered through the REST API,
 * a run started through the API, its jobs run by JobRunr on PostgreSQL, the registry and predictions
 * read back through the API and SQL; requeues from the dashboard's API change nothing twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChurnPipelineTest extends PostgresIntegrationTest {

    static final String DEFINITION = """
            {"name": "churn-fast", "version": 1, "modelKind": "churn",
             "features": {"set": "supplier_churn", "include": ["vendor_type", "subscription_tier", "mrr", "tenure_days",
               "days_since_login", "recent_forms", "active_clients", "couples_invited", "couples_activated",
               "avg_session_duration", "active_days_last_month", "negative_tickets_90d", "competitor_mentions",
               "failed_payments_90d", "downgrades_90d", "season_factor"]},
             "algorithms": [{"name": "random_forest", "hyperparameters": {"trees": 15, "max_depth": 8}},
                            {"name": "gradient_boosting", "hyperparameters": {"rounds": 40}},
                            {"name": "neural_network", "hyperparameters": {"epochs": 3}}],
             "training": {"windowMonths": 12, "labelHorizonDays": 30, "snapshotIntervalDays": 21, "seed": 7},
             "gates": {"auc": {"min": 0.75}, "accuracy": {"min": 0.85}},
             "promotion": {"policy": "auto", "mustBeatChampion": true, "significance": 0.05},
             "drift": {"retrainOnDrift": false, "healthThreshold": 0.0}}
            """;

    @LocalServerPort
    int port;
    @Value("${jobrunr.dashboard.port}")
    int dashboardPort;
    @Autowired
    MarketplaceLoader loader;
    @Autowired
    JdbcClient jdbc;

    UUID firstRun;

    @BeforeAll
    void marketplace() {
        loader.simulateAndLoad(SimulationParameters.of(21, 900, 24, today()), ProgressListener.NONE);
    }

    @Test
    @Order(1)
    void anInvalidDefinitionIsRefusedNamingItsFieldsAndNothingIsStored() throws Exception {
        String bad = DEFINITION.replace("\"churn-fast\"", "\"churn-bad\"").replace("\"recent_forms\"", "\"recent_froms\"")
                .replace("\"min\": 0.75", "\"min\": 1.75");
        HttpResponse<String> r = post("/api/pipelines", bad);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("features.include[5]").contains("recent_froms").contains("gates.auc.min");
        assertThat(jdbc.sql("SELECT count(*) FROM pipeline_definitions WHERE name = 'churn-bad'").query(Long.class).single()).isZero();
    }

    @Test
    @Order(2)
    void aRunFromTheApiEndsWithOneProductionVersionAndItsPredictions() throws Exception {
        assertThat(post("/api/pipelines", DEFINITION).statusCode()).isEqualTo(201);
        assertThat(post("/api/pipelines", DEFINITION).statusCode()).as("the same definition again").isEqualTo(200);
        HttpResponse<String> changed = post("/api/pipelines", DEFINITION.replace("\"seed\": 7", "\"seed\": 8"));
        assertThat(changed.statusCode()).as("a different definition under the same name and version").isEqualTo(400);
        assertThat(changed.body()).contains("\"field\":\"version\"").contains("register it as version 2");

        HttpResponse<String> started = post("/api/pipelines/churn-fast/runs", "");
        assertThat(started.statusCode()).isEqualTo(202);
        firstRun = UUID.fromString((String) Json.readMap(started.body()).get("runId"));
        awaitRun(firstRun);

        List<Map<String, Object>> versions = models();
        assertThat(versions).hasSize(1);
        Map<String, Object> v = versions.get(0);
        assertThat(v.get("status")).isEqualTo("production");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) v.get("history");
        assertThat(history).extracting(h -> h.get("toStatus")).containsExactly("training", "validating", "staged", "production");
        @SuppressWarnings("unchecked")
        Map<String, Object> test = (Map<String, Object>) v.get("testMetrics");
        assertThat((Double) test.get("auc")).isGreaterThanOrEqualTo(0.75);
        awaitPredictions();
        long active = jdbc.sql("SELECT count(*) FROM ml_feature_store WHERE feature_set = 'supplier_churn' AND as_of = :today").param("today", today())
                .query(Long.class).single();
        assertThat(predictions()).isEqualTo(active).isPositive();
    }

    @Test
    @Order(3)
    void requeueingTheTrainingAndScoringJobsFromTheDashboardCreatesNothingTwice() throws Exception {
        long predictionsBefore = predictions();
        UUID train = StepIds.of(firstRun, "train");
        UUID modelId = UUID.fromString((String) models().get(0).get("id"));
        UUID score = StepIds.of("score:" + modelId);
        var dashboard = com.wedsync.ml.platform.support.Dashboard.on(dashboardPort, DASHBOARD_PASSWORD, jdbc);
        // both requeued at once, then both awaited
        Map<UUID, java.sql.Timestamp> since = new java.util.LinkedHashMap<>();
        for (UUID job : List.of(train, score)) {
            since.put(job, dashboard.updatedAt(job));
            dashboard.requeue(job);
        }
        for (UUID job : List.of(train, score)) {
            dashboard.awaitSucceededAfter(job, since.get(job), java.time.Duration.ofMinutes(5));
        }
        assertThat(models()).hasSize(1);
        assertThat(predictions()).isEqualTo(predictionsBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM ml_model_state_history").query(Long.class).single()).isEqualTo(4);
    }

    @Test
    @Order(4)
    void outcomesAreRecordedOnceTheHorizonHasPassed() {
        // move today's predictions 31 days into the past, and let one of their suppliers churn since
        jdbc.sql("UPDATE ml_predictions SET prediction_for_date = CAST(:today AS date) - 1, "
                + "features_used = jsonb_set(features_used, '{as_of}', to_jsonb((CAST(:today AS date) - 31)::text))")
                .param("today", today()).update();
        UUID churner = jdbc.sql("SELECT entity_id FROM ml_predictions LIMIT 1").query(UUID.class).single();
        jdbc.sql("INSERT INTO subscription_events (supplier_id, event_type, occurred_at, mrr_delta) "
                + "VALUES (:s, 'churn', CAST(:today AS date) - INTERVAL '10 days', 0)").param("s", churner).param("today", today()).update();
        int recorded = outcomes.recordAll(org.jobrunr.jobs.context.JobContext.Null).get("churn");
        assertThat(recorded).isEqualTo(predictions());
        assertThat(jdbc.sql("SELECT actual_outcome ->> 'churned' FROM ml_predictions WHERE entity_id = :s").param("s", churner)
                .query(String.class).single()).isEqualTo("true");
        assertThat(outcomes.recordAll(org.jobrunr.jobs.context.JobContext.Null).get("churn")).as("a rerun records nothing twice").isZero();

        // health on those outcomes: metrics per version in ml_model_performance, sample size = outcomes
        var h = health.check("churn-fast", today(), org.jobrunr.jobs.context.JobContext.Null);
        assertThat(h.outcomes()).isEqualTo((int) predictions());
        assertThat(h.metrics()).containsKeys("accuracy", "precision", "recall", "f1", "auc", "health");
        assertThat(jdbc.sql("SELECT count(*) FROM ml_model_performance WHERE metric_type IN ('accuracy','precision','recall','f1','auc','health') "
                + "AND sample_size = :n").param("n", predictions()).query(Long.class).single()).isEqualTo(6);
        assertThat(h.score()).isBetween(0.0, 1.0);
    }

    @Autowired
    com.wedsync.ml.platform.health.HealthMonitor health;

    @Autowired
    com.wedsync.ml.platform.outcomes.Outcomes outcomes;

    @Test
    @Order(5)
    void anIllegalOrAnonymousTransitionIsRefusedAndChangesNothing() throws Exception {
        HttpResponse<String> illegal = post("/api/models/churn-fast/versions/1/transitions",
                "{\"to\": \"training\", \"reason\": \"try again\"}");
        assertThat(illegal.statusCode()).isEqualTo(409);
        assertThat(illegal.body()).contains("cannot go from production to training");
        HttpResponse<String> selfNamed = post("/api/models/churn-fast/versions/1/transitions",
                "{\"to\": \"retired\", \"reason\": \"old\", \"actor\": \"user:alice\"}");
        assertThat(selfNamed.statusCode()).as("an actor of the client's choosing").isEqualTo(400);
        assertThat(selfNamed.body()).contains("actor");
        HttpResponse<String> anonymous = api().anonymous().post("/api/models/churn-fast/versions/1/transitions",
                "{\"to\": \"retired\", \"reason\": \"old\"}");
        assertThat(anonymous.statusCode()).as("nobody signed in").isEqualTo(401);
        assertThat(models().get(0).get("status")).isEqualTo("production");
    }

    @Test
    @Order(6)
    void aSecondRunsChallengerMustBeatTheChampionSignificantlyOrIsRetiredWithTheReason() throws Exception {
        HttpResponse<String> started = post("/api/pipelines/churn-fast/runs", "");
        awaitRun(UUID.fromString((String) Json.readMap(started.body()).get("runId")));
        List<Map<String, Object>> versions = models();
        assertThat(versions).hasSize(2);
        Map<String, Object> challenger = versions.stream().filter(v -> "2".equals(v.get("version"))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> comparison = (Map<String, Object>) challenger.get("championComparison");
        assertThat(comparison.get("test")).isEqualTo("DeLong (1988) one-sided test on AUC");
        assertThat(comparison).containsKeys("pValue", "challengerValue", "championValue");
        // same data, same seed: the challenger cannot be significantly better, so the champion stays
        assertThat(challenger.get("status")).isEqualTo("retired");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) challenger.get("history");
        assertThat((String) history.get(history.size() - 1).get("reason")).contains("does not beat champion version 1");
        assertThat(versions.stream().filter(v -> "production".equals(v.get("status")))).hasSize(1);
    }

    // ---- helpers ----

    long predictions() {
        return jdbc.sql("SELECT count(*) FROM ml_predictions WHERE prediction_type = 'churn'").query(Long.class).single();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> models() throws Exception {
        HttpResponse<String> r = api().get("/api/models?name=churn-fast");
        return (List<Map<String, Object>>) (List<?>) Json.mapper().readValue(r.body(), List.class);
    }

    HttpResponse<String> post(String path, String json) {
        return api().post(path, json);
    }

    com.wedsync.ml.platform.support.Api api() {
        return com.wedsync.ml.platform.support.Api.on(port);
    }

    void awaitRun(UUID run) throws InterruptedException {
        com.wedsync.ml.platform.support.AwaitRun.succeeded(jdbc, run, java.time.Duration.ofMinutes(5));
    }

    void awaitPredictions() throws InterruptedException {
        for (long deadline = System.currentTimeMillis() + 120_000; System.currentTimeMillis() < deadline; Thread.sleep(500)) {
            if (predictions() > 0 && jdbc.sql("SELECT count(*) FROM jobrunr_jobs WHERE state = 'SUCCEEDED' AND jobsignature LIKE '%ScoringJobs.scoreAll%'")
                    .query(Long.class).single() > 0) {
                return;
            }
        }
        throw new AssertionError("no batch scoring in 2 minutes");
    }
}
