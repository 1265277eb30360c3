package com.wedsync.ml.platform.analytics.chart;

/**
 * One labelled tick of an axis: the value it marks, its pixel along the axis (rounded to a tenth) and
 * the text printed there.
 */
public record Tick(double value, double position, String label) {
}
