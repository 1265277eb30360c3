package com.wedsync.ml.platform.pipeline;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param directory     extra YAML definitions to load at start (besides classpath:pipelines/*.yaml); may be null
 * @param runOnStartup  run each pipeline once at start when its model has no production version
 */
@ConfigurationProperties("wedsync.pipelines")
public record PipelineProperties(Path directory, boolean runOnStartup) {
}
