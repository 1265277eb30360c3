package com.wedsync.ml.pipelines.run;

import java.util.UUID;

/**
 * Schedules a step of a run to run once: asking again for the same step of the same run schedules
 * nothing new (a retried step that schedules its successor twice leaves one).
 */
public interface StepScheduler {

    void schedule(Step step, String pipeline, UUID runId);
}
