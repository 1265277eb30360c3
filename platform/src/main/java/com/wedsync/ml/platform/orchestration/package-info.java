/**
 * Pipelines as JobRunr jobs: feature refresh, train, validate, promote. Each step is a job with a
 * label naming its pipeline, a progress bar and log lines in the dashboard; it enqueues the next
 * step with a deterministic job id derived from the run, so a retry or a requeue from the dashboard
 * has exactly one effect.
 */
package com.wedsync.ml.platform.orchestration;
