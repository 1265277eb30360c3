package com.wedsync.ml.platform.jobs;

import java.sql.Connection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jobrunr.jobs.states.ProcessingState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.navigation.AmountRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Rides out a database outage: JobRunr's background job server stops itself after too many storage errors
 * in a row and does not come back by itself. Every few seconds this checks the server; when it has
 * stopped and the database answers again, it starts it again, and the jobs the outage interrupted are
 * picked up as JobRunr does after any server loss (orphaned jobs are retried). It does nothing when the
 * background job server is disabled.
 *
 * <p>When the application closes, it first lets the jobs this server is running finish (up to
 * {@code wedsync.jobs.drain-seconds}, 60 by default) with processing paused, so that a closing context
 * does not leave a training job to finish into a closed application (its state updates then fail); what does
 * not finish in time is retried by JobRunr elsewhere or at the next start, as after any server loss.
 */
@Component
class JobServerWatchdog {

    private static final Logger log = LoggerFactory.getLogger(JobServerWatchdog.class);

    private final ObjectProvider<BackgroundJobServer> server;
    private final DataSource dataSource;
    private final long periodSeconds;
    private final long drainSeconds;
    private final ObjectProvider<StorageProvider> storage;
    private ScheduledExecutorService timer;
    private volatile boolean closing;

    JobServerWatchdog(ObjectProvider<BackgroundJobServer> server, DataSource dataSource,
                      @Value("${wedsync.jobs.watchdog-seconds:5}") long periodSeconds,
                      @Value("${wedsync.jobs.drain-seconds:60}") long drainSeconds, ObjectProvider<StorageProvider> storage) {
        this.drainSeconds = drainSeconds;
        this.storage = storage;
        this.server = server;
        this.dataSource = dataSource;
        this.periodSeconds = periodSeconds;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (server.getIfAvailable() == null || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jobrunr-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    @EventListener(ContextClosedEvent.class)
    synchronized void stop() {
        closing = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        BackgroundJobServer s = server.getIfAvailable();
        StorageProvider jobs = storage.getIfAvailable();
        if (s == null || jobs == null || !s.isRunning()) {
            return;
        }
        try {
            long running = running(s, jobs);
            if (running == 0) {
                return;
            }
            s.pauseProcessing();
            log.info("closing: waiting up to {} s for the {} job(s) this server is running", drainSeconds, running);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
            while (running(s, jobs) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("closing: could not wait for running jobs: {}", e.getMessage());
        }
    }

    private static long running(BackgroundJobServer s, StorageProvider jobs) {
        return jobs.getJobList(StateName.PROCESSING, new AmountRequest("updatedAt:ASC", 1000)).stream()
                .filter(j -> j.getJobState() instanceof ProcessingState p && s.getId().equals(p.getServerId())).count();
    }

    void check() {
        BackgroundJobServer s = server.getIfAvailable();
        if (closing || s == null || s.isRunning() || !databaseAnswers()) {
            return;
        }
        log.warn("JobRunr's background job server had stopped (a database outage?); the database answers again: starting it");
        try {
            s.start();
        } catch (RuntimeException e) {
            log.warn("JobRunr's background job server did not start yet: {}", e.getMessage());
        }
    }

    private boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }
}
