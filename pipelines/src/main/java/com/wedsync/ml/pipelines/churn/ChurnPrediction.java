package com.wedsync.ml.pipelines.churn;

import java.util.List;

import com.wedsync.ml.pipelines.spi.Prediction;

/**
 * A supplier's churn prediction as the spec gives it: the probability within the horizon, the estimated
 * churn date, the confidence, the risk level, the revenue at risk, the interventions, and the factors
 * behind the score (largest contribution first).
 */
public record ChurnPrediction(double churnProbability, String churnDate, Double confidence, String riskLevel,
                              double monthlyRevenueLoss, double lifetimeValueLoss, List<Intervention> interventions,
                              List<Factor> factors) implements Prediction {

    /** An action the spec recommends at this risk. */
    public record Intervention(String type, String action, String priority, String detail) {
    }

    /** A feature's part in the score: its value and its contribution, raising or lowering the risk. */
    public record Factor(String feature, double value, double contribution, String direction) {
    }
}
