-- MLflow tracking outbox: every tracking record is written here first, in the transaction of the
-- change it describes, then sent to MLflow; what could not be sent (MLflow down) stays pending and is
-- replayed by a recurring job. The idempotency key makes a retry or a rerun send each record once.
CREATE TABLE tracking_outbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,                      -- 'run', 'metrics', 'alias'
  model_id UUID,
  payload JSONB NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',  -- 'pending', 'sent', 'failed'
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  sent_at TIMESTAMPTZ,
  mlflow_experiment_id TEXT,
  mlflow_run_id TEXT,
  mlflow_model_version TEXT,
  CONSTRAINT tracking_outbox_kind_check CHECK (kind IN ('run', 'metrics', 'alias')),
  CONSTRAINT tracking_outbox_status_check CHECK (status IN ('pending', 'sent', 'failed'))
);
CREATE INDEX idx_tracking_outbox_pending ON tracking_outbox(id) WHERE status = 'pending';
