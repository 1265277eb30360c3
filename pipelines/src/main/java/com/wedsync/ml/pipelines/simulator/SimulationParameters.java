package com.wedsync.ml.pipelines.simulator;

import java.time.LocalDate;

/**
 * What to simulate.
 *
 * @param seed           the same seed gives the same rows
 * @param suppliers      suppliers created over the whole history (those present at the start included)
 * @param months         months of history, ending on {@code endDate}
 * @param endDate        the simulated marketplace's "today": rows are dated strictly before it
 * @param driftMonth     months before the end at which the planted product change starts; 0: no drift
 * @param anomalies      plant the default run's two: a revenue dip (10 months before the end) and an invitation-rate
 *                       drop (8 months before it), each a calendar month long
 * @param seededAnomalies how many more anomalies to plant, their types (revenue dip, churn spike, invitation drop,
 *                       usage collapse, support surge), magnitudes, lengths (7 to 21 days) and dates drawn from the seed,
 *                       one in each equal slot of the last {@link #SEEDED_MONTHS} months (fewer when the history is short);
 *                       0 and {@code anomalies = false}: a marketplace with no planted anomaly
 */
public record SimulationParameters(long seed, int suppliers, int months, LocalDate endDate, int driftMonth,
                                   boolean anomalies, int seededAnomalies) {

    public static final int DEFAULT_DRIFT_MONTH = 6;
    /** The seeded anomalies fall in this many months before the end (the earlier ones are the detector's look-back). */
    public static final int SEEDED_MONTHS = 24;

    /** The default run's two anomalies or none, and no seeded ones. */
    public SimulationParameters(long seed, int suppliers, int months, LocalDate endDate, int driftMonth, boolean anomalies) {
        this(seed, suppliers, months, endDate, driftMonth, anomalies, 0);
    }

    public SimulationParameters {
        if (seededAnomalies < 0 || seededAnomalies > 40) {
            throw new IllegalArgumentException("seeded anomalies must be 0 to 40 (got " + seededAnomalies + ")");
        }
        if (seededAnomalies > 0 && months < 16) {
            throw new IllegalArgumentException("seeded anomalies need at least 16 months of history: a year of look-back before "
                    + "the first (got " + months + ")");
        }
        if (suppliers < 1) {
            throw new IllegalArgumentException("wedsync.simulator.suppliers must be at least 1 (got " + suppliers
                    + "): set WEDSYNC_SIMULATOR_SUPPLIERS to a positive number of suppliers, e.g. 3000");
        }
        if (suppliers > 5_000_000) {
            throw new IllegalArgumentException("wedsync.simulator.suppliers must be at most 5,000,000 (got " + suppliers + ")");
        }
        if (months < 1 || months > 240) {
            throw new IllegalArgumentException("wedsync.simulator.months must be between 1 and 240 (got " + months
                    + "): set WEDSYNC_SIMULATOR_MONTHS, e.g. 36");
        }
        if (endDate == null) {
            throw new IllegalArgumentException("the simulation needs an end date");
        }
        if (driftMonth < 0 || driftMonth >= months) {
            throw new IllegalArgumentException("the drift month must be between 0 (none) and months - 1 (got " + driftMonth + ")");
        }
    }

    /** The defaults: drift 6 months before the end, anomalies planted, ending today. */
    public static SimulationParameters of(long seed, int suppliers, int months, LocalDate endDate) {
        return new SimulationParameters(seed, suppliers, months, endDate, months > DEFAULT_DRIFT_MONTH ? DEFAULT_DRIFT_MONTH : 0,
                months >= 12);
    }

    /** The same marketplace with {@code n} seeded anomalies instead of the default two (n = 0: none at all). */
    public SimulationParameters withSeededAnomalies(int n) {
        return new SimulationParameters(seed, suppliers, months, endDate, driftMonth, false, n);
    }

    /** The same marketplace with no planted anomaly at all (the drift, if any, stays). */
    public SimulationParameters withoutAnomalies() {
        return withSeededAnomalies(0);
    }

    /** The months the seeded anomalies fall in: the last {@link #SEEDED_MONTHS}, leaving at least 12 before them. */
    public int seededMonths() {
        return Math.min(SEEDED_MONTHS, months - 12);
    }

    /**
     * The first simulated day: the first of a calendar month, so that {@code months} calendar months
     * are simulated, the last of them (the end date's month) up to the end date.
     */
    public LocalDate startDate() {
        return endDate.minusDays(1).withDayOfMonth(1).minusMonths(months - 1L);
    }
}
