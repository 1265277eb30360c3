package com.wedsync.ml.platform.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import com.wedsync.ml.platform.scoring.Scoring;
import com.wedsync.ml.platform.outcomes.Outcomes;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.support.AwaitRun;
import com.wedsync.ml.platform.support.MlflowIntegrationTest;
import com.wedsync.ml.platform.support.TestDates;
import com.wedsync.ml.platform.support.TestDefinitions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A/B experiments on real PostgreSQL, JobRunr and MLflow, with the simulator's suppliers and outcomes: a
 * truly better challenger wins and is promoted, a worse one is stopped by the guardrail, an equal one
 * ends inconclusive; split mode serves each supplier one stable arm. The simulated marketplace runs 40
 * days past today so that predictions made today get real outcomes (features read only rows up to
 * their as-of date, so the future never leaks into a score).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressWarnings("unchecked")
class ExperimentsTest extends MlflowIntegrationTest {

    /** Only a couple of weak features: a poor churn model. */
    static final String WEAK = """
            name: churn-ab
            version: %d
            modelKind: churn
            features: {set: supplier_churn, include: [vendor_type, season_factor, tenure_days]}
            algorithms:
              - {name: random_forest, hyperparameters: {trees: 5, max_depth: 3}}
              - {name: gradient_boosting, hyperparameters: {rounds: 5, max_depth: 2}}
              - {name: neural_network, hyperparameters: {epochs: 1}}
            training: {windowMonths: 10, labelHorizonDays: 30, snapshotIntervalDays: 28, seed: 5}
            gates: {auc: {min: 0.3}}
            promotion: {policy: %s, mustBeatChampion: false}
            drift: {retrainOnDrift: false, healthThreshold: 0.0}
            """;

    /** The spec's strong signals. */
    static final String STRONG = """
            name: churn-ab
            version: %d
            modelKind: churn
            features: {set: supplier_churn, include: [vendor_type, subscription_tier, mrr, days_since_login, recent_forms,
                       active_clients, avg_session_duration, active_days_last_month, negative_tickets_90d,
                       failed_payments_90d, downgrades_90d, competitor_mentions, tenure_days]}
            algorithms:
              - {name: random_forest, hyperparameters: {trees: 10, max_depth: 6}}
              - {name: gradient_boosting, hyperparameters: {rounds: 30}}
              - {name: neural_network, hyperparameters: {epochs: 2}}
            training: {windowMonths: 10, labelHorizonDays: 30, snapshotIntervalDays: 28, seed: 5}
            gates: {auc: {min: 0.6}}
            promotion: %s
            drift: {retrainOnDrift: false, healthThreshold: 0.0}
            """;
    static final String MANUAL = "{policy: manual, mustBeatChampion: false}";

    @LocalServerPort
    int port;
    @Autowired
    MarketplaceLoader loader;
    @Autowired
    PipelineDefinitions definitions;
    @Autowired
    PipelineStarter steps;
    @Autowired
    Scoring scoring;
    @Autowired
    Outcomes outcomes;
    @Autowired
    ExperimentEvaluator evaluator;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    final LocalDate today = TestDates.base();

    @BeforeAll
    void marketplace() throws Exception {
        loader.simulateAndLoad(SimulationParameters.of(51, 3000, 18, today.plusDays(40)), ProgressListener.NONE);
        run(WEAK.formatted(1, "auto"));      // v1: weak champion in production
        run(STRONG.formatted(2, MANUAL));             // v2: strong challenger, staged
        assertThat(status("1")).isEqualTo("production");
        assertThat(status("2")).isEqualTo("staged");
    }

