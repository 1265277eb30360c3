package com.wedsync.ml.platform.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.scoring.Scoring;

/**
 * What the analytics page reads, section by section, as records: the MRR forecast with its recent
 * history, the churn matrix and the LTV scores of the latest batch, the models in production with
 * their metrics, drift and alerts, and the experiments.
 */
@Component
class AnalyticsQueries {

    /** The model whose forecast the page draws, and how far ahead. */
    static final String MRR_MODEL = "mrr-forecast";
    static final int MRR_HORIZON_MONTHS = 12;
    /** The actual months drawn before the forecast. */
    static final int MRR_HISTORY_MONTHS = 12;
    /** The held-out metrics the models table shows, in this order, when a version has them. */
    static final List<String> METRICS = List.of("auc", "accuracy", "ece", "within_10pct", "coverage_80", "mape_1m",
            "cohort_error_median", "r2");
    /** The experiments listed, newest first. */
    static final int EXPERIMENTS_SHOWN = 20;

    private final Scoring scoring;
    private final JdbcClient jdbc;
    private final com.wedsync.ml.platform.growth.MarketSizes marketSizes;

    AnalyticsQueries(Scoring scoring, JdbcClient jdbc, com.wedsync.ml.platform.growth.MarketSizes marketSizes) {
        this.scoring = scoring;
        this.jdbc = jdbc;
        this.marketSizes = marketSizes;
    }

