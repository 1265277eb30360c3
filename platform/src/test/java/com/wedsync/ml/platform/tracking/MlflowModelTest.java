package com.wedsync.ml.platform.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.platform.features.FeatureStore;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.scoring.LoadedModels;
import com.wedsync.ml.platform.orchestration.PipelineStarter;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.support.Api;
import com.wedsync.ml.platform.support.MlflowIntegrationTest;
import com.wedsync.ml.platform.support.TestDefinitions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A version as a data scientist finds it in MLflow: with MLflow's own Python client (the {@code ops/mlflow}
 * virtual environment), {@code mlflow.pyfunc.load_model("models:/churn-mlflow@production")} loads the
 * production version's MLflow model, and {@code predict} on the feature rows the platform's batch scoring
 * scored today gives the platform's probabilities for them (within 1e-6 of the version's own scores; the
 * prediction log, which rounds to 4 places, within its rounding). Its signature lists the version's features,
 * its input example has rows. Bad rows sent to the scoring endpoint are refused naming what is wrong.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MlflowModelTest extends MlflowIntegrationTest {

    static final List<String> FEATURES = List.of("vendor_type", "subscription_tier", "mrr", "tenure_days", "days_since_login",
            "recent_forms", "active_clients", "failed_payments_90d", "negative_tickets_90d", "competitor_mentions",
            "downgrades_90d", "avg_session_duration");

    static final String DEFINITION = """
            name: churn-mlflow
            version: 1
            modelKind: churn
            features:
              set: supplier_churn
              include: %s
            algorithms:
              - {name: random_forest, hyperparameters: {trees: 10, max_depth: 6}}
              - {name: gradient_boosting, hyperparameters: {rounds: 30}}
              - {name: neural_network, hyperparameters: {epochs: 2}}
            training: {windowMonths: 10, labelHorizonDays: 30, snapshotIntervalDays: 28, seed: 5}
            gates:
              auc: {min: 0.6}
            promotion: {policy: auto, mustBeatChampion: false}
            drift: {retrainOnDrift: false}
            """.formatted(FEATURES);

    /** What a user runs: load the production version with MLflow's client and score a DataFrame. */
    static final String SNIPPET = """
            import json, sys
            import mlflow, pandas as pd
            mlflow.set_tracking_uri(sys.argv[1])
            model = mlflow.pyfunc.load_model("models:/churn-mlflow@production")
            rows = json.load(open(sys.argv[2]))
            df = pd.DataFrame(rows["data"], columns=rows["columns"])
            scores = model.predict(df)
            meta = model.metadata
            example = meta.load_input_example(mlflow.artifacts.download_artifacts("models:/churn-mlflow@production"))
            print(json.dumps({"columns": list(scores.columns), "predictions": scores.iloc[:, 0].tolist(),
                              "inputs": meta.get_input_schema().input_names(),
                              "outputs": meta.get_output_schema().input_names(),
                              "example_rows": 0 if example is None else len(example)}))
            """;

    @LocalServerPort
    int port;
    @Autowired
    MarketplaceLoader loader;
    @Autowired
    PipelineDefinitions definitions;
    @Autowired
    PipelineStarter steps;
    @Autowired
    MlflowTracking tracking;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LoadedModels models;
    @Autowired
    ModelRegistry registry;
    @Autowired
    FeatureStore features;

    @BeforeAll
    void productionVersionInMlflow() throws Exception {
        loader.simulateAndLoad(SimulationParameters.of(13, 500, 18, today()), ProgressListener.NONE);
        TestDefinitions.registerYaml(definitions, DEFINITION);
        UUID run = steps.start("churn-mlflow", "test", Map.of()).runId();
        com.wedsync.ml.platform.support.AwaitRun.succeeded(jdbc, run, java.time.Duration.ofMinutes(5));
        for (long deadline = System.currentTimeMillis() + 120_000; ; Thread.sleep(500)) {
            tracking.replay(org.jobrunr.jobs.context.JobContext.Null);
            boolean sent = jdbc.sql("SELECT count(*) FROM tracking_outbox WHERE status <> 'sent'").query(Long.class).single() == 0;
            boolean scored = jdbc.sql("SELECT count(*) FROM ml_predictions p JOIN ml_models m ON m.id = p.model_id "
                    + "WHERE m.model_name = 'churn-mlflow'").query(Long.class).single() > 0;
            if (sent && scored) {
                break;
            }
            assertThat(System.currentTimeMillis()).as("MLflow records sent and batch predictions written").isLessThan(deadline);
        }
    }

    @Test
    void mlflowsPythonClientLoadsTheProductionModelAndScoresAsThePlatformDid() throws Exception {
        // the rows the platform's batch scoring scored today (its prediction log rounds to 4 places), and the
        // production version's own scores of them at full precision
        List<Map<String, Object>> logged = jdbc.sql("""
                        SELECT p.entity_id::text AS entity, (p.prediction->>'churnProbability')::float8 AS probability
                        FROM ml_predictions p JOIN ml_models m ON m.id = p.model_id
                        WHERE m.model_name = 'churn-mlflow' AND m.status = 'production' ORDER BY p.entity_id LIMIT 60""")
                .query().listOfRows();
        assertThat(logged).hasSize(60);
        LoadedModels.Loaded production = models.get(registry.production("churn-mlflow").orElseThrow());
        FeatureTable table = features.load(production.kind().featureSet(), List.of(today()), FEATURES, null,
                logged.stream().map(r -> UUID.fromString((String) r.get("entity"))).toList());
        assertThat(table.entityIds()).containsExactlyElementsOf(logged.stream().map(r -> (String) r.get("entity")).toList());
        double[] platform = production.model().score(table);
        List<List<Object>> data = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            assertThat(platform[i]).as("the logged prediction of row " + i).isCloseTo((Double) logged.get(i).get("probability"), within(5.1e-5));
            List<Object> row = new ArrayList<>();
            for (String f : FEATURES) {
                int n = table.numericNames().indexOf(f);
                row.add(n >= 0 ? (Object) table.numeric()[i][n] : table.categorical()[i][table.categoricalNames().indexOf(f)]);
            }
            data.add(row);
        }
        Path rows = Files.createTempFile("mlflow-rows", ".json");
        Files.writeString(rows, Json.write(Map.of("columns", FEATURES, "data", data)));
        Path script = Files.createTempFile("mlflow-load", ".py");
        Files.writeString(script, SNIPPET);

        Api engineer = Api.on(port).as("ml-engineer");
        ProcessBuilder pb = new ProcessBuilder(mlflow.python().toString(), script.toString(), mlflow.uri(), rows.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("WEDSYNC_URL", "http://127.0.0.1:" + port);
        pb.environment().put("WEDSYNC_USER", "ml-engineer");
        pb.environment().put("WEDSYNC_PASSWORD", Api.passwordOf("ml-engineer"));
        assertThat(engineer.get("/api/models").statusCode()).isEqualTo(200);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("the Python snippet, which printed: " + out).isZero();
        String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
        Map<String, Object> answer = Json.readMap(last);

        assertThat(answer.get("columns")).isEqualTo(List.of("churn_probability"));
        assertThat(answer.get("inputs")).as("the signature's inputs are the version's features").isEqualTo(FEATURES);
        assertThat(answer.get("outputs")).isEqualTo(List.of("churn_probability"));
        assertThat(((Number) answer.get("example_rows")).intValue()).isEqualTo(5);
        List<?> predictions = (List<?>) answer.get("predictions");
        assertThat(predictions).hasSize(logged.size());
        for (int i = 0; i < logged.size(); i++) {
            assertThat(((Number) predictions.get(i)).doubleValue()).as("row " + i).isCloseTo(platform[i], within(1e-6));
        }
    }

    @Test
    void theScoringEndpointRefusesBadRowsNamingTheProblemAndNeedsAnMlEngineer() {
        Api api = Api.on(port).as("ml-engineer");
        String path = "/api/models/churn-mlflow/versions/1/predictions";
        HttpResponse<String> missing = api.post(path, "{\"dataframe_records\": [{\"mrr\": 49.0}]}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("missing features").contains("vendor_type").contains("tenure_days");
        String row = "{\"vendor_type\": \"venue\", \"subscription_tier\": \"starter\", \"mrr\": \"lots\", \"tenure_days\": 10,"
                + " \"days_since_login\": 1, \"recent_forms\": 0, \"active_clients\": 2, \"failed_payments_90d\": 0,"
                + " \"negative_tickets_90d\": 0, \"competitor_mentions\": 0, \"downgrades_90d\": 0, \"avg_session_duration\": null}";
        HttpResponse<String> text = api.post(path, "{\"dataframe_records\": [" + row + "]}");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body()).contains("\"field\":\"mrr\"").contains("numeric").contains("lots");
        HttpResponse<String> missingValue = api.post(path, "{\"dataframe_records\": [" + row.replace("\"lots\"", "49") + "]}");
        assertThat(missingValue.statusCode()).isEqualTo(400);
        assertThat(missingValue.body()).contains("\"field\":\"avg_session_duration\"").contains("null");
        HttpResponse<String> good = api.post(path, "{\"dataframe_records\": [" + row.replace("\"lots\"", "49").replace("null", "12.5") + "]}");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        double probability = ((Number) ((List<?>) Json.readMap(good.body()).get("predictions")).get(0)).doubleValue();
        assertThat(probability).isBetween(0.0, 1.0);
        assertThat(api.post(path, "{}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/models/churn-mlflow/versions/9/predictions", "{\"dataframe_records\": [" + row + "]}").statusCode())
                .isEqualTo(404);
        assertThat(api.anonymous().post(path, "{\"dataframe_records\": [" + row + "]}").statusCode()).isEqualTo(401);
        assertThat(api.as("viewer").post(path, "{\"dataframe_records\": [" + row + "]}").statusCode()).isEqualTo(403);
    }
}
