package com.wedsync.ml.platform.analytics.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart over categories evenly spaced along x (months, say) with values on a linear y axis:
 * the y axis runs over {@link Ticks#nice nice ticks} that span every finite value of the series it was
 * made for, and the chart turns series into SVG path data ({@code d} attributes).
 *
 * <p>A value that is not finite is a gap: the line stops at the point before it and resumes, with a
 * new move, at the point after it; it does not count towards the y axis either.
 */
public final class LineChart {

    private final Frame frame;
    private final List<String> categories;
    private final Ticks ticks;
    private final LinearScale y;

    private LineChart(Frame frame, List<String> categories, Ticks ticks) {
        this.frame = frame;
        this.categories = List.copyOf(categories);
        this.ticks = ticks;
        this.y = new LinearScale(ticks.lo(), ticks.hi(), frame.plotBottom(), frame.plotTop());
    }

    /**
     * A chart whose y axis spans every finite value of the series (from 0 to 1 when there is none).
     *
     * @param categories the labels of the x positions, left to right
     * @param maxYTicks  the most ticks (and gridlines) on the y axis
     * @param series     the values the y axis must hold; only their range is used here
     */
    public static LineChart of(Frame frame, List<String> categories, int maxYTicks, List<double[]> series) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] s : series) {
            for (double v : s) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return new LineChart(frame, categories, lo <= hi ? Ticks.nice(lo, hi, maxYTicks) : Ticks.nice(0, 1, maxYTicks));
    }

    /**
     * A forecast that starts at the last actual value, so that its line joins the actual line and its band fans
     * out from it: the last of {@code actual}, then {@code value} of each month ahead (the forecast alone when
     * there is no actual). Draw it from {@link #joinIndex}.
     */
    public static <T> double[] joined(double[] actual, List<T> ahead, java.util.function.ToDoubleFunction<T> value) {
        double[] forecast = ahead.stream().mapToDouble(value).toArray();
        if (actual.length == 0) {
            return forecast;
        }
        double[] out = new double[forecast.length + 1];
        out[0] = actual[actual.length - 1];
        System.arraycopy(forecast, 0, out, 1, forecast.length);
        return out;
    }

    /** The category a {@link #joined} forecast is drawn from: the last actual one (0 without any). */
    public static int joinIndex(int actuals) {
        return Math.max(0, actuals - 1);
    }

    public Frame frame() {
        return frame;
    }

    public List<String> categories() {
        return categories;
    }

    /** The pixel of the category at an index: the first at the plot's left edge, the last at its right, one alone in the middle. */
    public double x(int index) {
        if (index < 0 || index >= categories.size()) {
            throw new IllegalArgumentException("category " + index + " of " + categories.size());
        }
        int n = categories.size();
        return n == 1 ? frame.plotLeft() + frame.plotWidth() / 2.0 : frame.plotLeft() + (double) frame.plotWidth() * index / (n - 1);
    }

    /** The pixel of a value: the lowest tick at the plot's bottom, the highest at its top. Refuses a value that is not finite. */
    public double y(double value) {
        return y.map(value);
    }

    /**
     * The path of a series whose first value sits at category {@code offset}: "M x y L x y ...", with a
     * gap (a new "M") after each value that is not finite; empty when no value is finite. A single point
     * is a move alone, which draws nothing.
     */
    public String line(double[] values, int offset) {
        checkFits(values.length, offset);
        StringBuilder d = new StringBuilder();
        boolean penDown = false;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                penDown = false;
                continue;
            }
            if (!d.isEmpty()) {
                d.append(' ');
            }
            d.append(penDown ? 'L' : 'M').append(point(offset + i, values[i]));
            penDown = true;
        }
        return d.toString();
    }

    /**
     * The closed area between two series from category {@code offset} on: along the upper series, back
     * along the lower one, closed. Where either value is not finite the area has a gap: each run of
     * points with both values finite is a closed shape of its own. Empty when there is no such point.
     */
    public String area(double[] upper, double[] lower, int offset) {
        if (upper.length != lower.length) {
            throw new IllegalArgumentException("an area needs as many upper values as lower ones, got " + upper.length + " and " + lower.length);
        }
        checkFits(upper.length, offset);
        List<String> shapes = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= upper.length; i++) {
            boolean finite = i < upper.length && Double.isFinite(upper[i]) && Double.isFinite(lower[i]);
            if (finite && start < 0) {
                start = i;
            } else if (!finite && start >= 0) {
                StringBuilder d = new StringBuilder();
                for (int j = start; j < i; j++) {
                    d.append(j == start ? "M" : " L").append(point(offset + j, upper[j]));
                }
                for (int j = i - 1; j >= start; j--) {
                    d.append(" L").append(point(offset + j, lower[j]));
                }
                shapes.add(d.append(" Z").toString());
                start = -1;
            }
        }
        return String.join(" ", shapes);
    }

    /**
     * A marker per finite value of a series whose first value sits at category {@code offset}, labelled
     * "category: " + {@code label} of the value's index (the hover text).
     */
    public List<Marker> markers(double[] values, int offset, java.util.function.IntFunction<String> label) {
        checkFits(values.length, offset);
        List<Marker> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                out.add(new Marker(coordinate(x(offset + i)), coordinate(y(values[i])), categories.get(offset + i) + ": " + label.apply(i)));
            }
        }
        return out;
    }

    /** The y axis: its ticks, each with a gridline across the plot. */
    public List<Tick> yTicks() {
        return ticks.on(y);
    }

    /** The tick values of the y axis and their labels' format. */
    public Ticks ticks() {
        return ticks;
    }

    /**
     * The x axis: every k-th category labelled, from the first, k the smallest step that keeps the
     * labels to at most {@code maxLabels} (one label per category when they fit).
     */
    public List<Tick> xTicks(int maxLabels) {
        if (maxLabels < 1) {
            throw new IllegalArgumentException("an axis needs at least one label, asked for " + maxLabels);
        }
        int every = Math.max(1, (categories.size() + maxLabels - 1) / maxLabels);
        List<Tick> out = new ArrayList<>();
        for (int i = 0; i < categories.size(); i += every) {
            out.add(new Tick(i, Ticks.round(x(i)), categories.get(i)));
        }
        return out;
    }

    private void checkFits(int length, int offset) {
        if (length > 0 && (offset < 0 || offset + length > categories.size())) {
            throw new IllegalArgumentException(length + " values from category " + offset + " do not fit in " + categories.size());
        }
    }

    private String point(int index, double value) {
        return coordinate(x(index)) + " " + coordinate(y(value));
    }

    /** A pixel as SVG path data writes it here: one decimal, a point for the decimal separator. */
    public static String coordinate(double pixel) {
        return String.format(Locale.ROOT, "%.1f", pixel);
    }
}
