package com.wedsync.ml.platform.analytics.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart's legend: one entry per drawn series, a swatch in the series' own CSS class (a line, or a box for an
 * area) and its name, laid out in a row along the top of the plot.
 */
public record Legend(List<Entry> entries) {

    /** @param swatch "line" or "area"; @param cssClass the series' class, so the swatch looks like it */
    public record Entry(String cssClass, String swatch, String label, double x, double y) {
        public boolean area() {
            return "area".equals(swatch);
        }
    }

    /** One row from the plot's top-left corner, each entry {@code step} pixels wide. */
    public static Legend of(Frame frame, int step, String... classSwatchLabel) {
        if (classSwatchLabel.length % 3 != 0) {
            throw new IllegalArgumentException("a legend entry is a CSS class, a swatch and a label");
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < classSwatchLabel.length / 3; i++) {
            out.add(new Entry(classSwatchLabel[3 * i], classSwatchLabel[3 * i + 1], classSwatchLabel[3 * i + 2],
                    frame.plotLeft() + 8 + i * step, frame.plotTop() + 8));
        }
        return new Legend(out);
    }
}
