package com.wedsync.ml.platform.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.jobrunr.scheduling.cron.CronExpression;

/**
 * How often a cron schedule really runs: the shortest gap between two consecutive occurrences, found by
 * walking its occurrences (JobRunr's own parser, in UTC as JobRunr schedules them) over four years from a
 * fixed start, which covers every combination of months, weekdays and leap days. {@code 0,1 0 1 1 *} runs
 * only once a year but twice within a minute: its gap is one minute, whatever its average.
 */
public final class ScheduleInterval {

    /** The walk's start: fixed, so the answer does not depend on the day it is asked. */
    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant UNTIL = FROM.plus(Duration.ofDays(4 * 366));

    private ScheduleInterval() {
    }

    /**
     * The first gap shorter than {@code minimum} between two occurrences of {@code cron}, or empty when there is none.
     */
    public static Optional<Duration> gapBelow(String cron, Duration minimum) {
        if (minimum.isNegative() || minimum.isZero()) {
            return Optional.empty();
        }
        CronExpression c = new CronExpression(cron);
        Instant previous = c.next(FROM, FROM, ZoneOffset.UTC);
        while (previous.isBefore(UNTIL)) {
            Instant next = c.next(FROM, previous, ZoneOffset.UTC);
            Duration gap = Duration.between(previous, next);
            if (gap.compareTo(minimum) < 0) {
                return Optional.of(gap);
            }
            // occurrences at least `minimum` apart: at most 4 years / minimum steps
            previous = next;
        }
        return Optional.empty();
    }
}
