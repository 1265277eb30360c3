package com.wedsync.ml.platform.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.pipelines.registry.ModelState;
import com.wedsync.ml.pipelines.run.Attempt;
import com.wedsync.ml.pipelines.run.PipelineRunner;
import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.registry.ModelVersion;
import com.wedsync.ml.platform.registry.StateChange;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import com.wedsync.ml.platform.support.TestDefinitions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs of one pipeline at once. Without {@code concurrentRuns} a second start is refused naming the run in
 * progress; with it, two challengers validated against the same champion cannot replace each other
 * unchecked: the second promotion finds a new champion and judges the challenger again. The job server is
 * off, and the test drives the steps itself in the order of the race it wants, so the interleaving is exact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"jobrunr.background-job-server.enabled=false", "wedsync.pipelines.run-on-startup=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PromotionRaceTest extends PostgresIntegrationTest {

    /** Version 1: a weak champion (two features). Version 2: the full feature list, which beats it. */
    static final String WEAK = """
            name: churn-race
            version: 1
            modelKind: churn
            concurrentRuns: true
            features: {set: supplier_churn, include: [vendor_type, season_factor]}
            algorithms:
              - {name: logistic_regression, hyperparameters: {epochs: 3}}
              - {name: gradient_boosting, hyperparameters: {rounds: 10}}
            training: {windowMonths: 12, labelHorizonDays: 30, snapshotIntervalDays: 28, seed: 7}
            gates: {accuracy: {min: 0.5}}
            promotion: {policy: auto, mustBeatChampion: true, significance: 0.05}
            drift: {retrainOnDrift: false}
            """;
    static final String STRONG = WEAK.replace("version: 1", "version: 2")
            .replace("include: [vendor_type, season_factor]", "include: [vendor_type, season_factor, days_since_login, "
                    + "active_days_last_month, sessions_last_month, failed_payments_90d, negative_tickets_90d, downgrades_90d, mrr]");
    static final String SOLO = WEAK.replace("name: churn-race", "name: churn-solo").replace("concurrentRuns: true\n", "");

    @LocalServerPort
    int port;
    @Autowired
    MarketplaceLoader loader;
    @Autowired
    PipelineDefinitions definitions;
    @Autowired
    PipelineStarter steps;
    @Autowired
    PipelineRunner runner;
    @Autowired
    ModelRegistry registry;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void marketplace() {
        loader.simulateAndLoad(SimulationParameters.of(23, 700, 18, today()), ProgressListener.NONE);
    }

    @Test
    void aSecondRunOfAPipelineThatAllowsNoOverlapIsRefusedNamingTheRunInProgress() throws Exception {
        TestDefinitions.registerYaml(definitions, SOLO);
        HttpResponse<String> first = post("/api/pipelines/churn-solo/runs");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        String running = (String) Json.readMap(first.body()).get("runId");

        HttpResponse<String> second = post("/api/pipelines/churn-solo/runs");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(Json.readMap(second.body())).containsEntry("runningRun", running);
        assertThat(second.body()).contains(running).contains("concurrentRuns");

        steps.startScheduled("churn-solo"); // a scheduled occurrence while the run is in progress: skipped
        assertThat(jdbc.sql("SELECT count(*) FROM pipeline_runs WHERE pipeline_name = 'churn-solo'").query(Long.class).single())
                .as("only the first run exists").isEqualTo(1);
    }

    @Test
    void ofTwoChallengersJudgedAgainstTheSameChampionTheSecondIsJudgedAgainAgainstTheFirstBeforeItCanBePromoted() {
        TestDefinitions.registerYaml(definitions, WEAK);
        runThrough(steps.start("churn-race", "test", Map.of()).runId());
        ModelVersion weak = registry.production("churn-race").orElseThrow();
        assertThat(weak.getVersion()).isEqualTo("1");

        TestDefinitions.registerYaml(definitions, STRONG);
        UUID a = steps.start("churn-race", "test", Map.of()).runId();
        UUID b = steps.start("churn-race", "test", Map.of()).runId();
        for (UUID run : List.of(a, b)) {
            runner.features(run, Attempt.direct());
        }
        for (UUID run : List.of(a, b)) {
            runner.train(run, Attempt.direct());
        }
        for (UUID run : List.of(a, b)) {
            runner.validate(run, Attempt.direct());
        }
        ModelVersion va = versionOf(a);
        ModelVersion vb = versionOf(b);
        assertThat(List.of(va.getState(), vb.getState())).as("both beat the weak champion and are staged")
                .containsExactly(ModelState.STAGED, ModelState.STAGED);

        runner.promote(a, Attempt.direct());
        runner.promote(b, Attempt.direct());

        assertThat(registry.production("churn-race").orElseThrow().getId()).as("the first challenger holds production").isEqualTo(va.getId());
        ModelVersion refused = registry.find(vb.getId()).orElseThrow();
        assertThat(refused.getState()).isEqualTo(ModelState.RETIRED);
        List<StateChange> history = registry.history(vb.getId());
        assertThat(history).extracting(StateChange::getToStatus).containsExactly("training", "validating", "staged", "retired");
        String why = history.get(history.size() - 1).getReason();
        assertThat(why).contains("the champion changed since version " + vb.getVersion() + " was judged (against version 1; now version "
                + va.getVersion() + ")").contains("does not beat champion version " + va.getVersion());
        assertThat(jdbc.sql("SELECT result ->> 'rechecked_against' FROM pipeline_runs WHERE id = :id").param("id", b)
                .query(String.class).single()).isEqualTo(va.getVersion());
        assertThat(registry.history(weak.getId())).extracting(StateChange::getReason).last().asString()
                .contains("replaced by version " + va.getVersion());
    }

    private void runThrough(UUID run) {
        runner.features(run, Attempt.direct());
        runner.train(run, Attempt.direct());
        runner.validate(run, Attempt.direct());
        runner.promote(run, Attempt.direct());
    }

    private ModelVersion versionOf(UUID run) {
        return registry.versions("churn-race").stream().filter(v -> run.equals(v.getPipelineRunId())).findFirst().orElseThrow();
    }

    private HttpResponse<String> post(String path) {
        return com.wedsync.ml.platform.support.Api.on(port).send(com.wedsync.ml.platform.support.Api.on(port).request(path)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }
}
