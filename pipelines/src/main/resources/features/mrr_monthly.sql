-- Feature set mrr_monthly, version 1: one row per complete calendar month (UTC) before :as_of, from the
-- first month with a subscription event: the MRR movements by stream and the MRR at the month's end
-- (the sum of every movement up to then). Point in time: only events before the as-of month are read.
-- The row's entity is the month (a UUID derived from it), so a snapshot holds the whole history known
-- at :as_of: what a forecast made then could see.
WITH params AS (
  SELECT date_trunc('month', CAST(:as_of AS timestamptz) AT TIME ZONE 'UTC') AS cutoff
),
ev AS (
  SELECT date_trunc('month', e.occurred_at AT TIME ZONE 'UTC') AS month,
         SUM(e.mrr_delta) FILTER (WHERE e.event_type = 'new' AND e.channel = 'viral') AS new_viral,
         SUM(e.mrr_delta) FILTER (WHERE e.event_type = 'new' AND e.channel = 'paid') AS new_paid,
         SUM(e.mrr_delta) FILTER (WHERE e.event_type = 'new' AND (e.channel = 'organic' OR e.channel IS NULL)) AS new_organic,
         SUM(e.mrr_delta) FILTER (WHERE e.event_type = 'expansion') AS expansion,
         SUM(e.mrr_delta) FILTER (WHERE e.event_type = 'contraction') AS contraction,
         SUM(e.mrr_delta) FILTER (WHERE e.event_type = 'churn') AS churn,
         SUM(e.mrr_delta) FILTER (WHERE e.event_type = 'reactivation') AS reactivation,
         SUM(e.mrr_delta) AS net
  FROM subscription_events e, params p
  WHERE e.occurred_at AT TIME ZONE 'UTC' < p.cutoff
  GROUP BY 1
),
months AS (
  SELECT generate_series((SELECT MIN(month) FROM ev), (SELECT cutoff FROM params) - INTERVAL '1 month',
                         INTERVAL '1 month') AS month
)
SELECT md5('mrr_monthly:' || to_char(m.month, 'YYYY-MM'))::uuid AS entity_id,
       jsonb_build_object(
         'month', to_char(m.month, 'YYYY-MM'),
         'new_viral', COALESCE(ev.new_viral, 0),
         'new_paid', COALESCE(ev.new_paid, 0),
         'new_organic', COALESCE(ev.new_organic, 0),
         'expansion', COALESCE(ev.expansion, 0),
         'contraction', COALESCE(ev.contraction, 0),
         'churn', COALESCE(ev.churn, 0),
         'reactivation', COALESCE(ev.reactivation, 0),
         'mrr_end', SUM(COALESCE(ev.net, 0)) OVER (ORDER BY m.month)
       ) AS features
FROM months m
LEFT JOIN ev ON ev.month = m.month
