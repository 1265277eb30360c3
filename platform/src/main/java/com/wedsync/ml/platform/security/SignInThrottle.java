package com.wedsync.ml.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@code failuresBeforeThrottle} failed sign-ins on one user name (5 by
 * default), every attempt on that name, right or wrong, is refused with 429 for a wait that starts at one
 * second and doubles with each further failure, up to 15 minutes; a successful sign-in clears the count.
 * Kept per user name (existing or not, so the answer does not tell which names exist) and in this
 * instance's memory; at most {@link #MAXIMUM_NAMES} names are tracked, the stalest forgotten first.
 */
@Component
public class SignInThrottle {

    static final int MAXIMUM_NAMES = 10_000;

    private record Failures(int count, long lastFailureMillis, long blockedUntilMillis) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SecurityProperties properties;

    SignInThrottle(Clock clock, SecurityProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    /** How long {@code username} must still wait before its next attempt is even checked, or empty. */
    public Optional<Duration> waitFor(String username) {
        Failures f = failures.get(key(username));
        long now = clock.millis();
        return f == null || f.blockedUntilMillis() <= now ? Optional.empty() : Optional.of(Duration.ofMillis(f.blockedUntilMillis() - now));
    }

    /** Records a failed attempt. */
    public void failed(String username) {
        long now = clock.millis();
        if (failures.size() >= MAXIMUM_NAMES) {
            forgetStalest(now);
        }
        failures.merge(key(username), new Failures(1, now, now), (old, one) -> {
            int count = old.count() + 1;
            int over = count - properties.failuresBeforeThrottle();
            long wait = over < 0 ? 0 : backOff(over);
            return new Failures(count, now, now + wait);
        });
    }

    /** The wait after the {@code n}-th failure beyond the allowed ones (0: the first wait). */
    long backOff(int n) {
        long first = properties.firstBackOff().toMillis();
        long max = properties.maximumBackOff().toMillis();
        return n >= 40 ? max : Math.min(max, first << n);
    }

    /** A successful sign-in: the name starts afresh. */
    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private void forgetStalest(long now) {
        failures.entrySet().removeIf(e -> e.getValue().blockedUntilMillis() <= now
                && now - e.getValue().lastFailureMillis() > properties.maximumBackOff().toMillis());
        if (failures.size() >= MAXIMUM_NAMES) {
            failures.entrySet().stream().min(java.util.Comparator.comparingLong(e -> e.getValue().lastFailureMillis()))
                    .ifPresent(e -> failures.remove(e.getKey()));
        }
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
