package com.wedsync.ml.platform.analytics;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

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
}
