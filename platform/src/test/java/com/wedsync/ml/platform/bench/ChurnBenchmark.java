package com.wedsync.ml.platform.bench;

import static com.wedsync.ml.platform.bench.BenchPlatform.secs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.pipelines.churn.ChurnFeatures;
import com.wedsync.ml.pipelines.churn.ChurnModelKind;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.pipelines.spi.ScoringModel;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.pipelines.spi.TrainingRequest;
import com.wedsync.ml.platform.features.FeatureStore;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.registry.ModelVersion;
import com.wedsync.ml.platform.registry.NewModelVersion;
import com.wedsync.ml.platform.scoring.Scoring;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.pipelines.registry.ModelState;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The churn pipeline's speed at scale, printed: feature refresh for N suppliers (and the spec's
 * per-supplier query form, timed on a sample), ensemble training on 100k rows, batch scoring rate, and
 * the real-time API's latency. Runs the platform against a fresh embedded PostgreSQL.
 * {@code ops/bench/churn-bench.sh [suppliers] [training rows]} (defaults 100000 and 100000).
 */
public final class ChurnBenchmark {

    public static void main(String[] args) throws Exception {
        int suppliers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int trainRows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        ConfigurableApplicationContext app = BenchPlatform.start("churn-bench");
        try {
            MarketplaceLoader loader = app.getBean(MarketplaceLoader.class);
            FeatureStore features = app.getBean(FeatureStore.class);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            System.out.printf("churn benchmark: %,d suppliers x 36 months%n", suppliers);
            long t0 = System.nanoTime();
            loader.simulateAndLoad(SimulationParameters.of(42, suppliers, 36, today), ProgressListener.NONE);
            System.out.printf("simulated and loaded in %.1f s%n", secs(t0));

            // 1. feature refresh, set-based, all suppliers
            t0 = System.nanoTime();
            var snap = features.refresh(ChurnFeatures.SPEC, today, null, null);
            double refresh = secs(t0);
            System.out.printf("feature refresh (set-based, one statement): %,d suppliers in %.2f s (target <= 30 s)%n",
                    snap.entityCount(), refresh);

            // 2. the spec's per-supplier form: one query per supplier, timed on a sample, extrapolated
            List<UUID> sample = jdbc.sql("SELECT id FROM suppliers WHERE status = 'active' ORDER BY id LIMIT 300")
                    .query(UUID.class).list();
            List<String> all = ChurnFeatures.SPEC.features().stream().map(f -> f.name()).toList();
            t0 = System.nanoTime();
            for (UUID id : sample) {
                features.live(ChurnFeatures.SPEC, today.atStartOfDay().toInstant(ZoneOffset.UTC), id, all);
            }
            double perSupplier = secs(t0) / sample.size();
            System.out.printf("per-supplier form: %.2f ms per supplier (%d sampled) -> %.0f s for %,d suppliers; "
                    + "set-based is %.1fx faster%n", perSupplier * 1000, sample.size(), perSupplier * snap.entityCount(),
                    snap.entityCount(), perSupplier * snap.entityCount() / refresh);

            // 3. ensemble training on >= 100k labelled rows (snapshots 30 and 60 days back)
            List<LocalDate> dates = new ArrayList<>();
            int rows = 0;
            for (int back = 30; rows < trainRows && back <= 365; back += 30) {
                var s = features.refresh(ChurnFeatures.SPEC, today.minusDays(back), null, null);
                dates.add(today.minusDays(back));
                rows += s.entityCount();
            }
            PipelineDefinitions definitions = app.getBean(PipelineDefinitions.class);
            PipelineDefinition churn = definitions.latest("churn").orElseThrow().definition();
            FeatureTable loaded = features.load(ChurnFeatures.SPEC, dates, churn.features().include(), 30, null);
            FeatureTable table = loaded.rows(java.util.stream.IntStream.range(0, Math.min(trainRows, loaded.size())).toArray());
            int[] trainIdx = java.util.stream.IntStream.range(0, table.size()).filter(i -> i % 5 != 0).toArray();
            int[] validIdx = java.util.stream.IntStream.range(0, table.size()).filter(i -> i % 5 == 0).toArray();
            FeatureTable train = table.rows(trainIdx);
            FeatureTable validation = table.rows(validIdx);
            ChurnModelKind kind = new ChurnModelKind();
            t0 = System.nanoTime();
            TrainedModel model = kind.train(new TrainingRequest(churn, train, validation, 42,
                    Map.of("data_window", dates.toString(), "feature_set", "supplier_churn", "feature_version", "1")),
                    ProgressListener.NONE);
            System.out.printf("ensemble training: %,d training + %,d validation rows in %.1f s; per member (ms): %s%n",
                    train.size(), validation.size(), secs(t0), model.provenance().get("member_training_ms"));

            // 4. batch scoring: the model alone, and the whole job (features read, explain, predictions written)
            FeatureTable today100k = features.load(ChurnFeatures.SPEC, List.of(today), churn.features().include(), null, null);
            ScoringModel scorer = kind.load(model.artifact());
            scorer.score(today100k.rows(java.util.stream.IntStream.range(0, Math.min(1000, today100k.size())).toArray()));
            t0 = System.nanoTime();
            double[] p = scorer.score(today100k);
            double s = secs(t0);
            System.out.printf("batch scoring, model only: %,d suppliers in %.2f s = %,.0f suppliers/s (target >= 20,000/s)%n",
                    p.length, s, p.length / s);
            ModelRegistry registry = app.getBean(ModelRegistry.class);
            ModelVersion v = registry.register(new NewModelVersion("churn", "churn", model, "churn", churn.version(), null, null,
                    Map.of(), "bench", "bench"));
            registry.transition(v.getId(), ModelState.VALIDATING, "bench", "bench");
            registry.transition(v.getId(), ModelState.STAGED, "bench", "bench");
            registry.transition(v.getId(), ModelState.PRODUCTION, "bench", "bench");
            t0 = System.nanoTime();
            Map<String, Object> job = app.getBean(Scoring.class).scoreAll("churn", ProgressListener.NONE);
            System.out.printf("batch scoring job (read snapshot, score, explain, write ml_predictions): %s suppliers in %.1f s%n",
                    job.get("scored"), secs(t0));

            // 5. the real-time API
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            List<UUID> ids = jdbc.sql("SELECT entity_id FROM ml_feature_store WHERE as_of = CURRENT_DATE ORDER BY random() LIMIT 2000")
                    .query(UUID.class).list();
            com.wedsync.ml.platform.support.Api http = com.wedsync.ml.platform.support.Api.on(port).as("viewer");
            for (int i = 0; i < 200; i++) {
                get(http, ids.get(i % ids.size()));
            }
            long[] lat = new long[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                long t = System.nanoTime();
                get(http, ids.get(i));
                lat[i] = System.nanoTime() - t;
            }
            Arrays.sort(lat);
            System.out.printf("GET /api/suppliers/{id}/churn, %d sequential requests: p50 %.2f ms, p99 %.2f ms (target p99 <= 20 ms)%n",
                    lat.length, lat[lat.length / 2] / 1e6, lat[(int) (lat.length * 0.99)] / 1e6);
        } finally {
            app.close();
        }
    }

    static void get(com.wedsync.ml.platform.support.Api http, UUID id) {
        HttpResponse<String> r = http.get("/api/suppliers/" + id + "/churn");
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
    }
}
