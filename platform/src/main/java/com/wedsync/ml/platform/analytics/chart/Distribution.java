package com.wedsync.ml.platform.analytics.chart;

import java.util.Arrays;

/**
 * The count, median and total of a set of values, of its finite values only: values that are not
 * finite are left out and counted in {@code leftOut}.
 */
public record Distribution(int count, double median, double total, int leftOut) {

    /** @throws IllegalArgumentException when no value is finite: there is no median of nothing */
    public static Distribution of(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        return new Distribution(finite.length, medianOfSorted(finite), Arrays.stream(finite).sum(), values.length - finite.length);
    }

    /**
     * The median of the finite values: the middle one of an odd count, the mean of the two middle ones of
     * an even count.
     *
     * @throws IllegalArgumentException when no value is finite
     */
    public static double medianOf(double... values) {
        return medianOfSorted(Arrays.stream(values).filter(Double::isFinite).sorted().toArray());
    }

    private static double medianOfSorted(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("no median of no finite values");
        }
        return n % 2 == 1 ? sorted[n / 2] : sorted[n / 2 - 1] / 2 + sorted[n / 2] / 2;
    }
}
