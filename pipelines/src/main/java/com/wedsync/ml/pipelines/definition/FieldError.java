package com.wedsync.ml.pipelines.definition;

/** One problem in a definition: the field's path (e.g. {@code gates.auc.min}) and what is wrong. */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
