package com.wedsync.ml.pipelines.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.wedsync.ml.pipelines.spi.Comparison;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.Hyperparameter;
import com.wedsync.ml.pipelines.spi.ModelKind;
import com.wedsync.ml.pipelines.spi.ModelKinds;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.pipelines.spi.ScoringModel;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.pipelines.spi.TrainingRequest;
import org.junit.jupiter.api.Test;

class DefinitionValidatorTest {

    /** A kind that only describes itself: validation never trains. */
    static final ModelKind KIND = new ModelKind() {
        public String name() { return "toy"; }
        public FeatureSetSpec featureSet() {
            return new FeatureSetSpec("toy_features", 1, "supplier", List.of(
                    new FeatureSetSpec.Feature("x", FeatureSetSpec.Type.NUMERIC, "x"),
                    new FeatureSetSpec.Feature("kind", FeatureSetSpec.Type.CATEGORICAL, "k")));
        }
        public Map<String, Set<String>> algorithms() { return Map.of("logistic", Set.of("epochs", "l2")); }
        public Map<String, List<Hyperparameter>> hyperparameters() {
            return Map.of("logistic", List.of(Hyperparameter.integer("epochs", 1, 5000), Hyperparameter.above("l2", 0, 1)));
        }
        public Set<String> requiredFeatures() { return Set.of("x"); }
        public Map<String, MetricRange> metrics() { return Map.of("auc", new MetricRange(0, 1)); }
        public TrainedModel train(TrainingRequest r, ProgressListener p) { throw new UnsupportedOperationException(); }
        public ScoringModel load(byte[] a) { throw new UnsupportedOperationException(); }
        public Map<String, Double> evaluate(ScoringModel m, FeatureTable t) { throw new UnsupportedOperationException(); }
        public Comparison compare(ScoringModel a, ScoringModel b, FeatureTable t, double s) { throw new UnsupportedOperationException(); }
    };

    static final String VALID = """
            name: toy-churn
            version: 1
            modelKind: toy
            features:
              set: toy_features
              include: [x, kind]
            algorithms:
              - name: logistic
                hyperparameters: {epochs: 10, l2: 0.01}
            training: {windowMonths: 12, labelHorizonDays: 30, snapshotIntervalDays: 14}
            schedule: "0 3 * * 1"
            gates:
              auc: {min: 0.8}
            promotion: {policy: auto}
            drift: {pValue: 0.05, psi: 0.2, minRows: 100, healthThreshold: 0.7, cooldownDays: 7}
            """;

    final DefinitionReader reader = new DefinitionReader();
    final DefinitionValidator validator = new DefinitionValidator(ModelKinds.of(KIND),
            cron -> cron.trim().split("\\s+").length == 5 ? Optional.empty() : Optional.of("expected 5 fields"));

    PipelineDefinition yaml(String text) {
        return reader.fromYaml(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    List<String> fieldsOf(String text) {
        return validator.problems(yaml(text)).stream().map(FieldError::field).toList();
    }

    @Test
    void aCompleteDefinitionIsValid() {
        assertThat(validator.problems(yaml(VALID))).isEmpty();
    }

    @Test
    void anUnknownKindIsNamed() {
        assertThat(validator.problems(yaml(VALID.replace("modelKind: toy", "modelKind: crystal-ball"))))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("modelKind");
                    assertThat(e.message()).contains("crystal-ball").contains("toy");
                });
    }

    @Test
    void aBadCronIsNamed() {
        assertThat(fieldsOf(VALID.replace("\"0 3 * * 1\"", "\"every monday\""))).containsExactly("schedule");
    }

    @Test
    void aMissingFeatureIsNamedWithItsIndex() {
        assertThat(fieldsOf(VALID.replace("include: [x, kind]", "include: [x, days_since_lunch]")))
                .containsExactly("features.include[1]");
    }

    @Test
    void aGateOutOfItsMetricsRangeIsNamed() {
        assertThat(fieldsOf(VALID.replace("auc: {min: 0.8}", "auc: {min: 1.3}"))).containsExactly("gates.auc.min");
        assertThat(fieldsOf(VALID.replace("auc: {min: 0.8}", "rmse: {max: 3}"))).containsExactly("gates.rmse");
    }

