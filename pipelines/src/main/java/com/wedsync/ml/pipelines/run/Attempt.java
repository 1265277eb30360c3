package com.wedsync.ml.pipelines.run;

import java.util.UUID;

import com.wedsync.ml.pipelines.spi.ProgressListener;

/**
 * One attempt at a step: which job runs it (null when a step is called directly), how many attempts
 * failed before it, and where it reports progress and warnings.
 */
public record Attempt(UUID jobId, int failedBefore, Log log) {

    /** A step's progress and log, with warnings (e.g. a failed attempt that will be retried). */
    public interface Log extends ProgressListener {
        default void warn(String message) {
            log(message);
        }
    }

    /** An attempt outside any job scheduler (a test or a benchmark calling a step itself): never retried. */
    public static Attempt direct(Log log) {
        return new Attempt(null, Integer.MAX_VALUE, log);
    }

    public static Attempt direct() {
        return direct(new Log() { });
    }

    /** Who the registry records for what this attempt changes. */
    public String actor() {
        return jobId == null ? "job:direct" : "job:" + jobId;
    }
}
