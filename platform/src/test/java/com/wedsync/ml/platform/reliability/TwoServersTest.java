package com.wedsync.ml.platform.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.WedSyncMlApplication;
import com.wedsync.ml.platform.jobs.StepIds;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.orchestration.PipelineStarter;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.support.Api;
import com.wedsync.ml.platform.support.AwaitRun;
import com.wedsync.ml.platform.support.FreePorts;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import com.wedsync.ml.platform.support.TestDefinitions;
import org.jobrunr.server.BackgroundJobServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Two platform processes on one PostgreSQL, and a {@code kill -9} of one of them in the middle of training: the
 * test's own platform and a second one in a child JVM (the same classes, the same database, its own ports). The
 * test's job server is paused until the child has taken the first run, so both processes do work; the child is
 * killed while it trains; JobRunr finds the orphaned job (20 s after its last update: poll interval 5 s x JobRunr's
 * default server-timeout multiplicand 4) and the test's server runs it again. Every run ends with exactly one model
 * version, no job's work is done twice (each job processed once, or once more after each failed attempt), the
 * predictions of the production version name each supplier once, and no job is left processing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "wedsync.pipelines.run-on-startup=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoServersTest extends PostgresIntegrationTest {

    static final String DEFINITION = """
            name: churn-two
            version: 1
            modelKind: churn
            concurrentRuns: true
            features: {set: supplier_churn, include: [vendor_type, season_factor, days_since_login, active_days_last_month,
                       failed_payments_90d, downgrades_90d, mrr]}
            algorithms:
              - {name: random_forest, hyperparameters: {trees: 20, max_depth: 6}}
              - {name: gradient_boosting, hyperparameters: {rounds: 40}}
            training: {windowMonths: 12, labelHorizonDays: 30, snapshotIntervalDays: 28, seed: 7}
            gates: {accuracy: {min: 0.5}}
            promotion: {policy: auto, mustBeatChampion: true, significance: 0.05}
            drift: {retrainOnDrift: false}
            """;

    @Value("${spring.datasource.url}")
    String url;
    @Value("${spring.datasource.username}")
    String username;
    @Value("${spring.datasource.password}")
    String password;
    @Autowired
    MarketplaceLoader loader;
    @Autowired
    PipelineDefinitions definitions;
    @Autowired
    PipelineStarter steps;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BackgroundJobServer server;

    Process child;
    Path childLog;

    @Test
    void twoProcessesOnOneDatabaseDoEachJobOnceAndAKilledOnesJobIsPickedUpByTheOther() throws Exception {
        server.pauseProcessing(); // until the child has taken the first run
        int childPort = FreePorts.next();
        child = startChild(childPort);
        loader.simulateAndLoad(SimulationParameters.of(31, 400, 18, today()), ProgressListener.NONE);
        TestDefinitions.registerYaml(definitions, DEFINITION);
        await("the second platform is up").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> healthy(childPort));
        String childServer = jdbc.sql("SELECT id FROM jobrunr_backgroundjobservers WHERE id <> :me")
                .param("me", server.getId().toString()).query(String.class).single();

        UUID first = steps.start("churn-two", "test", Map.of()).runId();
        UUID train = StepIds.of(first, "train");
        await("the child trains the first run").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> "PROCESSING".equals(state(train)));
        Thread.sleep(1000);
        child.destroyForcibly().waitFor(); // kill -9 in the middle of training
        long killed = System.nanoTime();
        server.resumeProcessing();
        UUID second = steps.start("churn-two", "test", Map.of()).runId();
        UUID third = steps.start("churn-two", "test", Map.of()).runId();
        await("the orphaned training job is picked up again").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> history(train).stream().filter("Processing"::equals).count() == 2);
        System.out.printf("the killed process's training job was picked up %.1f s after the kill%n", (System.nanoTime() - killed) / 1e9);

        for (UUID run : List.of(first, second, third)) {
            AwaitRun.succeeded(jdbc, run, Duration.ofMinutes(3));
        }

        assertThat(jdbc.sql("SELECT count(*) FROM ml_models WHERE model_name = 'churn-two'").query(Long.class).single())
                .as("one version per run").isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(DISTINCT version) FROM ml_models WHERE model_name = 'churn-two'").query(Long.class).single())
                .as("distinct version numbers").isEqualTo(3);
        for (UUID run : List.of(first, second, third)) {
            assertThat(jdbc.sql("SELECT count(*) FROM ml_models WHERE pipeline_run_id = :r").param("r", run).query(Long.class).single())
                    .as("versions of run " + run).isEqualTo(1);
        }

        Map<String, Integer> processedBy = new HashMap<>();
        List<String> jobs = jdbc.sql("SELECT jobasjson FROM jobrunr_jobs WHERE jobasjson LIKE '%churn-two%'").query(String.class).list();
        assertThat(jobs).hasSizeGreaterThanOrEqualTo(12); // four steps of three runs, and the scoring
        for (String json : jobs) {
            Map<String, Object> job = Json.readMap(json);
            List<?> history = (List<?>) job.get("jobHistory");
            int processing = 0;
            int failed = 0;
            for (Object o : history) {
                Map<?, ?> h = (Map<?, ?>) o;
                String kind = String.valueOf(h.get("@class"));
                if (kind.endsWith("ProcessingState")) {
                    processing++;
                    processedBy.merge(String.valueOf(h.get("serverId")), 1, Integer::sum);
                } else if (kind.endsWith("FailedState")) {
                    failed++;
                }
            }
            String state = String.valueOf(((Map<?, ?>) history.get(history.size() - 1)).get("@class")).replaceAll(".*\\.", "");
            int expected = failed + ("SucceededState".equals(state) ? 1 : 0);
            assertThat(processing).as(job.get("jobName") + " (" + state + "): processed once per failed attempt "
                    + "and once for its success").isEqualTo(expected);
        }
        assertThat(processedBy).as("jobs processed per server").containsKeys(server.getId().toString(), childServer);
        assertThat(history(train)).as("the orphaned training job failed once ('Orphaned job') and ran again")
                .containsSubsequence("Processing", "Failed", "Processing", "Succeeded");

        Map<String, Object> predictions = jdbc.sql("""
                SELECT count(*) AS rows, count(DISTINCT p.entity_id) AS suppliers FROM ml_predictions p
                JOIN ml_models m ON m.id = p.model_id WHERE m.model_name = 'churn-two' AND m.status = 'production'""")
                .query().singleRow();
        assertThat(((Number) predictions.get("rows")).longValue()).as("each supplier predicted once").isPositive()
                .isEqualTo(((Number) predictions.get("suppliers")).longValue());
        await("no job left processing").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                jdbc.sql("SELECT count(*) FROM jobrunr_jobs WHERE state = 'PROCESSING' AND jobasjson LIKE '%churn-two%'")
                        .query(Long.class).single() == 0);
    }

    @AfterAll
    void stopChild() throws Exception {
        server.resumeProcessing();
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor();
        }
        if (childLog != null) {
            Files.deleteIfExists(childLog);
        }
    }

    private Process startChild(int port) throws IOException {
        childLog = Files.createTempFile("wedsync-second-platform", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                WedSyncMlApplication.class.getName(),
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + username,
                "--spring.datasource.password=" + password, "--server.port=" + port,
                "--jobrunr.dashboard.port=" + FreePorts.next(), "--jobrunr.dashboard.password=" + DASHBOARD_PASSWORD,
                "--wedsync.simulator.load-on-startup=false", "--wedsync.pipelines.run-on-startup=false",
                "--wedsync.clock.fixed-date=" + today(), "--wedsync.security.admin-password=" + Api.ADMIN_PASSWORD));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(childLog.toFile()).start();
    }

    private boolean healthy(int port) throws IOException {
        if (!child.isAlive()) {
            throw new AssertionError("the second platform exited with " + child.exitValue() + ":\n"
                    + Files.readString(childLog, StandardCharsets.UTF_8).lines().skip(Math.max(0,
                    Files.readAllLines(childLog).size() - 40)).reduce("", (a, b) -> a + b + "\n"));
        }
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String state(UUID job) {
        return jdbc.sql("SELECT state FROM jobrunr_jobs WHERE id = :id").param("id", job.toString()).query(String.class)
                .optional().orElse("");
    }

    private List<String> history(UUID job) {
        String json = jdbc.sql("SELECT jobasjson FROM jobrunr_jobs WHERE id = :id").param("id", job.toString()).query(String.class).single();
        return ((List<?>) Json.readMap(json).get("jobHistory")).stream()
                .map(h -> String.valueOf(((Map<?, ?>) h).get("@class")).replaceAll(".*\\.", "").replace("State", "")).toList();
    }
}
