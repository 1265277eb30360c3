-- The network effects of the whole marketplace as of :as_of (spec section 3, calculateNetworkEffects), set-based:
-- each table is read once and aggregated, never the spec's FULL OUTER JOIN ... ON true (a cross join of every
-- supplier with every couple). The network is the suppliers joined by :as_of and not churned by then, the
-- couples joined by then, and the connections (couple_suppliers) between them made by then.
WITH params AS (
  SELECT CAST(:as_of AS timestamptz) AS as_of, CAST(:as_of AS timestamptz) - INTERVAL '30 days' AS since
),
churned AS (
  SELECT DISTINCT e.supplier_id FROM subscription_events e, params p
  WHERE e.event_type = 'churn' AND e.occurred_at < p.as_of
),
sup AS (
  SELECT s.id, s.created_at >= p.since AS is_new
  FROM suppliers s CROSS JOIN params p LEFT JOIN churned c ON c.supplier_id = s.id
  WHERE s.created_at < p.as_of AND c.supplier_id IS NULL
),
cpl AS (
  SELECT c.id, c.created_at >= p.since AS is_new FROM couples c, params p WHERE c.created_at < p.as_of
),
con AS MATERIALIZED (
  SELECT cs.couple_id, cs.supplier_id
  FROM couple_suppliers cs JOIN sup ON sup.id = cs.supplier_id JOIN cpl ON cpl.id = cs.couple_id, params p
  WHERE cs.created_at < p.as_of
),
per_supplier AS (SELECT supplier_id, COUNT(*) AS n FROM con GROUP BY supplier_id),
per_couple AS (SELECT couple_id, COUNT(*) AS n FROM con GROUP BY couple_id)
SELECT (SELECT COUNT(*) FROM sup) AS total_suppliers,
       (SELECT COUNT(*) FROM sup WHERE is_new) AS new_suppliers,
       (SELECT COUNT(*) FROM cpl) AS total_couples,
       (SELECT COUNT(*) FROM cpl WHERE is_new) AS new_couples,
       (SELECT COUNT(*) FROM con) AS connections,
       (SELECT COUNT(*) FROM per_couple WHERE n > 3) AS high_value_couples,
       (SELECT COUNT(*) FROM per_supplier WHERE n > 10) AS high_value_suppliers
