package com.wedsync.ml.platform.orchestration;

import java.util.UUID;

import org.jobrunr.jobs.lambdas.IocJobLambda;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.storage.ConcurrentJobModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Enqueues jobs with deterministic ids: a second enqueue of the same id is a no-op, not a second job. */
@Component
public class Jobs {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    private final JobScheduler scheduler;

    Jobs(JobScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** @return true if this call created the job, false if a job with this id existed already */
    public <S> boolean enqueueOnce(UUID id, IocJobLambda<S> job) {
        try {
            scheduler.enqueue(id, job);
            return true;
        } catch (ConcurrentJobModificationException e) {
            log.debug("job {} exists already: not enqueued again", id);
            return false;
        }
    }

    public JobScheduler scheduler() {
        return scheduler;
    }
}
