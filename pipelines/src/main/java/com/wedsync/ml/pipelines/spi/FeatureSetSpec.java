package com.wedsync.ml.pipelines.spi;

import java.util.List;

/**
 * A feature set: its name, version, and the features it offers, numeric or categorical.
 * The platform computes it set-based in SQL for all entities as of a date.
 */
public record FeatureSetSpec(String name, int version, String entityType, List<Feature> features) {

    public FeatureSetSpec {
        features = List.copyOf(features);
    }

    public enum Type { NUMERIC, CATEGORICAL }

    public record Feature(String name, Type type, String description) {
    }

    public boolean offers(String feature) {
        return features.stream().anyMatch(f -> f.name().equals(feature));
    }
}
