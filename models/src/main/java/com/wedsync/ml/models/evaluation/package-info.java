/**
 * Evaluating binary classifiers: accuracy, precision, recall, F1, AUC, Brier score, expected
 * calibration error, and DeLong's test comparing two correlated AUCs on the same samples.
 */
package com.wedsync.ml.models.evaluation;
