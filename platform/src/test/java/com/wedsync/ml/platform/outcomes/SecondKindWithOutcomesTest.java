package com.wedsync.ml.platform.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.experiments.ExperimentEvaluator;
import com.wedsync.ml.platform.experiments.Experiments;
import com.wedsync.ml.platform.health.HealthMonitor;
import com.wedsync.ml.platform.orchestration.PipelineStarter;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.scoring.Scoring;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.support.AwaitRun;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import com.wedsync.ml.platform.support.TestDefinitions;
import org.jobrunr.jobs.context.JobContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Outcomes, model health and an A/B experiment for a kind that is not churn ({@link LapseTestKind}: its own
 * score field, outcome field and outcome SQL), through the SPI alone. The marketplace runs 40 days past
 * today, so the predictions made today get real outcomes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecondKindWithOutcomesTest extends PostgresIntegrationTest {

    static final String WEAK = """
            name: lapse
            version: 1
            modelKind: lapse_test
            features: {set: supplier_churn, include: [vendor_type, season_factor, tenure_days]}
            algorithms:
              - {name: gradient_boosting, hyperparameters: {rounds: 5, max_depth: 2}}
            training: {windowMonths: 10, labelHorizonDays: 30, snapshotIntervalDays: 28, seed: 5}
            gates: {auc: {min: 0.3}}
            promotion: {policy: auto, mustBeatChampion: false}
            drift: {retrainOnDrift: false, healthThreshold: 0.0}
            """;
    static final String STRONG = """
            name: lapse
            version: 2
            modelKind: lapse_test
            features: {set: supplier_churn, include: [vendor_type, subscription_tier, mrr, days_since_login, active_clients,
                       active_days_last_month, negative_tickets_90d, failed_payments_90d, downgrades_90d, competitor_mentions]}
            algorithms:
              - {name: random_forest, hyperparameters: {trees: 10, max_depth: 6}}
              - {name: gradient_boosting, hyperparameters: {rounds: 30}}
            training: {windowMonths: 10, labelHorizonDays: 30, snapshotIntervalDays: 28, seed: 5}
            gates: {auc: {min: 0.6}}
            promotion: {policy: manual, mustBeatChampion: false}
            drift: {retrainOnDrift: false, healthThreshold: 0.0}
            """;

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
    Experiments experiments;
    @Autowired
    ExperimentEvaluator evaluator;
    @Autowired
    HealthMonitor health;
    @Autowired
    JdbcClient jdbc;

    LocalDate today;

    @BeforeAll
    void marketplace() throws Exception {
        today = today();
        loader.simulateAndLoad(SimulationParameters.of(52, 2000, 18, today.plusDays(40)), ProgressListener.NONE);
        for (String yaml : new String[] {WEAK, STRONG}) {
            TestDefinitions.registerYaml(definitions, yaml);
            AwaitRun.succeeded(jdbc, steps.start("lapse", "test", Map.of()).runId(), Duration.ofMinutes(8));
        }
        assertThat(status("1")).isEqualTo("production");
        assertThat(status("2")).isEqualTo("staged");
    }

    @Test
    @Order(1)
    void anExperimentOfTheSecondKindIsDecidedOnItsOwnOutcomesAndItsWinnerPromoted() {
        Experiments.Experiment x = experiments.create(new Experiments.Request("lapse strong vs weak", "lapse", "2", "auc", "shadow",
                null, 3000, 0.05, 30, "auto"));
        scoring.scoreAll("lapse", ProgressListener.NONE);
        assertThat(jdbc.sql("SELECT count(*) FROM ml_predictions WHERE experiment_id = :id AND prediction ->> 'lapseProbability' IS NOT NULL")
                .param("id", x.id()).query(Long.class).single()).as("predictions carry the kind's own score field").isGreaterThan(1000);

        Map<String, Integer> recorded = outcomes.record(today.plusDays(31));
        assertThat(recorded.get("lapse_test")).as("outcomes recorded by the kind's own SQL").isGreaterThan(1000);
        assertThat(jdbc.sql("SELECT count(*) FROM ml_predictions WHERE prediction_type = 'lapse_test' AND actual_outcome ->> 'lapsed' IS NOT NULL")
                .query(Long.class).single()).isEqualTo(recorded.get("lapse_test").longValue());

        ExperimentEvaluator.Look look = evaluator.evaluate(x.id(), today, JobContext.Null);
        System.out.println("lapse experiment: " + look.experiment().looks());
        assertThat(look.experiment().winner()).isEqualTo("B");
        assertThat(look.experiment().decision()).contains("promoted B");
        assertThat(status("2")).isEqualTo("production");
        assertThat(status("1")).isEqualTo("retired");
    }

    @Test
    @Order(2)
    void theHealthOfTheSecondKindIsMeasuredOnItsRecordedOutcomes() {
        HealthMonitor.Health h = health.check("lapse", today, JobContext.Null);
        System.out.println("lapse health: " + h);
        assertThat(h.version()).isEqualTo("2");
        assertThat(h.outcomes()).isGreaterThan(1000);
        assertThat(h.metrics()).containsKeys("accuracy", "precision", "recall", "f1", "auc", "health");
        assertThat(h.metrics().get("auc")).isGreaterThan(0.6);
        assertThat(jdbc.sql("SELECT count(*) FROM ml_model_performance p JOIN ml_models m ON m.id = p.model_id "
                + "WHERE m.model_name = 'lapse' AND m.version = '2' AND p.metric_type = 'health'").query(Long.class).single()).isEqualTo(1);
    }

    private String status(String version) {
        return jdbc.sql("SELECT status FROM ml_models WHERE model_name = 'lapse' AND version = :v").param("v", version)
                .query(String.class).single();
    }
}
