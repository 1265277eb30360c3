package com.wedsync.ml.models.forecast;

import java.time.YearMonth;
import java.util.List;

/** Consecutive calendar months of one quantity, from {@code start}. */
public record MonthlySeries(YearMonth start, double[] values) {

    public MonthlySeries {
        if (start == null) {
            throw new IllegalArgumentException("a monthly series needs its first month");
        }
        for (int t = 0; t < values.length; t++) {
            if (!Double.isFinite(values[t])) {
                throw new IllegalArgumentException(start.plusMonths(t) + ": value is " + values[t]);
            }
        }
        values = values.clone();
    }

    /** Several series summed month by month; they must cover the same months. */
    public static MonthlySeries sum(List<MonthlySeries> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to sum: no series");
        }
        MonthlySeries first = parts.get(0);
        double[] v = new double[first.size()];
        for (MonthlySeries p : parts) {
            if (!p.start.equals(first.start) || p.size() != first.size()) {
                throw new IllegalArgumentException("series to sum must cover the same months: " + first.start + " + "
                        + first.size() + " months against " + p.start + " + " + p.size());
            }
            for (int t = 0; t < v.length; t++) {
                v[t] += p.values[t];
            }
        }
        return new MonthlySeries(first.start, v);
    }

    public int size() {
        return values.length;
    }

    public double get(int t) {
        return values[t];
    }

    public YearMonth month(int t) {
        return start.plusMonths(t);
    }

    public YearMonth last() {
        return start.plusMonths(values.length - 1L);
    }

    /** The first {@code months} months. */
    public MonthlySeries head(int months) {
        return new MonthlySeries(start, java.util.Arrays.copyOf(values, months));
    }

    /** The values, a copy. */
    public double[] toArray() {
        return values.clone();
    }

    public boolean strictlyPositive() {
        for (double v : values) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }
}
