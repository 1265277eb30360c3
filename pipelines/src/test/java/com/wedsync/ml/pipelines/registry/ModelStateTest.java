package com.wedsync.ml.pipelines.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelStateTest {

    @Test
    void aVersionClimbsOneStateAtATime() {
        assertThat(ModelState.TRAINING.canMoveTo(ModelState.VALIDATING)).isTrue();
        assertThat(ModelState.VALIDATING.canMoveTo(ModelState.STAGED)).isTrue();
        assertThat(ModelState.STAGED.canMoveTo(ModelState.PRODUCTION)).isTrue();
        assertThat(ModelState.PRODUCTION.canMoveTo(ModelState.RETIRED)).isTrue();
    }

    @Test
    void trainingCannotGoStraightToProduction() {
        assertThatThrownBy(() -> ModelState.TRAINING.checkMoveTo(ModelState.PRODUCTION))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("cannot go from training to production");
    }

    @Test
    void anyStateBeforeRetiredCanBeRetiredAndNothingLeavesRetired() {
        for (ModelState s : ModelState.values()) {
            if (s != ModelState.RETIRED) {
                assertThat(s.canMoveTo(ModelState.RETIRED)).as(s.name()).isTrue();
            }
            assertThat(ModelState.RETIRED.canMoveTo(s)).as(s.name()).isFalse();
        }
    }

    @Test
    void productionCannotGoBackToStaged() {
        assertThat(ModelState.PRODUCTION.canMoveTo(ModelState.STAGED)).isFalse();
    }

    @Test
    void statesParseFromTheirStoredNames() {
        assertThat(ModelState.parse("production")).isEqualTo(ModelState.PRODUCTION);
        assertThat(ModelState.STAGED.dbName()).isEqualTo("staged");
        assertThatThrownBy(() -> ModelState.parse("deployed")).hasMessageContaining("unknown model state 'deployed'");
    }
}
