package com.wedsync.ml.platform.config;

import java.time.LocalDate;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wedsync.clock.*}: the platform clock's settings.
 *
 * @param fixedDate when set, the date the platform takes as today at start (see {@link ClockConfiguration});
 *                  unset, the system clock
 */
@ConfigurationProperties("wedsync.clock")
public record ClockProperties(LocalDate fixedDate) {
}
