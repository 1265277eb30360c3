package com.wedsync.ml.pipelines.registry;

import java.util.List;
import java.util.Map;

/**
 * What every registered model must say about how it was made, so it can be retrained exactly
 * (after Tribuo's provenance). The registry refuses a model whose provenance lacks any of these.
 */
public final class Provenance {

    public static final String DATA_WINDOW = "data_window";
    public static final String FEATURE_SET = "feature_set";
    public static final String FEATURE_VERSION = "feature_version";
    public static final String HYPERPARAMETERS = "hyperparameters";
    public static final String SEED = "seed";
    public static final String LIBRARY_VERSIONS = "library_versions";

    public static final List<String> REQUIRED =
            List.of(DATA_WINDOW, FEATURE_SET, FEATURE_VERSION, HYPERPARAMETERS, SEED, LIBRARY_VERSIONS);

    private Provenance() {
    }

    /** The required keys that are missing or blank. */
    public static List<String> missing(Map<String, String> provenance) {
        if (provenance == null) {
            return REQUIRED;
        }
        return REQUIRED.stream().filter(k -> provenance.get(k) == null || provenance.get(k).isBlank()).toList();
    }
}
