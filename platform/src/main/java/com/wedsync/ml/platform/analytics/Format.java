package com.wedsync.ml.platform.analytics;

import java.util.Locale;

/**
 * How the page's templates print numbers (as {@code ${fmt.money(x)}}): never "NaN" nor "Infinity", a
 * value that is not finite prints as "-", as any other missing value on the page does.
 */
public final class Format {

    /** The one instance the templates get as {@code fmt}. */
    public static final Format PAGE = new Format();

    private Format() {
    }

    /** An amount rounded to the unit with grouped thousands: "12,345". */
    public String money(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.0f", value + 0.0) : "-";
    }
}
