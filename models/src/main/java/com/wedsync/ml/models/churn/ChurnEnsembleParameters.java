package com.wedsync.ml.models.churn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of the churn ensemble's four members, and its seed.
 *
 * @param lrEpochs          logistic regression (Tribuo, SGD with AdaGrad): passes over the data
 * @param lrLearningRate    its AdaGrad learning rate
 * @param rfTrees           random forest (XGBoost random-forest mode: one round of this many trees): number of trees
 * @param rfMaxDepth        their maximum depth
 * @param rfFeatureFraction fraction of features considered at each split
 * @param xgbRounds         gradient boosting (Tribuo XGBoost): boosting rounds
 * @param xgbMaxDepth       tree depth
 * @param xgbEta            learning rate
 * @param mlpHidden1        neural network (DL4J): units of the first hidden layer
 * @param mlpHidden2        units of the second hidden layer
 * @param mlpEpochs         passes over the data
 * @param mlpLearningRate   Adam learning rate
 * @param mlpBatchSize      mini-batch size
 * @param minStackingGain   the stacker is served only when its out-of-fold validation AUC beats the best member's
 *                          by at least this; otherwise that member is, calibrated alone (all four are still
 *                          trained and reported). Default 0.002
 */
public record ChurnEnsembleParameters(long seed, int lrEpochs, double lrLearningRate, int rfTrees, int rfMaxDepth,
                                      double rfFeatureFraction, int xgbRounds, int xgbMaxDepth, double xgbEta,
                                      int mlpHidden1, int mlpHidden2, int mlpEpochs, double mlpLearningRate,
                                      int mlpBatchSize, double minStackingGain) implements java.io.Serializable {

    public ChurnEnsembleParameters {
        positive("lr_epochs", lrEpochs);
        positive("rf_trees", rfTrees);
        positive("rf_max_depth", rfMaxDepth);
        positive("xgb_rounds", xgbRounds);
        positive("xgb_max_depth", xgbMaxDepth);
        positive("mlp_hidden1", mlpHidden1);
        positive("mlp_hidden2", mlpHidden2);
        positive("mlp_epochs", mlpEpochs);
        positive("mlp_batch_size", mlpBatchSize);
        rate("lr_learning_rate", lrLearningRate);
        rate("xgb_eta", xgbEta);
        rate("mlp_learning_rate", mlpLearningRate);
        if (!(minStackingGain >= 0 && minStackingGain <= 0.1)) {
            throw new IllegalArgumentException("stacking.min_auc_gain must be in [0, 0.1] (got " + minStackingGain + ")");
        }
        if (!(rfFeatureFraction > 0 && rfFeatureFraction <= 1)) {
            throw new IllegalArgumentException("rf_feature_fraction must be in (0, 1] (got " + rfFeatureFraction + ")");
        }
    }

    public static ChurnEnsembleParameters defaults(long seed) {
        return new ChurnEnsembleParameters(seed, 10, 0.1, 50, 10, 0.5, 120, 5, 0.1, 32, 16, 8, 0.003, 256, 0.002);
    }

    /**
     * Defaults overridden by a definition's hyper-parameters, keyed {@code <algorithm>.<name>} (as in
     * {@link #asMap()}); unknown keys are refused.
     */
    public static ChurnEnsembleParameters from(long seed, Map<String, Number> overrides) {
        Map<String, Object> m = new LinkedHashMap<>(defaults(seed).asMap());
        for (Map.Entry<String, Number> e : overrides.entrySet()) {
            if (!m.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown churn ensemble hyper-parameter '" + e.getKey() + "'; known: " + m.keySet());
            }
            m.put(e.getKey(), e.getValue());
        }
        return new ChurnEnsembleParameters(seed, i(m, "logistic_regression.epochs"), d(m, "logistic_regression.learning_rate"),
                i(m, "random_forest.trees"), i(m, "random_forest.max_depth"), d(m, "random_forest.feature_fraction"),
                i(m, "gradient_boosting.rounds"), i(m, "gradient_boosting.max_depth"), d(m, "gradient_boosting.eta"),
                i(m, "neural_network.hidden1"), i(m, "neural_network.hidden2"), i(m, "neural_network.epochs"),
                d(m, "neural_network.learning_rate"), i(m, "neural_network.batch_size"), d(m, "stacking.min_auc_gain"));
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("logistic_regression.epochs", lrEpochs);
        m.put("logistic_regression.learning_rate", lrLearningRate);
        m.put("random_forest.trees", rfTrees);
        m.put("random_forest.max_depth", rfMaxDepth);
        m.put("random_forest.feature_fraction", rfFeatureFraction);
        m.put("gradient_boosting.rounds", xgbRounds);
        m.put("gradient_boosting.max_depth", xgbMaxDepth);
        m.put("gradient_boosting.eta", xgbEta);
        m.put("neural_network.hidden1", mlpHidden1);
        m.put("neural_network.hidden2", mlpHidden2);
        m.put("neural_network.epochs", mlpEpochs);
        m.put("neural_network.learning_rate", mlpLearningRate);
        m.put("neural_network.batch_size", mlpBatchSize);
        m.put("stacking.min_auc_gain", minStackingGain);
        return m;
    }

    private static int i(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).intValue();
    }

    private static double d(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 (got " + v + ")");
        }
    }

    private static void rate(String name, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1] (got " + v + ")");
        }
    }
}
