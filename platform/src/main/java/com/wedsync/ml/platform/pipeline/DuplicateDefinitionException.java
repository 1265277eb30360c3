package com.wedsync.ml.platform.pipeline;

import java.util.List;

import com.wedsync.ml.pipelines.definition.FieldError;
import com.wedsync.ml.pipelines.definition.InvalidDefinitionException;

/** A different definition with the same name and version exists already. */
public class DuplicateDefinitionException extends InvalidDefinitionException {

    public DuplicateDefinitionException(String name, int version) {
        super(List.of(new FieldError("version", "pipeline '" + name + "' already has a different version " + version
                + "; register it as version " + (version + 1))));
    }
}
