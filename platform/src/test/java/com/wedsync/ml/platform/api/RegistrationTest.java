package com.wedsync.ml.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.support.Api;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Registering a pipeline over HTTP is all or nothing: a refused definition leaves no row and no recurring
 * job; a changed schedule leaves no occurrence of the old one planned; a pagination or horizon parameter
 * out of range or not plainly decimal is refused, not clamped or read as hexadecimal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "wedsync.pipelines.run-on-startup=false")
class RegistrationTest extends PostgresIntegrationTest {

    static final String DEFINITION = """
            {"name": "%s", "version": %d, "modelKind": "churn",
             "features": {"set": "supplier_churn", "include": ["vendor_type", "mrr"]},
             "algorithms": [{"name": "logistic_regression", "hyperparameters": {"epochs": %s}}],
             "training": {"windowMonths": 12, "labelHorizonDays": 30, "snapshotIntervalDays": 28},
             "schedule": "%s", "gates": {"auc": {"min": 0.6}}, "promotion": {"policy": "manual"}}
            """;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = Api.on(port);
    }

    @Test
    void aDefinitionRefusedForItsScheduleLeavesNoRowAndNoRecurringJob() {
        HttpResponse<String> r = api.post("/api/pipelines", DEFINITION.formatted("every-second", 1, "3", "* * * * * *"));
        Map<String, Object> p = ErrorShapeTest.assertProblem(r, 400);
        assertThat(ErrorShapeTest.errors(p)).anySatisfy(e -> assertThat(e).containsEntry("field", "schedule"));
        assertThat(rows("every-second")).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM jobrunr_recurring_jobs WHERE id = 'pipeline-every-second'").query(Long.class).single())
                .isZero();
    }

    @Test
    void everyBadHyperParameterIsRefusedAtRegistrationWithNothingStored() {
        for (String epochs : List.of("-5", "0", "1e12", "1.5", "\"ten\"")) {
            HttpResponse<String> r = api.post("/api/pipelines", DEFINITION.formatted("bad-epochs", 1, epochs, "0 3 * * 1"));
            Map<String, Object> p = ErrorShapeTest.assertProblem(r, 400);
            assertThat(ErrorShapeTest.errors(p)).as(epochs)
                    .anySatisfy(e -> assertThat(e).containsEntry("field", "algorithms[0].hyperparameters.epochs"));
        }
        assertThat(rows("bad-epochs")).isZero();
    }

    @Test
    void aChangedScheduleLeavesNoOccurrenceOfTheOldOnePlanned() {
        assertThat(api.post("/api/pipelines", DEFINITION.formatted("resched", 1, "3", "* * * * *")).statusCode()).isEqualTo(201);
        // JobRunr plans the recurring job's next occurrence ahead as a SCHEDULED job
        String planned = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> jdbc.sql("SELECT id FROM jobrunr_jobs WHERE recurringjobid = 'pipeline-resched' AND state = 'SCHEDULED'")
                        .query(String.class).optional().orElse(null), java.util.Objects::nonNull);

        assertThat(api.post("/api/pipelines", DEFINITION.formatted("resched", 2, "3", "30 2 1 1 *")).statusCode()).isEqualTo(201);

        assertThat(jdbc.sql("SELECT state FROM jobrunr_jobs WHERE id = :id").param("id", planned).query(String.class).optional())
                .as("the occurrence planned under the old schedule").isNotEqualTo(java.util.Optional.of("SCHEDULED"));
        String recurring = jdbc.sql("SELECT jobasjson FROM jobrunr_recurring_jobs WHERE id = 'pipeline-resched'").query(String.class).single();
        assertThat(recurring).contains("30 2 1 1 *");
    }

    @Test
    void pagingAndHorizonsOutOfRangeOrNotDecimalAreRefused() {
        for (String path : List.of("/api/alerts?limit=0", "/api/alerts?limit=-1", "/api/alerts?limit=0x10", "/api/drift/reports?limit=100000",
                "/api/forecasts/mrr?horizon=0x10", "/api/forecasts/mrr?horizon=1e1", "/api/forecasts/mrr?horizon=NaN")) {
            HttpResponse<String> r = api.get(path);
            assertThat(r.statusCode()).as(path + " answered " + r.body()).isEqualTo(400);
            Map<String, Object> p = ErrorShapeTest.assertProblem(r, 400);
            String field = path.substring(path.indexOf('?') + 1, path.indexOf('='));
            assertThat(ErrorShapeTest.errors(p)).as(path).anySatisfy(e -> assertThat(e).containsEntry("field", field));
        }
        assertThat(api.get("/api/alerts?limit=10").statusCode()).isEqualTo(200);
    }

    private long rows(String name) {
        return jdbc.sql("SELECT count(*) FROM pipeline_definitions WHERE name = :n").param("n", name).query(Long.class).single();
    }

    static Map<String, Object> body(HttpResponse<String> r) {
        return Json.readMap(r.body());
    }
}
