/**
 * Model kind {@code anomaly}: seasonal isolation forests per family of daily metrics and the spec's rule
 * checks, loaded as a {@link com.wedsync.ml.pipelines.spi.Detector}.
 */
package com.wedsync.ml.pipelines.anomaly;
