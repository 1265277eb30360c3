package com.wedsync.ml.platform.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.jobs.StepIds;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.orchestration.PipelineStarter;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.support.AwaitRun;
import com.wedsync.ml.platform.support.FreePorts;
import com.wedsync.ml.platform.support.TestDates;
import com.wedsync.ml.platform.support.TestDefinitions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL stopped for a while in the middle of a pipeline run, then started again on the same data and
 * port, with no restart of the platform: health is DOWN during the outage and UP after it, an API call
 * during it answers 503 quickly, JobRunr's job server comes back by itself, and the interrupted run
 * completes with exactly one model version and no job left processing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wedsync.jobs.watchdog-seconds=2")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageTest {

    static final String DEFINITION = """
            name: churn-outage
            version: 1
            modelKind: churn
            features: {set: supplier_churn, include: [vendor_type, season_factor, days_since_login, active_days_last_month,
                       failed_payments_90d, downgrades_90d, mrr]}
            algorithms:
              - {name: random_forest, hyperparameters: {trees: 10, max_depth: 6}}
              - {name: gradient_boosting, hyperparameters: {rounds: 20}}
            training: {windowMonths: 12, labelHorizonDays: 30, snapshotIntervalDays: 28, seed: 7}
            gates: {accuracy: {min: 0.5}}
            promotion: {policy: auto, mustBeatChampion: true, significance: 0.05}
            drift: {retrainOnDrift: false}
            """;

    static Path data;
    static int port;
    static EmbeddedPostgres postgres;

    @DynamicPropertySource
    static void ownPostgres(DynamicPropertyRegistry registry) throws IOException {
        data = Files.createTempDirectory("wedsync-outage-pg");
        port = FreePorts.next();
        postgres = startPostgres();
        // stopped when the JVM exits, after the platform's context has closed (JobRunr signs its server off in it);
        // closing the context by hand in an @AfterAll breaks Spring's test context cache
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the JVM is exiting
            }
        }));
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + port + "/postgres");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("wedsync.simulator.load-on-startup", () -> "false");
        registry.add("wedsync.pipelines.run-on-startup", () -> "false");
        int dashboard = FreePorts.next();
        registry.add("jobrunr.dashboard.port", () -> dashboard);
        registry.add("wedsync.clock.fixed-date", () -> TestDates.base().toString());
        registry.add("wedsync.security.admin-password", () -> com.wedsync.ml.platform.support.Api.ADMIN_PASSWORD);
    }

    static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("fsync", "off").start();
    }


    @LocalServerPort
    int http;
    @Autowired
    MarketplaceLoader loader;
    @Autowired
    PipelineDefinitions definitions;
    @Autowired
    PipelineStarter steps;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aPipelineRunRidesOutADatabaseOutageWithoutARestart() throws Exception {
        loader.simulateAndLoad(SimulationParameters.of(24, 500, 16, LocalDate.now(clock)), ProgressListener.NONE);
        TestDefinitions.registerYaml(definitions, DEFINITION);
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);

        UUID run = steps.start("churn-outage", "test", Map.of()).runId();
        await("the run reaches its training step").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> trainingStarted(run));

        postgres.close(); // PostgreSQL stops in the middle of the run
        long outageStart = System.nanoTime();
        long healthDown = -1;
        HttpResponse<String> duringOutage = null;
        while (System.nanoTime() - outageStart < Duration.ofSeconds(45).toNanos()) {
            if (healthDown < 0 && get("/actuator/health").statusCode() == 503) {
                healthDown = System.nanoTime();
            }
            if (duringOutage == null && healthDown > 0) {
                long t = System.nanoTime();
                duringOutage = get("/api/models?name=churn-outage");
                System.out.printf("GET /api/models during the outage: %d in %.1f s%n", duringOutage.statusCode(), (System.nanoTime() - t) / 1e9);
                assertThat(Duration.ofNanos(System.nanoTime() - t)).as("an answer during the outage comes quickly")
                        .isLessThan(Duration.ofSeconds(8));
            }
            Thread.sleep(1000);
        }
        assertThat(healthDown).as("health reported DOWN during the outage").isPositive();
        assertThat(duringOutage.statusCode()).as(duringOutage.body()).isEqualTo(503);
        assertThat(Json.readMap(duringOutage.body())).containsEntry("title", "Database unavailable");

        postgres = startPostgres(); // PostgreSQL is back, on the same data and port
        long back = System.nanoTime();
        await("health is UP again without a restart").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get("/actuator/health").statusCode() == 200);
        System.out.printf("health UP %.1f s after PostgreSQL came back%n", (System.nanoTime() - back) / 1e9);

        AwaitRun.succeeded(jdbc, run, Duration.ofMinutes(6));
        assertThat(jdbc.sql("SELECT count(*) FROM ml_models WHERE model_name = 'churn-outage'").query(Long.class).single())
                .as("exactly one model version").isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM ml_models WHERE model_name = 'churn-outage'").query(String.class).single())
                .isEqualTo("production");
        await("no job left processing").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> jdbc.sql("SELECT count(*) FROM jobrunr_jobs WHERE state = 'PROCESSING'").query(Long.class).single() == 0);
    }

    private boolean trainingStarted(UUID run) {
        return jdbc.sql("SELECT count(*) FROM jobrunr_jobs WHERE id::text = :id AND state IN ('PROCESSING', 'SUCCEEDED')")
                .param("id", StepIds.of(run, "train").toString()).query(Long.class).single() > 0;
    }

    private HttpResponse<String> get(String path) {
        com.wedsync.ml.platform.support.Api api = com.wedsync.ml.platform.support.Api.on(http);
        return api.send(api.request(path).timeout(Duration.ofSeconds(20)).GET());
    }
}
