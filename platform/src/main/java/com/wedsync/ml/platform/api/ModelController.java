package com.wedsync.ml.platform.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.wedsync.ml.pipelines.registry.ModelState;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.registry.ModelVersion;
import com.wedsync.ml.platform.registry.Promotion;
import com.wedsync.ml.platform.registry.StateChange;

/** Model versions and their gated state changes. */
@RestController
@RequestMapping("/api/models")
class ModelController {

    private final ModelRegistry registry;

    private final Promotion promotion;

    private final com.wedsync.ml.platform.security.CurrentUser current;

    ModelController(ModelRegistry registry, Promotion promotion, com.wedsync.ml.platform.security.CurrentUser current) {
        this.promotion = promotion;
        this.registry = registry;
        this.current = current;
    }

    /** A model version as the API shows it: state, metrics, lineage, MLflow run, history. */
    record ModelVersionView(UUID id, String name, String version, String kind, String algorithm, String status,
                            Instant trainedAt, Instant deployedAt, Instant retiredAt, Map<String, Object> validationMetrics,
                            Map<String, Object> testMetrics, Map<String, Object> championComparison,
                            Map<String, Object> featureImportance, Map<String, Object> provenance,
                            Map<String, Object> lineage, List<StateChange> history) {
    }

    /** Body of a transition: the target state and why (who asks is the signed-in user). */
    record TransitionRequest(String to, String reason) {
    }

    @GetMapping
    List<ModelVersionView> list(@RequestParam(required = false) String name) {
        return registry.versions(name).stream().map(this::view).toList();
    }

    @PostMapping("/{name}/versions/{version}/transitions")
    ModelVersionView transition(@PathVariable String name, @PathVariable String version, @RequestBody TransitionRequest body) {
        if (body == null || body.to() == null || body.to().isBlank()) {
            throw new BadRequestException("to", "'to' is required: one of training, validating, staged, production, retired");
        }
        ModelState to;
        try {
            to = ModelState.parse(body.to());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("to", e.getMessage());
        }
        if (to == ModelState.PRODUCTION) {
            current.require(com.wedsync.ml.platform.security.Role.ADMIN, "a transition to production by hand");
        }
        if (body.reason() == null || body.reason().isBlank()) {
            throw new BadRequestException("reason", "'reason' is required: why this transition");
        }
        String actor = current.actor().orElseThrow();
        if (to == ModelState.PRODUCTION) {
            ModelVersion v = registry.find(name, version);
            Promotion.Result p = promotion.promote(Promotion.Request.byPerson(v.getId(), actor, body.reason()));
            if (!p.promoted()) {
                throw new BadRequestException("to", p.refusal());
            }
            return view(p.version());
        }
        return view(registry.transition(name, version, to, actor, body.reason()));
    }

    private ModelVersionView view(ModelVersion v) {
        Map<String, Object> lineage = new java.util.LinkedHashMap<>();
        lineage.put("pipeline", v.getPipelineName() == null ? null : v.getPipelineName() + "@" + v.getPipelineVersion());
        lineage.put("pipelineRunId", v.getPipelineRunId());
        lineage.put("jobId", v.getJobId());
        lineage.put("trainingData", Json.readMap(v.getTrainingDataSnapshot()));
        lineage.put("mlflowRunId", v.getMlflowRunId());
        lineage.put("mlflowModelVersion", v.getMlflowModelVersion());
        lineage.put("artifactSha256", v.getArtifactSha256());
        lineage.values().removeIf(java.util.Objects::isNull);
        return new ModelVersionView(v.getId(), v.getModelName(), v.getVersion(), v.getModelType(), v.getAlgorithm(),
                v.getState().dbName(), v.getTrainedAt(), v.getDeployedAt(), v.getRetiredAt(),
                Json.readMap(v.getValidationMetrics()), Json.readMap(v.getTestMetrics()),
                Json.readMap(v.getChampionComparison()), Json.readMap(v.getFeatureImportance()),
                Json.readMap(v.getProvenance()), lineage, registry.history(v.getId()));
    }
}
