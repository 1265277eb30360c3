-- Outcomes of the test kind lapse_test: did the supplier churn or contract (downgrade) between the prediction's
-- as-of date and its prediction_for_date?
UPDATE ml_predictions p
SET actual_outcome = jsonb_build_object('lapsed', EXISTS (
        SELECT 1 FROM subscription_events e
        WHERE e.supplier_id = p.entity_id AND e.event_type IN ('churn', 'contraction')
          AND e.occurred_at > CAST(p.features_used ->> 'as_of' AS date)
          AND e.occurred_at <= p.prediction_for_date)),
    outcome_recorded_at = :now
WHERE p.prediction_type = :prediction_type AND p.actual_outcome IS NULL
  AND p.prediction_for_date <= :up_to
