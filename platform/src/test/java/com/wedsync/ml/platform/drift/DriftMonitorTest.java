package com.wedsync.ml.platform.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.models.drift.DriftReport;
import com.wedsync.ml.models.drift.ReferenceWindow;
import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.orchestration.PipelineStarter;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.support.MlflowIntegrationTest;
import com.wedsync.ml.platform.support.TestDates;
import com.wedsync.ml.platform.support.TestDefinitions;
import com.wedsync.ml.platform.health.HealthMonitor;
import com.wedsync.ml.platform.json.Json;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drift on real PostgreSQL and JobRunr: the simulator's planted drift is caught by the check that runs
 * right after a model reaches production, and causes exactly one retraining however often the check is
 * rerun; a marketplace with seasonality but no planted drift raises no alarm.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriftMonitorTest extends MlflowIntegrationTest {

    static final String DEFINITION = """
            name: churn-drift
            version: 1
            modelKind: churn
            features:
              set: supplier_churn
              include: [vendor_type, subscription_tier, mrr, days_since_login, recent_forms, active_clients,
                        avg_session_duration, active_days_last_month, sessions_last_month, negative_tickets_90d,
                        failed_payments_90d, downgrades_90d, invite_activation_ratio]
            algorithms:
              - {name: random_forest, hyperparameters: {trees: 10, max_depth: 6}}
              - {name: gradient_boosting, hyperparameters: {rounds: 30}}
              - {name: neural_network, hyperparameters: {epochs: 2}}
            training: {windowMonths: 10, labelHorizonDays: 30, snapshotIntervalDays: 28, seed: 5}
            gates:
              auc: {min: 0.6}
            promotion: {policy: auto, mustBeatChampion: true, significance: 0.05}
            drift:
              pValue: 0.05
              psi: 0.2
              minRows: 200
              cooldownDays: 7
              retrainOnDrift: true
              features: [avg_session_duration, active_days_last_month, sessions_last_month, recent_forms, days_since_login,
                         active_clients, negative_tickets_90d, failed_payments_90d, downgrades_90d,
                         subscription_tier, vendor_type]
            """;

    @Autowired
    MarketplaceLoader loader;
    @Autowired
    PipelineDefinitions definitions;
    @Autowired
    PipelineStarter steps;
    @Autowired
    DriftMonitor monitor;
    @Autowired
    HealthMonitor health;
    @Autowired
    JdbcClient jdbc;

    final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    final LocalDate today = TestDates.base();

    @Test
    @Order(1)
    void thePlantedDriftIsCaughtRightAfterPromotionAndCausesExactlyOneRetraining() throws Exception {
        loader.simulateAndLoad(SimulationParameters.of(31, 1500, 30, today), ProgressListener.NONE);
        TestDefinitions.registerYaml(definitions, DEFINITION);
        UUID run = steps.start("churn-drift", "test", Map.of()).runId();
        awaitRun(run);
        // the drift check enqueued on promotion runs by itself
        for (long deadline = System.currentTimeMillis() + 120_000; count("SELECT count(*) FROM ml_drift_reports") == 0; Thread.sleep(500)) {
            assertThat(System.currentTimeMillis()).as("a drift report within 2 minutes of promotion").isLessThan(deadline);
        }
        Map<String, Object> report = jdbc.sql("SELECT json_build_object('verdict', verdict, 'kind', reference_kind, "
                + "'affected', affected_features)::text FROM ml_drift_reports").query(String.class).optional()
                .map(com.wedsync.ml.platform.json.Json::readMap).orElseThrow();
        assertThat(report.get("verdict")).isEqualTo("drift");
        assertThat(report.get("kind")).isEqualTo(ReferenceWindow.SAME_MONTHS_LAST_YEAR);
        assertThat((java.util.List<?>) report.get("affected")).first().isEqualTo("avg_session_duration");
        assertThat(count("SELECT count(*) FROM ml_drift_feature_results WHERE feature = 'avg_session_duration' AND drifted")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ml_model_performance WHERE metric_type = 'drift' AND data_drift_detected")).isEqualTo(1);

        // the check rerun twice (as from the dashboard): still one episode, one retraining run
        monitor.check("churn-drift", today, ProgressListener.NONE);
        monitor.check("churn-drift", today, ProgressListener.NONE);
        assertThat(count("SELECT count(*) FROM ml_drift_episodes")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pipeline_runs WHERE trigger = 'drift'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ml_alerts WHERE alert_type = 'drift'")).isEqualTo(1);
        UUID retraining = jdbc.sql("SELECT id FROM pipeline_runs WHERE trigger = 'drift'").query(UUID.class).single();
        awaitRun(retraining);
        // the challenger is promoted or refused by the gates, and the registry says which
        assertThat(count("SELECT count(*) FROM ml_models WHERE model_name = 'churn-drift'")).isEqualTo(2);
        String outcome = jdbc.sql("SELECT h.reason FROM ml_model_state_history h JOIN ml_models m ON m.id = h.model_id "
                + "WHERE m.model_name = 'churn-drift' AND m.version = '2' ORDER BY h.id DESC LIMIT 1").query(String.class).single();
        assertThat(outcome).containsAnyOf("does not beat champion", "passed validation gates", "passed gates");
        assertMlflowAgreesWithTheRegistry();
    }

    @Test
    @Order(2)
    void aFailingHealthCheckOnRecordedOutcomesCausesExactlyOneRetraining() throws Exception {
        // the production version's batch predictions (scored on promotion), with outcomes recorded as the
        // opposite of what it predicted: AUC ~ 0, health far below 0.7
        UUID production = jdbc.sql("SELECT id FROM ml_models WHERE model_name = 'churn-drift' AND status = 'production'")
                .query(UUID.class).single();
        for (long deadline = System.currentTimeMillis() + 120_000;
             count("SELECT count(*) FROM ml_predictions WHERE model_id = '" + production + "'") < 500; Thread.sleep(500)) {
            assertThat(System.currentTimeMillis()).as("the production version's batch scores").isLessThan(deadline);
        }
        jdbc.sql("UPDATE ml_predictions SET actual_outcome = jsonb_build_object('churned', (prediction ->> 'churnProbability')::float8 < 0.5), "
                + "outcome_recorded_at = :now WHERE model_id = :m").param("m", production)
                .param("now", java.sql.Timestamp.from(clock.instant())).update();
        long runsBefore = count("SELECT count(*) FROM pipeline_runs");

        HealthMonitor.Health h = health.check("churn-drift", today, org.jobrunr.jobs.context.JobContext.Null);
        assertThat(h.score()).isLessThan(0.7);
        assertThat(h.needsRetraining()).isTrue();
        // rerun (as from the dashboard): still one alert and one retraining for this version and day
        health.check("churn-drift", today, org.jobrunr.jobs.context.JobContext.Null);
        assertThat(count("SELECT count(*) FROM ml_alerts WHERE alert_type = 'health'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pipeline_runs WHERE trigger = 'health'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pipeline_runs")).isEqualTo(runsBefore + 1);
        assertThat(count("SELECT count(*) FROM ml_model_performance WHERE metric_type = 'health' AND model_id = '" + production + "'"))
                .isEqualTo(1);

        awaitRun(jdbc.sql("SELECT id FROM pipeline_runs WHERE trigger = 'health'").query(UUID.class).single());
        assertThat(count("SELECT count(*) FROM ml_models WHERE model_name = 'churn-drift'")).isEqualTo(3);
        String outcome = jdbc.sql("SELECT h.reason FROM ml_model_state_history h JOIN ml_models m ON m.id = h.model_id "
                + "WHERE m.model_name = 'churn-drift' AND m.version = '3' ORDER BY h.id DESC LIMIT 1").query(String.class).single();
        assertThat(outcome).containsAnyOf("does not beat champion", "passed validation gates", "passed gates");
        assertMlflowAgreesWithTheRegistry();
    }

    /** Every registry version is an MLflow version tagged with its state, and the production alias follows the registry. */
    @SuppressWarnings("unchecked")
    void assertMlflowAgreesWithTheRegistry() throws Exception {
        var versions = jdbc.sql("SELECT version, status, mlflow_model_version FROM ml_models WHERE model_name = 'churn-drift'")
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        for (String[] v : versions) {
            assertThat(v[2]).as("MLflow version of registry version " + v[0]).isNotBlank();
            Map<String, Object> mv = (Map<String, Object>) mlflowGet("/api/2.0/mlflow/model-versions/get?name=churn-drift&version=" + v[2])
                    .get("model_version");
            assertThat(((java.util.List<Map<String, Object>>) mv.get("tags")).stream()
                    .filter(t -> "wedsync.status".equals(t.get("key"))).map(t -> t.get("value")).toList())
                    .as("wedsync.status of MLflow version " + v[2]).containsExactly(v[1]);
            if (v[1].equals("production")) {
                Map<String, Object> alias = mlflowGet("/api/2.0/mlflow/registered-models/alias?name=churn-drift&alias=production");
                assertThat(((Map<?, ?>) alias.get("model_version")).get("version")).isEqualTo(v[2]);
            }
        }
    }

    Map<String, Object> mlflowGet(String path) throws Exception {
        var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(mlflow.uri() + path)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return Json.readMap(r.body());
    }

    @Test
    @Order(3)
    void seasonalChangeWithoutAPlantedDriftRaisesNoAlarmInAnyMonth() {
        // seasonality and growth, no planted drift; the first simulated year is the simulator's burn-in (clients
        // and their weddings build up from nothing), the 24 months after it are checked; the same production
        // model is watched
        // three seeds, 36 checks: a growing marketplace's tenure mix moves active_clients by KS D 0.09-0.12 between
        // calendar-matched years (significant on 1,500 suppliers), which is below the materiality of drift
        for (long seed : new long[] {32, 33, 35}) {
            loader.simulateAndLoad(new SimulationParameters(seed, 1500, 36, today, 0, false), ProgressListener.NONE);
            jdbc.sql("DELETE FROM ml_feature_store").update();
            jdbc.sql("DELETE FROM ml_feature_snapshots").update();
            // a check every month of the second year, each against the same month of the first: no alarm at all,
            // although June brings 2.7 times December's activity
            for (int back = 0; back < 12; back++) {
                LocalDate asOf = today.minusMonths(back);
                DriftMonitor.Check check = monitor.check("churn-drift", asOf, ProgressListener.NONE);
                assertThat(check.reference().kind()).isEqualTo(ReferenceWindow.SAME_MONTHS_LAST_YEAR);
                assertThat(check.report().verdict()).as("seed " + seed + ", " + asOf + ": " + check.report().features().stream()
                                .filter(f -> Boolean.TRUE.equals(f.drifted())).toList())
                        .isEqualTo(DriftReport.Verdict.NO_DRIFT);
            }
        }
        assertThat(count("SELECT count(*) FROM ml_drift_episodes WHERE ended_at IS NULL")).isZero();
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    void awaitRun(UUID run) throws InterruptedException {
        com.wedsync.ml.platform.support.AwaitRun.succeeded(jdbc, run, java.time.Duration.ofMinutes(5));
    }
}
