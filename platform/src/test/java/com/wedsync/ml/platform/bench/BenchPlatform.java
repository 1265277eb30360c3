package com.wedsync.ml.platform.bench;

import java.io.IOException;
import java.nio.file.Files;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.wedsync.ml.platform.WedSyncMlApplication;

/** The platform as the benchmarks run it: a fresh embedded PostgreSQL, nothing started by itself, quiet logs. */
final class BenchPlatform {

    private BenchPlatform() {
    }

    static ConfigurableApplicationContext start(String name) throws IOException {
        // command-line arguments: they override application.yml (builder properties would not)
        return new SpringApplicationBuilder(WedSyncMlApplication.class).run(
                "--wedsync.embedded-postgres.data-directory=" + Files.createTempDirectory("wedsync-" + name),
                "--wedsync.simulator.load-on-startup=false",
                "--wedsync.pipelines.run-on-startup=false",
                "--jobrunr.background-job-server.enabled=false",
                "--jobrunr.dashboard.enabled=false",
                "--server.port=0",
                "--wedsync.security.admin-password=" + com.wedsync.ml.platform.support.Api.ADMIN_PASSWORD,
                "--logging.level.root=WARN");
    }

    static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
