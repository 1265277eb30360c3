package com.wedsync.ml.platform.api;

/** The thing a request names does not exist. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
