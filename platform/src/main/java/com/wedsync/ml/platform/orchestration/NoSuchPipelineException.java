package com.wedsync.ml.platform.orchestration;

/** No pipeline definition by that name. */
public class NoSuchPipelineException extends RuntimeException {

    public NoSuchPipelineException(String name) {
        super("no pipeline named '" + name + "' is registered (GET /api/pipelines lists them)");
    }
}
