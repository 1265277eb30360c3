package com.wedsync.ml.pipelines.spi;

import java.util.Objects;

/**
 * How a kind's logged predictions meet reality: once a prediction's horizon has passed, what really
 * happened is recorded beside it, and model health and A/B experiments are measured on those outcomes.
 * Binary outcomes: the prediction holds a probability, the outcome a boolean.
 *
 * @param recordSql    classpath resource of one set-based {@code UPDATE ml_predictions} that sets
 *                     {@code actual_outcome} (a JSON object with {@code outcomeField} as a boolean) and
 *                     {@code outcome_recorded_at = :now} for the predictions of type {@code :prediction_type}
 *                     still without an outcome whose {@code prediction_for_date <= :up_to}; a rerun must
 *                     touch nothing twice
 * @param scoreField   the field of the logged prediction holding the predicted probability
 * @param outcomeField the boolean field of the recorded outcome
 */
public record OutcomeSpec(String recordSql, String scoreField, String outcomeField) {

    public OutcomeSpec {
        Objects.requireNonNull(recordSql, "recordSql");
        Objects.requireNonNull(scoreField, "scoreField");
        Objects.requireNonNull(outcomeField, "outcomeField");
    }
}
