package com.wedsync.ml.platform.registry;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.wedsync.ml.pipelines.registry.ModelState;

/**
 * One model version, a row of {@code ml_models}. The artifact bytes are not mapped here (they can be
 * tens of megabytes); {@link ModelRegistry#artifact} reads them, checking the checksum.
 */
@Entity
@Table(name = "ml_models")
public class ModelVersion {

    @Id
    private UUID id;
    @Column(name = "model_name", nullable = false)
    private String modelName;
    @Column(name = "model_type", nullable = false)
    private String modelType;
    @Column(nullable = false)
    private String version;
    @Column(nullable = false)
    private String algorithm;
    @JdbcTypeCode(SqlTypes.JSON)
    private String hyperparameters;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "training_metrics")
    private String trainingMetrics;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "validation_metrics")
    private String validationMetrics;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "test_metrics")
    private String testMetrics;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "feature_importance")
    private String featureImportance;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "training_data_snapshot")
    private String trainingDataSnapshot;
    @JdbcTypeCode(SqlTypes.JSON)
    private String provenance;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "champion_comparison")
    private String championComparison;
    @Column(name = "trained_at")
    private Instant trainedAt;
    @Column(name = "deployed_at")
    private Instant deployedAt;
    @Column(name = "retired_at")
    private Instant retiredAt;
    @Column(nullable = false)
    private String status;
    @Column(name = "pipeline_name")
    private String pipelineName;
    @Column(name = "pipeline_version")
    private Integer pipelineVersion;
    @Column(name = "pipeline_run_id")
    private UUID pipelineRunId;
    @Column(name = "job_id")
    private UUID jobId;
    @Column(name = "artifact_sha256")
    private String artifactSha256;
    @Column(name = "mlflow_run_id")
    private String mlflowRunId;
    @Column(name = "mlflow_model_version")
    private String mlflowModelVersion;
    @Column(name = "idempotency_key")
    private String idempotencyKey;

    protected ModelVersion() {
    }

    ModelVersion(UUID id, String modelName, String modelType, String version, String algorithm, String idempotencyKey,
                 Instant trainedAt) {
        this.id = id;
        this.modelName = modelName;
        this.modelType = modelType;
        this.version = version;
        this.algorithm = algorithm;
        this.idempotencyKey = idempotencyKey;
        this.status = ModelState.TRAINING.dbName();
        this.trainedAt = trainedAt;
    }

    public UUID getId() { return id; }
    public String getModelName() { return modelName; }
    public String getModelType() { return modelType; }
    public String getVersion() { return version; }
    public String getAlgorithm() { return algorithm; }
    public String getHyperparameters() { return hyperparameters; }
    public String getTrainingMetrics() { return trainingMetrics; }
    public String getValidationMetrics() { return validationMetrics; }
    public String getTestMetrics() { return testMetrics; }
    public String getFeatureImportance() { return featureImportance; }
    public String getTrainingDataSnapshot() { return trainingDataSnapshot; }
    public String getProvenance() { return provenance; }
    public String getChampionComparison() { return championComparison; }
    public Instant getTrainedAt() { return trainedAt; }
    public Instant getDeployedAt() { return deployedAt; }
    public Instant getRetiredAt() { return retiredAt; }
    public ModelState getState() { return ModelState.parse(status); }
    public String getPipelineName() { return pipelineName; }
    public Integer getPipelineVersion() { return pipelineVersion; }
    public UUID getPipelineRunId() { return pipelineRunId; }
    public UUID getJobId() { return jobId; }
    public String getArtifactSha256() { return artifactSha256; }
    public String getMlflowRunId() { return mlflowRunId; }
    public String getMlflowModelVersion() { return mlflowModelVersion; }
    public String getIdempotencyKey() { return idempotencyKey; }

    void describe(String hyperparameters, String trainingMetrics, String validationMetrics, String featureImportance,
                  String trainingDataSnapshot, String provenance) {
        this.hyperparameters = hyperparameters;
        this.trainingMetrics = trainingMetrics;
        this.validationMetrics = validationMetrics;
        this.featureImportance = featureImportance;
        this.trainingDataSnapshot = trainingDataSnapshot;
        this.provenance = provenance;
    }

    void lineage(String pipelineName, Integer pipelineVersion, UUID pipelineRunId, UUID jobId) {
        this.pipelineName = pipelineName;
        this.pipelineVersion = pipelineVersion;
        this.pipelineRunId = pipelineRunId;
        this.jobId = jobId;
    }

    void artifactChecksum(String sha256) {
        this.artifactSha256 = sha256;
    }

    void evaluation(String testMetrics, String championComparison) {
        this.testMetrics = testMetrics;
        this.championComparison = championComparison;
    }

    void mlflow(String runId, String modelVersion) {
        this.mlflowRunId = runId;
        this.mlflowModelVersion = modelVersion;
    }

    void moveTo(ModelState to, Instant at) {
        getState().checkMoveTo(to);
        this.status = to.dbName();
        if (to == ModelState.PRODUCTION) {
            this.deployedAt = at;
        } else if (to == ModelState.RETIRED) {
            this.retiredAt = at;
        }
    }
}
