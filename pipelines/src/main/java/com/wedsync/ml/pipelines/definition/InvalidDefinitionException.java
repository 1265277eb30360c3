package com.wedsync.ml.pipelines.definition;

import java.util.List;
import java.util.stream.Collectors;

/** A definition was refused; {@link #errors()} names every bad field. */
public class InvalidDefinitionException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidDefinitionException(List<FieldError> errors) {
        super("invalid pipeline definition: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
