/**
 * Chart geometry for the analytics page, as plain values with no Spring in them: a {@link
 * com.wedsync.ml.platform.analytics.chart.LinearScale} from values to pixels, "nice" axis {@link
 * com.wedsync.ml.platform.analytics.chart.Ticks}, a {@link com.wedsync.ml.platform.analytics.chart.LineChart}
 * over evenly spaced categories (months) that turns series into SVG path data, a {@link
 * com.wedsync.ml.platform.analytics.chart.Histogram} with its bars, and the {@link
 * com.wedsync.ml.platform.analytics.chart.Distribution} (count, median, total) of a set of values.
 *
 * <p>One rule for values that are not finite (NaN, infinities) everywhere: they are never drawn nor
 * printed. A line or band has a gap where one is (its path is broken and resumes after it), a histogram
 * and a distribution leave it out and count it in {@code leftOut}, and a scale refuses to map one.
 */
package com.wedsync.ml.platform.analytics.chart;
