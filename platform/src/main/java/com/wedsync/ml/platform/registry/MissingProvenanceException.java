package com.wedsync.ml.platform.registry;

import java.util.List;

/** The registry refused a model that does not say how it was made. */
public class MissingProvenanceException extends IllegalArgumentException {

    public MissingProvenanceException(String modelName, List<String> missing) {
        super("model '" + modelName + "' cannot be registered without provenance: missing " + missing);
    }
}
