package com.wedsync.ml.platform.features;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One computed snapshot of a feature set as of a date. */
public record FeatureSnapshot(UUID id, String featureSet, int featureVersion, LocalDate asOf, int entityCount,
                              Instant calculatedAt, long durationMs) {
}
