-- Labels of feature set supplier_ltv: the supplier's successful payments in the :horizon_days after each
-- as-of date (its realised value). Reads only payments strictly after as_of; the features read only rows
-- up to it. A supplier who churns pays nothing more: its label counts what it paid before. One
-- set-based join (payments indexed by user and time), not a query per supplier.
SELECT fs.entity_id, fs.as_of, COALESCE(SUM(py.amount), 0)::float8 AS label
FROM ml_feature_store fs
LEFT JOIN payments py
  ON py.user_id = fs.entity_id AND py.status = 'succeeded'
 AND py.created_at > fs.as_of::timestamptz
 AND py.created_at <= fs.as_of::timestamptz + make_interval(days => :horizon_days)
WHERE fs.feature_set = :feature_set AND fs.feature_version = :feature_version AND fs.as_of IN (:as_of)
GROUP BY fs.entity_id, fs.as_of
