package com.wedsync.ml.platform.scoring;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.spi.ModelKind;
import com.wedsync.ml.pipelines.spi.ModelKinds;
import com.wedsync.ml.pipelines.spi.ScoringModel;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.registry.ModelVersion;

/** Loaded model versions, cached by version id (a version's artifact never changes). */
@Component
public class LoadedModels {

    private final ModelRegistry registry;
    private final ModelKinds kinds;
    private final PipelineDefinitions definitions;
    private final Map<UUID, Loaded> cache = new ConcurrentHashMap<>();

    LoadedModels(ModelRegistry registry, ModelKinds kinds, PipelineDefinitions definitions) {
        this.registry = registry;
        this.kinds = kinds;
        this.definitions = definitions;
    }

    /** A version ready to score: its kind, the features it was trained on, and the loaded model. */
    public record Loaded(ModelVersion version, ModelKind kind, PipelineDefinition definition, List<String> features,
                         ScoringModel model) {
    }

    public Loaded get(ModelVersion v) {
        return cache.computeIfAbsent(v.getId(), id -> {
            ModelKind kind = kinds.get(v.getModelType());
            PipelineDefinition d = definitions.find(v.getPipelineName(), v.getPipelineVersion()).orElseThrow(
                    () -> new IllegalStateException("model " + v.getModelName() + " v" + v.getVersion()
                            + " names pipeline " + v.getPipelineName() + " v" + v.getPipelineVersion() + ", which is not registered"))
                    .definition();
            return new Loaded(v, kind, d, d.features().include(), kind.load(registry.artifact(id)));
        });
    }
}
