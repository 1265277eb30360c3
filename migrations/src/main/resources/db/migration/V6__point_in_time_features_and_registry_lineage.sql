-- Point-in-time feature snapshots and registry lineage.
--
-- The spec's ml_feature_store key UNIQUE(entity_type, entity_id, feature_set, feature_version) allows
-- one snapshot per entity, which makes point-in-time training data (snapshots at several as-of dates)
-- impossible. We add the date the features describe (as_of) to the key. calculated_at stays "when it
-- was computed"; expires_at is set on the snapshot used for live scoring.
ALTER TABLE ml_feature_store ADD COLUMN as_of DATE NOT NULL DEFAULT CURRENT_DATE;
ALTER TABLE ml_feature_store ADD COLUMN snapshot_id UUID;
ALTER TABLE ml_feature_store DROP CONSTRAINT ml_feature_store_entity_type_entity_id_feature_set_feature__key;
ALTER TABLE ml_feature_store ADD CONSTRAINT ml_feature_store_point_in_time_key
  UNIQUE (entity_type, entity_id, feature_set, feature_version, as_of);
CREATE INDEX idx_feature_store_snapshot ON ml_feature_store(feature_set, feature_version, as_of);

-- One row per computed snapshot: which feature set, as of when, how many entities, by which job.
CREATE TABLE ml_feature_snapshots (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  feature_set TEXT NOT NULL,
  feature_version INTEGER NOT NULL,
  as_of DATE NOT NULL,
  entity_count INTEGER NOT NULL,
  calculated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  duration_ms BIGINT,
  job_id UUID,
  UNIQUE (feature_set, feature_version, as_of)
);

-- Registry lineage and artifact: the model file with its checksum, the pipeline definition and run,
-- the JobRunr job, the feature snapshots and the MLflow run; provenance is required for a version
-- to exist at all.
ALTER TABLE ml_models
  ADD COLUMN pipeline_name TEXT,
  ADD COLUMN pipeline_version INTEGER,
  ADD COLUMN pipeline_run_id UUID REFERENCES pipeline_runs(id),
  ADD COLUMN job_id UUID,
  ADD COLUMN artifact BYTEA,
  ADD COLUMN artifact_sha256 TEXT,
  ADD COLUMN provenance JSONB,
  ADD COLUMN test_metrics JSONB,
  ADD COLUMN champion_comparison JSONB,
  ADD COLUMN mlflow_run_id TEXT,
  ADD COLUMN mlflow_model_version TEXT,
  ADD COLUMN idempotency_key TEXT,
  ADD CONSTRAINT ml_models_artifact_checksum CHECK (artifact IS NULL OR artifact_sha256 ~ '^[0-9a-f]{64}$');
-- a retried or requeued training job finds the version it already made instead of making another
CREATE UNIQUE INDEX ux_ml_models_idempotency ON ml_models(idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Scoring: one prediction per (model version, entity, date), so a rerun of a batch job replaces nothing
-- twice; and the experiment arm that served it.
ALTER TABLE ml_predictions ADD COLUMN experiment_arm TEXT;
CREATE UNIQUE INDEX ux_ml_predictions_once ON ml_predictions(model_id, entity_id, prediction_type, prediction_for_date);
