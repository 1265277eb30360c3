package com.wedsync.ml.platform.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.orchestration.PipelineStarter;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.support.AwaitRun;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import com.wedsync.ml.platform.support.TestDefinitions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An MLflow that accepts connections and never answers (hung, not down): a pipeline run still completes,
 * each step waiting at most the flush timeout, and its tracking records wait in the outbox.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HungMlflowTest extends PostgresIntegrationTest {

    static ServerSocket hung;
    static final List<Socket> held = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void mlflow(DynamicPropertyRegistry registry) throws IOException {
        hung = new ServerSocket(0);
        Thread accept = new Thread(() -> {
            while (!hung.isClosed()) {
                try {
                    held.add(hung.accept());    // read nothing, answer nothing
                } catch (IOException e) {
                    return;
                }
            }
        }, "hung-mlflow");
        accept.setDaemon(true);
        accept.start();
        registry.add("wedsync.mlflow.tracking-uri", () -> "http://127.0.0.1:" + hung.getLocalPort());
        registry.add("wedsync.mlflow.flush-timeout-seconds", () -> "2");
    }

    @AfterAll
    void close() throws IOException {
        hung.close();
        for (Socket s : held) {
            s.close();
        }
    }

    static final String DEFINITION = """
            name: churn-hung
            version: 1
            modelKind: churn
            features: {set: supplier_churn, include: [vendor_type, mrr, days_since_login, recent_forms, failed_payments_90d]}
            algorithms:
              - {name: random_forest, hyperparameters: {trees: 5, max_depth: 4}}
              - {name: gradient_boosting, hyperparameters: {rounds: 10}}
              - {name: neural_network, hyperparameters: {epochs: 1}}
            training: {windowMonths: 8, labelHorizonDays: 30, snapshotIntervalDays: 28, seed: 3}
            gates: {auc: {min: 0.5}}
            promotion: {policy: auto, mustBeatChampion: false}
            drift: {retrainOnDrift: false}
            """;

    @Autowired
    MarketplaceLoader loader;
    @Autowired
    PipelineDefinitions definitions;
    @Autowired
    PipelineStarter steps;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aRunCompletesWhileMlflowHangsAndItsRecordsWaitInTheOutbox() throws Exception {
        loader.simulateAndLoad(SimulationParameters.of(9, 400, 14, today()), ProgressListener.NONE);
        TestDefinitions.registerYaml(definitions, DEFINITION);
        long start = System.nanoTime();
        AwaitRun.succeeded(jdbc, steps.start("churn-hung", "test", Map.of()).runId(), Duration.ofMinutes(3));
        System.out.printf("run with a hung MLflow: %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(held).as("MLflow was called").isNotEmpty();
        assertThat(jdbc.sql("SELECT status FROM ml_models WHERE model_name = 'churn-hung'").query(String.class).single())
                .isEqualTo("production");
        assertThat(jdbc.sql("SELECT count(*) FROM tracking_outbox WHERE status = 'pending'").query(Long.class).single())
                .as("run, metrics and states wait for MLflow").isGreaterThanOrEqualTo(3);
    }
}
