package com.wedsync.ml.pipelines.spi;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a model says about one row (or, for a {@link Forecaster}, about the periods ahead), as the API shows
 * it and the prediction log keeps it: a record of the kind's own, written to JSON by its components. It
 * never holds NaN.
 */
public interface Prediction {

    /** Its confidence in [0, 1], when it states one: logged beside the prediction. */
    default Double confidence() {
        return null;
    }

    /** A value built as a whole elsewhere (e.g. by a model class of {@code models}), shown as it is. */
    static Prediction of(Object value) {
        return new Wrapped(value);
    }

    /** {@link #of(Object)}'s prediction: writes as its value. */
    record Wrapped(@JsonValue Object value) implements Prediction {
    }
}
