-- Anomaly detection (spec section 6): the spec's ml_anomalies table, one row per episode. Findings of one
-- type at most 7 days apart are one episode: its row is updated (last day, days flagged, peak severity and
-- priority, latest metrics), not repeated. The columns after impact_assessment are what episodes and the
-- operator's acknowledge/resolve need.
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
  status TEXT NOT NULL DEFAULT 'open',
  first_day DATE NOT NULL,              -- the first judged day of the episode
  last_day DATE NOT NULL,               -- the latest judged day that found it
  days_flagged INTEGER NOT NULL DEFAULT 1,
  peak_score DOUBLE PRECISION,
  mrr_at_stake NUMERIC(14,2) NOT NULL DEFAULT 0,
  priority DOUBLE PRECISION NOT NULL DEFAULT 0,   -- severity weight (1-4) x MRR at stake
  recommendation TEXT,
  recommended_action TEXT,
  model_name TEXT,
  model_version TEXT,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  acknowledged_at TIMESTAMPTZ,
  acknowledged_by TEXT,
  acknowledge_reason TEXT,
  resolved_by TEXT,
  resolve_reason TEXT,
  CONSTRAINT ml_anomalies_severity_check CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  CONSTRAINT ml_anomalies_status_check CHECK (status IN ('open', 'acknowledged', 'resolved')),
  CONSTRAINT ml_anomalies_days_check CHECK (first_day <= last_day AND days_flagged >= 1),
  CONSTRAINT ml_anomalies_resolved_consistent CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);

CREATE INDEX idx_anomalies_unresolved ON ml_anomalies(severity, detected_at DESC)
  WHERE resolved_at IS NULL;
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
