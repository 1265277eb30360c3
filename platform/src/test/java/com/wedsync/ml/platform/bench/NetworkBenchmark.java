package com.wedsync.ml.platform.bench;

import static com.wedsync.ml.platform.bench.BenchPlatform.secs;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.springframework.context.ConfigurableApplicationContext;

import com.wedsync.ml.models.growth.NetworkEffects;
import com.wedsync.ml.pipelines.growth.GrowthFeatures;
import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.features.FeatureStore;
import com.wedsync.ml.platform.growth.NetworkEffectsQuery;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;

/**
 * The network-effects query (one set-based statement over all suppliers, couples and connections) and the
 * viral_monthly feature refresh at scale: N suppliers x M months simulated and loaded, then each timed 5 times
 * (median and worst). {@code ops/bench/network-bench.sh [suppliers] [months]} (defaults 100000 and 36).
 */
public final class NetworkBenchmark {

    public static void main(String[] args) throws Exception {
        int suppliers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int months = args.length > 1 ? Integer.parseInt(args[1]) : 36;
        ConfigurableApplicationContext app = BenchPlatform.start("network-bench");
        try {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            long t0 = System.nanoTime();
            app.getBean(MarketplaceLoader.class).simulateAndLoad(SimulationParameters.of(42, suppliers, months, today),
                    ProgressListener.NONE);
            System.out.printf("simulated and loaded %,d suppliers x %d months in %.1f s%n", suppliers, months, secs(t0));
            NetworkEffectsQuery network = app.getBean(NetworkEffectsQuery.class);
            FeatureStore features = app.getBean(FeatureStore.class);
            java.time.Instant asOf = today.atStartOfDay().toInstant(ZoneOffset.UTC);
            double[] net = new double[5];
            double[] viral = new double[5];
            NetworkEffects n = null;
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                n = network.at(asOf);
                net[i] = secs(t);
                t = System.nanoTime();
                features.refresh(GrowthFeatures.VIRAL_MONTHLY, today, null, null);
                viral[i] = secs(t);
            }
            Arrays.sort(net);
            Arrays.sort(viral);
            System.out.printf("network: %,d suppliers, %,d couples, %,d connections, density %.3g, quality %.4f%n",
                    n.totalSuppliers(), n.totalCouples(), n.connections(), n.density(), n.qualityScore());
            System.out.printf("network-bench: suppliers=%d months=%d network_s_median=%.3f network_s_max=%.3f "
                            + "viral_monthly_s_median=%.3f viral_monthly_s_max=%.3f target_s=10 within_target=%s%n", suppliers, months,
                    net[2], net[4], viral[2], viral[4], net[4] <= 10);
        } finally {
            app.close();
        }
    }
}