    /**
     * The production MRR model's forecast from today's snapshot (not logged) and the last actual months
     * of the latest MRR history in the feature store.
     *
     * @throws RuntimeException when there is no forecast to show (no production model yet, say), with a
     *                          message that says why
     */
    @SuppressWarnings("unchecked")
    MrrForecast mrrForecast() {
        Map<String, Object> f = scoring.forecast(MRR_MODEL, MRR_HORIZON_MONTHS, false);
        List<MrrForecast.Month> months = new ArrayList<>();
        if (f.get("months") instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> m = (Map<String, Object>) o;
                Map<String, Object> bands = m.get("bands") instanceof Map<?, ?> b ? (Map<String, Object>) b : Map.of();
                months.add(new MrrForecast.Month(String.valueOf(m.get("month")), num(m, "baseline"), num(m, "optimistic"),
                        num(m, "pessimistic"), num(bands, "p10"), num(bands, "p90")));
            }
        }
        List<String> recommendations = f.get("recommendations") instanceof List<?> r ? r.stream().map(String::valueOf).toList()
                : List.of();
        // the snapshot the forecast was just made from is the latest one
        List<MrrForecast.Actual> actuals = new ArrayList<>(jdbc.sql("""
                SELECT features ->> 'month', (features ->> 'mrr_end')::float8 FROM ml_feature_store
                WHERE feature_set = 'mrr_monthly'
                  AND as_of = (SELECT max(as_of) FROM ml_feature_store WHERE feature_set = 'mrr_monthly')
                ORDER BY features ->> 'month' DESC LIMIT :n""")
                .param("n", MRR_HISTORY_MONTHS)
                .query((rs, i) -> new MrrForecast.Actual(rs.getString(1), rs.getObject(2) == null ? Double.NaN : rs.getDouble(2)))
                .list());
        Collections.reverse(actuals);
        return new MrrForecast(actuals, String.valueOf(f.get("lastActualMonth")), num(f, "lastActualMrr"), months, recommendations);
    }

    /** The model whose viral prediction the page draws, over the spec's 30 days. */
    static final String VIRAL_MODEL = "viral-k";
    static final int VIRAL_TIMEFRAME_DAYS = 30;
    /** The demand model the page draws, and how far ahead. */
    static final String DEMAND_MODEL = "demand";
    static final int DEMAND_HORIZON_MONTHS = 12;

    /** The production viral model's prediction over the next 30 days from today's snapshot (not logged). */
    com.wedsync.ml.pipelines.growth.ViralPrediction viral() {
        return typed(scoring.forecast(VIRAL_MODEL, 1, Map.of("timeframe", Integer.toString(VIRAL_TIMEFRAME_DAYS)), false),
                com.wedsync.ml.pipelines.growth.ViralPrediction.class);
    }

    /** The production demand model's forecast of every vendor type over all regions (not logged). */
    List<com.wedsync.ml.pipelines.growth.DemandForecast> demandByVendorType() {
        Map<String, Object> f = scoring.forecast(DEMAND_MODEL, DEMAND_HORIZON_MONTHS, Map.of(), false);
        List<com.wedsync.ml.pipelines.growth.DemandForecast> out = new ArrayList<>();
        if (f.get("vendorTypes") instanceof List<?> types) {
            for (Object t : types) {
                out.add(Json.mapper().convertValue(t, com.wedsync.ml.pipelines.growth.DemandForecast.class));
            }
        }
        return out;
    }

    /**
     * The demand forecast of one vendor type in one region ("all": every region of it), with its recorded market
     * size when there is one, as {@code GET /api/forecasts/demand} answers it.
     *
     * @throws RuntimeException naming the bad vendor type or region and the valid ones
     */
    com.wedsync.ml.pipelines.growth.DemandForecast demand(String vendorType, String region) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("vendorType", vendorType);
        options.put("region", region);
        marketSizes.businesses(vendorType, region, demandRegions(vendorType))
                .ifPresent(b -> options.put("marketSize", Integer.toString(b)));
        return typed(scoring.forecast(DEMAND_MODEL, DEMAND_HORIZON_MONTHS, options, false),
                com.wedsync.ml.pipelines.growth.DemandForecast.class);
    }

    /** The regions in which a vendor type has had enquiries, in order. */
    List<String> demandRegions(String vendorType) {
        return marketSizes.regionsOf(vendorType);
    }

    /** An answer of the scoring service (its fields plus "model" and "asOf") as the kind's record. */
    private static <T> T typed(Map<String, Object> answer, Class<T> type) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>(answer);
        fields.remove("model");
        fields.remove("asOf");
        return Json.mapper().convertValue(fields, type);
    }

    /**
     * The production churn model's latest batch scores (experiment arms excluded) by vendor type and risk level,
     * with the spread of the probabilities per vendor type: set-based, one pass over the batch.
     */
    ChurnMatrix churnMatrix() {
        String latest = """
                WITH latest AS (
                  SELECT COALESCE(p.features_used ->> 'vendor_type', '-') AS vendor_type, p.prediction ->> 'riskLevel' AS level,
                         (p.prediction ->> 'churnProbability')::float8 AS probability
                  FROM ml_predictions p JOIN ml_models m ON m.id = p.model_id AND m.status = 'production' AND m.model_name = 'churn'
                  WHERE p.prediction_type = 'churn' AND p.experiment_id IS NULL
                    AND p.prediction_for_date = (SELECT max(prediction_for_date) FROM ml_predictions q WHERE q.model_id = m.id)),
                cut AS (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY probability) AS p90 FROM latest)
                """;
        Map<String, long[]> counts = new TreeMap<>();
        jdbc.sql(latest + "SELECT vendor_type, level, count(*) FROM latest GROUP BY 1, 2").query(rs -> {
            int level = ChurnMatrix.LEVELS.indexOf(rs.getString(2));
            long[] row = counts.computeIfAbsent(rs.getString(1), k -> new long[ChurnMatrix.LEVELS.size()]);
            if (level >= 0) {
                row[level] += rs.getLong(3);
            }
        });
        Map<String, double[]> spread = new TreeMap<>();
        double[] threshold = {Double.NaN};
        jdbc.sql(latest + """
                SELECT l.vendor_type, percentile_cont(0.5) WITHIN GROUP (ORDER BY l.probability),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY l.probability), max(l.probability),
                       count(*) FILTER (WHERE l.probability >= cut.p90), max(cut.p90)
                FROM latest l CROSS JOIN cut GROUP BY l.vendor_type""").query(rs -> {
                    spread.put(rs.getString(1), new double[] {num(rs, 2), num(rs, 3), num(rs, 4), rs.getLong(5)});
                    threshold[0] = num(rs, 6);
                });
        List<ChurnMatrix.Row> rows = new ArrayList<>();
        counts.forEach((type, c) -> {
            double[] sp = spread.getOrDefault(type, new double[] {Double.NaN, Double.NaN, Double.NaN, 0});
            rows.add(new ChurnMatrix.Row(type, java.util.Arrays.stream(c).boxed().toList(), sp[0], sp[1], sp[2], (long) sp[3]));
        });
        return new ChurnMatrix(ChurnMatrix.LEVELS, rows, threshold[0]);
    }

    private static double num(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    /** The predicted 6-month values of the production LTV model's latest batch, one per supplier, in no order. */
    double[] ltvPredictions() {
        return jdbc.sql("""
                SELECT (p.prediction ->> 'predictedValue')::float8 FROM ml_predictions p
                JOIN ml_models m ON m.id = p.model_id AND m.status = 'production' AND m.model_name = 'ltv'
                WHERE p.prediction_type = 'ltv'
                  AND p.prediction_for_date = (SELECT max(prediction_for_date) FROM ml_predictions q WHERE q.model_id = m.id)
                """).query((rs, i) -> rs.getObject(1) == null ? Double.NaN : rs.getDouble(1)).list()
                .stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Every model version in production, by name, with its held-out metrics, last drift verdict and alert count. */
    List<ProductionModel> modelsInProduction() {
        return jdbc.sql("""
                SELECT m.model_name, m.version, m.model_type, to_char(m.deployed_at, 'YYYY-MM-DD HH24:MI'), m.test_metrics::text,
                  (SELECT r.verdict FROM ml_drift_reports r WHERE r.model_id = m.id ORDER BY r.evaluated_at DESC LIMIT 1),
                  (SELECT count(*) FROM ml_alerts a WHERE a.model_id = m.id)
                FROM ml_models m WHERE m.status = 'production' ORDER BY m.model_name""")
                .query((rs, i) -> new ProductionModel(rs.getString(1), rs.getString(2), rs.getString(3), orDash(rs.getString(4)),
                        metrics(rs.getString(5)), orDash(rs.getString(6)), rs.getLong(7)))
                .list();
    }

    /** The latest experiments, newest first. */
    List<ExperimentSummary> experiments() {
        return jdbc.sql("""
                SELECT experiment_name, model_name, mode, metric_name, status, COALESCE(sample_size, 0),
                  COALESCE(winner, '-'), COALESCE(decision, '-')
                FROM ml_experiments ORDER BY started_at DESC LIMIT :n""")
                .param("n", EXPERIMENTS_SHOWN)
                .query((rs, i) -> new ExperimentSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    /** The {@link #METRICS} a version's test_metrics JSON holds as finite numbers. */
    static List<ProductionModel.Metric> metrics(String json) {
        Map<String, Object> m = Json.readMap(json);
        List<ProductionModel.Metric> out = new ArrayList<>();
        for (String k : METRICS) {
            if (m.get(k) instanceof Number v && Double.isFinite(v.doubleValue())) {
                out.add(new ProductionModel.Metric(k, v.doubleValue()));
            }
        }
        return out;
    }

    /** A number of the forecast, NaN when it is missing (a gap on the chart, "-" in the text). */
    private static double num(Map<String, Object> m, String k) {
        return m.get(k) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
