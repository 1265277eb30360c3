-- The marketplace simulator's ground truth: what really happened in the simulated history, so
-- every model's accuracy can be scored against reality. Never read by feature SQL or training.

CREATE TABLE sim_runs (
  id UUID PRIMARY KEY,
  seed BIGINT NOT NULL,
  supplier_count INTEGER NOT NULL,
  months INTEGER NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  parameters JSONB NOT NULL,
  row_counts JSONB,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

-- Who churned, when, and the hazard that drove it.
CREATE TABLE sim_churn_truth (
  supplier_id UUID PRIMARY KEY REFERENCES suppliers(id),
  churned_at TIMESTAMPTZ NOT NULL,
  hazard_at_churn DOUBLE PRECISION NOT NULL,
  main_driver TEXT NOT NULL
);
CREATE INDEX idx_sim_churn_truth_date ON sim_churn_truth(churned_at);

-- The true monthly figures of the simulated marketplace.
CREATE TABLE sim_monthly_truth (
  month DATE PRIMARY KEY,
  seasonal_factor DOUBLE PRECISION NOT NULL,
  active_suppliers INTEGER NOT NULL,
  new_suppliers INTEGER NOT NULL,
  churned_suppliers INTEGER NOT NULL,
  new_couples INTEGER NOT NULL,
  mrr NUMERIC(14,2) NOT NULL,
  k_factor DOUBLE PRECISION NOT NULL,
  k_supplier_to_couple DOUBLE PRECISION NOT NULL,
  k_couple_to_supplier DOUBLE PRECISION NOT NULL
);

-- Planted anomalies and drift: what, from when to when, on which metric or feature, how much.
CREATE TABLE sim_planted_events (
  id INTEGER PRIMARY KEY,
  event_type TEXT NOT NULL,     -- 'anomaly_revenue_dip', 'anomaly_invitation_drop', 'drift'
  target TEXT NOT NULL,         -- the metric or feature affected
  starts_on DATE NOT NULL,
  ends_on DATE,                 -- NULL: lasts to the end of the simulation
  magnitude DOUBLE PRECISION NOT NULL,
  description TEXT NOT NULL
);
