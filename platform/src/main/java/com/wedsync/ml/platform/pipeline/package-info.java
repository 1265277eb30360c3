/**
 * Pipeline definitions as the platform keeps them: validated, stored in {@code pipeline_definitions},
 * loaded from YAML files ({@code classpath:pipelines/*.yaml} and {@code wedsync.pipelines.directory})
 * and from the REST API, and scheduled in JobRunr; pipeline runs and their jobs.
 */
package com.wedsync.ml.platform.pipeline;
