package com.wedsync.ml.platform.simulator;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The default run's simulated marketplace.
 *
 * @param loadOnStartup fill the marketplace tables at start when they are empty
 * @param seed          the same seed gives the same marketplace
 * @param suppliers     suppliers over the whole history (WEDSYNC_SIMULATOR_SUPPLIERS)
 * @param months        months of history (WEDSYNC_SIMULATOR_MONTHS)
 */
@Validated
@ConfigurationProperties("wedsync.simulator")
public record SimulatorProperties(boolean loadOnStartup, long seed,
                                  @Min(value = 1, message = "must be at least 1: set WEDSYNC_SIMULATOR_SUPPLIERS to a positive number, e.g. 3000")
                                  @Max(value = 5_000_000, message = "must be at most 5000000")
                                  int suppliers,
                                  @Min(value = 1, message = "must be at least 1: set WEDSYNC_SIMULATOR_MONTHS, e.g. 36")
                                  @Max(value = 240, message = "must be at most 240")
                                  int months) {
}
