package com.wedsync.ml.platform.jobs;

import java.util.UUID;

import org.jobrunr.jobs.lambdas.IocJobLambda;
import org.jobrunr.scheduling.JobScheduler;
import org.springframework.stereotype.Component;

/**
 * Enqueues jobs with deterministic ids. JobRunr skips an enqueue whose id exists already ("Skipped Job
 * with id ... as it already exists"), whatever that job's state: a second enqueue of the same id
 * neither creates a second job nor reruns the first.
 */
@Component
public class Jobs {

    private final JobScheduler scheduler;

    Jobs(JobScheduler scheduler) {
        this.scheduler = scheduler;
    }

    public <S> void enqueueOnce(UUID id, IocJobLambda<S> job) {
        scheduler.enqueue(id, job);
    }

    public JobScheduler scheduler() {
        return scheduler;
    }
}
