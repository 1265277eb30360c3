/**
 * Supplier churn: the ensemble of logistic regression, random forest, gradient boosting (Tribuo) and a
 * neural network (DL4J, behind {@link com.wedsync.ml.models.churn.neural.NeuralNetwork}), stacked and
 * calibrated on a validation split; and the spec's advice for a score (risk level, interventions).
 */
package com.wedsync.ml.models.churn;
