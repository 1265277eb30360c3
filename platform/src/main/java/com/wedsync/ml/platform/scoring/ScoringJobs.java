package com.wedsync.ml.platform.scoring;

import java.util.Map;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.context.JobContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.wedsync.ml.platform.orchestration.JobProgress;

/** Batch scoring and outcome recording as JobRunr jobs. */
@Component
public class ScoringJobs {

    /** Model kinds whose predictions get actual outcomes recorded (by {@link #recordChurnOutcomes}). */
    public static final java.util.List<String> OUTCOME_KINDS = java.util.List.of("churn");

    private final Scoring scoring;
    private final JdbcClient jdbc;

    private final org.jobrunr.scheduling.JobScheduler scheduler;
    private final java.time.Clock clock;

    ScoringJobs(Scoring scoring, JdbcClient jdbc, org.jobrunr.scheduling.JobScheduler scheduler, java.time.Clock clock) {
        this.clock = clock;
        this.scoring = scoring;
        this.jdbc = jdbc;
        this.scheduler = scheduler;
    }

    /** Outcomes are recorded every night at 02:00 UTC (a recurring job, visible in the dashboard). */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void scheduleOutcomes() {
        scheduler.scheduleRecurrently("churn-outcomes", "0 2 * * *", (ScoringJobs j) -> j.recordChurnOutcomes(JobContext.Null));
    }

    @Job(name = "%0: batch scoring", labels = {"pipeline:%0", "step:score"}, retries = 3)
    public Map<String, Object> scoreAll(String modelName, JobContext context) {
        return scoring.scoreAll(modelName, new JobProgress(context, modelName + "/score"));
    }

    /**
     * Records the actual outcome of every churn prediction whose horizon has passed: did the supplier
     * churn between the prediction's as-of date and its prediction_for_date? One set-based UPDATE; a
     * rerun touches only predictions still without an outcome.
     */
    @Job(name = "churn: record actual outcomes", labels = {"pipeline:churn", "step:outcomes"}, retries = 3)
    public int recordChurnOutcomes(JobContext context) {
        int n = recordChurnOutcomes(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
        new JobProgress(context, "churn/outcomes").progress(100, "recorded the outcome of " + n + " predictions");
        return n;
    }

    /** Records the outcome of every churn prediction whose horizon ended by {@code upTo}. */
    public int recordChurnOutcomes(java.time.LocalDate upTo) {
        return jdbc.sql("""
                UPDATE ml_predictions p
                SET actual_outcome = jsonb_build_object('churned', EXISTS (
                        SELECT 1 FROM subscription_events e
                        WHERE e.supplier_id = p.entity_id AND e.event_type = 'churn'
                          AND e.occurred_at > CAST(p.features_used ->> 'as_of' AS date)
                          AND e.occurred_at <= p.prediction_for_date)),
                    outcome_recorded_at = :now
                WHERE p.prediction_type = 'churn' AND p.actual_outcome IS NULL
                  AND p.prediction_for_date <= :up_to
                """).param("up_to", upTo).param("now", java.sql.Timestamp.from(clock.instant())).update();
    }
}
