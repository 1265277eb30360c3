package com.wedsync.ml.platform.support;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The dates tests run at. Every test that builds a marketplace ends it at the platform clock's today,
 * which {@link PostgresIntegrationTest} fixes to {@link #base()}: the whole suite, or one class, runs at
 * another date with one variable ({@code -Dwedsync.test.base-date=2027-03-15} or
 * {@code WEDSYNC_TEST_BASE_DATE=2027-03-15}), and passes on any day of the year it is run.
 *
 * <p>The default is the end of the wedding low season; {@link #contrasting()} is six months later, the
 * end of the peak, for the tests whose figures depend on the season.
 */
public final class TestDates {

    /** The default base date: the end of the low season (January and February are the quietest months). */
    public static final LocalDate DEFAULT_BASE_DATE = LocalDate.of(2026, 2, 28);

    private TestDates() {
    }

    /** The date the platform clock takes as today in tests. */
    public static LocalDate base() {
        String configured = System.getProperty("wedsync.test.base-date");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("WEDSYNC_TEST_BASE_DATE");
        }
        if (configured == null || configured.isBlank()) {
            return DEFAULT_BASE_DATE;
        }
        try {
            return LocalDate.parse(configured.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("wedsync.test.base-date / WEDSYNC_TEST_BASE_DATE must be a date like 2027-03-15, got '"
                    + configured + "'", e);
        }
    }

    /** Six months after {@link #base()}: the other end of the wedding season. */
    public static LocalDate contrasting() {
        return base().plusMonths(6);
    }
}
