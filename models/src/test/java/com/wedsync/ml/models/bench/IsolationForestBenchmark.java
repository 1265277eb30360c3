package com.wedsync.ml.models.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.OperatingSystemMXBean;

import com.wedsync.ml.models.anomaly.IsolationForest;
import com.wedsync.ml.models.anomaly.IsolationForestParameters;

/**
 * Isolation forest on N rows of F features (default 3,600,000 x 6: 100,000 suppliers x 36 months), the
 * paper's 100 trees on sub-samples of 256: the time to fit (checking every row, drawing the sub-samples,
 * growing the trees) and to score every row, and the peak heap. 0.1% of the rows are planted outliers
 * (every feature 5-8 sd out). Ends with one summary line {@code iforest: rows=... fit_ms=... score_ms=...
 * rows_per_s=...}. {@code ops/bench/iforest-bench.sh [rows] [features] [trees]}.
 */
public final class IsolationForestBenchmark {

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 3_600_000;
        int features = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int trees = args.length > 2 ? Integer.parseInt(args[2]) : IsolationForestParameters.DEFAULT_TREES;
        SplittableRandom r = new SplittableRandom(42);
        double[][] data = new double[rows][features];
        boolean[] planted = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            double[] row = data[i];
            planted[i] = r.nextInt(1000) == 0;
            for (int j = 0; j < features; j++) {
                row[j] = planted[i] ? (r.nextBoolean() ? 1 : -1) * r.nextDouble(5, 8) : r.nextGaussian();
            }
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
        IsolationForestParameters parameters = IsolationForestParameters.defaults(7).withTrees(trees);
        // warm-up: the same code on a slice, so that the timings below are of compiled code
        double[][] slice = Arrays.copyOf(data, Math.min(rows, 200_000));
        IsolationForest.fit(slice, parameters).score(slice);

        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double loadBefore = os.getSystemLoadAverage();
        long t0 = System.nanoTime();
        IsolationForest forest = IsolationForest.fit(data, parameters);
        long t1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        double[] scores = forest.score(data);
        long t2 = System.nanoTime();
        long cpu2 = os.getProcessCpuTime();
        double loadAfter = os.getSystemLoadAverage();
        sampler.interrupt();
        double fitMs = (t1 - t0) / 1e6;
        double scoreMs = (t2 - t1) / 1e6;
        double rowsPerSecond = rows / ((t2 - t1) / 1e9);

        long plantedRows = 0;
        long plantedAbove = 0;
        long ordinaryAbove = 0;
        for (int i = 0; i < rows; i++) {
            if (planted[i]) {
                plantedRows++;
                plantedAbove += scores[i] > 0.7 ? 1 : 0;
            } else {
                ordinaryAbove += scores[i] > 0.7 ? 1 : 0;
            }
        }
        System.out.printf("iforest: %s on %,d rows x %d features; %d cores, common pool parallelism %d%n", forest, rows, features,
                Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism());
        System.out.printf("fit %.1f ms (checks every row, %d sub-samples of %d); score %.1f ms, %,.0f rows/s, %.0f ns/row/tree%n",
                fitMs, forest.trees(), forest.subSampleSize(), scoreMs, rowsPerSecond,
                (t2 - t1) / (double) rows / forest.trees());
        System.out.printf("scoring used %.1f s of CPU (all threads, %.0f ns/row/tree of CPU); load average %.1f before, %.1f after "
                        + "(wall times on a shared machine are stretched by the load)%n", (cpu2 - cpu1) / 1e9,
                (cpu2 - cpu1) / (double) rows / forest.trees(), loadBefore, loadAfter);
        System.out.printf("score > 0.7: %,d of %,d planted outliers, %,d of %,d ordinary rows%n", plantedAbove, plantedRows,
                ordinaryAbove, rows - plantedRows);
        System.out.printf("heap: data %,d MiB; peak during fit and score %,d MiB (%,d MiB above the data); artifact %,d bytes%n",
                baseline >> 20, peak.get() >> 20, Math.max(0, peak.get() - baseline) >> 20, forest.toBytes().length);
        System.out.printf("iforest: rows=%d fit_ms=%.0f score_ms=%.0f rows_per_s=%.0f%n", rows, fitMs, scoreMs, rowsPerSecond);
    }
}
