-- Labels of feature set supplier_churn: did the supplier churn within :horizon_days after each as-of
-- date? Reads only events strictly after as_of (features read only rows up to as_of), so nothing
-- leaks from the label period into the features.
SELECT fs.entity_id, fs.as_of,
       EXISTS (SELECT 1 FROM subscription_events e
               WHERE e.supplier_id = fs.entity_id AND e.event_type = 'churn'
                 AND e.occurred_at > fs.as_of::timestamptz
                 AND e.occurred_at <= fs.as_of::timestamptz + make_interval(days => :horizon_days)) AS label
FROM ml_feature_store fs
WHERE fs.feature_set = :feature_set AND fs.feature_version = :feature_version AND fs.as_of IN (:as_of)
