package com.wedsync.ml.platform.analytics;

/**
 * An A/B experiment as the page lists it.
 *
 * @param winner     the winning arm, "-" while there is none
 * @param decision   what was decided, "-" while nothing is
 * @param sampleSize the predictions counted so far, 0 when none
 */
public record ExperimentSummary(String name, String model, String mode, String metric, String status, long sampleSize,
                                String winner, String decision) {
}
