-- What the platform needs beside the spec's schema: the registry's append-only state history,
-- pipeline definitions (named, versioned) and pipeline runs.

-- Every registry transition: from, to, when, who or what caused it, and why. Append-only.
CREATE TABLE ml_model_state_history (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  model_id UUID NOT NULL REFERENCES ml_models(id),
  from_status TEXT,            -- NULL for the version's creation
  to_status TEXT NOT NULL,
  changed_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  actor TEXT NOT NULL,          -- 'user:alice', 'job:<jobrunr id>', 'system:drift-retraining'
  reason TEXT NOT NULL,
  CONSTRAINT ml_model_state_history_to_check
    CHECK (to_status IN ('training', 'validating', 'staged', 'production', 'retired')),
  CONSTRAINT ml_model_state_history_from_check
    CHECK (from_status IS NULL OR from_status IN ('training', 'validating', 'staged', 'production', 'retired')),
  CONSTRAINT ml_model_state_history_actor_not_blank CHECK (length(btrim(actor)) > 0)
);
CREATE INDEX idx_model_state_history_model ON ml_model_state_history(model_id, changed_at);

-- The history is append-only: updates and deletes are refused by the database itself.
CREATE FUNCTION ml_model_state_history_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ml_model_state_history is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER trg_ml_model_state_history_append_only
  BEFORE UPDATE OR DELETE ON ml_model_state_history
  FOR EACH ROW EXECUTE FUNCTION ml_model_state_history_append_only();

-- A pipeline definition: model kind, features, algorithms and hyper-parameters, windows, schedule,
-- gates, promotion and drift policy. The whole definition is kept as JSON; the columns that are
-- queried or constrained are also kept on their own.
CREATE TABLE pipeline_definitions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  model_kind TEXT NOT NULL,
  schedule_cron TEXT,
  promotion_policy TEXT NOT NULL DEFAULT 'manual',
  definition JSONB NOT NULL,
  source TEXT NOT NULL DEFAULT 'api',     -- 'api' or 'yaml:<file>'
  enabled BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  created_by TEXT NOT NULL DEFAULT 'system',
  UNIQUE(name, version),
  CONSTRAINT pipeline_definitions_name_format CHECK (name ~ '^[a-z][a-z0-9-]{1,62}$'),
  CONSTRAINT pipeline_definitions_version_positive CHECK (version >= 1),
  CONSTRAINT pipeline_definitions_promotion_check CHECK (promotion_policy IN ('auto', 'manual'))
);

-- One execution of a pipeline (or of one of its steps), tied to its JobRunr job.
CREATE TABLE pipeline_runs (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  pipeline_name TEXT NOT NULL,
  pipeline_version INTEGER,
  trigger TEXT NOT NULL,                  -- 'startup', 'schedule', 'api', 'drift', 'health', 'rerun'
  status TEXT NOT NULL DEFAULT 'running',
  job_id UUID,                            -- the JobRunr job that ran (or runs) it
  started_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  finished_at TIMESTAMPTZ,
  parameters JSONB NOT NULL DEFAULT '{}'::jsonb,
  result JSONB,
  error TEXT,
  CONSTRAINT pipeline_runs_status_check CHECK (status IN ('running', 'succeeded', 'failed'))
);
CREATE INDEX idx_pipeline_runs_pipeline ON pipeline_runs(pipeline_name, started_at DESC);
CREATE UNIQUE INDEX ux_pipeline_runs_job ON pipeline_runs(job_id) WHERE job_id IS NOT NULL;
