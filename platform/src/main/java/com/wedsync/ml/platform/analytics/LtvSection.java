package com.wedsync.ml.platform.analytics;

import java.util.List;

import com.wedsync.ml.platform.analytics.chart.Distribution;
import com.wedsync.ml.platform.analytics.chart.Frame;
import com.wedsync.ml.platform.analytics.chart.Histogram;
import com.wedsync.ml.platform.analytics.chart.Tick;

/**
 * The LTV section: the histogram of the latest batch's predicted values in {@link #BINS} bins, with a
 * count axis (gridlines) and a value axis at bin edges, and the count, median and total.
 *
 * @param distribution null when no prediction is a finite number
 * @param leftOut      predictions that were not finite numbers, in no bin and no total
 */
public record LtvSection(Frame frame, List<Histogram.Bar> bars, List<Tick> countTicks, List<Tick> valueTicks,
                         Distribution distribution, int leftOut) {

    static final int BINS = 20;
    static final Frame FRAME = new Frame(900, 220, 50, 20, 10, 30);
    static final double GAP = 3;
    static final int MAX_COUNT_TICKS = 5;
    static final int MAX_VALUE_LABELS = 5;

    static LtvSection of(double[] predictions) {
        Histogram h = Histogram.of(predictions, BINS);
        return new LtvSection(FRAME, h.bars(FRAME, GAP, MAX_COUNT_TICKS), h.countAxis(FRAME, MAX_COUNT_TICKS),
                h.edgeAxis(FRAME, MAX_VALUE_LABELS), h.count() == 0 ? null : Distribution.of(predictions), h.leftOut());
    }

    /** Nothing to draw: no prediction, or none that is a finite number. */
    public boolean isEmpty() {
        return distribution == null;
    }
}
