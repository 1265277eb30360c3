package com.wedsync.ml.platform.jobs;

import java.sql.Connection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jobrunr.server.BackgroundJobServer;
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
 * picked up as JobRunr does after any server loss (orphaned jobs are retried). It does nothing while the
 * application closes, or when the background job server is disabled.
 */
@Component
class JobServerWatchdog {

    private static final Logger log = LoggerFactory.getLogger(JobServerWatchdog.class);

    private final ObjectProvider<BackgroundJobServer> server;
    private final DataSource dataSource;
    private final long periodSeconds;
    private ScheduledExecutorService timer;
    private volatile boolean closing;

    JobServerWatchdog(ObjectProvider<BackgroundJobServer> server, DataSource dataSource,
                      @Value("${wedsync.jobs.watchdog-seconds:5}") long periodSeconds) {
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
