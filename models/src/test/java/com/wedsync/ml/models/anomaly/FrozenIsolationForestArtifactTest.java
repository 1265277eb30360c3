package com.wedsync.ml.models.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import com.wedsync.ml.models.frozen.FrozenArtifacts;
import org.junit.jupiter.api.Test;

/** An isolation forest written by an earlier version of the code still loads and scores as it did. */
class FrozenIsolationForestArtifactTest {

    static final String NAME = "isolation-forest-v1";

    static double[][] rows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][3];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextGaussian() * (j + 1) + (r.nextDouble() < 0.03 ? 8 : 0);
            }
        }
        return x;
    }

    @Test
    void aFrozenIsolationForestStillLoadsAndScoresAsItDid() {
        IsolationForest frozen = IsolationForest.fromBytes(FrozenArtifacts.artifact(NAME));
        assertThat(frozen.score(rows(200, 3))).containsExactly(FrozenArtifacts.scores(NAME), within(1e-12));
    }

    /** Regenerates the frozen artifact (on purpose only): run from the models directory. */
    public static void main(String[] args) throws Exception {
        IsolationForest f = IsolationForest.fit(rows(1000, 1), IsolationForestParameters.defaults(7));
        FrozenArtifacts.write(NAME, f.toBytes(), f.score(rows(200, 3)));
    }
}
