package com.wedsync.ml.models.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.wedsync.ml.models.drift.DriftDetector;
import com.wedsync.ml.models.drift.DriftPolicy;
import com.wedsync.ml.models.drift.DriftReport;
import com.wedsync.ml.models.drift.FeatureColumn;

/**
 * KS + PSI for F features, N reference rows against N current rows (default 40 x 1,000,000), printing
 * the time and the peak heap. {@code ops/bench/drift-bench.sh [features] [rows]}.
 */
public final class DriftBenchmark {

    public static void main(String[] args) {
        int features = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        SplittableRandom r = new SplittableRandom(42);
        Map<String, FeatureColumn> ref = new LinkedHashMap<>();
        Map<String, FeatureColumn> cur = new LinkedHashMap<>();
        for (int f = 0; f < features; f++) {
            double shift = f % 10 == 0 ? 0.05 : 0;
            ref.put("f" + f, FeatureColumn.numeric(r.doubles(rows).map(u -> r.nextGaussian()).toArray()));
            cur.put("f" + f, FeatureColumn.numeric(r.doubles(rows).map(u -> r.nextGaussian() + shift).toArray()));
        }
        System.gc();
        long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        DriftDetector detector = new DriftDetector(DriftPolicy.SPEC);
        detector.compare(Map.of("warm", ref.get("f1")), Map.of("warm", cur.get("f1")));
        long t0 = System.nanoTime();
        DriftReport report = detector.compare(ref, cur);
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        System.out.printf("drift: KS + PSI for %d features, %,d reference vs %,d current rows: %.2f s (target <= 4 s), "
                        + "%d cores%n", features, rows, rows, seconds, Runtime.getRuntime().availableProcessors());
        System.out.printf("verdict %s, %d features drifted (planted: %d with a 0.05 sd shift)%n", report.verdict(),
                report.affected().size(), (features + 9) / 10);
        System.out.printf("heap: data %,d MiB; peak during the check %,d MiB (%,d MiB above the data)%n", baseline >> 20,
                peak.get() >> 20, Math.max(0, peak.get() - baseline) >> 20);
    }
}
