package com.wedsync.ml.pipelines.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.wedsync.ml.pipelines.definition.DefinitionReader;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.spi.Comparison;
import org.junit.jupiter.api.Test;

class PromotionRulesTest {

    static PipelineDefinition definition(String promotion) {
        String yaml = """
                name: p
                version: 1
                modelKind: churn
                features: {set: supplier_churn, include: [mrr]}
                gates: {auc: {min: 0.8}, ece: {max: 0.05}}
                """ + promotion;
        return new DefinitionReader().fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    static final Comparison BETTER = new Comparison("DeLong", "auc", 0.90, 0.85, 3.1, 0.001, true);
    static final Comparison NOT_BETTER = new Comparison("DeLong", "auc", 0.86, 0.85, 0.4, 0.34, false);

    @Test
    void everyGateThatDoesNotHoldIsNamedWithItsValueAndBounds() {
        PipelineDefinition d = definition("");
        assertThat(Gates.failures(d.gates(), Map.of("auc", 0.9, "ece", 0.02))).isEmpty();
        assertThat(Gates.failures(d.gates(), Map.of("auc", 0.7, "ece", 0.08)))
                .containsExactly("auc = 0.7 outside [0.8, +inf]", "ece = 0.08 outside [-inf, 0.05]");
    }

    @Test
    void aMetricTheModelDidNotReportOrReportedAsNaNFailsItsGate() {
        PipelineDefinition d = definition("");
        assertThat(Gates.failures(d.gates(), Map.of("auc", Double.NaN))).hasSize(2);
    }

    @Test
    void aChallengerMustBeatTheChampionUnlessTheDefinitionSaysOtherwise() {
        ChampionRule byDefault = ChampionRule.of(definition(""));
        assertThat(byDefault.mustBeat()).isTrue();
        assertThat(byDefault.significance()).isEqualTo(1.0);
        assertThat(byDefault.refusal("3", BETTER)).isEmpty();
        assertThat(byDefault.refusal("3", NOT_BETTER)).get().asString()
                .isEqualTo("does not beat champion version 3 on auc (0.86 vs 0.85, DeLong p = 0.34)");

        ChampionRule refit = ChampionRule.of(definition("promotion: {policy: auto, mustBeatChampion: false, significance: 0.01}"));
        assertThat(refit.significance()).isEqualTo(0.01);
        assertThat(refit.refusal("3", NOT_BETTER)).isEmpty();
    }

    @Test
    void thePolicyIsManualUnlessTheDefinitionNamesAnother() {
        assertThat(PromotionPolicy.of(definition(""))).isInstanceOf(PromotionPolicy.Manual.class);
        assertThat(PromotionPolicy.of(definition("promotion: {policy: auto}"))).isInstanceOf(PromotionPolicy.Auto.class);
        PromotionPolicy x = PromotionPolicy.of(definition("promotion: {policy: experiment, significance: 0.05, experiment: "
                + "{mode: shadow, metric: auc, minSampleSize: 500, maxDurationDays: 20}}"));
        assertThat(x).isInstanceOfSatisfying(PromotionPolicy.Experiment.class, e -> {
            assertThat(e.spec().minSampleSize()).isEqualTo(500);
            assertThat(e.significance()).isEqualTo(0.05);
        });
        assertThatThrownBy(() -> PromotionPolicy.of(definition("promotion: {policy: sometimes}")))
                .hasMessageContaining("unknown promotion policy 'sometimes'");
    }
}
