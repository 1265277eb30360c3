package com.wedsync.ml.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.wedsync.ml.pipelines.registry.ModelState;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.registry.ModelVersion;
import com.wedsync.ml.platform.registry.NewModelVersion;
import com.wedsync.ml.platform.support.Api;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;

/**
 * Who may put a model into production by hand: an ML engineer is refused and nothing moves (the registry, its
 * history, the MLflow mirror's outbox); an admin's transition is recorded under that admin's name. An ML engineer
 * may stage and retire.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProductionByHandTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    ModelRegistry registry;
    @Autowired
    JdbcClient jdbc;

    ModelVersion staged(String name) {
        ModelVersion v = registry.register(new NewModelVersion(name, "churn", new TrainedModel("ensemble", new byte[] {1, 2, 3},
                Map.of("seed", 7), Map.of("auc", 0.9), Map.of("auc", 0.88), Map.of(), Map.of("days_since_login", 0.4),
                Map.of("data_window", "2025-01-01..2025-12-31", "feature_set", "supplier_churn", "feature_version", "1",
                        "hyperparameters", "{}", "seed", "7", "library_versions", "tribuo=4.3.2")), name, 1, null, null, Map.of(), null,
                "test"));
        registry.transition(v.getId(), ModelState.VALIDATING, "job:1", "trained");
        return registry.transition(v.getId(), ModelState.STAGED, "job:2", "passed gates");
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void anMlEngineerCannotMoveAVersionToProductionAndNothingChanges() {
        ModelVersion v = staged("by-hand");
        long history = count("SELECT count(*) FROM ml_model_state_history");
        long outbox = count("SELECT count(*) FROM tracking_outbox");
        HttpResponse<String> r = Api.on(port).as("ml-engineer").post("/api/models/by-hand/versions/1/transitions",
                "{\"to\": \"production\", \"reason\": \"ship it\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(Json.readMap(r.body())).containsEntry("requiredRole", "admin");
        assertThat((String) Json.readMap(r.body()).get("detail")).contains("production").contains("admin").contains("ml-engineer");
        assertThat(registry.find(v.getId()).orElseThrow().getState()).isEqualTo(ModelState.STAGED);
        assertThat(registry.production("by-hand")).isEmpty();
        assertThat(count("SELECT count(*) FROM ml_model_state_history")).as("history unchanged").isEqualTo(history);
        assertThat(count("SELECT count(*) FROM tracking_outbox")).as("nothing for MLflow").isEqualTo(outbox);
    }

    @Test
    void anAdminsTransitionToProductionIsRecordedUnderThatAdminsName() {
        staged("by-admin");
        long outbox = count("SELECT count(*) FROM tracking_outbox");
        HttpResponse<String> r = Api.on(port).as("carol", "admin").post("/api/models/by-admin/versions/1/transitions",
                "{\"to\": \"production\", \"reason\": \"reviewed the backtest\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) Json.readMap(r.body()).get("history");
        Map<String, Object> last = history.get(history.size() - 1);
        assertThat(last).containsEntry("toStatus", "production").containsEntry("actor", "user:carol")
                .containsEntry("reason", "reviewed the backtest");
        assertThat(count("SELECT count(*) FROM tracking_outbox")).as("the MLflow mirror follows").isGreaterThan(outbox);
    }

    @Test
    void anMlEngineerRetiresAVersionUnderItsOwnName() {
        ModelVersion v = staged("retire-me");
        HttpResponse<String> r = Api.on(port).as("ml-engineer").post("/api/models/retire-me/versions/1/transitions",
                "{\"to\": \"retired\", \"reason\": \"superseded\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(registry.history(v.getId()).get(registry.history(v.getId()).size() - 1).getActor()).isEqualTo("user:ml-engineer");
        HttpResponse<String> named = Api.on(port).as("ml-engineer").post("/api/models/retire-me/versions/1/transitions",
                "{\"to\": \"staged\", \"reason\": \"x\", \"actor\": \"user:mallory\"}");
        assertThat(named.statusCode()).isEqualTo(400);
        assertThat(named.body()).contains("actor");
        HttpResponse<String> header = Api.on(port).as("ml-engineer").send(Api.on(port).as("ml-engineer")
                .request("/api/pipelines/retire-me/runs").header("X-Actor", "user:mallory")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(header.statusCode()).isEqualTo(400);
        assertThat(header.body()).contains("X-Actor");
    }

    static String definition(String name, String schedule) {
        return """
                {"name": "%s", "version": 1, "modelKind": "churn",
                 "features": {"set": "supplier_churn", "include": ["vendor_type", "tenure_days"]},
                 "algorithms": [{"name": "random_forest", "hyperparameters": {"trees": 5}}],
                 "training": {"windowMonths": 12, "labelHorizonDays": 30, "snapshotIntervalDays": 21, "seed": 7},
                 "schedule": "%s",
                 "gates": {"auc": {"min": 0.5}}, "promotion": {"policy": "manual"}, "drift": {"retrainOnDrift": false}}
                """.formatted(name, schedule);
    }

    @Test
    void aScheduleMoreFrequentThanTheMinimumNeedsAnAdminJudgedByItsRealGaps() {
        Api engineer = Api.on(port).as("ml-engineer");
        HttpResponse<String> everyMinute = engineer.post("/api/pipelines", definition("every-minute", "* * * * *"));
        assertThat(everyMinute.statusCode()).as(everyMinute.body()).isEqualTo(403);
        assertThat(everyMinute.body()).contains("minimum-schedule-interval").contains("60 s apart");
        // once a year, but twice within a minute: its real gap decides, not its average
        HttpResponse<String> twiceAYear = engineer.post("/api/pipelines", definition("new-year", "0,1 0 1 1 *"));
        assertThat(twiceAYear.statusCode()).as(twiceAYear.body()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM pipeline_definitions WHERE name IN ('every-minute', 'new-year')")).isZero();
        assertThat(engineer.post("/api/pipelines", definition("hourly", "0 * * * *")).statusCode()).isEqualTo(201);
        HttpResponse<String> byAdmin = Api.on(port).post("/api/pipelines", definition("every-minute", "* * * * *"));
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT created_by FROM pipeline_definitions WHERE name = 'every-minute'").query(String.class).single())
                .isEqualTo("user:admin");
        assertThat(Api.on(port).get("/api/audit?action=pipeline.registered").body()).contains("pipeline:every-minute@1")
                .contains("user:admin").contains("pipeline:hourly@1").contains("user:ml-engineer");
    }
}
