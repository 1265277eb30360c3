/**
 * The model-kind SPI: the one interface an ML engineer implements to add a new kind of model
 * ({@link com.wedsync.ml.pipelines.spi.ModelKind}), and the values that cross it. The platform does
 * the rest (features, jobs, registry, gates, tracking, scoring) from the pipeline definition. A kind's
 * feature set is computed by {@code features/<set>.sql} (and labelled by {@code <set>.labels.sql}) on
 * the classpath; a time-series kind says so with {@link com.wedsync.ml.pipelines.spi.DataLayout#SERIES}
 * and its scorer is a {@link com.wedsync.ml.pipelines.spi.Forecaster}; a detector's scorer is a
 * {@link com.wedsync.ml.pipelines.spi.Detector}. A kind's answer is a record of its own implementing
 * {@link com.wedsync.ml.pipelines.spi.Prediction}; its hyper-parameters carry their types and ranges
 * ({@link com.wedsync.ml.pipelines.spi.Hyperparameter}), checked when a definition is registered.
 */
package com.wedsync.ml.pipelines.spi;
