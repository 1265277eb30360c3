package com.wedsync.ml.platform.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.wedsync.ml.models.churn.ChurnEnsemble;
import com.wedsync.ml.models.evaluation.BinaryMetrics;
import com.wedsync.ml.pipelines.churn.ChurnFeatures;
import com.wedsync.ml.pipelines.churn.ChurnModelKind;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.pipelines.training.TimeSplit;
import com.wedsync.ml.platform.features.FeatureStore;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.registry.ModelVersion;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The spec's churn target, measured against the simulator's ground truth: the built-in churn pipeline
 * (its YAML definition, unchanged) on the default run's marketplace (3,000 suppliers, 36 months), its
 * production ensemble scored on the test period, which comes after the training period, with the
 * labels taken from {@code sim_churn_truth}, not from the tables the model learned from.
 */
@SpringBootTest
class ChurnAccuracyTest extends PostgresIntegrationTest {

    @Autowired
    MarketplaceLoader loader;
    @Autowired
    PipelineStarter steps;
    @Autowired
    PipelineDefinitions definitions;
    @Autowired
    ModelRegistry registry;
    @Autowired
    FeatureStore features;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theProductionEnsembleMeetsTheSpecsTargetOnTheSimulatorsGroundTruth() throws Exception {
        LocalDate today = today();
        loader.simulateAndLoad(SimulationParameters.of(42, 3000, 36, today), ProgressListener.NONE);
        UUID run = steps.start("churn", "test", Map.of()).runId();
        com.wedsync.ml.platform.support.AwaitRun.succeeded(jdbc, run, java.time.Duration.ofMinutes(25));
        ModelVersion production = registry.production("churn").orElseThrow();
        PipelineDefinition d = definitions.latest("churn").orElseThrow().definition();
        TimeSplit split = TimeSplit.of(d.training(), today);
        FeatureTable test = features.load(ChurnFeatures.SPEC, split.test(), d.features().include(), null, null);

        Set<String> truth = new HashSet<>(jdbc.sql("""
                SELECT t.supplier_id || '@' || fs.as_of FROM sim_churn_truth t
                JOIN ml_feature_store fs ON fs.entity_id = t.supplier_id AND fs.feature_set = 'supplier_churn'
                WHERE t.churned_at > fs.as_of::timestamptz AND t.churned_at <= fs.as_of::timestamptz + INTERVAL '30 days'
                """).query(String.class).list());
        int[] y = new int[test.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = truth.contains(test.entityIds().get(i) + "@" + test.asOf()[i]) ? 1 : 0;
        }
        byte[] artifact = registry.artifact(production.getId());
        double[] p = new ChurnModelKind().load(artifact).score(test);
        BinaryMetrics ensemble = BinaryMetrics.of(p, y, 0.5);
        double[][] members = ChurnModelKind.memberScores(artifact, test);
        double bestMember = 0;
        StringBuilder report = new StringBuilder();
        for (int k = 0; k < members.length; k++) {
            double auc = BinaryMetrics.auc(members[k], y);
            bestMember = Math.max(bestMember, auc);
            report.append(String.format("%s AUC %.4f; ", ChurnEnsemble.MEMBERS.get(k), auc));
        }
        System.out.printf("CHURN ACCURACY on %d test rows (%s, churn rate %.3f) against sim_churn_truth: AUC %.4f, "
                        + "accuracy %.4f, ECE %.4f, precision %.3f, recall %.3f; %s%n", y.length, split.test(),
                ensemble.positives() / (double) ensemble.n(), ensemble.auc(), ensemble.accuracy(), ensemble.ece(),
                ensemble.precision(), ensemble.recall(), report);

        assertThat(ensemble.auc()).isGreaterThanOrEqualTo(0.85);
        assertThat(ensemble.accuracy()).isGreaterThan(0.85);
        assertThat(ensemble.ece()).isLessThanOrEqualTo(0.05);
        assertThat(ensemble.auc()).as("at least as good as its best member").isGreaterThanOrEqualTo(bestMember - 0.005);
        assertThat(List.of(production.getState().dbName())).containsExactly("production");
    }
}
