/**
 * Pipelines as JobRunr jobs: feature refresh, train, validate, promote. Each step is a {@link
 * com.wedsync.ml.platform.orchestration.PipelineStep} job request (a record with its thin handler) with a
 * label naming its pipeline, a progress bar and log lines in the dashboard; it enqueues the next step with
 * a deterministic job id derived from the run, so a retry or a requeue from the dashboard has exactly one
 * effect. {@link com.wedsync.ml.pipelines.run.PipelineRunner} (in {@code pipelines}, free of JobRunr) does the work of
 * each step and {@link com.wedsync.ml.platform.orchestration.PipelineStarter} starts runs; runs of
 * one pipeline do not overlap unless the definition allows it; promotion goes through the registry's
 * {@link com.wedsync.ml.platform.registry.Promotion}; recurring jobs follow registrations
 * ({@link com.wedsync.ml.platform.orchestration.PipelineScheduling}).
 */
package com.wedsync.ml.platform.orchestration;
