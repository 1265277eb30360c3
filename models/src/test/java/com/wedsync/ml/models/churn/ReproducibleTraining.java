package com.wedsync.ml.models.churn;

import java.util.Map;
import java.util.TreeMap;

/**
 * Run in its own JVM by {@link TrainingIsReproducibleAcrossProcessesTest}: trains the churn ensemble on the
 * seeded synthetic data of {@link ChurnEnsembleTest} with the default parameters and prints what must not depend on the process: the model's
 * fingerprint, its validation metrics and stacker weights, one per line.
 */
public final class ReproducibleTraining {

    private ReproducibleTraining() {
    }

    public static void main(String[] args) {
        ChurnEnsemble e = train();
        System.out.println("fingerprint=" + e.fingerprint(ChurnEnsembleTest.draw(500, 9).x()));
        System.out.println("metrics=" + new TreeMap<>(e.validationMetrics()));
        System.out.println("weights=" + e.memberWeights());
        System.out.println("importance=" + new TreeMap<>(e.featureImportance()));
    }

    static ChurnEnsemble train() {
        return new ChurnEnsembleTrainer(ChurnEnsembleParameters.defaults(3), null).train(ChurnEnsembleTest.draw(4000, 1),
                ChurnEnsembleTest.draw(2000, 2), Map.of("data_window", "synthetic"));
    }
}
