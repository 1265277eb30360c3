package com.wedsync.ml.platform.analytics.chart;

/**
 * The box of an SVG chart in pixels: its width and height, and the margins around the plot area that
 * hold the axes' labels.
 */
public record Frame(int width, int height, int left, int right, int top, int bottom) {

    public Frame {
        if (left < 0 || right < 0 || top < 0 || bottom < 0 || left + right >= width || top + bottom >= height) {
            throw new IllegalArgumentException("margins " + left + "/" + right + "/" + top + "/" + bottom
                    + " leave no plot area in " + width + "x" + height);
        }
    }

    /** The left edge of the plot area: where the y axis is drawn. */
    public int plotLeft() {
        return left;
    }

    public int plotRight() {
        return width - right;
    }

    public int plotTop() {
        return top;
    }

    /** The bottom edge of the plot area: where the x axis is drawn. */
    public int plotBottom() {
        return height - bottom;
    }

    public int plotWidth() {
        return plotRight() - plotLeft();
    }

    public int plotHeight() {
        return plotBottom() - plotTop();
    }
}
