package com.wedsync.ml.platform.config;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platform's one clock. Every "today" and every timestamp the platform writes comes from this bean
 * (handed as a value into {@code pipelines} and {@code models}); no other production class reads the
 * system time, which {@code TimeSourceArchitectureTest} enforces. JobRunr keeps its own scheduling clock.
 *
 * <p>By default the system clock in UTC. With {@code wedsync.clock.fixed-date} (environment
 * {@code WEDSYNC_CLOCK_FIXED_DATE}, e.g. {@code 2027-03-15}) the clock starts at midnight UTC of that
 * date when the application starts and runs on from there, so that "today" is that date while
 * timestamps still advance and order: for demos, tests and backfills.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClockProperties.class)
class ClockConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClockConfiguration.class);

    @Bean
    Clock clock(ClockProperties properties) {
        Clock system = Clock.systemUTC();
        if (properties.fixedDate() == null) {
            return system;
        }
        log.info("platform clock: today is {} (wedsync.clock.fixed-date), not the system date", properties.fixedDate());
        return Clock.offset(system, Duration.between(system.instant(), properties.fixedDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
    }
}
