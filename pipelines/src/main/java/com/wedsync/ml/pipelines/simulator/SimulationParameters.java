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
 * @param anomalies      plant a revenue dip and an invitation-rate drop
 */
public record SimulationParameters(long seed, int suppliers, int months, LocalDate endDate, int driftMonth,
                                   boolean anomalies) {

    public static final int DEFAULT_DRIFT_MONTH = 6;

    public SimulationParameters {
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

    /**
     * The first simulated day: the first of a calendar month, so that {@code months} calendar months
     * are simulated, the last of them (the end date's month) up to the end date.
     */
    public LocalDate startDate() {
        return endDate.minusDays(1).withDayOfMonth(1).minusMonths(months - 1L);
    }
}
