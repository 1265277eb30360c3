-- A/B model experiments (champion A against staged challenger B). The spec's ml_experiments keeps its
-- columns (sample_size, model_a/b_performance, statistical_significance, winner, decision, notes); the
-- platform adds what runs an experiment: the model, mode, split, sample size, significance, maximum
-- duration, policy, status and every look of the sequential test.
ALTER TABLE ml_experiments
  ADD COLUMN model_name TEXT,
  ADD COLUMN mode TEXT NOT NULL DEFAULT 'split',
  ADD COLUMN traffic_to_b DOUBLE PRECISION,
  ADD COLUMN min_sample_size INTEGER,
  ADD COLUMN significance DOUBLE PRECISION,
  ADD COLUMN max_duration_days INTEGER,
  ADD COLUMN policy TEXT,
  ADD COLUMN status TEXT NOT NULL DEFAULT 'running',
  ADD COLUMN method TEXT,
  ADD COLUMN p_value DOUBLE PRECISION,
  ADD COLUMN looks JSONB NOT NULL DEFAULT '[]',
  ADD CONSTRAINT ml_experiments_mode_check CHECK (mode IN ('split', 'shadow')),
  ADD CONSTRAINT ml_experiments_policy_check CHECK (policy IS NULL OR policy IN ('auto', 'report')),
  ADD CONSTRAINT ml_experiments_status_check CHECK (status IN ('running', 'completed')),
  ADD CONSTRAINT ml_experiments_split_check CHECK (traffic_to_b IS NULL OR (traffic_to_b > 0 AND traffic_to_b < 1)),
  ADD CONSTRAINT ml_experiments_sample_check CHECK (min_sample_size IS NULL OR min_sample_size > 0);

-- at most one running experiment per model: two would fight over the same traffic
CREATE UNIQUE INDEX ux_ml_experiments_one_running ON ml_experiments(model_name) WHERE status = 'running';

-- which experiment a prediction served (its arm is experiment_arm)
ALTER TABLE ml_predictions ADD COLUMN experiment_id UUID REFERENCES ml_experiments(id);
CREATE INDEX idx_ml_predictions_experiment ON ml_predictions(experiment_id) WHERE experiment_id IS NOT NULL;

-- an experiment's decision is an alert too
ALTER TABLE ml_alerts DROP CONSTRAINT ml_alerts_type_check;
ALTER TABLE ml_alerts ADD CONSTRAINT ml_alerts_type_check
  CHECK (alert_type IN ('drift', 'health', 'anomaly', 'retraining', 'experiment'));

-- one prediction per model, entity, type and day AND experiment: a version that is B in one experiment
-- and A in the next logs its prediction under each (the rerun of a job still logs nothing twice)
DROP INDEX ux_ml_predictions_once;
CREATE UNIQUE INDEX ux_ml_predictions_once ON ml_predictions(model_id, entity_id, prediction_type, prediction_for_date, experiment_id)
  NULLS NOT DISTINCT;

-- a pipeline may promote through an experiment
ALTER TABLE pipeline_definitions DROP CONSTRAINT pipeline_definitions_promotion_check;
ALTER TABLE pipeline_definitions ADD CONSTRAINT pipeline_definitions_promotion_check
  CHECK (promotion_policy IN ('auto', 'manual', 'experiment'));
