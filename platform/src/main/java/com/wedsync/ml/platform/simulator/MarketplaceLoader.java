package com.wedsync.ml.platform.simulator;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.wedsync.ml.pipelines.simulator.MarketplaceSimulator;
import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.json.Json;

/** Simulates a marketplace and loads it into PostgreSQL, replacing what the tables held. */
@Service
public class MarketplaceLoader {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Clock clock;

    private final com.wedsync.ml.platform.growth.MarketSizes marketSizes;

    MarketplaceLoader(DataSource dataSource, JdbcClient jdbc, Clock clock, com.wedsync.ml.platform.growth.MarketSizes marketSizes) {
        this.marketSizes = marketSizes;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The run id of these parameters: the same parameters, the same id. */
    public static UUID runId(SimulationParameters p) {
        // without seeded anomalies, the id the parameters had before they could be seeded: a stored run is still found
        String key = p.seededAnomalies() == 0 ? p.toString().replace(", seededAnomalies=0]", "]") : p.toString();
        return UUID.nameUUIDFromBytes(("simulation:" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Parameters for a simulation ending today. */
    public SimulationParameters parameters(long seed, int suppliers, int months) {
        return SimulationParameters.of(seed, suppliers, months, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** Whether the tables already hold exactly this simulation. */
    public boolean loaded(SimulationParameters p) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM sim_runs WHERE id = :id)").param("id", runId(p)).query(Boolean.class).single();
    }

    /**
     * Generates and loads a marketplace (progress 0-70: generation, 70-100: loading).
     *
     * @return the row counts per table and timings
     */
    public Map<String, Object> simulateAndLoad(SimulationParameters p, ProgressListener progress) {
        long t0 = System.nanoTime();
        try (CopyLoader loader = new CopyLoader()) {
            MarketplaceSimulator.Summary summary = new MarketplaceSimulator(p, loader,
                    (pct, msg) -> progress.progress(pct * 70 / 100, msg)).run();
            long t1 = System.nanoTime();
            progress.log("generated " + summary.totalRows() + " rows in " + String.format("%.1f", (t1 - t0) / 1e9)
                    + " s; loading with COPY in one transaction");
            int[] done = {0};
            Map<String, Long> loaded = loader.load(dataSource, new CopyLoader.SimRun(runId(p), p.seed(), p.suppliers(),
                    p.months(), p.startDate(), p.endDate(), Json.write(Map.of("seed", p.seed(), "suppliers", p.suppliers(),
                    "months", p.months(), "end_date", p.endDate().toString(), "drift_months_before_end", p.driftMonth(),
                    "anomalies", p.anomalies(), "seeded_anomalies", p.seededAnomalies()))), (table, n) -> progress.progress(70 + 30 * ++done[0] / 14,
                    "loaded " + n + " rows into " + table));
            marketSizes.seedFromSimulation();
            long t2 = System.nanoTime();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("rows", loaded);
            result.put("totalRows", summary.totalRows());
            result.put("churned", summary.churned());
            result.put("generateSeconds", (t1 - t0) / 1e9);
            result.put("loadSeconds", (t2 - t1) / 1e9);
            result.put("rowsPerSecond", summary.totalRows() / ((t2 - t0) / 1e9));
            return result;
        }
    }
}
