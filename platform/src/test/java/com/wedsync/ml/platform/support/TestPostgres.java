package com.wedsync.ml.platform.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL server that tests use: a Testcontainers container where a Docker engine
 * exists, otherwise an embedded PostgreSQL (zonky). Never H2, never a mock. One server per test
 * JVM; each caller can ask for a fresh, empty database on it.
 */
public final class TestPostgres {

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static final AtomicInteger databases = new AtomicInteger();
    private static volatile Server server;

    private TestPostgres() {
    }

    /** Connection details of one database. */
    public record Database(String jdbcUrl, String username, String password) {
        public Connection connect() throws SQLException {
            return java.sql.DriverManager.getConnection(jdbcUrl, username, password);
        }
    }

    private record Server(String host, int port, String username, String password, String adminDatabase) {
        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** A new, empty database on the shared server. */
    public static Database freshDatabase() {
        Server s = server();
        String name = "wedsync_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = java.sql.DriverManager.getConnection(s.url(s.adminDatabase()), s.username(), s.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Database(s.url(name), s.username(), s.password());
    }

    private static Server server() {
        Server s = server;
        if (s == null) {
            synchronized (TestPostgres.class) {
                s = server;
                if (s == null) {
                    s = start();
                    server = s;
                }
            }
        }
        return s;
    }

    private static Server start() {
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:18-alpine");
            container.start();
            log.info("Tests use PostgreSQL in a Testcontainers container");
            return new Server(container.getHost(), container.getFirstMappedPort(),
                    container.getUsername(), container.getPassword(), container.getDatabaseName());
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            log.info("No Docker engine: tests use an embedded PostgreSQL on port {}", postgres.getPort());
            return new Server("localhost", postgres.getPort(), "postgres", "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL for tests", e);
        }
    }

    private static boolean dockerAvailable() {
        boolean dockerConfigured = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
        if (!dockerConfigured) {
            return false; // no engine to ask: skip Testcontainers' noisy probe
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
