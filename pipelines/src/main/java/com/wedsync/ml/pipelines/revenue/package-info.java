/**
 * Revenue intelligence model kinds: {@code mrr_forecast} (a {@link com.wedsync.ml.pipelines.spi.DataLayout#SERIES}
 * kind) and {@code ltv} (a panel regression), each one class behind the SPI with its feature set's SQL in
 * {@code features/} on the classpath.
 */
package com.wedsync.ml.pipelines.revenue;
