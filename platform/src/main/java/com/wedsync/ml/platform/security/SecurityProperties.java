package com.wedsync.ml.platform.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminPassword     the first start's {@code admin} password ({@code WEDSYNC_ADMIN_PASSWORD}); empty: one is
 *                          generated, printed once to the log and stored hashed. Read only when no user exists yet.
 * @param tokenLifetime     how long a token lives when its creator does not say
 * @param failuresBeforeThrottle failed sign-ins on one name that are answered 401 before the throttle starts
 * @param firstBackOff      the first wait after {@code failuresBeforeThrottle} failures; each further failure doubles it
 * @param maximumBackOff    the longest wait
 */
@ConfigurationProperties("wedsync.security")
public record SecurityProperties(String adminPassword, @DefaultValue("P90D") Duration tokenLifetime,
                                 @DefaultValue("5") int failuresBeforeThrottle, @DefaultValue("PT1S") Duration firstBackOff,
                                 @DefaultValue("PT15M") Duration maximumBackOff) {
}
