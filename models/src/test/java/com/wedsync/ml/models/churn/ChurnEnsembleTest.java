package com.wedsync.ml.models.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import com.wedsync.ml.models.data.LabeledData;
import com.wedsync.ml.models.evaluation.BinaryMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ensemble on data drawn from a known logistic model with an interaction, so trees have something to add. */
class ChurnEnsembleTest {

    static final List<String> NAMES = IntStream.range(0, 8).mapToObj(i -> "f" + i).toList();
    static LabeledData train;
    static LabeledData validation;
    static LabeledData test;
    static ChurnEnsemble ensemble;
    static ChurnEnsembleParameters params = new ChurnEnsembleParameters(3, 5, 0.1, 20, 6, 0.6, 40, 4, 0.15, 16, 8, 4, 0.005, 128, 0.002);

    static LabeledData draw(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][NAMES.size()];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < NAMES.size(); j++) {
                x[i][j] = r.nextGaussian();
            }
            double z = -2.5 + 1.2 * x[i][0] - 0.8 * x[i][1] + (x[i][2] > 1 && x[i][3] > 0 ? 2.0 : 0) + 0.5 * x[i][4];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        return new LabeledData(NAMES, x, y);
    }

    @BeforeAll
    static void trainOnce() {
        train = draw(4000, 1);
        validation = draw(2000, 2);
        test = draw(3000, 3);
        ensemble = new ChurnEnsembleTrainer(params, null).train(train, validation, Map.of("data_window", "synthetic"));
    }

    @Test
    void theEnsembleIsAtLeastAsGoodAsItsBestMemberOnHeldOutData() {
        double[][] members = ensemble.memberPredictions(test.x());
        double best = 0;
        for (double[] m : members) {
            best = Math.max(best, BinaryMetrics.auc(m, test.y()));
        }
        double auc = BinaryMetrics.auc(ensemble.predict(test.x()), test.y());
        assertThat(auc).isGreaterThanOrEqualTo(best - 0.005).isGreaterThan(0.75);
    }

    @Test
    void aMemberAloneIsServedWhenTheStackerDoesNotBeatItOutOfFoldAndTheChoiceIsRecorded() {
        // data that is exactly a logistic model: the stacker cannot beat a linear member by the margin out of fold
        LabeledData[] linear = simulate(7, x -> -1.5 + 1.0 * x[0] - 0.7 * x[1] + 0.4 * x[4]);
        ChurnEnsemble plain = new ChurnEnsembleTrainer(params, null).train(linear[0], linear[1], Map.of("data_window", "synthetic"));
        assertThat(plain.served()).isIn(ChurnEnsemble.MEMBERS);
        assertThat(plain.provenance().get("served")).isEqualTo(plain.served());
        assertThat(plain.provenance().get("stacking")).contains("out-of-fold validation AUC").contains("serving " + plain.served());
        // what is served ranks the rows exactly as that member does: its probabilities, recalibrated
        int k = ChurnEnsemble.MEMBERS.indexOf(plain.served());
        assertThat(BinaryMetrics.auc(plain.predict(linear[2].x()), linear[2].y()))
                .isCloseTo(BinaryMetrics.auc(plain.memberPredictions(linear[2].x())[k], linear[2].y()), within(1e-12));
        assertThat(ChurnEnsemble.MEMBERS.stream().filter(m -> plain.memberWeights().get(m) != 0))
                .as("members with a stacker weight").containsExactly(plain.served());
        assertThat(BinaryMetrics.of(plain.predict(linear[2].x()), linear[2].y(), 0.5).ece()).isLessThan(0.03);
    }

    /** Training (4,000), validation and test (2,000 each) rows of 8 standard normal features and a logit. */
    static LabeledData[] simulate(long seed, java.util.function.ToDoubleFunction<double[]> logit) {
        SplittableRandom r = new SplittableRandom(seed);
        LabeledData[] out = new LabeledData[3];
        for (int s = 0; s < 3; s++) {
            double[][] x = new double[s == 0 ? 4000 : 2000][NAMES.size()];
            int[] y = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < NAMES.size(); j++) {
                    x[i][j] = r.nextGaussian();
                }
                y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit.applyAsDouble(x[i]))) ? 1 : 0;
            }
            out[s] = new LabeledData(NAMES, x, y);
        }
        return out;
    }

    @Test
    void itsProbabilitiesAreCalibratedOnHeldOutData() {
        assertThat(BinaryMetrics.of(ensemble.predict(test.x()), test.y(), 0.5).ece()).isLessThan(0.03);
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        ChurnEnsemble again = new ChurnEnsembleTrainer(params, null).train(train, validation, Map.of("data_window", "synthetic"));
        assertThat(again.predict(test.x())).containsExactly(ensemble.predict(test.x()), within(1e-9));
    }

    @Test
    void anArtifactRoundTripScoresTheSame() {
        ChurnEnsemble loaded = ChurnEnsemble.fromBytes(ensemble.toBytes());
        assertThat(loaded.predict(test.x())).containsExactly(ensemble.predict(test.x()), within(1e-12));
        assertThat(loaded.provenance()).containsKeys("seed", "hyperparameters", "library_versions", "data_window");
        assertThat(loaded.memberWeights()).containsKeys("logistic_regression", "random_forest", "gradient_boosting",
                "neural_network", "intercept");
    }

    @Test
    void membersAndEnsembleReportValidationMetricsAndImportance() {
        assertThat(ensemble.validationMetrics()).containsKeys("logistic_regression", "random_forest", "gradient_boosting",
                "neural_network", "ensemble");
        Map<String, Double> importance = ensemble.featureImportance();
        assertThat(importance.get("f0")).as("the strongest true effect").isGreaterThan(importance.get("f7"));
    }

    @Test
    void factorsNameTheFeaturesThatPushTheScore() {
        double[] row = {3, -3, 0, 0, 0, 0, 0, 0};
        List<ChurnEnsemble.Factor> factors = ensemble.factors(row, 2);
        assertThat(factors).extracting(ChurnEnsemble.Factor::feature).containsExactlyInAnyOrder("f0", "f1");
        assertThat(factors).allSatisfy(f -> assertThat(f.direction()).isEqualTo("raises churn risk"));
    }

    @Test
    void badInputIsRefusedWithItsName() {
        double[][] x = {{0, 0, 0, 0, Double.NaN, 0, 0, 0}};
        assertThatThrownBy(() -> new LabeledData(NAMES, x, new int[] {1})).hasMessageContaining("feature 'f4' is NaN in row 0");
        assertThatThrownBy(() -> new ChurnEnsembleTrainer(params, null).train(
                new LabeledData(NAMES, new double[][] {new double[8], new double[8]}, new int[] {0, 0}), validation, Map.of()))
                .hasMessageContaining("all labelled 0");
        assertThatThrownBy(() -> ensemble.predict(new double[][] {{1, 2}})).hasMessageContaining("the model takes 8");
        assertThatThrownBy(() -> ChurnEnsemble.fromBytes(new byte[] {1, 2, 3})).hasMessageContaining("not a churn ensemble artifact");
    }
}
