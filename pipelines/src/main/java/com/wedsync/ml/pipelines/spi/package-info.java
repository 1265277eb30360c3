/**
 * The model-kind SPI: the one interface an ML engineer implements to add a new kind of model
 * ({@link com.wedsync.ml.pipelines.spi.ModelKind}), and the values that cross it. The platform does
 * the rest (features, jobs, registry, gates, tracking, scoring) from the pipeline definition.
 */
package com.wedsync.ml.pipelines.spi;