    @Test
    void aDriftMaterialityOutsideZeroToOneIsNamed() {
        assertThat(fieldsOf(VALID.replace("minRows: 100,", "minRows: 100, minKsStatistic: 1.5,")))
                .containsExactly("drift.minKsStatistic");
        assertThat(fieldsOf(VALID.replace("minRows: 100,", "minRows: 100, minKsStatistic: 0,"))).isEmpty();
        assertThat(PipelineDefinition.Drift.policy(yaml(VALID).drift()).minKsStatistic())
                .as("the default materiality").isEqualTo(com.wedsync.ml.models.drift.DriftPolicy.HALF_SD_SHIFT);
    }

    @Test
    void anUnknownHyperParameterAndABadVersionAreBothReported() {
        assertThat(fieldsOf(VALID.replace("l2: 0.01", "l3: 0.01").replace("version: 1", "version: 0")))
                .containsExactlyInAnyOrder("version", "algorithms[0].hyperparameters.l3");
    }

    @Test
    void aTypoInAFieldNameIsRefusedNotIgnored() {
        assertThatThrownBy(() -> yaml(VALID.replace("schedule:", "shedule:")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("shedule");
    }

    @Test
    void checkThrowsWithEveryProblem() {
        assertThatThrownBy(() -> validator.check(yaml(VALID.replace("name: toy-churn", "name: Toy Churn")
                .replace("policy: auto", "policy: sometimes"))))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("name:").hasMessageContaining("promotion.policy:");
    }

    @Test
    void hyperParametersOutOfTheKindsRangeAreRefusedAtRegistrationNamingTheRange() {
        for (String epochs : List.of("-5", "0", "1e12", "100000", "1.5", "'ten'")) {
            List<FieldError> problems = validator.problems(yaml(VALID.replace("epochs: 10", "epochs: " + epochs)));
            assertThat(problems).as(epochs).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("algorithms[0].hyperparameters.epochs");
                assertThat(e.message()).contains("1 to 5000");
            });
        }
        assertThat(fieldsOf(VALID.replace("l2: 0.01", "l2: 0"))).containsExactly("algorithms[0].hyperparameters.l2");
        assertThat(fieldsOf(VALID.replace("epochs: 10", "epochs: 10.0"))).as("a whole number written with .0").isEmpty();
    }

    @Test
    void aDefinitionWithoutTheFeaturesItsKindNeedsIsRefused() {
        assertThat(validator.problems(yaml(VALID.replace("include: [x, kind]", "include: [kind]"))))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("features.include");
                    assertThat(e.message()).contains("[x]");
                });
    }

    @Test
    void aWholeNumberFieldDoesNotTakeAFraction() {
        assertThatThrownBy(() -> yaml(VALID.replace("version: 1", "version: 1.5"))).isInstanceOf(InvalidDefinitionException.class)
                .satisfies(e -> assertThat(((InvalidDefinitionException) e).errors()).singleElement()
                        .satisfies(f -> assertThat(f.field()).isEqualTo("version")));
        assertThatThrownBy(() -> yaml(VALID.replace("snapshotIntervalDays: 14}", "snapshotIntervalDays: 14, seed: 1.7}")))
                .isInstanceOf(InvalidDefinitionException.class)
                .satisfies(e -> assertThat(((InvalidDefinitionException) e).errors()).singleElement()
                        .satisfies(f -> assertThat(f.field()).isEqualTo("training.seed")));
    }

    @Test
    void noGatesIsRefusedUnlessTheDefinitionSaysGatesNone() {
        String gated = "gates:\n  auc: {min: 0.8}\n";
        assertThat(VALID).contains(gated);
        assertThat(fieldsOf(VALID.replace(gated, "gates: {}\n"))).containsExactly("gates");
        assertThat(fieldsOf(VALID.replace(gated, ""))).containsExactly("gates");
        PipelineDefinition ungated = yaml(VALID.replace(gated, "gates: none\n"));
        assertThat(validator.problems(ungated)).isEmpty();
        assertThat(ungated.ungated()).isTrue();
        assertThat(reader.fromJson(reader.toJson(ungated))).as("stored and read back").isEqualTo(ungated);
        assertThat(com.wedsync.ml.pipelines.promotion.Gates.failures(ungated.gates(), Map.of())).isEmpty();
    }

    @Test
    void textFieldsAreBounded() {
        assertThat(fieldsOf(VALID.replace("modelKind: toy", "modelKind: toy\ndescription: " + "d".repeat(2_001))))
                .containsExactly("description");
        List<FieldError> longName = validator.problems(yaml(VALID.replace("name: toy-churn", "name: " + "n".repeat(100_000))));
        assertThat(longName).singleElement().satisfies(e -> assertThat(e.message().length()).isLessThan(300));
    }
}
