package com.wedsync.ml.platform.registry;

/** No such model version. */
public class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(String message) {
        super(message);
    }
}
