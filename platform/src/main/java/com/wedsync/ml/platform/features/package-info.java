/**
 * The feature store: point-in-time snapshots of a feature set for all entities at once, computed by
 * one set-based SQL statement per snapshot ({@code classpath:features/<set>.sql}) and kept versioned
 * in {@code ml_feature_store}; reading them back as {@link com.wedsync.ml.pipelines.spi.FeatureTable}s
 * with their labels ({@code classpath:features/<set>.labels.sql}).
 */
package com.wedsync.ml.platform.features;
