package com.wedsync.ml.platform.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL of the default run, used only when {@code SPRING_DATASOURCE_URL} is not set.
 *
 * @param dataDirectory where its data is kept between runs
 * @param port          its port; 0 picks any free port
 */
@ConfigurationProperties("wedsync.embedded-postgres")
public record EmbeddedPostgresProperties(Path dataDirectory, int port) {
}
