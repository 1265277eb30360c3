-- Feature set marketplace_daily, version 1: one row per complete calendar day (UTC) before :as_of, from
-- the first day with a supplier, holding what the anomaly detector watches, as numerators and the
-- denominators they are rates of (the detector sums both over a window and divides: a ratio of sums).
-- Four families:
--   revenue: MRR movements by stream (new, expansion, contraction, churn, reactivation; contraction and
--            churn as positive amounts lost), payments and failed payments (the source has no refunds
--            table, so none are read);
--   usage:   sessions, active suppliers (distinct suppliers with a session: active supplier-days), forms;
--   viral:   invitations sent and invitations activated, per side (supplier_to_couple, couple_to_supplier);
--   support: tickets, negative tickets, tickets mentioning a competitor;
-- and the churn rate's parts (churn events over suppliers alive at the start of the day) and the MRR at
-- the day's end (the sum of every movement up to then): the MRR at stake.
-- Point in time: every source row is filtered on its own timestamp before the cutoff (an activation on
-- the day it became true), so rows dated on or after :as_of never change the snapshot. Each table is read
-- once, grouped by day, then joined on the calendar (never one query per supplier or per day).
-- The row's entity is the day (a UUID derived from it), so a snapshot holds the whole history known at
-- :as_of: what a detector run then could see.
WITH params AS (
  SELECT date_trunc('day', CAST(:as_of AS timestamptz) AT TIME ZONE 'UTC') AS cutoff
),
sup AS (
  SELECT date_trunc('day', s.created_at AT TIME ZONE 'UTC') AS day, COUNT(*) AS signups
  FROM suppliers s, params p
  WHERE s.created_at AT TIME ZONE 'UTC' < p.cutoff
  GROUP BY 1
),
ev AS (
  SELECT date_trunc('day', e.occurred_at AT TIME ZONE 'UTC') AS day,
         COALESCE(SUM(e.mrr_delta) FILTER (WHERE e.event_type = 'new'), 0) AS mrr_new,
         COALESCE(SUM(e.mrr_delta) FILTER (WHERE e.event_type = 'expansion'), 0) AS mrr_expansion,
         COALESCE(-SUM(e.mrr_delta) FILTER (WHERE e.event_type = 'contraction'), 0) AS mrr_contraction,
         COALESCE(-SUM(e.mrr_delta) FILTER (WHERE e.event_type = 'churn'), 0) AS mrr_churn,
         COALESCE(SUM(e.mrr_delta) FILTER (WHERE e.event_type = 'reactivation'), 0) AS mrr_reactivation,
         COUNT(*) FILTER (WHERE e.event_type = 'churn') AS churned,
         COUNT(*) FILTER (WHERE e.event_type = 'reactivation') AS reactivated,
         SUM(e.mrr_delta) AS mrr_net
  FROM subscription_events e, params p
  WHERE e.occurred_at AT TIME ZONE 'UTC' < p.cutoff
  GROUP BY 1
),
pay AS (
  SELECT date_trunc('day', y.created_at AT TIME ZONE 'UTC') AS day,
         COUNT(*) AS payments,
         COUNT(*) FILTER (WHERE y.status = 'failed') AS failed_payments,
         COALESCE(SUM(y.amount) FILTER (WHERE y.status = 'succeeded'), 0) AS revenue_collected
  FROM payments y, params p
  WHERE y.created_at AT TIME ZONE 'UTC' < p.cutoff
  GROUP BY 1
),
act AS (
  SELECT date_trunc('day', a.activity_date AT TIME ZONE 'UTC') AS day,
         COUNT(*) AS sessions,
         COUNT(DISTINCT a.user_id) AS active_suppliers
  FROM activity_logs a, params p
  WHERE a.activity_date AT TIME ZONE 'UTC' < p.cutoff
  GROUP BY 1
),
frm AS (
  SELECT date_trunc('day', f.created_at AT TIME ZONE 'UTC') AS day, COUNT(*) AS forms
  FROM forms f, params p
  WHERE f.created_at AT TIME ZONE 'UTC' < p.cutoff
  GROUP BY 1
),
inv AS (
  SELECT date_trunc('day', i.created_at AT TIME ZONE 'UTC') AS day,
         COUNT(*) FILTER (WHERE i.direction = 'supplier_to_couple') AS invitations_s2c,
         COUNT(*) FILTER (WHERE i.direction = 'couple_to_supplier') AS invitations_c2s
  FROM couple_invites i, params p
  WHERE i.created_at AT TIME ZONE 'UTC' < p.cutoff
  GROUP BY 1
),
actv AS (
  SELECT date_trunc('day', i.activated_at AT TIME ZONE 'UTC') AS day,
         COUNT(*) FILTER (WHERE i.direction = 'supplier_to_couple') AS activations_s2c,
         COUNT(*) FILTER (WHERE i.direction = 'couple_to_supplier') AS activations_c2s
  FROM couple_invites i, params p
  WHERE i.activated_at IS NOT NULL AND i.activated_at AT TIME ZONE 'UTC' < p.cutoff
  GROUP BY 1
),
tix AS (
  SELECT date_trunc('day', t.created_at AT TIME ZONE 'UTC') AS day,
         COUNT(*) AS tickets,
         COUNT(*) FILTER (WHERE t.sentiment = 'negative') AS negative_tickets,
         COUNT(*) FILTER (WHERE t.content ~* '(honeybook|dubsado|17hats|competitor)') AS competitor_mentions
  FROM support_tickets t, params p
  WHERE t.created_at AT TIME ZONE 'UTC' < p.cutoff
  GROUP BY 1
),
days AS (
  SELECT generate_series((SELECT MIN(day) FROM sup), (SELECT cutoff FROM params) - INTERVAL '1 day',
                         INTERVAL '1 day') AS day
),
joined AS (
  SELECT d.day,
         COALESCE(sup.signups, 0) AS signups,
         COALESCE(ev.mrr_new, 0) AS mrr_new, COALESCE(ev.mrr_expansion, 0) AS mrr_expansion,
         COALESCE(ev.mrr_contraction, 0) AS mrr_contraction, COALESCE(ev.mrr_churn, 0) AS mrr_churn,
         COALESCE(ev.mrr_reactivation, 0) AS mrr_reactivation, COALESCE(ev.churned, 0) AS churned,
         COALESCE(ev.reactivated, 0) AS reactivated, COALESCE(ev.mrr_net, 0) AS mrr_net,
         COALESCE(pay.payments, 0) AS payments, COALESCE(pay.failed_payments, 0) AS failed_payments,
         COALESCE(pay.revenue_collected, 0) AS revenue_collected,
         COALESCE(act.sessions, 0) AS sessions, COALESCE(act.active_suppliers, 0) AS active_suppliers,
         COALESCE(frm.forms, 0) AS forms,
         COALESCE(inv.invitations_s2c, 0) AS invitations_s2c, COALESCE(inv.invitations_c2s, 0) AS invitations_c2s,
         COALESCE(actv.activations_s2c, 0) AS activations_s2c, COALESCE(actv.activations_c2s, 0) AS activations_c2s,
         COALESCE(tix.tickets, 0) AS tickets, COALESCE(tix.negative_tickets, 0) AS negative_tickets,
         COALESCE(tix.competitor_mentions, 0) AS competitor_mentions
  FROM days d
  LEFT JOIN sup ON sup.day = d.day
  LEFT JOIN ev ON ev.day = d.day
  LEFT JOIN pay ON pay.day = d.day
  LEFT JOIN act ON act.day = d.day
  LEFT JOIN frm ON frm.day = d.day
  LEFT JOIN inv ON inv.day = d.day
  LEFT JOIN actv ON actv.day = d.day
  LEFT JOIN tix ON tix.day = d.day
),
running AS (
  SELECT j.*,
         -- suppliers alive at the start of the day: signed up before it, less churns, plus reactivations
         SUM(j.signups - j.churned + j.reactivated) OVER w - (j.signups - j.churned + j.reactivated) AS suppliers_alive,
         SUM(j.mrr_net) OVER w AS mrr_end
  FROM joined j
  WINDOW w AS (ORDER BY j.day)
)
SELECT md5('marketplace_daily:' || to_char(r.day, 'YYYY-MM-DD'))::uuid AS entity_id,
       jsonb_build_object(
         'day', to_char(r.day, 'YYYY-MM-DD'),
         'suppliers_alive', r.suppliers_alive,
         'signups', r.signups,
         'mrr_end', r.mrr_end,
         'mrr_new', r.mrr_new, 'mrr_expansion', r.mrr_expansion, 'mrr_contraction', r.mrr_contraction,
         'mrr_churn', r.mrr_churn, 'mrr_reactivation', r.mrr_reactivation,
         'churned', r.churned,
         'payments', r.payments, 'failed_payments', r.failed_payments, 'revenue_collected', r.revenue_collected,
         'sessions', r.sessions, 'active_suppliers', r.active_suppliers, 'forms', r.forms,
         'invitations_s2c', r.invitations_s2c, 'invitations_c2s', r.invitations_c2s,
         'activations_s2c', r.activations_s2c, 'activations_c2s', r.activations_c2s,
         'tickets', r.tickets, 'negative_tickets', r.negative_tickets, 'competitor_mentions', r.competitor_mentions
       ) AS features
FROM running r
