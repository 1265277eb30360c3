/**
 * JobRunr plumbing every feature uses: enqueueing under deterministic ids ({@link
 * com.wedsync.ml.platform.jobs.Jobs}, {@link com.wedsync.ml.platform.jobs.StepIds}) so that a retry or a
 * requeue has exactly one effect, and a step's progress shown as the dashboard's progress bar and job log
 * ({@link com.wedsync.ml.platform.jobs.JobProgress}). Depends on no other platform package.
 */
package com.wedsync.ml.platform.jobs;
