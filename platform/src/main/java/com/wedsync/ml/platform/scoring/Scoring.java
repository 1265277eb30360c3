package com.wedsync.ml.platform.scoring;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.api.NotFoundException;
import com.wedsync.ml.platform.features.FeatureStore;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.registry.ModelVersion;

/**
 * Scores entities with a model's production version. Real time: from today's snapshot when it holds
 * the entity, otherwise from features computed live for that entity; batch: today's snapshot of every
 * entity, in chunks. Every prediction is logged with its model version and the features used.
 */
@Service
public class Scoring {

    static final int CHUNK = 10_000;

    private final ModelRegistry registry;
    private final LoadedModels models;
    private final FeatureStore features;
    private final Predictions predictions;
    private final JdbcClient jdbc;
    private final Clock clock;

    Scoring(ModelRegistry registry, LoadedModels models, FeatureStore features, Predictions predictions, JdbcClient jdbc,
            Clock clock) {
        this.registry = registry;
        this.models = models;
        this.features = features;
        this.predictions = predictions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The production model of a name, loaded. */
    public LoadedModels.Loaded production(String modelName) {
        ModelVersion v = registry.production(modelName).orElseThrow(() -> new NotFoundException(
                "model '" + modelName + "' has no production version yet (GET /api/models?name=" + modelName + ")"));
        return models.get(v);
    }

    /** Scores one entity now and logs the prediction. */
    public Map<String, Object> scoreOne(String modelName, UUID entityId) {
        LoadedModels.Loaded m = production(modelName);
        LocalDate today = today();
        FeatureTable row = features.load(m.kind().featureSet(), List.of(today), m.features(), null, List.of(entityId));
        String source = "snapshot " + today;
        if (row.size() == 0) {
            row = features.live(m.kind().featureSet(), clock.instant(), entityId, m.features());
            source = "live";
        }
        if (row.size() == 0) {
            boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM suppliers WHERE id = :id)").param("id", entityId)
                    .query(Boolean.class).single();
            throw new NotFoundException(exists ? "supplier " + entityId + " is no longer active (it has churned)"
                    : "no supplier " + entityId);
        }
        double score = m.model().score(row)[0];
        Map<String, Object> explained = m.model().explain(row, 0, score);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("supplierId", entityId);
        out.put("model", Map.of("name", m.version().getModelName(), "version", m.version().getVersion(), "id", m.version().getId()));
        out.put("asOf", clock.instant().toString());
        out.put("featureSource", source);
        out.putAll(explained);
        log(m, row, new double[] {score}, List.of(explained), today);
        return out;
    }

    /**
     * Scores every entity of today's snapshot (computing it if missing) and logs the predictions.
     *
     * @return how many entities were scored and how many predictions were new
     */
    public Map<String, Object> scoreAll(String modelName, ProgressListener progress) {
        LoadedModels.Loaded m = production(modelName);
        LocalDate today = today();
        if (features.snapshot(m.kind().featureSet(), today).isEmpty()) {
            progress.progress(2, "computing today's " + m.kind().featureSet().name() + " snapshot");
            features.refresh(m.kind().featureSet(), today, clock.instant().plus(1, ChronoUnit.DAYS), null);
        }
        FeatureTable all = features.load(m.kind().featureSet(), List.of(today), m.features(), null, null);
        progress.progress(10, "scoring " + all.size() + " entities with " + m.version().getModelName() + " v"
                + m.version().getVersion());
        long start = System.nanoTime();
        long scoringNanos = 0;
        int inserted = 0;
        for (int from = 0; from < all.size(); from += CHUNK) {
            int to = Math.min(all.size(), from + CHUNK);
            int[] idx = java.util.stream.IntStream.range(from, to).toArray();
            FeatureTable chunk = all.rows(idx);
            long t0 = System.nanoTime();
            double[] scores = m.model().score(chunk);
            scoringNanos += System.nanoTime() - t0;
            List<Map<String, Object>> explained = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                explained.add(m.model().explain(chunk, i, scores[i]));
            }
            inserted += log(m, chunk, scores, explained, today);
            progress.progress(10 + 90 * to / Math.max(1, all.size()), "scored " + to + " of " + all.size());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scored", all.size());
        result.put("newPredictions", inserted);
        result.put("modelVersion", m.version().getVersion());
        result.put("seconds", seconds);
        result.put("modelScoringPerSecond", all.size() / Math.max(1e-9, scoringNanos / 1e9));
        progress.log("scored " + all.size() + " in " + String.format("%.1f", seconds) + " s (" + inserted + " new predictions)");
        return result;
    }

    private int log(LoadedModels.Loaded m, FeatureTable rows, double[] scores, List<Map<String, Object>> explained,
                    LocalDate asOf) {
        Integer horizon = m.definition().training().labelHorizonDays();
        LocalDate forDate = asOf.plusDays(horizon == null ? 30 : horizon);
        List<Predictions.Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> used = new LinkedHashMap<>();
            used.put("as_of", asOf.toString());
            for (int f = 0; f < rows.numericNames().size(); f++) {
                used.put(rows.numericNames().get(f), rows.numeric()[i][f]);
            }
            for (int f = 0; f < rows.categoricalNames().size(); f++) {
                used.put(rows.categoricalNames().get(f), rows.categorical()[i][f]);
            }
            Object c = explained.get(i).get("confidence");
            double confidence = c instanceof Number n ? n.doubleValue() : Math.abs(2 * scores[i] - 1);
            out.add(new Predictions.Row(m.version().getId(), m.kind().name(), UUID.fromString(rows.entityIds().get(i)),
                    m.kind().featureSet().entityType(), explained.get(i), confidence, used, forDate, null));
        }
        return predictions.insert(out);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
