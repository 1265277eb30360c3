package com.wedsync.ml.platform.api;

/** A request whose named field is wrong. */
public class BadRequestException extends RuntimeException {

    private final String field;

    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** {@code value} if it is within [min, max], else a 400 naming the parameter and its range (no silent clamping). */
    public static int inRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new BadRequestException(field, field + " must be " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    public String field() {
        return field;
    }
}
