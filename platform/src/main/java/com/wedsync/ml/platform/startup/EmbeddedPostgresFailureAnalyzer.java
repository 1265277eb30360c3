package com.wedsync.ml.platform.startup;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/** Recognises the embedded PostgreSQL of the default run failing to start and says what to do. */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class EmbeddedPostgresFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    public EmbeddedPostgresFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        if (!Causes.stackMentions(failure, "io.zonky.test.db.postgres.embedded.EmbeddedPostgres")) {
            return null;
        }
        Throwable root = Causes.root(failure);
        String dir = environment.getProperty("wedsync.embedded-postgres.data-directory", "~/.wedsync/pgdata");
        return new FailureAnalysis(
                "the embedded PostgreSQL did not start (data directory " + dir + "): " + root.getMessage(),
                "check that no other platform instance uses " + dir + " and that it is writable, or set "
                        + "WEDSYNC_EMBEDDED_POSTGRES_DATA_DIRECTORY to another directory, or point "
                        + "SPRING_DATASOURCE_URL at an external PostgreSQL.",
                failure);
    }
}
