-- Feature set supplier_ltv, version 1: what a supplier's value depends on (the spec's section 5
-- modifiers and its revenue so far), for ALL suppliers alive at :as_of, in one set-based statement.
-- Point in time: every source row is filtered on its own timestamp <= :as_of. With :entity_id set,
-- every table is filtered to that one supplier (real-time scoring of a supplier not in a snapshot).
WITH params AS (
  SELECT CAST(:as_of AS timestamptz) AS as_of
),
alive AS (
  SELECT s.id, s.vendor_type, s.created_at, s.had_onboarding_call
  FROM suppliers s, params p
  WHERE s.created_at <= p.as_of
    AND (CAST(:entity_id AS uuid) IS NULL OR s.id = CAST(:entity_id AS uuid))
    AND NOT EXISTS (
      SELECT 1 FROM subscription_events e
      WHERE e.supplier_id = s.id AND e.occurred_at <= p.as_of AND e.event_type = 'churn'
        AND NOT EXISTS (SELECT 1 FROM subscription_events r
                        WHERE r.supplier_id = s.id AND r.event_type = 'reactivation'
                          AND r.occurred_at > e.occurred_at AND r.occurred_at <= p.as_of))
),
subs AS (
  SELECT e.supplier_id,
         SUM(e.mrr_delta) AS mrr,
         COUNT(*) FILTER (WHERE e.event_type = 'contraction' AND e.occurred_at > p.as_of - INTERVAL '90 days') AS downgrades_90d,
         (ARRAY_AGG(e.to_tier ORDER BY e.occurred_at DESC, e.id DESC) FILTER (WHERE e.to_tier IS NOT NULL))[1] AS tier
  FROM subscription_events e, params p
  WHERE e.occurred_at <= p.as_of AND (CAST(:entity_id AS uuid) IS NULL OR e.supplier_id = CAST(:entity_id AS uuid))
  GROUP BY e.supplier_id
),
activity AS (
  SELECT a.user_id AS supplier_id,
         MAX(a.activity_date) AS last_login,
         AVG(a.session_duration) FILTER (WHERE a.activity_date > p.as_of - INTERVAL '30 days') AS avg_session_duration,
         COUNT(*) FILTER (WHERE a.activity_date > p.as_of - INTERVAL '30 days') AS sessions_last_month
  FROM activity_logs a, params p
  WHERE a.activity_date <= p.as_of AND (CAST(:entity_id AS uuid) IS NULL OR a.user_id = CAST(:entity_id AS uuid))
  GROUP BY a.user_id
),
form_counts AS (
  SELECT f.supplier_id, COUNT(*) AS total_forms
  FROM forms f, params p
  WHERE f.created_at <= p.as_of AND (CAST(:entity_id AS uuid) IS NULL OR f.supplier_id = CAST(:entity_id AS uuid))
  GROUP BY f.supplier_id
),
client_counts AS (
  SELECT c.supplier_id, COUNT(*) FILTER (WHERE c.wedding_date >= CAST(p.as_of AS date)) AS active_clients
  FROM clients c, params p
  WHERE c.created_at <= p.as_of AND (CAST(:entity_id AS uuid) IS NULL OR c.supplier_id = CAST(:entity_id AS uuid))
  GROUP BY c.supplier_id
),
invites AS (
  SELECT i.supplier_id, COUNT(*) AS couples_invited
  FROM couple_invites i, params p
  WHERE i.direction = 'supplier_to_couple' AND i.created_at <= p.as_of
    AND (CAST(:entity_id AS uuid) IS NULL OR i.supplier_id = CAST(:entity_id AS uuid))
  GROUP BY i.supplier_id
),
pay AS (
  SELECT py.user_id AS supplier_id,
         SUM(py.amount) FILTER (WHERE py.status = 'succeeded') AS revenue_to_date,
         SUM(py.amount) FILTER (WHERE py.status = 'succeeded' AND py.created_at > p.as_of - INTERVAL '90 days') AS revenue_90d,
         COUNT(*) FILTER (WHERE py.status = 'failed' AND py.failed_at > p.as_of - INTERVAL '90 days') AS failed_payments_90d,
         MIN(py.created_at) FILTER (WHERE py.status = 'succeeded') AS first_payment
  FROM payments py, params p
  WHERE py.created_at <= p.as_of AND (CAST(:entity_id AS uuid) IS NULL OR py.user_id = CAST(:entity_id AS uuid))
  GROUP BY py.user_id
)
SELECT s.id AS entity_id,
       jsonb_build_object(
         'vendor_type', s.vendor_type,
         'subscription_tier', COALESCE(sb.tier, 'free'),
         'mrr', COALESCE(sb.mrr, 0),
         'tenure_days', EXTRACT(EPOCH FROM (p.as_of - s.created_at)) / 86400.0,
         'had_onboarding_call', CASE WHEN s.had_onboarding_call THEN 1 ELSE 0 END,
         'join_month', EXTRACT(MONTH FROM s.created_at AT TIME ZONE 'UTC'),
         'couples_invited', COALESCE(i.couples_invited, 0),
         'total_forms', COALESCE(fc.total_forms, 0),
         'avg_session_duration', COALESCE(a.avg_session_duration, 0),
         'sessions_last_month', COALESCE(a.sessions_last_month, 0),
         'days_since_login', EXTRACT(EPOCH FROM (p.as_of - COALESCE(a.last_login, s.created_at))) / 86400.0,
         'active_clients', COALESCE(cc.active_clients, 0),
         'revenue_to_date', COALESCE(py.revenue_to_date, 0),
         'revenue_90d', COALESCE(py.revenue_90d, 0),
         'failed_payments_90d', COALESCE(py.failed_payments_90d, 0),
         'downgrades_90d', COALESCE(sb.downgrades_90d, 0),
         'days_to_first_payment', COALESCE(EXTRACT(EPOCH FROM (py.first_payment - s.created_at)) / 86400.0, -1)
       ) AS features
FROM alive s
CROSS JOIN params p
LEFT JOIN subs sb ON sb.supplier_id = s.id
LEFT JOIN activity a ON a.supplier_id = s.id
LEFT JOIN form_counts fc ON fc.supplier_id = s.id
LEFT JOIN client_counts cc ON cc.supplier_id = s.id
LEFT JOIN invites i ON i.supplier_id = s.id
LEFT JOIN pay py ON py.supplier_id = s.id
