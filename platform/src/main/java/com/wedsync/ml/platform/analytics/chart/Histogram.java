package com.wedsync.ml.platform.analytics.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts of values in equal-width bins from {@code lo} to {@code hi}: from 0 (or the lowest value, when
 * one is negative) to the highest value, which falls in the last bin. Values that are not finite are
 * left out of every bin and counted in {@code leftOut}.
 *
 * @param bins    ascending; each holds the values v with bin.lo &lt;= v &lt; bin.hi, the last also v == hi
 * @param leftOut how many values were not finite
 */
public record Histogram(double lo, double hi, List<Bin> bins, int leftOut) {

    public Histogram {
        bins = List.copyOf(bins);
    }

    /** One bin: its bounds and how many values fell in it. */
    public record Bin(double lo, double hi, int count) {
    }

    /** One bin drawn as a bar: its rectangle in pixels (as SVG attributes write them) and its bin. */
    public record Bar(String x, String y, String width, String height, Bin bin) {
    }

    /**
     * @param binCount at least 1
     */
    public static Histogram of(double[] values, int binCount) {
        if (binCount < 1) {
            throw new IllegalArgumentException("a histogram needs at least one bin, asked for " + binCount);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int leftOut = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            } else {
                leftOut++;
            }
        }
        double lo = min <= max ? Math.min(0, min) : 0;
        double hi = min <= max && max > lo ? max : lo + 1;
        double width = (hi - lo) / binCount;
        int[] counts = new int[binCount];
        for (double v : values) {
            if (Double.isFinite(v)) {
                counts[Math.min(binCount - 1, (int) ((v - lo) / width))]++;
            }
        }
        List<Bin> bins = new ArrayList<>(binCount);
        for (int b = 0; b < binCount; b++) {
            bins.add(new Bin(lo + width * b, b == binCount - 1 ? hi : lo + width * (b + 1), counts[b]));
        }
        return new Histogram(lo, hi, bins, leftOut);
    }

    /** How many values are in the bins (the finite ones). */
    public int count() {
        return bins.stream().mapToInt(Bin::count).sum();
    }

    public int tallest() {
        return bins.stream().mapToInt(Bin::count).max().orElse(0);
    }

    /** The count axis: integer ticks from 0 to at least the tallest bin. */
    public Ticks countTicks(int maxTicks) {
        return Ticks.integers(0, Math.max(1, tallest()), maxTicks);
    }

    /** The count axis placed along a frame's plot area, bottom (0) to top. */
    public List<Tick> countAxis(Frame frame, int maxTicks) {
        return countTicks(maxTicks).on(countScale(frame, maxTicks));
    }

    /**
     * The bars in a frame's plot area: equal widths side by side with {@code gap} pixels between two,
     * heights on the count axis of {@link #countTicks}.
     */
    public List<Bar> bars(Frame frame, double gap, int maxTicks) {
        LinearScale y = countScale(frame, maxTicks);
        double slot = (double) frame.plotWidth() / bins.size();
        if (gap < 0 || gap >= slot) {
            throw new IllegalArgumentException("a gap of " + gap + " px does not fit bars " + slot + " px apart");
        }
        List<Bar> out = new ArrayList<>(bins.size());
        for (int b = 0; b < bins.size(); b++) {
            double top = y.map(bins.get(b).count());
            out.add(new Bar(LineChart.coordinate(frame.plotLeft() + b * slot + gap / 2), LineChart.coordinate(top),
                    LineChart.coordinate(slot - gap), LineChart.coordinate(frame.plotBottom() - top), bins.get(b)));
        }
        return out;
    }

    /**
     * The value axis: the edges of every k-th bin labelled, the first (lo) and the last (hi) always,
     * k the smallest step that keeps the labels to at most {@code maxLabels} (at least 2); when the last
     * k-th edge falls at most half a step before hi, hi takes its place. The labels show a bin's width
     * to two significant digits: no decimals for a width of 10 or more, one below 10, two below 1, ...
     */
    public List<Tick> edgeAxis(Frame frame, int maxLabels) {
        if (maxLabels < 2) {
            throw new IllegalArgumentException("a value axis needs at least 2 labels, asked for " + maxLabels);
        }
        int n = bins.size();
        int every = Math.max(1, (n + maxLabels - 2) / (maxLabels - 1));
        double width = (hi - lo) / n;
        int decimals = (int) Math.max(0, 1 - Math.floor(Math.log10(width) + 1e-9));
        LinearScale x = new LinearScale(lo, hi, frame.plotLeft(), frame.plotRight());
        List<Tick> out = new ArrayList<>();
        for (int b = 0; b <= n; b += every) {
            double edge = b == n ? hi : bins.get(b).lo();
            out.add(new Tick(edge, Ticks.round(x.map(edge)), String.format(Locale.ROOT, "%,." + decimals + "f", edge + 0.0)));
        }
        if (n % every != 0) {
            if (2 * (n % every) <= every) {
                out.remove(out.size() - 1); // at most half a step before hi: hi takes its place
            }
            out.add(new Tick(hi, Ticks.round(x.map(hi)), String.format(Locale.ROOT, "%,." + decimals + "f", hi + 0.0)));
        }
        return out;
    }

    private LinearScale countScale(Frame frame, int maxTicks) {
        return new LinearScale(0, countTicks(maxTicks).hi(), frame.plotBottom(), frame.plotTop());
    }
}
