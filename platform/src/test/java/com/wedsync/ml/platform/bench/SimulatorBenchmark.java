package com.wedsync.ml.platform.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.wedsync.ml.pipelines.simulator.MarketplaceSimulator;
import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.platform.simulator.CopyLoader;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

/**
 * Generates and loads N suppliers x M months into a fresh embedded PostgreSQL (configured as the
 * default run's) and prints rows, seconds, rows/s per phase and the JVM's peak heap and resident set.
 * Run by {@code ops/bench/simulator-bench.sh [suppliers] [months]}.
 */
public final class SimulatorBenchmark {

    public static void main(String[] args) throws Exception {
        int suppliers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int months = args.length > 1 ? Integer.parseInt(args[1]) : 36;
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        Path data = Files.createTempDirectory("wedsync-bench-pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                .setServerConfig("shared_buffers", "256MB").setServerConfig("maintenance_work_mem", "256MB")
                .setServerConfig("synchronous_commit", "off").setServerConfig("max_wal_size", "4GB")
                .setServerConfig("wal_level", "minimal").setServerConfig("max_wal_senders", "0").start();
             HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            ds.setUsername("postgres");
            ds.setPassword("postgres");
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            SimulationParameters p = SimulationParameters.of(42, suppliers, months, LocalDate.now());
            System.out.printf("simulator benchmark: %,d suppliers x %d months, 2 phases (generate, COPY load)%n", suppliers, months);
            long t0 = System.nanoTime();
            try (CopyLoader loader = new CopyLoader()) {
                MarketplaceSimulator.Summary s = new MarketplaceSimulator(p, loader, null).run();
                long t1 = System.nanoTime();
                Map<String, Long> loaded = loader.load(ds, new CopyLoader.SimRun(java.util.UUID.randomUUID(), 42, suppliers,
                        months, p.startDate(), p.endDate(), "{}"), (t, n) -> { });
                long t2 = System.nanoTime();
                double gen = (t1 - t0) / 1e9;
                double load = (t2 - t1) / 1e9;
                long rows = s.totalRows();
                loaded.forEach((t, n) -> System.out.printf("  %-22s %,12d rows%n", t, n));
                System.out.printf("generate: %,d rows in %.1f s = %,.0f rows/s%n", rows, gen, rows / gen);
                System.out.printf("load (COPY, one transaction, incl. ANALYZE): %.1f s = %,.0f rows/s%n", load, rows / load);
                System.out.printf("total: %.1f s = %,.0f rows/s (target for 100k x 36: <= 60 s)%n", gen + load, rows / (gen + load));
            }
        } finally {
            sampler.interrupt();
        }
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .findFirst().orElse("VmHWM: n/a").replaceAll("\\s+", " ");
        System.out.printf("peak JVM heap used: %,d MiB; JVM peak resident set (%s); PostgreSQL runs in its own processes%n",
                peakHeap.get() / (1 << 20), hwm);
    }
}
