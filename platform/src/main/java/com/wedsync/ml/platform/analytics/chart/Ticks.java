package com.wedsync.ml.platform.analytics.chart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ticks at "nice" numbers: a step of 1, 2 or 5 times a power of ten, the first tick at or below
 * the lowest value and the last at or above the highest, so the ticks span the data and the axis starts
 * and ends on a label. After P. S. Heckbert, "Nice numbers for graph labels", Graphics Gems (1990), with
 * the step rounded up rather than to the nearest nice number so that there are never more ticks than
 * asked for.
 *
 * @param step   the distance between two ticks
 * @param values the ticks, ascending; at least two
 */
public record Ticks(double step, List<Double> values) {

    public Ticks {
        values = List.copyOf(values);
    }

    /**
     * Ticks for values from min to max.
     *
     * <p>A range of one value (min == max) is widened by a tenth of the value on each side (by 1 for
     * zero), so a flat series sits in the middle of its axis.
     *
     * @param maxTicks the most ticks wanted, at least 3 (a range across zero needs a tick below it, zero
     *                 and one above it)
     * @throws IllegalArgumentException for a bound that is not finite, min &gt; max or maxTicks &lt; 3
     */
    public static Ticks nice(double min, double max, int maxTicks) {
        return nice(min, max, maxTicks, 0);
    }

    /** Ticks for counts: as {@link #nice} with a step of at least 1, so no tick falls between two integers. */
    public static Ticks integers(double min, double max, int maxTicks) {
        return nice(min, max, maxTicks, 1);
    }

    private static Ticks nice(double min, double max, int maxTicks, double minStep) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("ticks need finite bounds, got " + min + " to " + max);
        }
        if (min > max) {
            throw new IllegalArgumentException("ticks need min <= max, got " + min + " > " + max);
        }
        if (maxTicks < 3) {
            throw new IllegalArgumentException("an axis needs at least 3 ticks, asked for " + maxTicks);
        }
        if (min == max) {
            double d = min == 0 ? 1 : Math.abs(min) / 10;
            min -= d;
            max += d;
        }
        double step = Math.max(minStep, niceAtLeast((max - min) / (maxTicks - 1)));
        long first;
        long last;
        while (true) {
            first = (long) Math.floor(min / step + 1e-9);
            last = (long) Math.ceil(max / step - 1e-9);
            if (last - first + 1 <= maxTicks) {
                break;
            }
            step = niceAtLeast(step * 1.5); // the next nice step: 1 -> 2 -> 5 -> 10
        }
        BigDecimal exactStep = BigDecimal.valueOf(step);
        List<Double> values = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            values.add(BigDecimal.valueOf(k).multiply(exactStep).doubleValue() + 0.0);
        }
        return new Ticks(step, values);
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least x (x &gt; 0). */
    static double niceAtLeast(double x) {
        double power = Math.pow(10, Math.floor(Math.log10(x)));
        double fraction = x / power;
        double nice = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10;
        return BigDecimal.valueOf(nice).multiply(BigDecimal.valueOf(power)).doubleValue();
    }

    public double lo() {
        return values.get(0);
    }

    public double hi() {
        return values.get(values.size() - 1);
    }

    /** Decimals a label needs to tell two ticks apart: none for a step of 1 or more, one for 0.1 or 0.5, ... */
    public int decimals() {
        return (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    }

    /** A tick's label: grouped thousands, {@link #decimals()} decimals, never "-0". */
    public String label(double value) {
        return String.format(Locale.ROOT, "%,." + decimals() + "f", value + 0.0);
    }

    /** The ticks placed along an axis by a scale whose domain they span. */
    public List<Tick> on(LinearScale scale) {
        return values.stream().map(v -> new Tick(v, round(scale.map(v)), label(v))).toList();
    }

    static double round(double pixel) {
        return Math.round(pixel * 10) / 10.0;
    }
}
