package com.wedsync.ml.platform.simulator;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jobrunr.jobs.context.JobContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.wedsync.ml.platform.jobs.Jobs;

/**
 * The default run: when the marketplace tables are empty at start, enqueue the simulator job (its id
 * derived from the settings, so restarts do not enqueue it twice). Nothing waits for it here: JobRunr's
 * server runs it once the application is up.
 */
@Component
class SimulatorStartup {

    private static final Logger log = LoggerFactory.getLogger(SimulatorStartup.class);

    private final SimulatorProperties properties;
    private final JdbcClient jdbc;
    private final Jobs jobs;

    SimulatorStartup(SimulatorProperties properties, JdbcClient jdbc, Jobs jobs) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void onReady() {
        if (!properties.loadOnStartup()) {
            return;
        }
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM suppliers)").query(Boolean.class).single()) {
            log.info("marketplace tables hold data: the simulator does not run");
            return;
        }
        long seed = properties.seed();
        int suppliers = properties.suppliers();
        int months = properties.months();
        UUID id = UUID.nameUUIDFromBytes(("simulator-startup:" + seed + ":" + suppliers + ":" + months)
                .getBytes(StandardCharsets.UTF_8));
        jobs.enqueueOnce(id, (SimulatorJob j) -> j.simulate(seed, suppliers, months, JobContext.Null));
        log.info("marketplace tables are empty: simulator job {} enqueued ({} suppliers, {} months); "
                + "follow it at http://localhost:8000/dashboard/jobs/{}", id, suppliers, months, id);
    }
}
