-- Feature set demand_monthly, version 1: one row per (vendor type, region, complete calendar month UTC) before
-- :as_of, from the first month with an enquiry: the enquiries couples made to that vendor type in that region,
-- and the suppliers of that type and region active at the month's end. Months without enquiries are rows with 0.
-- Point in time: only rows dated before the as-of month are read. Set-based: enquiries, suppliers and churn
-- events are each read once and aggregated; the grid is the (small) product of the vendor types and regions seen
-- with the months.
WITH params AS (
  SELECT date_trunc('month', CAST(:as_of AS timestamptz) AT TIME ZONE 'UTC') AS cutoff
),
enq AS (
  SELECT e.vendor_type, e.region, date_trunc('month', e.created_at AT TIME ZONE 'UTC') AS month, COUNT(*) AS n
  FROM enquiries e, params p WHERE e.created_at AT TIME ZONE 'UTC' < p.cutoff
  GROUP BY 1, 2, 3
),
series AS (SELECT DISTINCT vendor_type, region FROM enq),
months AS (
  SELECT generate_series((SELECT MIN(month) FROM enq), (SELECT cutoff FROM params) - INTERVAL '1 month',
                         INTERVAL '1 month') AS month
),
churn AS (
  SELECT e.supplier_id, MIN(e.occurred_at) AS churned FROM subscription_events e, params p
  WHERE e.event_type = 'churn' AND e.occurred_at AT TIME ZONE 'UTC' < p.cutoff GROUP BY e.supplier_id
),
-- +1 in the month a supplier joins, -1 in the month it churns: the running sum is who is active at a month's end
moves AS (
  SELECT s.vendor_type, s.region, GREATEST(date_trunc('month', s.created_at AT TIME ZONE 'UTC'), (SELECT MIN(month) FROM months))
           AS month, 1 AS d
  FROM suppliers s, params p WHERE s.created_at AT TIME ZONE 'UTC' < p.cutoff
  UNION ALL
  SELECT s.vendor_type, s.region, GREATEST(date_trunc('month', c.churned AT TIME ZONE 'UTC'), (SELECT MIN(month) FROM months)), -1
  FROM churn c JOIN suppliers s ON s.id = c.supplier_id
),
sup AS (SELECT vendor_type, region, month, SUM(d) AS d FROM moves GROUP BY 1, 2, 3),
grid AS (
  SELECT se.vendor_type, se.region, m.month, COALESCE(enq.n, 0) AS enquiries,
         SUM(COALESCE(sup.d, 0)) OVER (PARTITION BY se.vendor_type, se.region ORDER BY m.month) AS suppliers
  FROM series se CROSS JOIN months m
  LEFT JOIN enq ON enq.vendor_type = se.vendor_type AND enq.region = se.region AND enq.month = m.month
  LEFT JOIN sup ON sup.vendor_type = se.vendor_type AND sup.region = se.region AND sup.month = m.month
)
SELECT md5('demand_monthly:' || vendor_type || ':' || region || ':' || to_char(month, 'YYYY-MM'))::uuid AS entity_id,
       jsonb_build_object('vendor_type', vendor_type, 'region', region, 'month', to_char(month, 'YYYY-MM'),
                          'enquiries', enquiries, 'suppliers', suppliers) AS features
FROM grid
