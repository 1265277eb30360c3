package com.wedsync.ml.platform.jobs;

import java.util.UUID;

/**
 * The ids of the platform's recurring JobRunr jobs, defined here once (the dashboard's "Recurring jobs"
 * page lists them under these ids; JobRunr allows {@code [0-9A-Za-z-_(),.]} in them).
 */
public final class RecurringJobs {

    private RecurringJobs() {
    }

    /** Records outcomes of every kind that has them, nightly. */
    public static final String OUTCOMES = "outcomes";

    /** Sends the MLflow tracking outbox's pending records, every minute. */
    public static final String TRACKING_REPLAY = "mlflow-tracking-replay";

    /** A pipeline's scheduled runs. */
    public static String pipeline(String pipeline) {
        return "pipeline-" + pipeline;
    }

    /** A production model's drift check. */
    public static String drift(String model) {
        return "drift-" + model;
    }

    /** A production model's health check on recorded outcomes. */
    public static String health(String model) {
        return "health-" + model;
    }

    /** A running experiment's daily look. */
    public static String experiment(UUID id) {
        return "experiment-" + id;
    }
}
