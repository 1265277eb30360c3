package com.wedsync.ml.platform.analytics.chart;

/**
 * A point of a series at its pixel, with what a person hovering over it reads (an SVG {@code <title>}): the
 * category and the value, e.g. "2026-03: baseline 101,500 (80% band 99,800 to 103,100)".
 */
public record Marker(String x, String y, String label) {
}
