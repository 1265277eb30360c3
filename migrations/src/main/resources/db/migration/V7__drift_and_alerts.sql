-- Drift reports per model version and window, their per-feature detail, and alerts.

CREATE TABLE ml_drift_reports (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  model_id UUID NOT NULL REFERENCES ml_models(id),
  model_name TEXT NOT NULL,
  evaluated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  current_from DATE NOT NULL,
  current_to DATE NOT NULL,
  reference_from DATE NOT NULL,
  reference_to DATE NOT NULL,
  reference_kind TEXT NOT NULL,             -- 'same-months-last-year' or 'trailing'
  verdict TEXT NOT NULL,                    -- 'drift', 'no_drift', 'insufficient_data'
  severity DOUBLE PRECISION,
  severity_label TEXT,
  affected_features JSONB NOT NULL DEFAULT '[]'::jsonb,
  reasons JSONB NOT NULL DEFAULT '[]'::jsonb,
  policy JSONB NOT NULL,
  job_id UUID,
  episode_id UUID,                          -- the drift episode this report belongs to (drift only)
  CONSTRAINT ml_drift_reports_verdict_check CHECK (verdict IN ('drift', 'no_drift', 'insufficient_data')),
  UNIQUE (model_id, current_from, current_to)
);
CREATE INDEX idx_drift_reports_model ON ml_drift_reports(model_name, evaluated_at DESC);

CREATE TABLE ml_drift_feature_results (
  report_id UUID NOT NULL REFERENCES ml_drift_reports(id) ON DELETE CASCADE,
  feature TEXT NOT NULL,
  kind TEXT NOT NULL,                       -- 'numeric', 'categorical'
  ks_statistic DOUBLE PRECISION,
  p_value DOUBLE PRECISION,
  p_value_adjusted DOUBLE PRECISION,
  psi DOUBLE PRECISION,
  reference_size INTEGER NOT NULL,
  current_size INTEGER NOT NULL,
  drifted BOOLEAN,
  note TEXT,
  PRIMARY KEY (report_id, feature)
);

-- Drift episodes: consecutive drift verdicts of one model version are one episode; one episode causes
-- at most one retraining (its job id is derived from the episode id).
CREATE TABLE ml_drift_episodes (
  id UUID PRIMARY KEY,
  model_id UUID NOT NULL REFERENCES ml_models(id),
  model_name TEXT NOT NULL,
  started_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  ended_at TIMESTAMPTZ,
  features JSONB NOT NULL,
  retraining_job_id UUID,
  retraining_outcome TEXT,
  suppressed_reason TEXT
);
CREATE UNIQUE INDEX ux_drift_episodes_open ON ml_drift_episodes(model_id) WHERE ended_at IS NULL;

-- Alerts (the spec's alert fields: type, severity, description, metrics, recommended action).
CREATE TABLE ml_alerts (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  alert_type TEXT NOT NULL,                 -- 'drift', 'health', 'anomaly', 'retraining'
  severity TEXT NOT NULL,
  model_name TEXT,
  model_id UUID REFERENCES ml_models(id),
  description TEXT NOT NULL,
  metrics JSONB NOT NULL DEFAULT '{}'::jsonb,
  action TEXT,
  dedup_key TEXT UNIQUE,                    -- a rerun that raises the same alert raises it once
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  resolved_at TIMESTAMPTZ,
  CONSTRAINT ml_alerts_severity_check CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  CONSTRAINT ml_alerts_type_check CHECK (alert_type IN ('drift', 'health', 'anomaly', 'retraining'))
);
CREATE INDEX idx_alerts_created ON ml_alerts(created_at DESC);
