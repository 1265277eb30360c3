package com.wedsync.ml.pipelines.spi;

import java.util.Map;

/**
 * A trained model as the registry keeps it: a self-contained artifact and what is known about it.
 *
 * @param memberMetrics validation metrics per ensemble member (empty for a single model)
 * @param provenance    how it was made (data window, feature version, hyper-parameters, seed,
 *                      library versions); the registry refuses a model without it
 */
public record TrainedModel(String algorithm, byte[] artifact, Map<String, Object> hyperparameters,
                           Map<String, Double> trainingMetrics, Map<String, Double> validationMetrics,
                           Map<String, Map<String, Double>> memberMetrics, Map<String, Double> featureImportance,
                           Map<String, String> provenance) {
}
