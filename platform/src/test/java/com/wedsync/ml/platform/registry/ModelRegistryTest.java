package com.wedsync.ml.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.pipelines.registry.IllegalTransitionException;
import com.wedsync.ml.pipelines.registry.ModelState;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class ModelRegistryTest extends PostgresIntegrationTest {

    @Autowired
    ModelRegistry registry;
    @Autowired
    JdbcClient jdbc;

    static TrainedModel trained(Map<String, String> provenance) {
        return new TrainedModel("ensemble", new byte[] {1, 2, 3, 4}, Map.of("seed", 7), Map.of("auc", 0.9),
                Map.of("auc", 0.88), Map.of(), Map.of("days_since_login", 0.4), provenance);
    }

    static Map<String, String> fullProvenance() {
        return Map.of("data_window", "2025-01-01..2025-12-31", "feature_set", "supplier_churn", "feature_version", "1",
                "hyperparameters", "{}", "seed", "7", "library_versions", "tribuo=4.3.2");
    }

    ModelVersion register(String name, String key) {
        return registry.register(new NewModelVersion(name, "churn", trained(fullProvenance()), name, 1, null, null,
                Map.of(), key, "test"));
    }

    @Test
    void aVersionClimbsToProductionWithEveryTransitionRecorded() {
        ModelVersion v = register("climb", null);
        registry.transition(v.getId(), ModelState.VALIDATING, "job:1", "trained");
        registry.transition(v.getId(), ModelState.STAGED, "job:2", "passed gates");
        registry.transition(v.getId(), ModelState.PRODUCTION, "user:alice", "looks good");

        assertThat(registry.production("climb")).map(ModelVersion::getVersion).contains("1");
        List<StateChange> h = registry.history(v.getId());
        assertThat(h).extracting(StateChange::getToStatus).containsExactly("training", "validating", "staged", "production");
        assertThat(h.get(3).getActor()).isEqualTo("user:alice");
        assertThat(h.get(3).getReason()).isEqualTo("looks good");
    }

    @Test
    void anIllegalTransitionIsRefusedAndLeavesTheRegistryUnchanged() {
        ModelVersion v = register("illegal", null);
        long historyBefore = jdbc.sql("SELECT count(*) FROM ml_model_state_history").query(Long.class).single();

        assertThatThrownBy(() -> registry.transition(v.getId(), ModelState.PRODUCTION, "user:bob", "skip the gates"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("cannot go from training to production");

        assertThat(registry.find(v.getId())).get().extracting(ModelVersion::getState).isEqualTo(ModelState.TRAINING);
        assertThat(registry.production("illegal")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM ml_model_state_history").query(Long.class).single()).isEqualTo(historyBefore);
    }

    @Test
    void promotingAChallengerRetiresTheChampion() {
        ModelVersion champion = register("swap", null);
        ModelVersion challenger = register("swap", null);
        for (ModelVersion v : List.of(champion, challenger)) {
            registry.transition(v.getId(), ModelState.VALIDATING, "test", "trained");
            registry.transition(v.getId(), ModelState.STAGED, "test", "gates");
        }
        registry.transition(champion.getId(), ModelState.PRODUCTION, "test", "first");
        registry.transition(challenger.getId(), ModelState.PRODUCTION, "test", "better AUC");

        assertThat(registry.production("swap")).map(ModelVersion::getVersion).contains("2");
        ModelVersion old = registry.find(champion.getId()).orElseThrow();
        assertThat(old.getState()).isEqualTo(ModelState.RETIRED);
        assertThat(old.getRetiredAt()).isNotNull();
        assertThat(registry.history(champion.getId()).get(4).getReason()).contains("replaced by version 2");
    }

    @Test
    void aModelWithoutProvenanceIsRefused() {
        Map<String, String> partial = new HashMap<>(fullProvenance());
        partial.remove("seed");
        partial.put("library_versions", " ");
        assertThatThrownBy(() -> registry.register(new NewModelVersion("noprov", "churn", trained(partial), "noprov", 1,
                null, null, Map.of(), null, "test")))
                .isInstanceOf(MissingProvenanceException.class)
                .hasMessageContaining("seed").hasMessageContaining("library_versions");
        assertThat(registry.versions("noprov")).isEmpty();
    }

    @Test
    void registeringTwiceWithTheSameKeyMakesOneVersion() {
        String key = "run:" + UUID.randomUUID();
        ModelVersion first = register("idem", key);
        ModelVersion again = register("idem", key);
        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(registry.versions("idem")).hasSize(1);
    }

    @Test
    void theArtifactComesBackCheckedAgainstItsChecksum() {
        ModelVersion v = register("artifact", null);
        assertThat(registry.artifact(v.getId())).containsExactly(1, 2, 3, 4);
        jdbc.sql("UPDATE ml_models SET artifact = '\\x01020305' WHERE id = :id").param("id", v.getId()).update();
        assertThatThrownBy(() -> registry.artifact(v.getId())).hasMessageContaining("does not match its checksum");
    }
}
