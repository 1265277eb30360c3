package com.wedsync.ml.platform.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Waits for a pipeline run to succeed, failing the test at once if it fails. */
public final class AwaitRun {

    private AwaitRun() {
    }

    public static void succeeded(JdbcClient jdbc, UUID run, Duration timeout) {
        await("run " + run + " succeeds").atMost(timeout).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String status = jdbc.sql("SELECT status FROM pipeline_runs WHERE id = :id").param("id", run)
                    .query(String.class).optional().orElse("");
            assertThat(status).as("run " + run).isNotEqualTo("failed");
            return status.equals("succeeded");
        });
    }
}
