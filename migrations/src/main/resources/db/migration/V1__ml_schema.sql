-- The product spec's ML schema (spec/predictive-modeling.md, section 9), as the spec names it.
-- Additions beyond the spec are marked "platform:" and only add constraints the spec implies.

CREATE TABLE ml_feature_store (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_type TEXT NOT NULL, -- 'supplier', 'couple', 'transaction'
  entity_id UUID NOT NULL,
  feature_set TEXT NOT NULL,
  features JSONB NOT NULL,
  feature_version INTEGER DEFAULT 1,
  calculated_at TIMESTAMPTZ DEFAULT NOW(),
  expires_at TIMESTAMPTZ,
  UNIQUE(entity_type, entity_id, feature_set, feature_version)
);

CREATE INDEX idx_feature_store_lookup ON ml_feature_store(entity_type, entity_id, feature_set);
CREATE INDEX idx_feature_store_expiry ON ml_feature_store(expires_at) WHERE expires_at IS NOT NULL;

-- Model registry
CREATE TABLE ml_models (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  model_name TEXT NOT NULL,
  model_type TEXT NOT NULL, -- 'churn', 'ltv', 'viral', 'revenue'
  version TEXT NOT NULL,
  algorithm TEXT NOT NULL,
  hyperparameters JSONB,
  training_metrics JSONB,
  validation_metrics JSONB,
  feature_importance JSONB,
  training_data_snapshot JSONB,
  trained_at TIMESTAMPTZ DEFAULT NOW(),
  deployed_at TIMESTAMPTZ,
  retired_at TIMESTAMPTZ,
  status TEXT DEFAULT 'training', -- 'training', 'validating', 'staged', 'production', 'retired'
  UNIQUE(model_name, version),
  -- platform: the five registry states and nothing else
  CONSTRAINT ml_models_status_check
    CHECK (status IN ('training', 'validating', 'staged', 'production', 'retired'))
);

-- platform: at most one production version per model name, enforced by the database
CREATE UNIQUE INDEX ux_ml_models_one_production ON ml_models(model_name) WHERE status = 'production';

-- Predictions log
CREATE TABLE ml_predictions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  model_id UUID REFERENCES ml_models(id),
  prediction_type TEXT NOT NULL,
  entity_id UUID,
  entity_type TEXT,
  prediction JSONB NOT NULL,
  confidence DECIMAL(3,2),
  features_used JSONB,
  predicted_at TIMESTAMPTZ DEFAULT NOW(),
  prediction_for_date DATE,
  actual_outcome JSONB,
  outcome_recorded_at TIMESTAMPTZ,
  -- platform: a confidence is a probability
  CONSTRAINT ml_predictions_confidence_check CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1))
);

CREATE INDEX idx_predictions_model ON ml_predictions(model_id, predicted_at DESC);
CREATE INDEX idx_predictions_entity ON ml_predictions(entity_id, prediction_type);
CREATE INDEX idx_predictions_evaluation ON ml_predictions(prediction_for_date, outcome_recorded_at)
  WHERE actual_outcome IS NOT NULL;

-- A/B test results for ML
CREATE TABLE ml_experiments (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  experiment_name TEXT NOT NULL,
  model_a_id UUID REFERENCES ml_models(id),
  model_b_id UUID REFERENCES ml_models(id),
  metric_name TEXT NOT NULL,
  started_at TIMESTAMPTZ DEFAULT NOW(),
  ended_at TIMESTAMPTZ,
  sample_size INTEGER,
  model_a_performance JSONB,
  model_b_performance JSONB,
  statistical_significance DECIMAL(3,2),
  winner TEXT,
  decision TEXT,
  notes TEXT,
  -- platform: an experiment compares two different models, and its size is not negative
  CONSTRAINT ml_experiments_distinct_arms CHECK (model_a_id IS DISTINCT FROM model_b_id),
  CONSTRAINT ml_experiments_sample_size_check CHECK (sample_size IS NULL OR sample_size >= 0)
);

-- Anomaly detection log
CREATE TABLE ml_anomalies (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  anomaly_type TEXT NOT NULL,
  severity TEXT NOT NULL, -- 'low', 'medium', 'high', 'critical'
  detected_at TIMESTAMPTZ DEFAULT NOW(),
  metrics JSONB NOT NULL,
  description TEXT,
  auto_action_taken BOOLEAN DEFAULT FALSE,
  action_taken TEXT,
  resolved_at TIMESTAMPTZ,
  false_positive BOOLEAN,
  impact_assessment JSONB,
  -- platform: the spec's four severities
  CONSTRAINT ml_anomalies_severity_check CHECK (severity IN ('low', 'medium', 'high', 'critical'))
);

CREATE INDEX idx_anomalies_unresolved ON ml_anomalies(severity, detected_at DESC)
  WHERE resolved_at IS NULL;

-- Model performance tracking
CREATE TABLE ml_model_performance (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  model_id UUID REFERENCES ml_models(id),
  evaluation_date DATE NOT NULL,
  metric_type TEXT NOT NULL,
  metric_value DECIMAL,
  sample_size INTEGER,
  data_drift_detected BOOLEAN DEFAULT FALSE,
  drift_severity DECIMAL(3,2),
  performance_degradation DECIMAL(3,2),
  UNIQUE(model_id, evaluation_date, metric_type)
);

CREATE INDEX idx_model_performance ON ml_model_performance(model_id, evaluation_date DESC);
