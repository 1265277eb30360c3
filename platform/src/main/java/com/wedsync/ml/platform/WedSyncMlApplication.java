package com.wedsync.ml.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The WedSync ML platform: JobRunr-driven pipelines on PostgreSQL, the REST API and pages. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WedSyncMlApplication {

    public static void main(String[] args) {
        SpringApplication.run(WedSyncMlApplication.class, args);
    }
}
