-- The simulator's true demand: per month, vendor type and region, the expected number of enquiries (the Poisson
-- rate the simulator drew them from, given the month's new couples). The demand model never reads it; the tests
-- and ops/bench/growth-bench.sh compare its forecasts with it.
CREATE TABLE sim_demand_truth (
  month DATE NOT NULL,
  vendor_type TEXT NOT NULL,
  region TEXT NOT NULL,
  expected_enquiries DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (month, vendor_type, region)
);
