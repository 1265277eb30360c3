package com.wedsync.ml.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.platform.jobs.Jobs;
import com.wedsync.ml.platform.startup.StartupPipelines;
import com.wedsync.ml.platform.support.Api;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The platform as an operator reaches it over HTTP: health, OpenAPI document, the JobRunr dashboard. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlatformApplicationTest extends PostgresIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    /** The dashboard's credentials in tests (JobRunr's own basic authentication, not the platform's users). */
    private static final String DASHBOARD = "admin:" + DASHBOARD_PASSWORD;

    @LocalServerPort
    int port;

    @Value("${jobrunr.dashboard.port}")
    int dashboardPort;

    @Test
    void healthIsUpWithTheDatabaseAndJobRunr() {
        HttpResponse<String> health = Api.on(port).get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\"").contains("\"JobRunr\"");
    }

    @Test
    void healthShowsOnlyItsStatusToAnyoneButAnAdmin() {
        for (Api caller : java.util.List.of(Api.on(port).anonymous(), Api.on(port).as("viewer"), Api.on(port).as("ml-engineer"))) {
            HttpResponse<String> health = caller.get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components", "details", "\"db\"", "diskSpace",
                    "JobRunr", "path");
        }
    }

    @Test
    void theOpenApiDocumentIsServed() {
        HttpResponse<String> docs = Api.on(port).as("viewer").get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\"");
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = com.wedsync.ml.platform.json.Json.readMap(docs.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) doc.get("info");
        assertThat(info.get("title")).isEqualTo("WedSync ML platform API");
        assertThat((String) info.get("version")).isNotBlank().isNotEqualTo("v0");
        assertThat((String) info.get("description")).contains("problem detail");
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc.get("components"))
                .get("schemas")).get("Problem");
        assertThat(problem).as("the one error shape as a schema").isNotNull();
        assertThat((Map<String, Object>) problem.get("properties")).containsKeys("type", "title", "status", "detail", "errors");
        // every operation: a summary, and its error answers pointing at the Problem schema
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var op : path.getValue().entrySet()) {
                operations++;
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                assertThat((String) op.getValue().get("summary")).as(name + " summary").isNotBlank();
                @SuppressWarnings("unchecked")
                Map<String, Object> responses = (Map<String, Object>) op.getValue().get("responses");
                assertThat(responses).as(name + " responses").containsKeys("400", "401", "403", "500");
                assertThat(com.wedsync.ml.platform.json.Json.write(responses.get("400"))).as(name + " 400")
                        .contains("#/components/schemas/Problem");
            }
        }
        assertThat(operations).isGreaterThan(30);
    }

    @Test
    void theDashboardAsksForCredentialsAndAcceptsTheConfiguredOnes() throws Exception {
        String base = "http://localhost:" + dashboardPort;
        assertThat(get(base + "/api/jobs?state=SUCCEEDED&offset=0&limit=5", null).statusCode()).isEqualTo(401);
        assertThat(get(base + "/api/jobs?state=SUCCEEDED&offset=0&limit=5", "admin:wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> servers = get(base + "/api/servers", DASHBOARD);
        assertThat(servers.statusCode()).isEqualTo(200);
        assertThat(servers.body()).contains("BackgroundJobServerStatus");
    }

    @Autowired
    Jobs jobs;

    @Test
    void aJobEnqueuedThroughJobRunrRunsOnPostgresAndShowsInTheDashboardApi() throws Exception {
        UUID id = UUID.randomUUID();
        jobs.enqueueOnce(id, (StartupPipelines s) -> s.startMissing());

        String url = "http://localhost:" + dashboardPort + "/api/jobs/" + id;
        String body = "";
        for (long deadline = System.currentTimeMillis() + 60_000; System.currentTimeMillis() < deadline; Thread.sleep(500)) {
            HttpResponse<String> job = get(url, DASHBOARD);
            body = job.body();
            if (job.statusCode() == 200 && body.contains("\"state\":\"SUCCEEDED\"")) {
                break;
            }
        }
        assertThat(body).contains("\"state\":\"SUCCEEDED\"").contains("pipeline:startup")
                .contains("Start the pipelines that have no production model");
        assertThat(jdbc.sql("SELECT count(*) FROM jobrunr_jobs WHERE id = :id").param("id", id.toString())
                .query(Long.class).single()).as("stored in PostgreSQL").isEqualTo(1);

        jobs.enqueueOnce(id, (StartupPipelines s) -> s.startMissing());
        Thread.sleep(1500);
        assertThat(jdbc.sql("SELECT count(*) FROM jobrunr_jobs WHERE id = :id AND state = 'SUCCEEDED'")
                .param("id", id.toString()).query(Long.class).single())
                .as("enqueueing the same id again neither duplicates nor reruns the job").isEqualTo(1);
        String after = get(url, DASHBOARD).body();
        assertThat(after.split("\"state\":\"PROCESSING\"", -1)).as("processed exactly once").hasSize(2);
    }

    @Autowired
    JdbcClient jdbc;

    private HttpResponse<String> get(String url, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (credentials != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
