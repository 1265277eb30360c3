package com.wedsync.ml.platform.jobs;

import java.util.UUID;

import org.jobrunr.jobs.lambdas.IocJobLambda;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.scheduling.RecurringJobBuilder;
import org.springframework.stereotype.Component;

/**
 * Enqueues jobs with deterministic ids. JobRunr skips an enqueue whose id exists already ("Skipped Job
 * with id ... as it already exists"), whatever that job's state: a second enqueue of the same id
 * neither creates a second job nor reruns the first.
 */
@Component
public class Jobs {

    private final JobScheduler scheduler;
    private final JobRequestScheduler requests;

    Jobs(JobScheduler scheduler, JobRequestScheduler requests) {
        this.scheduler = scheduler;
        this.requests = requests;
    }

    /** Creates a job request's job (its id, name, labels and retries in the builder); skipped if its id exists. */
    public void createOnce(JobBuilder job) {
        requests.create(job);
    }

    /** A recurring job (its id, name, labels and cron in the builder) that sends a job request. */
    public void createRecurrently(RecurringJobBuilder job) {
        requests.createRecurrently(job);
    }

    public <S> void enqueueOnce(UUID id, IocJobLambda<S> job) {
        scheduler.enqueue(id, job);
    }

    public JobScheduler scheduler() {
        return scheduler;
    }
}
