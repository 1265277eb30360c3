/**
 * Growth intelligence model kinds: {@code viral_k} (the viral coefficient, both sides of the loop) and
 * {@code demand} (enquiries per vendor type and region), both {@link com.wedsync.ml.pipelines.spi.DataLayout#SERIES}
 * kinds validated by rolling-origin backtests, each one class behind the SPI with its feature set's SQL in
 * {@code features/} on the classpath.
 */
package com.wedsync.ml.pipelines.growth;
