package com.wedsync.ml.platform.scoring;

import java.util.Map;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.context.JobContext;
import org.springframework.stereotype.Component;

import com.wedsync.ml.platform.jobs.JobProgress;

/** Batch scoring as a JobRunr job (outcomes are recorded by {@link com.wedsync.ml.platform.outcomes.Outcomes}). */
@Component
public class ScoringJobs {

    private final Scoring scoring;

    ScoringJobs(Scoring scoring) {
        this.scoring = scoring;
    }

    @Job(name = "%0: batch scoring", labels = {"pipeline:%0", "step:score"}, retries = 3)
    public Map<String, Object> scoreAll(String modelName, JobContext context) {
        return scoring.scoreAll(modelName, new JobProgress(context, modelName + "/score"));
    }
}
