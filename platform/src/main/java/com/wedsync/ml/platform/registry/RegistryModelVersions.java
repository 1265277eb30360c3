package com.wedsync.ml.platform.registry;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.wedsync.ml.pipelines.registry.ModelState;
import com.wedsync.ml.pipelines.run.ModelVersions;

/** The registry as a pipeline run sees it ({@link ModelVersions}): versions, artifacts, transitions, and {@link Promotion}. */
@Component
class RegistryModelVersions implements ModelVersions {

    private final ModelRegistry registry;
    private final Promotion promotion;

    RegistryModelVersions(ModelRegistry registry, Promotion promotion) {
        this.registry = registry;
        this.promotion = promotion;
    }

    static Version view(ModelVersion v) {
        return new Version(v.getId(), v.getModelName(), v.getVersion(), v.getState(), v.getPipelineName(), v.getPipelineVersion(),
                v.getArtifactSha256(), v.getTrainedAt());
    }

    @Override
    public Optional<Version> byKey(String model, String idempotencyKey) {
        return registry.versions(model).stream().filter(v -> idempotencyKey.equals(v.getIdempotencyKey())).findFirst()
                .map(RegistryModelVersions::view);
    }

    @Override
    public Version register(Registration r) {
        return view(registry.register(new NewModelVersion(r.model(), r.kind(), r.trained(), r.pipelineName(), r.pipelineVersion(),
                r.runId(), r.jobId(), r.trainingData(), r.idempotencyKey(), r.actor())));
    }

    @Override
    public Optional<Version> find(UUID id) {
        return registry.find(id).map(RegistryModelVersions::view);
    }

    @Override
    public Optional<Version> production(String model) {
        return registry.production(model).map(RegistryModelVersions::view);
    }

    @Override
    public byte[] artifact(UUID id) {
        return registry.artifact(id);
    }

    @Override
    public Version transition(UUID id, ModelState to, String actor, String reason) {
        return view(registry.transition(id, to, actor, reason));
    }

    @Override
    public void recordEvaluation(UUID id, Map<String, Double> metrics, Object championComparison) {
        registry.recordEvaluation(id, metrics, championComparison);
    }

    @Override
    public Optional<String> promote(UUID id, String actor, String reason, UUID judgedAgainst, Recheck recheck) {
        Promotion.Result r = promotion.promote(new Promotion.Request(id, actor, reason, judgedAgainst, false,
                recheck == null ? null : (challenger, champion) -> recheck.refusal(view(challenger), view(champion))));
        return r.promoted() ? Optional.empty() : Optional.of(r.refusal());
    }
}
