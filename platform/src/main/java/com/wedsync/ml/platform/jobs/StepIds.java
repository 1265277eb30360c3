package com.wedsync.ml.platform.jobs;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic JobRunr job ids: the same run's same step always has the same id, so enqueueing it a
 * second time (a retried previous step, a requeue from the dashboard) cannot create a second job.
 */
public final class StepIds {

    private StepIds() {
    }

    public static UUID of(UUID runId, String step) {
        return UUID.nameUUIDFromBytes(("pipeline-run:" + runId + ":" + step).getBytes(StandardCharsets.UTF_8));
    }

    public static UUID of(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
