package com.wedsync.ml.platform.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import com.wedsync.ml.pipelines.definition.DefinitionReader;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;

/** Registers a pipeline definition a test writes as YAML, through the same reader and registry as a file. */
public final class TestDefinitions {

    private TestDefinitions() {
    }

    public static void registerYaml(PipelineDefinitions definitions, String yaml) {
        definitions.register(new DefinitionReader().fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test"),
                "test", "test");
    }
}
