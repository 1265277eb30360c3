package com.wedsync.ml.platform.scoring;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.wedsync.ml.models.experiment.ArmAssignment;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.platform.experiments.Experiments;
import com.wedsync.ml.pipelines.spi.Forecaster;
import com.wedsync.ml.pipelines.spi.InvalidForecastOptionException;
import com.wedsync.ml.pipelines.spi.Prediction;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.pipelines.spi.ProgressListener;
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

    private final Experiments experiments;

    Scoring(ModelRegistry registry, LoadedModels models, FeatureStore features, Predictions predictions, JdbcClient jdbc,
            Clock clock, Experiments experiments) {
        this.experiments = experiments;
        this.registry = registry;
        this.models = models;
        this.features = features;
        this.predictions = predictions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The production model of a name, loaded. */
    public LoadedModels.Loaded production(String modelName) {
        ModelVersion v = registry.production(modelName).orElseThrow(() -> new NothingToScoreException(
                "model '" + modelName + "' has no production version yet (GET /api/models?name=" + modelName + ")"));
        return models.get(v);
    }

    /** Scores one entity now and logs the prediction. */
    public Map<String, Object> scoreOne(String modelName, UUID entityId) {
        return scoreOne(modelName, entityId, Map.of());
    }

    /** Scores one entity now with options for the model's explanation (e.g. an LTV confidence level), and logs it. */
    public Map<String, Object> scoreOne(String modelName, UUID entityId, Map<String, Object> options) {
        LoadedModels.Loaded champion = production(modelName);
        Optional<Experiments.Experiment> experiment = experiments.running(modelName);
        LoadedModels.Loaded challenger = experiment.map(this::challenger).orElse(null);
        String arm = experiment.map(x -> x.mode() == Experiments.Mode.SPLIT
                ? ArmAssignment.arm(x.id().toString(), entityId.toString(), x.trafficToB()) : ArmAssignment.A).orElse(null);
        LoadedModels.Loaded m = ArmAssignment.B.equals(arm) ? challenger : champion;
        LocalDate today = today();
        EntityRow entity = row(m, entityId, today);
        FeatureTable row = entity.table();
        if (row.size() == 0) {
            boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM suppliers WHERE id = :id)").param("id", entityId)
                    .query(Boolean.class).single();
            throw new NothingToScoreException(exists ? "supplier " + entityId + " is no longer active (it has churned)"
                    : "no supplier " + entityId);
        }
        double score = m.model().score(row)[0];
        Prediction explained = m.model().explain(row, 0, score, options);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("supplierId", entityId);
        out.put("model", Map.of("name", m.version().getModelName(), "version", m.version().getVersion(), "id", m.version().getId()));
        out.put("asOf", clock.instant().toString());
        out.put("featureSource", entity.source());
        out.putAll(Json.toMap(explained));
        UUID experimentId = experiment.map(Experiments.Experiment::id).orElse(null);
        log(m, row, new double[] {score}, List.of(explained), today, arm, experimentId);
        if (experiment.isPresent()) {
            out.put("experiment", Map.of("id", experimentId, "arm", arm, "mode", experiment.get().mode().dbName()));
            if (experiment.get().mode() == Experiments.Mode.SHADOW) {
                // the challenger scores too, in the shadow: logged, not served
                FeatureTable rowB = row(challenger, entityId, today).table();
                double scoreB = challenger.model().score(rowB)[0];
                log(challenger, rowB, new double[] {scoreB}, List.of(challenger.model().explain(rowB, 0, scoreB, options)), today,
                        ArmAssignment.B, experimentId);
            }
        }
        return out;
    }

    private record EntityRow(FeatureTable table, String source) {
    }

    /** One entity's features for a model: from today's snapshot when it holds the entity, else computed live. */
    private EntityRow row(LoadedModels.Loaded m, UUID entityId, LocalDate today) {
        FeatureTable row = features.load(m.kind().featureSet(), List.of(today), m.features(), null, List.of(entityId));
        if (row.size() > 0) {
            return new EntityRow(row, "snapshot " + today);
        }
        return new EntityRow(features.live(m.kind().featureSet(), clock.instant(), entityId, m.features()), "live");
    }

    private LoadedModels.Loaded challenger(Experiments.Experiment x) {
        return models.get(registry.find(x.modelB()).orElseThrow(() -> new IllegalStateException(
                "experiment " + x.id() + " names a challenger that does not exist: " + x.modelB())));
    }

    /**
     * Scores every entity of today's snapshot (computing it if missing) and logs the predictions.
     *
     * @return how many entities were scored and how many predictions were new
     */
    public Map<String, Object> scoreAll(String modelName, ProgressListener progress) {
        LoadedModels.Loaded m = production(modelName);
        LocalDate today = today();
        ensureSnapshot(m, today, progress);
        if (m.model() instanceof com.wedsync.ml.pipelines.spi.Detector) {
            // a detector's verdicts are episodes written by its detection job, not one prediction per day of its history
            progress.progress(100, "a detector: the anomaly detection job runs it");
            return Map.of("detector", true, "modelVersion", m.version().getVersion());
        }
        if (m.model() instanceof Forecaster forecaster) {
            Map<String, Object> f = forecast(m, forecaster, today, horizonOf(m), Map.of(), true);
            progress.progress(100, "forecast" + (f.get("lastActualMonth") == null ? "" : " from " + f.get("lastActualMonth")) + " logged");
            return Map.of("forecast", true, "modelVersion", m.version().getVersion());
        }
        FeatureTable all = features.load(m.kind().featureSet(), List.of(today), m.features(), null, null);
        Optional<Experiments.Experiment> experiment = experiments.running(modelName);
        LoadedModels.Loaded b = experiment.map(this::challenger).orElse(null);
        FeatureTable allB = b == null ? null : features.load(b.kind().featureSet(), List.of(today), b.features(), null, null);
        if (allB != null && !allB.entityIds().equals(all.entityIds())) {
            throw new IllegalStateException("the challenger's feature rows do not line up with the champion's");
        }
        UUID experimentId = experiment.map(Experiments.Experiment::id).orElse(null);
        progress.progress(10, "scoring " + all.size() + " entities with " + m.version().getModelName() + " v"
                + m.version().getVersion() + experiment.map(x -> " (experiment " + x.name() + ", " + x.mode().dbName() + ", challenger v"
                + b.version().getVersion() + ")").orElse(""));
        long start = System.nanoTime();
        long[] scoringNanos = {0};
        int inserted = 0;
        for (int from = 0; from < all.size(); from += CHUNK) {
            int to = Math.min(all.size(), from + CHUNK);
            int[] idx = java.util.stream.IntStream.range(from, to).toArray();
            if (experiment.isEmpty()) {
                inserted += scoreAndLog(m, all.rows(idx), today, null, null, scoringNanos);
            } else if (experiment.get().mode() == Experiments.Mode.SHADOW) {
                inserted += scoreAndLog(m, all.rows(idx), today, ArmAssignment.A, experimentId, scoringNanos);
                inserted += scoreAndLog(b, allB.rows(idx), today, ArmAssignment.B, experimentId, scoringNanos);
            } else {
                Experiments.Experiment x = experiment.get();
                Map<Boolean, List<Integer>> byArm = java.util.Arrays.stream(idx).boxed().collect(java.util.stream.Collectors.partitioningBy(
                        i -> ArmAssignment.B.equals(ArmAssignment.arm(x.id().toString(), all.entityIds().get(i), x.trafficToB()))));
                int[] toA = byArm.get(false).stream().mapToInt(Integer::intValue).toArray();
                int[] toB = byArm.get(true).stream().mapToInt(Integer::intValue).toArray();
                inserted += scoreAndLog(m, all.rows(toA), today, ArmAssignment.A, experimentId, scoringNanos);
                inserted += scoreAndLog(b, allB.rows(toB), today, ArmAssignment.B, experimentId, scoringNanos);
            }
            progress.progress(10 + 90 * to / Math.max(1, all.size()), "scored " + to + " of " + all.size());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scored", all.size());
        result.put("newPredictions", inserted);
        result.put("modelVersion", m.version().getVersion());
        result.put("seconds", seconds);
        result.put("modelScoringPerSecond", all.size() / Math.max(1e-9, scoringNanos[0] / 1e9));
        progress.log("scored " + all.size() + " in " + String.format("%.1f", seconds) + " s (" + inserted + " new predictions)");
        return result;
    }

    private void ensureSnapshot(LoadedModels.Loaded m, LocalDate today, ProgressListener progress) {
        if (features.snapshot(m.kind().featureSet(), today).isEmpty()) {
            progress.progress(2, "computing today's " + m.kind().featureSet().name() + " snapshot");
            features.refresh(m.kind().featureSet(), today, clock.instant().plus(1, ChronoUnit.DAYS), null);
        }
    }

    private static int horizonOf(LoadedModels.Loaded m) {
        return m.definition().algorithms().stream().map(a -> a.hyperparameters().get("horizon_months"))
                .filter(h -> h instanceof Number).map(h -> ((Number) h).intValue()).findFirst().orElse(12);
    }

    /** The platform as an entity: what a forecast of the whole marketplace is logged against. */
    public static final UUID PLATFORM = new UUID(0, 0);

    /**
     * A forecast from the production version of a series model (e.g. the MRR forecast) over a horizon,
     * from today's snapshot of its history.
     *
     * @param log whether to log it in ml_predictions (once per model version and day)
     */
    public Map<String, Object> forecast(String modelName, int horizon, boolean log) {
        return forecast(modelName, horizon, Map.of(), log);
    }

    /**
     * As {@link #forecast(String, int, boolean)}, with options the forecaster reads (e.g. which series of a
     * snapshot that holds several); an option it cannot use is a bad request naming it.
     */
    public Map<String, Object> forecast(String modelName, int horizon, Map<String, String> options, boolean log) {
        LoadedModels.Loaded m = production(modelName);
        if (!(m.model() instanceof Forecaster f)) {
            throw new InvalidScoringRequestException("model", "model '" + modelName + "' (" + m.kind().name() + ") does not forecast");
        }
        if (horizon < 1 || horizon > f.maxHorizon()) {
            throw new InvalidScoringRequestException("horizon", "horizon must be 1 to " + f.maxHorizon() + " months, got " + horizon);
        }
        LocalDate today = today();
        ensureSnapshot(m, today, ProgressListener.NONE);
        try {
            return forecast(m, f, today, horizon, options, log);
        } catch (InvalidForecastOptionException e) {
            throw new InvalidScoringRequestException(e.option(), e.getMessage()
                    + (e.validValues().isEmpty() ? "" : "; valid values: " + String.join(", ", e.validValues())));
        }
    }

    private Map<String, Object> forecast(LoadedModels.Loaded m, Forecaster f, LocalDate today, int horizon,
                                         Map<String, String> options, boolean log) {
        FeatureTable history = features.load(m.kind().featureSet(), List.of(today), m.features(), null, null);
        Prediction forecast = f.forecast(history, horizon, options);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", Map.of("name", m.version().getModelName(), "version", m.version().getVersion(), "id", m.version().getId()));
        out.put("asOf", today.toString());
        out.putAll(Json.toMap(forecast));
        if (log) {
            Map<String, Object> used = new LinkedHashMap<>();
            used.put("as_of", today.toString());
            used.put("history_months", history.size());
            used.put("horizon_months", horizon);
            predictions.insert(List.of(new Predictions.Row(m.version().getId(), m.kind().name(), PLATFORM, "platform", forecast,
                    forecast.confidence(), used,
                    today.plusMonths(1), null)));
        }
        return out;
    }

    /** @param scoringNanos accumulates the time spent in the model's score() alone */
    private int scoreAndLog(LoadedModels.Loaded m, FeatureTable chunk, LocalDate today, String arm, UUID experimentId,
                            long[] scoringNanos) {
        if (chunk.size() == 0) {
            return 0;
        }
        long t0 = System.nanoTime();
        double[] scores = m.model().score(chunk);
        scoringNanos[0] += System.nanoTime() - t0;
        List<Prediction> explained = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            explained.add(m.model().explain(chunk, i, scores[i]));
        }
        return log(m, chunk, scores, explained, today, arm, experimentId);
    }

    private int log(LoadedModels.Loaded m, FeatureTable rows, double[] scores, List<Prediction> explained,
                    LocalDate asOf, String arm, UUID experimentId) {
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
            Double c = explained.get(i).confidence();
            Double confidence = c != null && c >= 0 && c <= 1 ? c : null;
            out.add(new Predictions.Row(m.version().getId(), m.kind().name(), UUID.fromString(rows.entityIds().get(i)),
                    m.kind().featureSet().entityType(), explained.get(i), confidence, used, forDate, arm, experimentId));
        }
        return predictions.insert(out);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
