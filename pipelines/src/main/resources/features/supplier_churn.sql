-- Feature set supplier_churn, version 1: the spec's churn features (section 1) for ALL suppliers
-- alive at :as_of, in one set-based statement. Point in time: every source row is filtered on its
-- own timestamp <= :as_of, so rows dated after :as_of never change the snapshot. Each child table is
-- aggregated once, grouped by supplier, then joined (never one query per supplier). With :entity_id
-- set, every table is filtered to that one supplier (real-time scoring of a supplier not in a snapshot).
WITH params AS (
  SELECT CAST(:as_of AS timestamptz) AS as_of
),
alive AS (  -- suppliers that exist at as_of and whose last subscription event by then is not a churn
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
         COUNT(*) FILTER (WHERE e.event_type = 'contraction') AS downgrades,
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
         COUNT(DISTINCT a.activity_date::date) FILTER (WHERE a.activity_date > p.as_of - INTERVAL '30 days') AS active_days_last_month,
         COUNT(*) FILTER (WHERE a.activity_date > p.as_of - INTERVAL '30 days') AS sessions_last_month
  FROM activity_logs a, params p
  WHERE a.activity_date <= p.as_of AND (CAST(:entity_id AS uuid) IS NULL OR a.user_id = CAST(:entity_id AS uuid))
  GROUP BY a.user_id
),
form_counts AS (
  SELECT f.supplier_id,
         COUNT(*) AS total_forms,
         COUNT(*) FILTER (WHERE f.created_at > p.as_of - INTERVAL '30 days') AS recent_forms
  FROM forms f, params p
  WHERE f.created_at <= p.as_of AND (CAST(:entity_id AS uuid) IS NULL OR f.supplier_id = CAST(:entity_id AS uuid))
  GROUP BY f.supplier_id
),
client_counts AS (
  SELECT c.supplier_id,
         COUNT(*) AS total_clients,
         COUNT(*) FILTER (WHERE c.wedding_date >= CAST(p.as_of AS date)) AS active_clients
  FROM clients c, params p
  WHERE c.created_at <= p.as_of AND (CAST(:entity_id AS uuid) IS NULL OR c.supplier_id = CAST(:entity_id AS uuid))
  GROUP BY c.supplier_id
),
invites AS (
  SELECT i.supplier_id,
         COUNT(*) AS couples_invited,
         COUNT(*) FILTER (WHERE i.activated_at <= p.as_of) AS couples_activated
  FROM couple_invites i, params p
  WHERE i.direction = 'supplier_to_couple' AND i.created_at <= p.as_of
    AND (CAST(:entity_id AS uuid) IS NULL OR i.supplier_id = CAST(:entity_id AS uuid))
  GROUP BY i.supplier_id
),
tickets AS (
  SELECT t.user_id AS supplier_id,
         COUNT(*) FILTER (WHERE t.sentiment = 'negative') AS negative_tickets,
         COUNT(*) FILTER (WHERE t.sentiment = 'negative' AND t.created_at > p.as_of - INTERVAL '90 days') AS negative_tickets_90d,
         MAX(t.created_at) AS last_support_contact,
         COUNT(*) FILTER (WHERE t.content ILIKE '%honeybook%' OR t.content ILIKE '%dubsado%' OR t.content ILIKE '%17hats%') AS competitor_mentions
  FROM support_tickets t, params p
  WHERE t.created_at <= p.as_of AND (CAST(:entity_id AS uuid) IS NULL OR t.user_id = CAST(:entity_id AS uuid))
  GROUP BY t.user_id
),
pay AS (
  SELECT py.user_id AS supplier_id,
         COUNT(*) FILTER (WHERE py.status = 'failed') AS failed_payments,
         COUNT(*) FILTER (WHERE py.status = 'failed' AND py.failed_at > p.as_of - INTERVAL '90 days') AS failed_payments_90d,
         MAX(py.failed_at) AS last_payment_failure
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
         'days_since_login', EXTRACT(EPOCH FROM (p.as_of - COALESCE(a.last_login, s.created_at))) / 86400.0,
         'total_forms', COALESCE(fc.total_forms, 0),
         'recent_forms', COALESCE(fc.recent_forms, 0),
         'total_clients', COALESCE(cc.total_clients, 0),
         'active_clients', COALESCE(cc.active_clients, 0),
         'couples_invited', COALESCE(i.couples_invited, 0),
         'couples_activated', COALESCE(i.couples_activated, 0),
         'invite_activation_ratio', CASE WHEN COALESCE(i.couples_invited, 0) = 0 THEN 0
                                         ELSE i.couples_activated::float8 / i.couples_invited END,
         'avg_session_duration', COALESCE(a.avg_session_duration, 0),
         'active_days_last_month', COALESCE(a.active_days_last_month, 0),
         'sessions_last_month', COALESCE(a.sessions_last_month, 0),
         'negative_tickets', COALESCE(t.negative_tickets, 0),
         'negative_tickets_90d', COALESCE(t.negative_tickets_90d, 0),
         'days_since_support_contact', EXTRACT(EPOCH FROM (p.as_of - COALESCE(t.last_support_contact, s.created_at))) / 86400.0,
         'competitor_mentions', COALESCE(t.competitor_mentions, 0),
         'failed_payments', COALESCE(py.failed_payments, 0),
         'failed_payments_90d', COALESCE(py.failed_payments_90d, 0),
         'days_since_payment_failure', EXTRACT(EPOCH FROM (p.as_of - COALESCE(py.last_payment_failure, s.created_at))) / 86400.0,
         'downgrades', COALESCE(sb.downgrades, 0),
         'downgrades_90d', COALESCE(sb.downgrades_90d, 0),
         'season_month', EXTRACT(MONTH FROM p.as_of),
         'season_factor', (ARRAY[1.4, 1.2, 1.1, 1.3, 1.5, 1.6, 1.5, 1.4, 1.5, 1.3, 0.8, 0.6])[EXTRACT(MONTH FROM p.as_of)::int],
         'season_sin', SIN(2 * PI() * EXTRACT(MONTH FROM p.as_of) / 12.0),
         'season_cos', COS(2 * PI() * EXTRACT(MONTH FROM p.as_of) / 12.0)
       ) AS features
FROM alive s
CROSS JOIN params p
LEFT JOIN subs sb ON sb.supplier_id = s.id
LEFT JOIN activity a ON a.supplier_id = s.id
LEFT JOIN form_counts fc ON fc.supplier_id = s.id
LEFT JOIN client_counts cc ON cc.supplier_id = s.id
LEFT JOIN invites i ON i.supplier_id = s.id
LEFT JOIN tickets t ON t.supplier_id = s.id
LEFT JOIN pay py ON py.supplier_id = s.id
