package com.wedsync.ml.pipelines.run;

import java.util.Optional;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;

/** The registered pipeline definitions, by name and version. */
public interface Definitions {

    Optional<PipelineDefinition> find(String name, int version);
}