    @Test
    @Order(1)
    void badExperimentsAreRefusedWithEveryProblemNamedAndNothingStored() throws Exception {
        HttpResponse<String> r = post("/api/experiments", Map.of("name", "bad", "model", "churn-ab", "challenger", "1",
                "mode", "split", "metric", "auc", "trafficToB", 1.5, "minSampleSize", 0, "policy", "sometimes"));
        assertThat(r.statusCode()).isEqualTo(400);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) Json.readMap(r.body()).get("errors");
        assertThat(errors.stream().map(e -> e.get("field")).toList())
                .contains("challenger", "trafficToB", "minSampleSize", "policy", "metric");
        assertThat(r.body()).contains("version 1 is production: only a staged version can be challenger B");
        HttpResponse<String> noModel = post("/api/experiments", Map.of("name", "x", "model", "nope", "challenger", "2",
                "minSampleSize", 100));
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(noModel.body()).contains("has no production version");
        assertThat(jdbc.sql("SELECT count(*) FROM ml_experiments").query(Long.class).single()).isZero();
    }

    @Test
    @Order(2)
    void aTrulyBetterChallengerWinsEarlyAndIsPromoted() throws Exception {
        Map<String, Object> x = created(post("/api/experiments", Map.of("name", "strong-vs-weak", "model", "churn-ab",
                "challenger", "2", "mode", "shadow", "metric", "auc", "minSampleSize", 6000, "significance", 0.05,
                "maxDurationDays", 30, "policy", "auto")));
        UUID id = UUID.fromString((String) x.get("id"));
        // a second running experiment on the same model is refused
        HttpResponse<String> second = post("/api/experiments", Map.of("name", "again", "model", "churn-ab", "challenger", "2",
                "mode", "shadow", "minSampleSize", 100));
        assertThat(second.statusCode()).isEqualTo(409);

        scoring.scoreAll("churn-ab", ProgressListener.NONE);
        long a = count("SELECT count(*) FROM ml_predictions WHERE experiment_id = '" + id + "' AND experiment_arm = 'A'");
        long b = count("SELECT count(*) FROM ml_predictions WHERE experiment_id = '" + id + "' AND experiment_arm = 'B'");
        assertThat(a).isGreaterThan(1000).isEqualTo(b);   // shadow: both score every supplier
        outcomes.record(today.plusDays(31));

        ExperimentEvaluator.Look look = evaluator.evaluate(id, today, org.jobrunr.jobs.context.JobContext.Null);
        Experiments.Experiment after = look.experiment();
        System.out.println("strong vs weak: " + after.looks());
        assertThat(after.winner()).isEqualTo("B");
        assertThat(after.status()).isEqualTo(Experiments.Status.COMPLETED);
        assertThat(after.decision()).contains("promoted B");
        // stopped early: the look came before the full sample
        assertThat(((Number) after.looks().get(0).get("informationFraction")).doubleValue()).isLessThan(1.0);
        assertThat(((Number) after.modelBPerformance().get("auc")).doubleValue())
                .isGreaterThan(((Number) after.modelAPerformance().get("auc")).doubleValue());
        assertThat(status("2")).isEqualTo("production");
        assertThat(status("1")).isEqualTo("retired");
        assertThat(lastReason("1")).contains("won experiment strong-vs-weak");
        // MLflow follows the registry
        HttpResponse<String> alias = http.send(HttpRequest.newBuilder(URI.create(mlflow.uri()
                + "/api/2.0/mlflow/registered-models/alias?name=churn-ab&alias=production")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(alias.statusCode()).isEqualTo(200);
        assertThat(((Map<String, Object>) Json.readMap(alias.body()).get("model_version")).get("version"))
                .isEqualTo(jdbc.sql("SELECT mlflow_model_version FROM ml_models WHERE model_name = 'churn-ab' AND version = '2'")
                        .query(String.class).single());
        // the spec's columns are filled
        assertThat(count("SELECT count(*) FROM ml_experiments WHERE id = '" + id + "' AND sample_size > 1000 AND winner = 'B' "
                + "AND model_a_performance IS NOT NULL AND model_b_performance IS NOT NULL AND statistical_significance IS NOT NULL "
                + "AND ended_at IS NOT NULL")).isEqualTo(1);
        // the decision is an experiment alert, listed by the alerts API under its type
        HttpResponse<String> alerts = api().as("viewer").get("/api/alerts?type=experiment&model=churn-ab");
        assertThat(alerts.statusCode()).as(alerts.body()).isEqualTo(200);
        assertThat(alerts.body()).contains("experiment strong-vs-weak: promoted B");
        // a rerun of the finished job changes nothing
        evaluator.evaluate(id, today, org.jobrunr.jobs.context.JobContext.Null);
        assertThat(count("SELECT count(*) FROM ml_model_state_history h JOIN ml_models m ON m.id = h.model_id "
                + "WHERE m.model_name = 'churn-ab' AND h.to_status = 'production'")).isEqualTo(2);
    }

    @Test
    @Order(3)
    void aWorseChallengerIsStoppedByTheGuardrail() throws Exception {
        run(WEAK.formatted(3, "manual"));    // v3: weak, staged against the strong champion
        assertThat(status("3")).isEqualTo("staged");
        Map<String, Object> x = created(post("/api/experiments", Map.of("name", "weak-vs-strong", "model", "churn-ab",
                "challenger", "3", "mode", "shadow", "metric", "auc", "minSampleSize", 6000, "policy", "auto")));
        UUID id = UUID.fromString((String) x.get("id"));
        scoring.scoreAll("churn-ab", ProgressListener.NONE);
        outcomes.record(today.plusDays(31));
        Experiments.Experiment after = evaluator.evaluate(id, today, org.jobrunr.jobs.context.JobContext.Null).experiment();
        System.out.println("weak vs strong: " + after.looks());
        assertThat(after.winner()).isEqualTo("A");
        assertThat(after.decision()).contains("guardrail");
        assertThat(status("3")).isEqualTo("retired");
        assertThat(lastReason("3")).contains("guardrail");
        assertThat(status("2")).isEqualTo("production");
    }

    @Test
    @Order(4)
    void anEqualChallengerEndsInconclusiveAndTheChampionStays() throws Exception {
        run(STRONG.formatted(4, MANUAL));            // v4: the champion's own specification, retrained: the same model
        assertThat(status("4")).isEqualTo("staged");
        Map<String, Object> x = created(post("/api/experiments", Map.of("name", "strong-vs-strong", "model", "churn-ab",
                "challenger", "4", "mode", "shadow", "metric", "auc", "minSampleSize", 6000, "maxDurationDays", 5,
                "policy", "auto")));
        UUID id = UUID.fromString((String) x.get("id"));
        scoring.scoreAll("churn-ab", ProgressListener.NONE);
        outcomes.record(today.plusDays(31));
        ExperimentEvaluator.Look first = evaluator.evaluate(id, today, org.jobrunr.jobs.context.JobContext.Null);
        assertThat(first.decision()).isEqualTo("continue");
        // past the maximum duration without a crossing
        Experiments.Experiment after = evaluator.evaluate(id, today.plusDays(5), org.jobrunr.jobs.context.JobContext.Null).experiment();
        assertThat(after.winner()).isEqualTo("none");
        assertThat(after.decision()).isEqualTo("inconclusive: champion kept");
        assertThat(after.notes()).contains("maximum duration");
        assertThat(status("2")).isEqualTo("production");
        assertThat(status("4")).isEqualTo("staged");
        HttpResponse<String> r = api().as("viewer").get("/api/experiments/" + id);
        assertThat(Json.readMap(r.body()).get("winner")).isEqualTo("none");
    }

    @Test
    @Order(5)
    void splitModeServesEachSupplierOneStableArmNearTheConfiguredShare() throws Exception {
        Map<String, Object> x = created(post("/api/experiments", Map.of("name", "split", "model", "churn-ab", "challenger", "4",
                "mode", "split", "metric", "accuracy", "trafficToB", 0.3, "minSampleSize", 500, "policy", "report")));
        UUID id = UUID.fromString((String) x.get("id"));
        scoring.scoreAll("churn-ab", ProgressListener.NONE);
        long a = count("SELECT count(*) FROM ml_predictions WHERE experiment_id = '" + id + "' AND experiment_arm = 'A'");
        long b = count("SELECT count(*) FROM ml_predictions WHERE experiment_id = '" + id + "' AND experiment_arm = 'B'");
        assertThat(b / (double) (a + b)).isBetween(0.25, 0.35);
        // each supplier's prediction comes from its arm's model, every time it is asked
        UUID supplier = jdbc.sql("SELECT entity_id FROM ml_predictions WHERE experiment_id = '" + id + "' AND experiment_arm = 'B' LIMIT 1")
                .query(UUID.class).single();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = api().as("viewer").get("/api/suppliers/" + supplier + "/churn?model=churn-ab");
            Map<String, Object> body = Json.readMap(r.body());
            assertThat(((Map<String, Object>) body.get("experiment")).get("arm")).isEqualTo("B");
            assertThat(((Map<String, Object>) body.get("model")).get("version")).isEqualTo("4");
        }
    }

    @Test
    @Order(6)
    void aDefinitionWithPolicyExperimentStartsOneWhenItsChallengerIsStaged() throws Exception {
        jdbc.sql("UPDATE ml_experiments SET status = 'completed', winner = 'none', decision = 'stopped by the test' "
                + "WHERE status = 'running'").update();
        run(STRONG.formatted(5, "{policy: experiment, mustBeatChampion: false, significance: 0.05, experiment: "
                + "{mode: shadow, metric: auc, minSampleSize: 5000, maxDurationDays: 14, decision: auto}}"));
        assertThat(status("5")).isEqualTo("staged");
        Map<String, Object> x = jdbc.sql("SELECT json_build_object('name', experiment_name, 'mode', mode, 'n', min_sample_size)::text "
                + "FROM ml_experiments WHERE status = 'running'").query(String.class).optional().map(Json::readMap).orElseThrow();
        assertThat(x).containsEntry("name", "churn-ab v5 vs v2").containsEntry("mode", "shadow").containsEntry("n", 5000);
        assertThat(count("SELECT count(*) FROM jobrunr_recurring_jobs WHERE id LIKE 'experiment-%'")).isGreaterThanOrEqualTo(1);
        // a definition asking for an experiment without saying which is refused, naming the field
        HttpResponse<String> bad = post("/api/pipelines", Map.of("name", "churn-ab", "version", 6, "modelKind", "churn",
                "features", Map.of("set", "supplier_churn", "include", List.of("mrr")),
                "algorithms", List.of(Map.of("name", "gradient_boosting", "hyperparameters", Map.of("rounds", 5))),
                "training", Map.of("windowMonths", 10, "labelHorizonDays", 30, "snapshotIntervalDays", 28),
                "promotion", Map.of("policy", "experiment", "experiment", Map.of("mode", "split", "metric", "auc", "minSampleSize", 0))));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("promotion.experiment.metric").contains("promotion.experiment.minSampleSize");
    }

    // ---- helpers ----

    void run(String yaml) throws Exception {
        TestDefinitions.registerYaml(definitions, yaml);
        AwaitRun.succeeded(jdbc, steps.start("churn-ab", "test", Map.of()).runId(), Duration.ofMinutes(5));
    }

    String status(String version) {
        return jdbc.sql("SELECT status FROM ml_models WHERE model_name = 'churn-ab' AND version = :v").param("v", version)
                .query(String.class).single();
    }

    String lastReason(String version) {
        return jdbc.sql("SELECT h.reason FROM ml_model_state_history h JOIN ml_models m ON m.id = h.model_id "
                + "WHERE m.model_name = 'churn-ab' AND m.version = :v ORDER BY h.id DESC LIMIT 1").param("v", version)
                .query(String.class).single();
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    Map<String, Object> created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.readMap(r.body());
    }

    /** As an ML engineer: starting and evaluating experiments is theirs (security/AccessRules). */
    HttpResponse<String> post(String path, Object body) {
        return api().as("ml-engineer").post(path, Json.write(body));
    }

    com.wedsync.ml.platform.support.Api api() {
        return com.wedsync.ml.platform.support.Api.on(port);
    }
}
