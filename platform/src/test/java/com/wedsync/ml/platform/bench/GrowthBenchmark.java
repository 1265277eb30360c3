package com.wedsync.ml.platform.bench;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.wedsync.ml.models.growth.DemandForecaster;
import com.wedsync.ml.models.growth.MonthlySeries;
import com.wedsync.ml.models.growth.ViralLoop;
import com.wedsync.ml.pipelines.growth.GrowthFeatures;
import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.simulator.Wedding;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.features.FeatureStore;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;

/**
 * The growth kinds against the simulator's truth over several seeds at fixed end dates: the viral 30-day forecast
 * (the definition's parameters) against sim_monthly_truth's k, k_s2c and k_c2s at each of the last 18 origins; the
 * demand next-month forecast's MAPE per vendor type and pooled against seasonal naive on the same 12 origins, and
 * the pooled 80% coverage. {@code ops/bench/growth-bench.sh [suppliers] [seeds]} (defaults 3000 and 3).
 */
public final class GrowthBenchmark {

    public static void main(String[] args) throws Exception {
        int suppliers = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<LocalDate> ends = List.of(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 8, 31));
        ConfigurableApplicationContext app = BenchPlatform.start("growth-bench");
        try {
            MarketplaceLoader loader = app.getBean(MarketplaceLoader.class);
            FeatureStore features = app.getBean(FeatureStore.class);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            MonthlySeries.Parameters vp = new MonthlySeries.Parameters(12, 0.8);
            int vOrigins = 0;
            int[] within = new int[3];
            java.util.List<DemandForecaster.BacktestPoint> all = new java.util.ArrayList<>();
            // per vendor type: summed |forecast - rate| / rate, the same for seasonal naive and for the enquiries, count
            Map<String, double[]> vsTruth = new java.util.TreeMap<>();
            System.out.println("seed end        origins  k_within  s2c_within  c2s_within  demand_mape  naive_mape  coverage80");
            for (LocalDate end : ends) {
                for (int seed = 1; seed <= seeds; seed++) {
                    loader.simulateAndLoad(SimulationParameters.of(seed, suppliers, 36, end), ProgressListener.NONE);
                    features.refresh(GrowthFeatures.VIRAL_MONTHLY, end, null, null);
                    features.refresh(GrowthFeatures.DEMAND_MONTHLY, end, null, null);
                    var vt = features.load(GrowthFeatures.VIRAL_MONTHLY, List.of(end), GrowthFeatures.VIRAL_MONTHLY.features().stream()
                            .map(f -> f.name()).toList(), null, null);
                    List<ViralLoop.Month> history = com.wedsync.ml.pipelines.growth.Histories.viral(vt);
                    Map<YearMonth, double[]> truth = new java.util.HashMap<>();
                    jdbc.sql("SELECT month, k_factor, k_supplier_to_couple, k_couple_to_supplier FROM sim_monthly_truth").query(rs -> {
                        truth.put(YearMonth.from(rs.getObject(1, LocalDate.class)), new double[] {rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)});
                    });
                    int[] w = new int[3];
                    List<ViralLoop.BacktestPoint> bt = ViralLoop.backtest(history, vp, 18);
                    for (ViralLoop.BacktestPoint p : bt) {
                        double[] t = truth.get(p.month());
                        w[0] += Math.abs(p.k() - t[0]) <= 0.1 ? 1 : 0;
                        w[1] += Math.abs(p.s2c() - t[1]) <= 0.1 ? 1 : 0;
                        w[2] += Math.abs(p.c2s() - t[2]) <= 0.1 ? 1 : 0;
                    }
                    vOrigins += bt.size();
                    for (int i = 0; i < 3; i++) {
                        within[i] += w[i];
                    }
                    var dt = features.load(GrowthFeatures.DEMAND_MONTHLY, List.of(end), List.of("vendor_type", "region", "month",
                            "enquiries", "suppliers"), null, null);
                    List<DemandForecaster.BacktestPoint> pts = DemandForecaster.backtest(com.wedsync.ml.pipelines.growth.Histories.demand(dt),
                            new DemandForecaster.Parameters(24, 0.9, 1.0), 12);
                    all.addAll(pts);
                    Map<String, Double> rates = new java.util.HashMap<>();
                    jdbc.sql("SELECT to_char(month, 'YYYY-MM'), vendor_type, region, expected_enquiries FROM sim_demand_truth")
                            .query(rs -> {
                                rates.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3), rs.getDouble(4));
                            });
                    for (DemandForecaster.BacktestPoint p : pts) {
                        double rate = rates.get(p.month() + "|" + p.vendorType() + "|" + p.region());
                        double[] e = vsTruth.computeIfAbsent(p.vendorType(), k -> new double[4]);
                        e[0] += Math.abs(p.forecast() - rate) / rate;
                        e[1] += Math.abs(p.seasonalNaive() - rate) / rate;
                        e[2] += Math.abs(p.actual() - rate) / rate;
                        e[3]++;
                    }
                    Map<String, Double> m = DemandForecaster.metrics(pts, Wedding.VENDOR_TYPES);
                    System.out.printf("%4d %s %7d  %8.3f  %10.3f  %10.3f  %11.3f  %10.3f  %10.3f%n", seed, end, bt.size(),
                            w[0] / (double) bt.size(), w[1] / (double) bt.size(), w[2] / (double) bt.size(), m.get("mape_1m"),
                            m.get("mape_seasonal_naive_1m"), m.get("coverage_80"));
                }
            }
            Map<String, Double> pooled = DemandForecaster.metrics(all, Wedding.VENDOR_TYPES);
            System.out.println("             against the enquiries        against the true rates (sim_demand_truth)");
            System.out.println("vendor type   demand_mape  naive_mape   demand_mape  naive_mape  enquiries_mape");
            double[] pooledTruth = new double[4];
            for (String t : Wedding.VENDOR_TYPES) {
                double[] e = vsTruth.getOrDefault(t, new double[] {0, 0, 0, 1});
                for (int i = 0; i < 4; i++) {
                    pooledTruth[i] += e[i];
                }
                System.out.printf("%-13s %11.3f  %10.3f   %11.3f  %10.3f  %14.3f%n", t, pooled.get("mape_1m_" + t),
                        pooled.get("mape_seasonal_naive_1m_" + t), e[0] / e[3], e[1] / e[3], e[2] / e[3]);
            }
            System.out.printf("%-13s %11.3f  %10.3f   %11.3f  %10.3f  %14.3f%n", "pooled", pooled.get("mape_1m"),
                    pooled.get("mape_seasonal_naive_1m"), pooledTruth[0] / pooledTruth[3], pooledTruth[1] / pooledTruth[3],
                    pooledTruth[2] / pooledTruth[3]);
            System.out.printf("growth-bench: marketplaces=%d viral_origins=%d k_within_0_1=%.3f s2c_within_0_1=%.3f c2s_within_0_1=%.3f "
                            + "demand_mape=%.3f naive_mape=%.3f coverage_80=%.3f demand_mape_vs_truth=%.3f naive_mape_vs_truth=%.3f%n",
                    ends.size() * seeds, vOrigins,
                    within[0] / (double) vOrigins, within[1] / (double) vOrigins, within[2] / (double) vOrigins, pooled.get("mape_1m"),
                    pooled.get("mape_seasonal_naive_1m"), pooled.get("coverage_80"), pooledTruth[0] / pooledTruth[3],
                    pooledTruth[1] / pooledTruth[3]);
        } finally {
            app.close();
        }
    }
}
