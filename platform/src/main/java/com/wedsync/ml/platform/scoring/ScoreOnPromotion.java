package com.wedsync.ml.platform.scoring;

import org.jobrunr.jobs.context.JobContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.wedsync.ml.pipelines.registry.ModelState;
import com.wedsync.ml.platform.jobs.Jobs;
import com.wedsync.ml.platform.jobs.StepIds;
import com.wedsync.ml.platform.registry.ModelStateChanged;

/**
 * A version that reaches production (automatically or by a person through the API) gets its batch
 * scoring job, once: the job id is derived from the version.
 */
@Component
class ScoreOnPromotion {

    private final Jobs jobs;

    ScoreOnPromotion(Jobs jobs) {
        this.jobs = jobs;
    }

    @TransactionalEventListener
    void on(ModelStateChanged e) {
        if (e.state() == ModelState.PRODUCTION) {
            String name = e.modelName();
            jobs.enqueueOnce(StepIds.of("score:" + e.modelId()), (ScoringJobs s) -> s.scoreAll(name, JobContext.Null));
        }
    }
}
