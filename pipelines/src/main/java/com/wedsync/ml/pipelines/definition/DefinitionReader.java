package com.wedsync.ml.pipelines.definition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads definitions from YAML files and JSON documents, refusing unknown fields so a typo
 * ({@code shedule:}) is an error naming the field rather than a silently ignored line.
 */
public final class DefinitionReader {

    // a whole number field does not take 1.5 as 1; unknown fields are errors
    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    public PipelineDefinition fromYaml(InputStream in, String source) {
        try (in) {
            return read(yaml, yaml.readTree(in));
        } catch (JacksonException e) {
            throw new InvalidDefinitionException(List.of(new FieldError(path(e), source + ": " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    public PipelineDefinition fromJson(String body) {
        try {
            return read(json, json.readTree(body));
        } catch (JacksonException e) {
            throw new InvalidDefinitionException(List.of(new FieldError(path(e), e.getOriginalMessage())));
        }
    }

    /** {@code gates: none}, said explicitly, is the one gate map a definition may leave empty. */
    private static PipelineDefinition read(ObjectMapper mapper, JsonNode tree) {
        if (tree instanceof ObjectNode o && o.get("gates") != null && o.get("gates").isString()
                && PipelineDefinition.NO_GATES.equals(o.get("gates").asString())) {
            o.putObject("gates").putNull(PipelineDefinition.NO_GATES);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidDefinitionException(List.of(new FieldError("definition", "is empty")));
        }
        return mapper.treeToValue(tree, PipelineDefinition.class);
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
