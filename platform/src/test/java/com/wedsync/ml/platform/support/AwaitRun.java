package com.wedsync.ml.platform.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Waits for a pipeline run to succeed, failing the test at once if it fails. */
public final class AwaitRun {

    private AwaitRun() {
    }

    public static void succeeded(JdbcClient jdbc, UUID run, Duration timeout) throws InterruptedException {
        for (long deadline = System.currentTimeMillis() + timeout.toMillis(); System.currentTimeMillis() < deadline; Thread.sleep(1000)) {
            String status = jdbc.sql("SELECT status FROM pipeline_runs WHERE id = :id").param("id", run)
                    .query(String.class).optional().orElse("");
            if (status.equals("succeeded")) {
                return;
            }
            assertThat(status).as("run " + run).isNotEqualTo("failed");
        }
        throw new AssertionError("run " + run + " did not finish within " + timeout);
    }
}
