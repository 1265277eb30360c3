-- Anomaly detection (spec section 6): the spec's ml_anomalies table (created in V1) holds one row per
-- episode. Findings of one type at most 7 days apart are one episode: its row is updated (last day, days
-- flagged, peak severity and priority, latest metrics), not repeated. The columns added here are what
-- episodes and the operator's acknowledge/resolve need.
ALTER TABLE ml_anomalies
  ADD COLUMN status TEXT NOT NULL DEFAULT 'open',
  ADD COLUMN first_day DATE NOT NULL,               -- the first judged day of the episode
  ADD COLUMN last_day DATE NOT NULL,                -- the latest judged day that found it
  ADD COLUMN days_flagged INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN peak_score DOUBLE PRECISION,
  ADD COLUMN mrr_at_stake NUMERIC(14,2) NOT NULL DEFAULT 0,
  ADD COLUMN priority DOUBLE PRECISION NOT NULL DEFAULT 0,   -- severity weight (1-4) x MRR at stake
  ADD COLUMN recommendation TEXT,
  ADD COLUMN recommended_action TEXT,
  ADD COLUMN model_name TEXT,
  ADD COLUMN model_version TEXT,
  ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  ADD COLUMN acknowledged_at TIMESTAMPTZ,
  ADD COLUMN acknowledged_by TEXT,
  ADD COLUMN acknowledge_reason TEXT,
  ADD COLUMN resolved_by TEXT,
  ADD COLUMN resolve_reason TEXT,
  ADD CONSTRAINT ml_anomalies_status_check CHECK (status IN ('open', 'acknowledged', 'resolved')),
  ADD CONSTRAINT ml_anomalies_days_check CHECK (first_day <= last_day AND days_flagged >= 1),
  ADD CONSTRAINT ml_anomalies_resolved_consistent CHECK ((status = 'resolved') = (resolved_at IS NOT NULL));

CREATE INDEX idx_anomalies_type_last_day ON ml_anomalies(anomaly_type, last_day DESC);

-- Each day is judged once: a detection run judges only days not in this table, and records them in the
-- same transaction as the episodes they touched, so a rerun (from the JobRunr dashboard) adds nothing.
CREATE TABLE ml_anomaly_judged_days (
  model_name TEXT NOT NULL,
  day DATE NOT NULL,
  model_version TEXT NOT NULL,
  findings INTEGER NOT NULL,
  judged_at TIMESTAMPTZ NOT NULL,
  job_id UUID,
  PRIMARY KEY (model_name, day)
);
