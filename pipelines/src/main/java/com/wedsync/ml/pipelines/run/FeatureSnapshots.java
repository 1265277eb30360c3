package com.wedsync.ml.pipelines.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;

/** The feature store: point-in-time snapshots of a feature set, computed once per as-of date and read back as tables. */
public interface FeatureSnapshots {

    /** One computed snapshot. */
    record Snapshot(UUID id, LocalDate asOf, int entities, long durationMs) {
    }

    /** The snapshot already computed for this date, if any. */
    Optional<Snapshot> existing(FeatureSetSpec set, LocalDate asOf);

    /**
     * Computes (or recomputes) the snapshot as of a date.
     *
     * @param expires when a snapshot of a day not yet over stops being valid; null for a closed day
     * @param jobId   the job computing it, recorded with it; null when called directly
     */
    Snapshot refresh(FeatureSetSpec set, LocalDate asOf, Instant expires, UUID jobId);

    /** The snapshots of these dates as one table, with labels when {@code labelHorizonDays} is given. */
    FeatureTable load(FeatureSetSpec set, List<LocalDate> asOfs, List<String> features, Integer labelHorizonDays);
}
