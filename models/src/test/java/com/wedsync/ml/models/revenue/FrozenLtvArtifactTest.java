package com.wedsync.ml.models.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.wedsync.ml.models.frozen.FrozenArtifacts;
import org.junit.jupiter.api.Test;

/** An LTV model written by an earlier version of the code still loads and scores as it did. */
class FrozenLtvArtifactTest {

    static final String NAME = "ltv-model-v1";

    @Test
    void aFrozenLtvModelStillLoadsAndScoresAsItDid() {
        LtvModel frozen = LtvModel.fromBytes(FrozenArtifacts.artifact(NAME));
        assertThat(frozen.predict(LtvModelTest.draw(200, 3).x())).containsExactly(FrozenArtifacts.scores(NAME), within(1e-9));
    }

    /** Regenerates the frozen artifact (on purpose only): run from the models directory. */
    public static void main(String[] args) throws Exception {
        LtvModel m = LtvModelTest.trainOn(LtvModelTest.draw(600, 1), LtvModelTest.draw(300, 2));
        FrozenArtifacts.write(NAME, m.toBytes(), m.predict(LtvModelTest.draw(200, 3).x()));
    }
}
