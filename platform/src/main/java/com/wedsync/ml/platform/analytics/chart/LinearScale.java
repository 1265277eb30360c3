package com.wedsync.ml.platform.analytics.chart;

/**
 * A linear map from a domain of values to a range of pixels; the range may run backwards (an SVG y
 * axis grows downwards, so a value axis maps its low end to the bottom pixel).
 */
public record LinearScale(double domainLo, double domainHi, double rangeLo, double rangeHi) {

    public LinearScale {
        if (!Double.isFinite(domainLo) || !Double.isFinite(domainHi) || !(domainLo < domainHi)) {
            throw new IllegalArgumentException("a scale needs a finite domain lo < hi, got [" + domainLo + ", " + domainHi + "]");
        }
        if (!Double.isFinite(rangeLo) || !Double.isFinite(rangeHi)) {
            throw new IllegalArgumentException("a scale needs a finite range, got [" + rangeLo + ", " + rangeHi + "]");
        }
    }

    /**
     * The pixel of a value; values outside the domain map outside the range (nothing is clipped).
     *
     * @throws IllegalArgumentException for NaN or an infinity: such a value has no place on a chart
     */
    public double map(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite value: " + value);
        }
        return rangeLo + (rangeHi - rangeLo) * (value - domainLo) / (domainHi - domainLo);
    }
}
