package com.wedsync.ml.platform.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import com.wedsync.ml.pipelines.definition.DefinitionReader;
import com.wedsync.ml.pipelines.definition.InvalidDefinitionException;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;

/**
 * Loads pipeline definitions from YAML files: the built-in ones on the classpath
 * ({@code pipelines/*.yaml}) and those in {@code wedsync.pipelines.directory}. A bad file is reported
 * with its fields and skipped; the others still load.
 */
@Component
public class DefinitionLoader {

    private static final Logger log = LoggerFactory.getLogger(DefinitionLoader.class);

    private final PipelineDefinitions definitions;
    private final PipelineProperties properties;
    private final DefinitionReader reader = new DefinitionReader();

    DefinitionLoader(PipelineDefinitions definitions, PipelineProperties properties) {
        this.definitions = definitions;
        this.properties = properties;
    }

    static final String BUILT_IN = "yaml:classpath:pipelines/";

    /** Whether a definition's source is a file shipped with the platform. */
    public static boolean isBuiltIn(String source) {
        return source != null && source.startsWith(BUILT_IN);
    }

    /** @return the definitions that are registered after loading (new or already there) */
    public List<PipelineDefinition> loadAll() {
        List<PipelineDefinition> loaded = new ArrayList<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:pipelines/*.yaml");
            Arrays.sort(resources, Comparator.comparing(Resource::getDescription));
            for (Resource r : resources) {
                try (InputStream in = r.getInputStream()) {
                    load(in, BUILT_IN + r.getFilename()).ifPresent(loaded::add);
                }
            }
            Path dir = properties.directory();
            if (dir != null && dir.toString().isBlank()) {
                dir = null;
            }
            if (dir != null && Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
                        load(Files.newInputStream(f), "yaml:" + f).ifPresent(loaded::add);
                    }
                }
            } else if (dir != null) {
                log.warn("wedsync.pipelines.directory {} is not a directory: no definitions loaded from it", dir);
            }
        } catch (IOException e) {
            log.error("cannot list pipeline definition files: {}", e.getMessage());
        }
        return loaded;
    }

    private java.util.Optional<PipelineDefinition> load(InputStream in, String source) {
        try {
            PipelineDefinition d = reader.fromYaml(in, source);
            PipelineDefinitions.Registration r = definitions.register(d, source, "system:startup");
            log.info("pipeline {} v{} {} from {}", d.name(), d.version(), r.created() ? "registered" : "already registered", source);
            return java.util.Optional.of(d);
        } catch (InvalidDefinitionException e) {
            log.error("pipeline definition {} refused: {}", source, e.getMessage());
            return java.util.Optional.empty();
        }
    }
}
