package com.wedsync.ml.platform.anomalies;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * The detection job.
 *
 * @param schedule     cron of the recurring detection job (every hour by default)
 * @param backfillDays on a detector's first run, how many days back it judges (later runs judge the days since)
 */
@Validated
@ConfigurationProperties("wedsync.anomaly")
public record AnomalyProperties(@NotBlank String schedule,
                                @Min(value = 1, message = "must be at least 1") @Max(value = 3650, message = "must be at most 3650")
                                int backfillDays) {
}
