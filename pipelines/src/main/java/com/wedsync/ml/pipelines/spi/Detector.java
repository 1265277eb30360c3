package com.wedsync.ml.pipelines.spi;

import java.time.LocalDate;
import java.util.List;

/**
 * A {@link ScoringModel} of a kind that detects anomalies (as a {@link Forecaster} forecasts): from the
 * history of today's snapshot (one row per day), it judges each day from {@code from} to {@code to} on the
 * window ending with it, reading nothing after that day, and answers what it found. The platform stores
 * the findings as episodes and alerts; it does not need to know which kind found them.
 *
 * <p>Why the SPI grows: {@link ScoringModel#score} answers one number per row and {@code explain} one
 * answer for one row; a detector answers a variable number of typed findings per day (a forest verdict per
 * family and the rule checks), which neither can say without the platform knowing the kind.
 */
public interface Detector {

    /** The window a verdict sums over, in days. */
    int windowDays();

    /** The first day of the history that can be judged (the look-back and the reference days before it). */
    LocalDate firstJudgeableDay(FeatureTable history);

    /**
     * Judges the days {@code from} to {@code to} (inclusive) of the history.
     *
     * @throws IllegalArgumentException if the history does not hold those days or not enough before them
     */
    List<Finding> detect(FeatureTable history, LocalDate from, LocalDate to);
}
