package com.wedsync.ml.platform.anomalies;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.scheduling.JobScheduler;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.wedsync.ml.platform.jobs.JobProgress;

/**
 * The detection job: recurring ({@code anomaly-detection}, {@code wedsync.anomaly.schedule}, hourly by
 * default) and on demand. Every run judges only the days not judged yet, so a rerun from the dashboard,
 * or a second run in the same hour, adds nothing.
 */
@Component
public class AnomalyJobs {

    public static final String RECURRING_ID = "anomaly-detection";

    private final AnomalyDetection detection;
    private final JobScheduler scheduler;
    private final AnomalyProperties properties;

    AnomalyJobs(AnomalyDetection detection, JobScheduler scheduler, AnomalyProperties properties) {
        this.detection = detection;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        scheduler.scheduleRecurrently(RECURRING_ID, properties.schedule(), (AnomalyJobs j) -> j.detect(JobContext.Null));
    }

    @Job(name = "anomaly detection", labels = {"step:anomaly-detection"}, retries = 2)
    public List<Map<String, Object>> detect(JobContext context) {
        UUID jobId = context == null || context == JobContext.Null ? null : context.getJobId();
        return detection.runAll(jobId, new JobProgress(context, "anomaly")).stream()
                .map(r -> Map.<String, Object>of("model", r.model(), "modelVersion", r.modelVersion(), "from", r.from().toString(),
                        "to", r.to().toString(), "daysJudged", r.daysJudged(), "findings", r.findings(),
                        "newEpisodes", r.newEpisodes(), "updatedEpisodes", r.updatedEpisodes()))
                .toList();
    }

    /** Starts a detection run now; answers its JobRunr job id. */
    public UUID startNow() {
        return scheduler.enqueue((AnomalyJobs j) -> j.detect(JobContext.Null)).asUUID();
    }
}
