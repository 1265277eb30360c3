package com.wedsync.ml.platform.pipeline;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param directory                extra YAML definitions to load at start (besides classpath:pipelines/*.yaml); may be null
 * @param runOnStartup             run each pipeline once at start when its model has no production version
 * @param minimumScheduleInterval  a schedule whose shortest gap between two occurrences is below this is refused at
 *                                 registration through the API unless an admin registers it
 */
@ConfigurationProperties("wedsync.pipelines")
public record PipelineProperties(Path directory, boolean runOnStartup, @DefaultValue("PT1H") Duration minimumScheduleInterval) {
}
