package com.wedsync.ml.pipelines.definition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads definitions from YAML files and JSON documents, refusing unknown fields so a typo
 * ({@code shedule:}) is an error naming the field rather than a silently ignored line.
 */
public final class DefinitionReader {

    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public PipelineDefinition fromYaml(InputStream in, String source) {
        try (in) {
            return yaml.readValue(in, PipelineDefinition.class);
        } catch (JacksonException e) {
            throw new InvalidDefinitionException(List.of(new FieldError(path(e), source + ": " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    public PipelineDefinition fromJson(String body) {
        try {
            return json.readValue(body, PipelineDefinition.class);
        } catch (JacksonException e) {
            throw new InvalidDefinitionException(List.of(new FieldError(path(e), e.getOriginalMessage())));
        }
    }

    public String toJson(PipelineDefinition d) {
        return json.writeValueAsString(d);
    }

    private static String path(JacksonException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .reduce("", String::concat);
        return path.isEmpty() ? "definition" : path.substring(path.startsWith(".") ? 1 : 0);
    }
}
