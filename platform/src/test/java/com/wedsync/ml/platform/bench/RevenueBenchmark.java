package com.wedsync.ml.platform.bench;

import static com.wedsync.ml.platform.bench.BenchPlatform.secs;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.revenue.LtvModelKind;
import com.wedsync.ml.pipelines.revenue.MrrForecastModelKind;
import com.wedsync.ml.pipelines.revenue.RevenueFeatures;
import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.Forecaster;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.pipelines.spi.ScoringModel;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.pipelines.spi.TrainingRequest;
import com.wedsync.ml.platform.features.FeatureStore;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The revenue pipelines, printed: (1) the MRR forecast's backtest over several simulated marketplaces
 * (seeds) of the default size, for how much the within-10% share and the 80% band's coverage vary;
 * (2) at scale (N suppliers x 36 months): the monthly-history and supplier_ltv feature refreshes, the
 * MRR fit + backtest + a 12-month forecast, LTV training on the snapshots of a year and its scoring rate.
 * {@code ops/bench/revenue-bench.sh [suppliers] [seeds]} (defaults 100000 and 5).
 */
public final class RevenueBenchmark {

    public static void main(String[] args) throws Exception {
        int suppliers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ConfigurableApplicationContext app = BenchPlatform.start("revenue-bench");
        try {
            MarketplaceLoader loader = app.getBean(MarketplaceLoader.class);
            FeatureStore features = app.getBean(FeatureStore.class);
            PipelineDefinitions definitions = app.getBean(PipelineDefinitions.class);
            PipelineDefinition mrrDef = definitions.latest("mrr-forecast").orElseThrow().definition();
            PipelineDefinition ltvDef = definitions.latest("ltv").orElseThrow().definition();
            MrrForecastModelKind mrr = new MrrForecastModelKind();
            LtvModelKind ltv = new LtvModelKind();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            List<String> mrrFeatures = mrrDef.features().include();

            System.out.printf("MRR backtest (next month, %s) over %d simulated marketplaces of 3,000 suppliers x 36 months%n",
                    "18 origins", seeds);
            for (int seed = 1; seed <= seeds; seed++) {
                loader.simulateAndLoad(SimulationParameters.of(seed, 3000, 36, today), ProgressListener.NONE);
                features.refresh(RevenueFeatures.MRR_MONTHLY, today, null, null);
                FeatureTable history = features.load(RevenueFeatures.MRR_MONTHLY, List.of(today), mrrFeatures, null, null);
                TrainedModel m = mrr.train(new TrainingRequest(mrrDef, history, history, 42, Map.of()), ProgressListener.NONE);
                Map<String, Double> v = m.validationMetrics();
                System.out.printf("  seed %d: within +-10%% %.2f, 80%% band coverage %.2f, MAPE %.2f%%%n", seed,
                        v.get("within_10pct"), v.get("coverage_80"), 100 * v.get("mape_1m"));
            }

            System.out.printf("%nat scale: %,d suppliers x 36 months%n", suppliers);
            long t0 = System.nanoTime();
            loader.simulateAndLoad(SimulationParameters.of(42, suppliers, 36, today), ProgressListener.NONE);
            System.out.printf("simulated and loaded in %.1f s%n", secs(t0));
            t0 = System.nanoTime();
            var monthly = features.refresh(RevenueFeatures.MRR_MONTHLY, today, null, null);
            System.out.printf("mrr_monthly refresh: %d months in %.2f s%n", monthly.entityCount(), secs(t0));
            FeatureTable history = features.load(RevenueFeatures.MRR_MONTHLY, List.of(today), mrrFeatures, null, null);
            t0 = System.nanoTime();
            TrainedModel m = mrr.train(new TrainingRequest(mrrDef, history, history, 42, Map.of()), ProgressListener.NONE);
            System.out.printf("MRR fit + 18-origin backtest: %.2f s; backtest %s%n", secs(t0), m.validationMetrics());
            ScoringModel forecaster = mrr.load(m.artifact());
            t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                ((Forecaster) forecaster).forecast(history, 12);
            }
            System.out.printf("12-month forecast with 1,000 Monte Carlo paths: %.1f ms each%n", secs(t0) * 100);

            // LTV: one snapshot a month over a year, labels 182 days ahead
            List<LocalDate> trainDates = new ArrayList<>();
            for (int k = 18; k >= 8; k -= 2) {
                trainDates.add(today.minusMonths(k));
            }
            LocalDate valDate = today.minusMonths(7);
            t0 = System.nanoTime();
            int rows = 0;
            for (LocalDate d : trainDates) {
                rows += features.refresh(RevenueFeatures.SUPPLIER_LTV, d, null, null).entityCount();
            }
            rows += features.refresh(RevenueFeatures.SUPPLIER_LTV, valDate, null, null).entityCount();
            double refresh = secs(t0);
            System.out.printf("supplier_ltv refresh: %d snapshots, %,d supplier rows in %.1f s (%.1f s a snapshot)%n",
                    trainDates.size() + 1, rows, refresh, refresh / (trainDates.size() + 1));
            t0 = System.nanoTime();
            FeatureTable train = features.load(RevenueFeatures.SUPPLIER_LTV, trainDates, ltvDef.features().include(), 182, null);
            FeatureTable val = features.load(RevenueFeatures.SUPPLIER_LTV, List.of(valDate), ltvDef.features().include(), 182, null);
            System.out.printf("loaded with labels: %,d training and %,d validation rows in %.1f s%n", train.size(), val.size(), secs(t0));
            t0 = System.nanoTime();
            TrainedModel model = ltv.train(new TrainingRequest(ltvDef, train, val, 42, Map.of("data_window", "bench",
                    "feature_set", "supplier_ltv", "feature_version", "1")), ProgressListener.NONE);
            System.out.printf("LTV training (XGBoost, %s): %.1f s; validation %s%n", model.hyperparameters().get("rounds") + " rounds",
                    secs(t0), model.validationMetrics());
            ScoringModel scorer = ltv.load(model.artifact());
            t0 = System.nanoTime();
            scorer.score(val);
            double s = secs(t0);
            System.out.printf("LTV scoring: %,d suppliers in %.2f s (%,.0f / s)%n", val.size(), s, val.size() / s);
        } finally {
            app.close();
        }
    }
}
