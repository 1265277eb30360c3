package com.wedsync.ml.platform.analytics;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import com.wedsync.ml.models.growth.ViralLoop;

/** Page models for tests that need no database: a forecast, a churn matrix, LTV scores, models, experiments. */
final class AnalyticsFixtures {

    private AnalyticsFixtures() {
    }

    /** {@code actualMonths} actual months up to 2026-01 rising from 100,000 by 1,000, then 12 forecast months. */
    static MrrForecast forecast(int actualMonths, String... recommendations) {
        YearMonth last = YearMonth.of(2026, 1);
        List<MrrForecast.Actual> actuals = new ArrayList<>();
        for (int i = actualMonths - 1; i >= 0; i--) {
            actuals.add(new MrrForecast.Actual(last.minusMonths(i).toString(), 100_000 - 1_000.0 * i));
        }
        List<MrrForecast.Month> months = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            double base = 100_000 + 1_500.0 * i;
            months.add(new MrrForecast.Month(last.plusMonths(i).toString(), base, base + 800.0 * i, base - 900.0 * i,
                    base - 500.0 * i, base + 400.0 * i));
        }
        return new MrrForecast(actuals, last.toString(), 100_000, months, List.of(recommendations));
    }

    static ChurnMatrix churn() {
        return new ChurnMatrix(ChurnMatrix.LEVELS, List.of(new ChurnMatrix.Row("florist", List.of(40L, 12L, 3L, 1L)),
                new ChurnMatrix.Row("photographer", List.of(70L, 20L, 8L, 0L))));
    }

    static double[] ltv(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 50.0 * i;
        }
        return v;
    }

    static List<ProductionModel> models() {
        return List.of(new ProductionModel("ltv", "1.0.0", "ltv_regression", "2026-02-28 09:00",
                        List.of(new ProductionModel.Metric("within_10pct", 0.61234), new ProductionModel.Metric("r2", 0.8)), "-", 0),
                new ProductionModel("mrr-forecast", "1.0.0", "mrr_forecast", "2026-02-28 09:01",
                        List.of(new ProductionModel.Metric("mape_1m", 0.0213)), "no_drift", 2));
    }

    static List<ExperimentSummary> experiments() {
        return List.of(new ExperimentSummary("churn-v2-vs-v1", "churn", "split", "auc", "running", 1200, "-", "-"));
    }

    /** 24 months of k to 2026-01 rising from 0.40 by 0.01 (s2c 60%, c2s 40% of it), then one predicted month at 0.66. */
    static com.wedsync.ml.pipelines.growth.ViralPrediction viral() {
        YearMonth last = YearMonth.of(2026, 1);
        List<com.wedsync.ml.pipelines.growth.ViralPrediction.MonthActual> history = new ArrayList<>();
        for (int i = 23; i >= 0; i--) {
            double k = 0.63 - 0.01 * i;
            history.add(new com.wedsync.ml.pipelines.growth.ViralPrediction.MonthActual(last.minusMonths(i).toString(), k, 0.6 * k,
                    0.4 * k, 500, 300, 0.3, 0.2));
        }
        return new com.wedsync.ml.pipelines.growth.ViralPrediction("2026-01", 30, 0.63, 0.66,
                new com.wedsync.ml.pipelines.growth.ViralPrediction.Interval(0.8, 0.58, 0.74),
                new com.wedsync.ml.pipelines.growth.ViralPrediction.Breakdown(0.4, 0.26),
                new com.wedsync.ml.pipelines.growth.ViralPrediction.Breakdown(0.378, 0.252), 1.66, 66,
                List.of(new com.wedsync.ml.pipelines.growth.ViralPrediction.Opportunity("c2s", "activation", 0.2, 0.35, 0.07,
                        "Make it easier for an invited supplier to <join>")),
                new com.wedsync.ml.pipelines.growth.ViralPrediction.CriticalThresholds(false, false, false, 1.0, 0.7, 0.5),
                List.of(new com.wedsync.ml.pipelines.growth.ViralPrediction.MonthForecast("2026-02", 0.66, 0.58, 0.74, 0.4, 0.26)),
                history, new com.wedsync.ml.pipelines.growth.ViralPrediction.Network(1000, 4000, 9000, 0.00225),
                List.of(new com.wedsync.ml.pipelines.growth.ViralPrediction.NetworkEffect("k", ViralLoop.COVARIATE, 0.01, 0.8, 0.02,
                                0.021, 12, false),
                        new com.wedsync.ml.pipelines.growth.ViralPrediction.NetworkEffect("s2c", ViralLoop.COVARIATE, 0.09, 4.2, 0.03,
                                0.018, 12, true),
                        new com.wedsync.ml.pipelines.growth.ViralPrediction.NetworkEffect("c2s", ViralLoop.COVARIATE, -0.002, -0.3, 0.02,
                                0.02, 12, false)));
    }

    /** A vendor type's demand over all regions: 24 months of 100 enquiries to 2026-01, 12 forecast months of 110. */
    static com.wedsync.ml.pipelines.growth.DemandForecast demand(String vendorType, List<String> peaks, List<Double> factors) {
        YearMonth last = YearMonth.of(2026, 1);
        List<com.wedsync.ml.pipelines.growth.DemandForecast.Actual> history = new ArrayList<>();
        for (int i = 23; i >= 0; i--) {
            history.add(new com.wedsync.ml.pipelines.growth.DemandForecast.Actual(last.minusMonths(i).toString(), 100));
        }
        List<com.wedsync.ml.pipelines.growth.DemandForecast.Month> months = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            months.add(new com.wedsync.ml.pipelines.growth.DemandForecast.Month(last.plusMonths(i).toString(), 110, 90, 130));
        }
        return new com.wedsync.ml.pipelines.growth.DemandForecast(vendorType, "all", "2026-01", 12, 100, 1320, 0.1, null,
                new com.wedsync.ml.pipelines.growth.DemandForecast.MarketSize(null, "missing", "No market size is recorded for "
                        + vendorType + " in all"), 40,
                new com.wedsync.ml.pipelines.growth.DemandForecast.Seasonality("spec", peaks, factors, false), months, history,
                List.of(), List.of(), List.of("Record the market size for " + vendorType + " in all to see saturation"));
    }

    /** Photographers peaking May to September, florists in June only. */
    static List<com.wedsync.ml.pipelines.growth.DemandForecast> demandByType() {
        return List.of(demand("photographer", List.of("May", "June", "July", "August", "September"),
                        List.of(0.5, 0.5, 0.7, 0.9, 1.5, 1.6, 1.6, 1.5, 1.4, 0.8, 0.5, 0.5)),
                demand("florist", List.of("June"), List.of(0.8, 0.8, 0.9, 1.0, 1.1, 1.9, 1.1, 1.0, 0.9, 0.8, 0.8, 0.9)));
    }
}
