package com.wedsync.ml.platform.orchestration;

import java.util.UUID;

/** A run was asked for while another run of the same pipeline is in progress, and the definition allows no overlap. */
public class RunInProgressException extends RuntimeException {

    private final UUID runningRun;

    public RunInProgressException(String pipeline, UUID runningRun) {
        super("pipeline '" + pipeline + "' has run " + runningRun + " in progress and its definition allows no concurrent runs "
                + "(concurrentRuns: true would): wait for it to finish (GET /api/pipelines/" + pipeline + "/runs)");
        this.runningRun = runningRun;
    }

    public UUID runningRun() {
        return runningRun;
    }
}
