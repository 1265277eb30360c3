-- Feature set viral_monthly, version 1: one row per complete calendar month (UTC) before :as_of, from the
-- first month with an invitation: both sides of the viral loop (s2c: suppliers invite couples; c2s: couples
-- invite suppliers) and the network they grow. Point in time: only rows dated before the as-of month are
-- read, and an invitation counts as activated only if it was activated before then. Set-based: every
-- table is read once and aggregated by month; no query per supplier or couple.
--   sent:        invitations created in the month
--   activated:   invitations activated in the month (the member they brought joined then)
--   lag_days:    mean days from invitation to activation of the month's activations
--   members:     who can invite: s2c the suppliers active at the month's end (joined, not churned);
--                c2s the couples who joined in the month (couples invite while they plan)
--   k_<side>:    invitations per member x activation rate = activated / members
--   k:           both sides' activations over both sides' members
--   suppliers, couples, connections, density: the network at the month's end
WITH params AS (
  SELECT date_trunc('month', CAST(:as_of AS timestamptz) AT TIME ZONE 'UTC') AS cutoff
),
inv AS (
  SELECT i.direction,
         date_trunc('month', i.created_at AT TIME ZONE 'UTC') AS sent_month,
         CASE WHEN i.activated_at AT TIME ZONE 'UTC' < p.cutoff
              THEN date_trunc('month', i.activated_at AT TIME ZONE 'UTC') END AS act_month,
         EXTRACT(EPOCH FROM (i.activated_at - i.created_at)) / 86400.0 AS lag_days
  FROM couple_invites i, params p
  WHERE i.created_at AT TIME ZONE 'UTC' < p.cutoff
),
sent AS (
  SELECT sent_month AS month,
         COUNT(*) FILTER (WHERE direction = 'supplier_to_couple') AS s2c_sent,
         COUNT(*) FILTER (WHERE direction = 'couple_to_supplier') AS c2s_sent
  FROM inv GROUP BY 1
),
act AS (
  SELECT act_month AS month,
         COUNT(*) FILTER (WHERE direction = 'supplier_to_couple') AS s2c_activated,
         COUNT(*) FILTER (WHERE direction = 'couple_to_supplier') AS c2s_activated,
         AVG(lag_days) FILTER (WHERE direction = 'supplier_to_couple') AS s2c_lag,
         AVG(lag_days) FILTER (WHERE direction = 'couple_to_supplier') AS c2s_lag
  FROM inv WHERE act_month IS NOT NULL GROUP BY 1
),
sup_in AS (
  SELECT date_trunc('month', s.created_at AT TIME ZONE 'UTC') AS month, COUNT(*) AS n
  FROM suppliers s, params p WHERE s.created_at AT TIME ZONE 'UTC' < p.cutoff GROUP BY 1
),
sup_out AS (
  SELECT date_trunc('month', c.churned AT TIME ZONE 'UTC') AS month, COUNT(*) AS n
  FROM (SELECT e.supplier_id, MIN(e.occurred_at) AS churned FROM subscription_events e, params p
        WHERE e.event_type = 'churn' AND e.occurred_at AT TIME ZONE 'UTC' < p.cutoff GROUP BY e.supplier_id) c
  GROUP BY 1
),
cpl AS (
  SELECT date_trunc('month', c.created_at AT TIME ZONE 'UTC') AS month, COUNT(*) AS n
  FROM couples c, params p WHERE c.created_at AT TIME ZONE 'UTC' < p.cutoff GROUP BY 1
),
con AS (
  SELECT date_trunc('month', cs.created_at AT TIME ZONE 'UTC') AS month, COUNT(*) AS n
  FROM couple_suppliers cs, params p WHERE cs.created_at AT TIME ZONE 'UTC' < p.cutoff GROUP BY 1
),
bounds AS (
  SELECT LEAST((SELECT MIN(month) FROM sent), (SELECT MIN(month) FROM sup_in), (SELECT MIN(month) FROM cpl),
               (SELECT MIN(month) FROM con)) AS first
),
months AS (
  SELECT generate_series((SELECT first FROM bounds), (SELECT cutoff FROM params) - INTERVAL '1 month',
                         INTERVAL '1 month') AS month
),
m AS (
  SELECT mo.month,
         COALESCE(sent.s2c_sent, 0) AS s2c_sent, COALESCE(sent.c2s_sent, 0) AS c2s_sent,
         COALESCE(act.s2c_activated, 0) AS s2c_activated, COALESCE(act.c2s_activated, 0) AS c2s_activated,
         act.s2c_lag, act.c2s_lag,
         SUM(COALESCE(sup_in.n, 0)) OVER w - SUM(COALESCE(sup_out.n, 0)) OVER w AS suppliers,
         COALESCE(cpl.n, 0) AS new_couples,
         SUM(COALESCE(cpl.n, 0)) OVER w AS couples,
         SUM(COALESCE(con.n, 0)) OVER w AS connections
  FROM months mo
  LEFT JOIN sent ON sent.month = mo.month
  LEFT JOIN act ON act.month = mo.month
  LEFT JOIN sup_in ON sup_in.month = mo.month
  LEFT JOIN sup_out ON sup_out.month = mo.month
  LEFT JOIN cpl ON cpl.month = mo.month
  LEFT JOIN con ON con.month = mo.month
  WINDOW w AS (ORDER BY mo.month)
)
SELECT md5('viral_monthly:' || to_char(m.month, 'YYYY-MM'))::uuid AS entity_id,
       jsonb_build_object(
         'month', to_char(m.month, 'YYYY-MM'),
         's2c_sent', m.s2c_sent,
         's2c_activated', m.s2c_activated,
         's2c_lag_days', COALESCE(ROUND(m.s2c_lag::numeric, 3), 0),
         's2c_members', m.suppliers,
         'c2s_sent', m.c2s_sent,
         'c2s_activated', m.c2s_activated,
         'c2s_lag_days', COALESCE(ROUND(m.c2s_lag::numeric, 3), 0),
         'c2s_members', m.new_couples,
         'k_s2c', CASE WHEN m.suppliers > 0 THEN m.s2c_activated::float8 / m.suppliers ELSE 0 END,
         'k_c2s', CASE WHEN m.new_couples > 0 THEN m.c2s_activated::float8 / m.new_couples ELSE 0 END,
         'k', CASE WHEN m.suppliers + m.new_couples > 0
                   THEN (m.s2c_activated + m.c2s_activated)::float8 / (m.suppliers + m.new_couples) ELSE 0 END,
         'suppliers', m.suppliers,
         'couples', m.couples,
         'connections', m.connections,
         'density', CASE WHEN m.suppliers > 0 AND m.couples > 0
                         THEN m.connections::float8 / (m.suppliers::float8 * m.couples) ELSE 0 END
       ) AS features
FROM m
-- the running totals start with the first supplier; the rows with the first invitation
WHERE m.month >= (SELECT MIN(month) FROM sent)
