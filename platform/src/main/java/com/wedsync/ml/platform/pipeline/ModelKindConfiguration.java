package com.wedsync.ml.platform.pipeline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.wedsync.ml.pipelines.spi.ModelKinds;

/** The model kinds on the classpath (ServiceLoader), one catalogue for the whole platform. */
@Configuration(proxyBeanMethods = false)
class ModelKindConfiguration {

    @Bean
    ModelKinds modelKinds() {
        return ModelKinds.discover();
    }
}
