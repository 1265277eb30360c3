package com.wedsync.ml.models.anomaly;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Metrics observed day by day as a numerator over a denominator (sessions over active suppliers, failed
 * payments over payments, ...) on consecutive calendar days from {@code firstDay}. Keeping the two apart,
 * rather than the ratio, lets a window's rate be a ratio of sums (days with a zero denominator count for
 * nothing instead of dividing by zero) and lets the baseline tell a small count from a small rate.
 *
 * @param numerators   {@code numerators[metric][day]}, finite and not negative
 * @param denominators {@code denominators[metric][day]}, finite and not negative
 * @param units        per metric, the size of one event in its numerator: 1 for counts, a typical amount
 *                     for money (the mean payment, say); the baseline's pseudo-count, so that "one event
 *                     more or less" weighs the same whatever the unit
 */
public record DailyRates(LocalDate firstDay, List<String> metrics, double[][] numerators, double[][] denominators,
                         double[] units) {

    /** Metrics that all count events (unit 1). */
    public DailyRates(LocalDate firstDay, List<String> metrics, double[][] numerators, double[][] denominators) {
        this(firstDay, metrics, numerators, denominators, ones(metrics.size()));
    }

    private static double[] ones(int n) {
        double[] u = new double[n];
        java.util.Arrays.fill(u, 1.0);
        return u;
    }

    public DailyRates {
        Objects.requireNonNull(firstDay, "firstDay");
        metrics = List.copyOf(metrics);
        if (units == null || units.length != metrics.size()) {
            throw new IllegalArgumentException(metrics.size() + " metrics but " + (units == null ? "no" : units.length) + " units");
        }
        for (int m = 0; m < units.length; m++) {
            if (!(units[m] > 0) || Double.isInfinite(units[m])) {
                throw new IllegalArgumentException("metric '" + metrics.get(m) + "' has unit " + units[m] + ": it must be positive");
            }
        }
        if (numerators.length != metrics.size() || denominators.length != metrics.size()) {
            throw new IllegalArgumentException(metrics.size() + " metrics but " + numerators.length + " numerator and "
                    + denominators.length + " denominator series");
        }
        int days = metrics.isEmpty() ? 0 : numerators[0].length;
        for (int m = 0; m < metrics.size(); m++) {
            if (numerators[m].length != days || denominators[m].length != days) {
                throw new IllegalArgumentException("metric '" + metrics.get(m) + "' has " + numerators[m].length + " numerators and "
                        + denominators[m].length + " denominators; the first metric has " + days + " days");
            }
            for (int d = 0; d < days; d++) {
                if (!(numerators[m][d] >= 0) || !(denominators[m][d] >= 0) || Double.isInfinite(numerators[m][d])
                        || Double.isInfinite(denominators[m][d])) {
                    throw new IllegalArgumentException("metric '" + metrics.get(m) + "' on " + firstDay.plusDays(d) + " is "
                            + numerators[m][d] + " / " + denominators[m][d] + ": counts and amounts must be finite and not negative");
                }
            }
        }
    }

    public int days() {
        return metrics.isEmpty() ? 0 : numerators[0].length;
    }

    public LocalDate day(int index) {
        return firstDay.plusDays(index);
    }

    /** The index of a day, which may be outside 0..days()-1. */
    public int indexOf(LocalDate day) {
        return (int) (day.toEpochDay() - firstDay.toEpochDay());
    }

    public int metricIndex(String metric) {
        int i = metrics.indexOf(metric);
        if (i < 0) {
            throw new IllegalArgumentException("no metric '" + metric + "' in " + metrics);
        }
        return i;
    }

    /** The first {@code days} days only (what was known at the end of day {@code days - 1}). */
    public DailyRates head(int days) {
        if (days < 0 || days > days()) {
            throw new IllegalArgumentException("head(" + days + ") of " + days() + " days");
        }
        double[][] n = new double[metrics.size()][];
        double[][] d = new double[metrics.size()][];
        for (int m = 0; m < metrics.size(); m++) {
            n[m] = java.util.Arrays.copyOf(numerators[m], days);
            d[m] = java.util.Arrays.copyOf(denominators[m], days);
        }
        return new DailyRates(firstDay, metrics, n, d, units);
    }
}
