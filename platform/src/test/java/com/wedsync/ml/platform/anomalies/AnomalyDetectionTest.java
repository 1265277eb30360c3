package com.wedsync.ml.platform.anomalies;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.orchestration.PipelineStarter;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.support.Api;
import com.wedsync.ml.platform.support.AwaitRun;
import com.wedsync.ml.platform.support.MlflowIntegrationTest;

/**
 * The anomaly detector end to end on real PostgreSQL, JobRunr and MLflow: trained from
 * {@code pipelines/anomaly.yaml} and promoted; the detection job, started as the recurring job starts it,
 * finds the simulator's planted revenue dip and invitation drop; rerunning it adds no episode; an operator
 * acknowledges and resolves one over HTTP; bad input is a 400 that changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressWarnings("unchecked")
class AnomalyDetectionTest extends MlflowIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    MarketplaceLoader loader;
    @Autowired
    PipelineStarter steps;
    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeAll
    void marketplace() {
        api = Api.on(port);
        loader.simulateAndLoad(SimulationParameters.of(42, 2000, 36, today()), ProgressListener.NONE);
        UUID run = steps.start("anomaly", "test", Map.of()).runId();
        AwaitRun.succeeded(jdbc, run, Duration.ofMinutes(10));
    }

    @Test
    @Order(1)
    void theDetectorIsTrainedFromItsDefinitionTrackedAndPromoted() throws Exception {
        assertThat(jdbc.sql("SELECT source FROM pipeline_definitions WHERE name = 'anomaly'").query(String.class).list())
                .isNotEmpty();
        HttpResponse<String> r = api.get("/api/models?name=anomaly");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Map<String, Object>> versions = Json.read(r.body(), List.class);
        assertThat(versions).anySatisfy(v -> {
            assertThat(v.get("status")).isEqualTo("production");
            assertThat((Map<String, Object>) v.get("validationMetrics")).containsKeys("alert_day_rate", "days_judged");
        });
        long deadline = System.currentTimeMillis() + 60_000;
        String mlflowRun = null;
        while (mlflowRun == null && System.currentTimeMillis() < deadline) {
            mlflowRun = jdbc.sql("SELECT mlflow_run_id FROM ml_models WHERE model_name = 'anomaly' AND status = 'production'")
                    .query(String.class).optional().orElse(null);
            if (mlflowRun == null) {
                Thread.sleep(500);
            }
        }
        assertThat(mlflowRun).as("the run is tracked in MLflow").isNotNull();
    }

    @Test
    @Order(2)
    void theDetectionJobFindsThePlantedRevenueDipAndInvitationDrop() throws Exception {
        detectAndWait();
        List<Map<String, Object>> planted = jdbc.sql("SELECT event_type, starts_on::text AS s, ends_on::text AS e FROM sim_planted_events "
                + "WHERE event_type LIKE 'anomaly_%'").query().listOfRows();
        assertThat(planted).hasSize(2);
        for (Map<String, Object> p : planted) {
            LocalDate start = LocalDate.parse((String) p.get("s"));
            LocalDate end = LocalDate.parse((String) p.get("e"));
            List<String> types = p.get("event_type").equals("anomaly_revenue_dip") ? List.of("revenue", "churn_spike")
                    : List.of("invitation_drop", "viral", "viral_decline");
            long found = jdbc.sql("SELECT count(*) FROM ml_anomalies WHERE anomaly_type IN (:types) AND last_day >= :s "
                            + "AND first_day <= :e")
                    .param("types", types).param("s", start).param("e", end.plusDays(7)).query(Long.class).single();
            assertThat(found).as(p.get("event_type") + " from " + start + " to " + end + " is found as one of " + types + "; episodes: "
                    + jdbc.sql("SELECT anomaly_type, first_day, last_day, severity FROM ml_anomalies ORDER BY first_day").query().listOfRows())
                    .isGreaterThanOrEqualTo(1);
        }
        // a five-day anomaly is one episode: no two episodes of one type overlap or lie within 7 days of each other
        assertThat(jdbc.sql("SELECT count(*) FROM ml_anomalies a JOIN ml_anomalies b ON a.anomaly_type = b.anomaly_type AND a.id < b.id "
                + "AND a.last_day + 7 >= b.first_day AND b.last_day + 7 >= a.first_day").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM ml_alerts WHERE alert_type = 'anomaly'").query(Long.class).single()).isPositive();
        HttpResponse<String> r = api.get("/api/anomalies?type=invitation_drop");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void rerunningTheJobAddsNoDuplicate() throws Exception {
        long episodes = count("ml_anomalies");
        long alerts = jdbc.sql("SELECT count(*) FROM ml_alerts WHERE alert_type = 'anomaly'").query(Long.class).single();
        long days = count("ml_anomaly_judged_days");
        String before = jdbc.sql("SELECT string_agg(id::text || last_day || days_flagged, ',' ORDER BY id) FROM ml_anomalies")
                .query(String.class).single();
        detectAndWait();
        assertThat(count("ml_anomalies")).isEqualTo(episodes);
        assertThat(count("ml_anomaly_judged_days")).isEqualTo(days);
        assertThat(jdbc.sql("SELECT count(*) FROM ml_alerts WHERE alert_type = 'anomaly'").query(Long.class).single()).isEqualTo(alerts);
        assertThat(jdbc.sql("SELECT string_agg(id::text || last_day || days_flagged, ',' ORDER BY id) FROM ml_anomalies")
                .query(String.class).single()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void anOperatorAcknowledgesAndResolvesOverHttp() throws Exception {
        List<Map<String, Object>> open = Json.read(api.get("/api/anomalies?status=open").body(), List.class);
        assertThat(open).isNotEmpty();
        String id = (String) open.get(0).get("id");
        Api alice = api.as("alice", "ml-engineer");
        Api bob = api.as("bob", "ml-engineer");
        HttpResponse<String> ack = alice.post("/api/anomalies/" + id + "/acknowledge", "{\"reason\":\"looking into it\"}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(Json.readMap(ack.body())).containsEntry("status", "acknowledged").containsEntry("acknowledgedBy", "user:alice")
                .containsEntry("acknowledgeReason", "looking into it");
        HttpResponse<String> again = bob.post("/api/anomalies/" + id + "/acknowledge", "{\"reason\":\"twice\"}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        HttpResponse<String> res = alice.post("/api/anomalies/" + id + "/resolve",
                "{\"reason\":\"payment provider outage, fixed\",\"falsePositive\":false}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        Map<String, Object> resolved = Json.readMap(res.body());
        assertThat(resolved).containsEntry("status", "resolved").containsEntry("resolvedBy", "user:alice")
                .containsEntry("resolveReason", "payment provider outage, fixed");
        assertThat(resolved.get("resolvedAt")).isNotNull();
        List<Map<String, Object>> all = Json.read(api.get("/api/anomalies").body(), List.class);
        assertThat(all.get(all.size() - 1).get("status")).as("open ones first, resolved last").isEqualTo("resolved");
    }

    @Test
    @Order(5)
    void badInputIsA400NamingTheProblemAndChangesNothing() throws Exception {
        String before = jdbc.sql("SELECT string_agg(id::text || status || coalesce(acknowledged_by, ''), ',' ORDER BY id) FROM ml_anomalies")
                .query(String.class).single();
        HttpResponse<String> status = api.get("/api/anomalies?status=closed");
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(status.body()).contains("open").contains("acknowledged").contains("resolved").contains("closed");
        HttpResponse<String> type = api.get("/api/anomalies?type=meteor");
        assertThat(type.statusCode()).isEqualTo(400);
        assertThat(type.body()).contains("invitation_drop").contains("churn_spike").contains("meteor");
        String id = jdbc.sql("SELECT id::text FROM ml_anomalies WHERE status = 'open' LIMIT 1").query(String.class).single();
        HttpResponse<String> noReason = api.post("/api/anomalies/" + id + "/acknowledge", "{\"falsePositive\":true}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        HttpResponse<String> selfNamed = api.post("/api/anomalies/" + id + "/resolve", "{\"actor\":\"mallory\",\"reason\":\"x\"}");
        assertThat(selfNamed.statusCode()).as("an actor is who is signed in, not what the body says").isEqualTo(400);
        assertThat(selfNamed.body()).contains("actor");
        HttpResponse<String> missing = api.post("/api/anomalies/" + UUID.randomUUID() + "/resolve", "{\"reason\":\"x\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(api.post("/api/anomalies/not-a-uuid/resolve", "{\"reason\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT string_agg(id::text || status || coalesce(acknowledged_by, ''), ',' ORDER BY id) FROM ml_anomalies")
                .query(String.class).single()).isEqualTo(before);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    /** Starts a detection run through the API and waits for its JobRunr job to succeed. */
    @Test
    @Order(6)
    void theAnalyticsPageShowsTheEpisodesInABrowser() throws Exception {
        List<Map<String, Object>> episodes = jdbc.sql("SELECT anomaly_type, first_day::text AS f, last_day::text AS l, status "
                + "FROM ml_anomalies ORDER BY first_day").query().listOfRows();
        assertThat(episodes).isNotEmpty();
        org.openqa.selenium.chrome.ChromeDriver browser = com.wedsync.ml.platform.support.Browser.start(null);
        try {
            com.wedsync.ml.platform.support.Browser.signIn(browser, api, "/analytics", "viewer");
            assertThat(browser.getCurrentUrl()).matches(".*/analytics(\\?continue)?");
            var section = browser.findElement(org.openqa.selenium.By.id("anomaly-list"));
            var rows = section.findElements(org.openqa.selenium.By.cssSelector("tr[data-status]"));
            assertThat(rows).as("one row per episode").hasSize(episodes.size());
            String text = section.getText();
            for (Map<String, Object> e : episodes) {
                assertThat(text).contains(e.get("anomaly_type") + "").contains(e.get("f") + " to " + e.get("l"));
            }
            // open ones first
            List<String> statuses = rows.stream().map(r -> r.getAttribute("data-status")).toList();
            int lastOpen = statuses.lastIndexOf("open");
            int firstOther = java.util.stream.IntStream.range(0, statuses.size()).filter(i -> !statuses.get(i).equals("open"))
                    .findFirst().orElse(statuses.size());
            assertThat(lastOpen).as("statuses in order: %s", statuses).isLessThan(firstOther);
            assertThat(browser.findElements(org.openqa.selenium.By.cssSelector("#anomaly-timeline rect"))).isNotEmpty();
            com.wedsync.ml.platform.support.Browser.screenshot(browser, "analytics-anomalies.png");
        } finally {
            browser.quit();
        }
    }

    private void detectAndWait() throws Exception {
        HttpResponse<String> r = api.post("/api/anomalies/detections", "{}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        UUID job = UUID.fromString((String) Json.readMap(r.body()).get("jobId"));
        long deadline = System.currentTimeMillis() + 300_000;
        String state = null;
        while (System.currentTimeMillis() < deadline) {
            state = jdbc.sql("SELECT state FROM jobrunr_jobs WHERE id = :id").param("id", job.toString()).query(String.class)
                    .optional().orElse(null);
            if ("SUCCEEDED".equals(state) || "FAILED".equals(state)) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(state).as("detection job " + job).isEqualTo("SUCCEEDED");
    }
}
