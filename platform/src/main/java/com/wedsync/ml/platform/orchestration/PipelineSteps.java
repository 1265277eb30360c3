package com.wedsync.ml.platform.orchestration;

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

import org.jobrunr.jobs.context.JobContext;
import org.springframework.stereotype.Service;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.promotion.ChampionRule;
import com.wedsync.ml.pipelines.promotion.Gates;
import com.wedsync.ml.pipelines.promotion.PromotionPolicy;
import com.wedsync.ml.pipelines.registry.ModelState;
import com.wedsync.ml.pipelines.spi.Comparison;
import com.wedsync.ml.pipelines.spi.DataLayout;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.ModelKind;
import com.wedsync.ml.pipelines.spi.ModelKinds;
import com.wedsync.ml.pipelines.spi.ScoringModel;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.pipelines.spi.TrainingRequest;
import com.wedsync.ml.pipelines.training.TimeSplit;
import com.wedsync.ml.platform.config.CodeVersion;
import com.wedsync.ml.platform.experiments.ExperimentEvaluator;
import com.wedsync.ml.platform.experiments.Experiments;
import com.wedsync.ml.platform.features.FeatureSnapshot;
import com.wedsync.ml.platform.features.FeatureStore;
import com.wedsync.ml.platform.jobs.JobProgress;
import com.wedsync.ml.platform.jobs.Jobs;
import com.wedsync.ml.platform.jobs.ScaledProgress;
import com.wedsync.ml.platform.jobs.StepIds;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.registry.ModelVersion;
import com.wedsync.ml.platform.registry.NewModelVersion;
import com.wedsync.ml.platform.registry.Promotion;

/**
 * What each pipeline step does. Every step is idempotent: it looks at what an earlier attempt left
 * (the snapshot, the model version registered under the run's key, the version's state) and does
 * only what is missing, then enqueues the next step under its deterministic id.
 */
@Service
public class PipelineSteps {

    private final PipelineRuns runs;
    private final PipelineDefinitions definitions;
    private final ModelKinds kinds;
    private final FeatureStore features;
    private final ModelRegistry registry;
    private final Jobs jobs;
    private final Clock clock;
    private final List<TrainingListener> listeners;

    private final Experiments experiments;
    private final ExperimentEvaluator evaluator;
    private final Promotion promotion;

    PipelineSteps(PipelineRuns runs, PipelineDefinitions definitions, ModelKinds kinds, FeatureStore features,
                  ModelRegistry registry, Jobs jobs, Clock clock, List<TrainingListener> listeners, Experiments experiments,
                  ExperimentEvaluator evaluator, Promotion promotion) {
        this.promotion = promotion;
        this.experiments = experiments;
        this.evaluator = evaluator;
        this.runs = runs;
        this.definitions = definitions;
        this.kinds = kinds;
        this.features = features;
        this.registry = registry;
        this.jobs = jobs;
        this.clock = clock;
        this.listeners = listeners;
    }

    /** Something that wants to know when a model version has been trained or evaluated (e.g. tracking). */
    public interface TrainingListener {
        default void trained(PipelineDefinition definition, ModelVersion version, TrainedModel model, UUID runId, UUID jobId) {
        }

        default void evaluated(PipelineDefinition definition, ModelVersion version, Map<String, Double> testMetrics) {
        }
    }

    /** A run that has started: its id and the id of its first job. */
    public record StartedRun(UUID runId, UUID jobId) {
    }

    /** Starts a run of the latest version of a pipeline now, as the platform ({@code system:<trigger>}). */
    public StartedRun start(String pipeline, String trigger, Map<String, Object> parameters) {
        return start(pipeline, trigger, parameters, "system:" + trigger);
    }

    /** Starts a run of the latest version of a pipeline now, recording who started it ({@code user:<name>}). */
    public StartedRun start(String pipeline, String trigger, Map<String, Object> parameters, String startedBy) {
        PipelineDefinition d = definitions.latest(pipeline)
                .orElseThrow(() -> new NoSuchPipelineException(pipeline)).definition();
        UUID runId = UUID.randomUUID();
        return start(d, runId, trigger, parameters, startedBy);
    }

    /** {@link #start(PipelineDefinition, UUID, String, Map, String)} by the platform itself ({@code system:<trigger>}). */
    public StartedRun start(PipelineDefinition d, UUID runId, String trigger, Map<String, Object> parameters) {
        return start(d, runId, trigger, parameters, "system:" + trigger);
    }

    /**
     * Starts (or, with the same run id, finds) a run; its first job's id is derived from the run id. {@code startedBy}
     * is who asked: {@code user:<name>} or {@code system:<trigger>}.
     *
     * @throws RunInProgressException if another run of the pipeline is in progress and the definition allows no overlap
     */
    public StartedRun start(PipelineDefinition d, UUID runId, String trigger, Map<String, Object> parameters, String startedBy) {
        UUID jobId = StepIds.of(runId, "features");
        if (!d.allowsConcurrentRuns()) {
            runs.createUnlessOneRuns(runId, d.name(), d.version(), trigger, jobId, parameters, PipelineStep.ORDER, startedBy);
        } else {
            runs.create(runId, d.name(), d.version(), trigger, jobId, parameters, startedBy);
        }
        String name = d.name();
        jobs.createOnce(new PipelineStep.RefreshFeatures(name, runId).job());
        return new StartedRun(runId, jobId);
    }

    void startScheduled(String pipeline) {
        try {
            start(pipeline, "schedule", Map.of());
        } catch (RunInProgressException e) {
            org.slf4j.LoggerFactory.getLogger(PipelineSteps.class).info("scheduled run of {} skipped: run {} is still in progress",
                    pipeline, e.runningRun());
        }
    }

    // ---- steps -------------------------------------------------------------------------------

    void features(UUID runId, JobContext context) {
        Run r = run(runId, context, "features");
        try {
            LocalDate today = today();
            boolean series = r.kind.layout() == DataLayout.SERIES;
            TimeSplit split = series ? null : TimeSplit.of(r.definition.training(), today);
            List<LocalDate> dates = new ArrayList<>(series ? List.of() : split.all());
            dates.add(today);
            List<Map<String, Object>> snapshots = new ArrayList<>();
            for (int i = 0; i < dates.size(); i++) {
                LocalDate d = dates.get(i);
                Optional<FeatureSnapshot> existing = d.isBefore(today) ? features.snapshot(r.kind.featureSet(), d) : Optional.empty();
                FeatureSnapshot s = existing.orElseGet(() -> features.refresh(r.kind.featureSet(), d,
                        d.equals(today) ? clock.instant().plus(1, ChronoUnit.DAYS) : null, jobId(context)));
                snapshots.add(Map.of("id", s.id().toString(), "as_of", d.toString(), "entities", s.entityCount()));
                r.progress.progress((i + 1) * 100 / dates.size(), "snapshot " + r.kind.featureSet().name() + " as of " + d
                        + ": " + s.entityCount() + " entities" + (existing.isPresent() ? " (already computed)" : " in " + s.durationMs() + " ms"));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            if (series) {
                result.put("split", Map.of("layout", "series: today's snapshot holds the history; validated by a rolling-origin backtest"));
            } else {
                result.put("split", Map.of("train", split.train().stream().map(LocalDate::toString).toList(),
                        "validation", split.validation().stream().map(LocalDate::toString).toList(),
                        "test", split.test().stream().map(LocalDate::toString).toList(), "horizon_days", split.horizonDays()));
            }
            result.put("snapshots", snapshots);
            result.put("scoring_date", today.toString());
            runs.mergeResult(runId, result);
        } catch (RuntimeException e) {
            fail(runId, r, "features", e, context);
        }
        String name = r.definition.name();
        jobs.createOnce(new PipelineStep.Train(name, runId).job());
    }

    void train(UUID runId, JobContext context) {
        Run r = run(runId, context, "train");
        String key = "run:" + runId;
        Optional<ModelVersion> done = registry.versions(r.definition.name()).stream()
                .filter(v -> key.equals(v.getIdempotencyKey())).findFirst();
        if (done.isPresent()) {
            r.progress.log("version " + done.get().getVersion() + " was already trained by this run: not training again");
        } else {
            try {
                List<String> feats = r.definition.features().include();
                Integer horizon = r.definition.training().labelHorizonDays();
                FeatureTable train;
                FeatureTable validation;
                String window;
                if (r.kind.layout() == DataLayout.SERIES) {
                    LocalDate asOf = seriesDate(runId);
                    r.progress.progress(5, "loading the history as of " + asOf);
                    train = features.load(r.kind.featureSet(), List.of(asOf), feats, null, null);
                    validation = train;
                    window = "history as of " + asOf;
                } else {
                    TimeSplit split = split(r);
                    r.progress.progress(5, "loading training data: " + split.train().size() + " training and "
                            + split.validation().size() + " validation dates");
                    train = features.load(r.kind.featureSet(), split.train(), feats, horizon, null);
                    validation = features.load(r.kind.featureSet(), split.validation(), feats, horizon, null);
                    window = split.train().get(0) + ".." + split.validation().get(split.validation().size() - 1);
                }
                r.progress.progress(10, "training on " + train.size() + " rows, validating on " + validation.size() + " rows");
                long seed = r.definition.training().seed() == null ? 42L : r.definition.training().seed();
                Map<String, String> lineage = new LinkedHashMap<>();
                lineage.put("data_window", window);
                lineage.put("feature_set", r.kind.featureSet().name());
                lineage.put("feature_version", Integer.toString(r.kind.featureSet().version()));
                lineage.put("pipeline", r.definition.name() + "@" + r.definition.version());
                lineage.put("pipeline_run", runId.toString());
                lineage.put("code_version", CodeVersion.get());
                TrainedModel model = r.kind.train(new TrainingRequest(r.definition, train, validation, seed, lineage),
                        new ScaledProgress(r.progress, 10, 90));
                Map<String, Object> snapshot = new LinkedHashMap<>(runs.find(runId).orElseThrow().result());
                snapshot.put("train_rows", train.size());
                snapshot.put("validation_rows", validation.size());
                ModelVersion v = registry.register(new NewModelVersion(r.definition.name(), r.kind.name(), model,
                        r.definition.name(), r.definition.version(), runId, jobId(context), snapshot, key,
                        actor(context)));
                r.progress.progress(95, "registered " + v.getModelName() + " version " + v.getVersion()
                        + " (validation " + model.validationMetrics() + ")");
                for (TrainingListener l : listeners) {
                    l.trained(r.definition, v, model, runId, jobId(context));
                }
                done = Optional.of(v);
            } catch (RuntimeException e) {
                fail(runId, r, "train", e, context);
            }
        }
        ModelVersion v = done.get();
        if (v.getState() == ModelState.TRAINING) {
            registry.transition(v.getId(), ModelState.VALIDATING, actor(context), "training finished");
        }
        runs.mergeResult(runId, Map.of("model_version", v.getVersion(), "model_id", v.getId().toString()));
        String name = r.definition.name();
        jobs.createOnce(new PipelineStep.Validate(name, runId).job());
    }

    void validate(UUID runId, JobContext context) {
        Run r = run(runId, context, "validate");
        ModelVersion v = versionOf(r, runId);
        if (v.getState() != ModelState.VALIDATING) {
            r.progress.log("version " + v.getVersion() + " is " + v.getState().dbName() + ": already validated");
        } else {
            try {
                // the champion may have been trained on other features (another version of the definition): the
                // held-out table carries the union, each model picks its own columns by name
                Optional<ModelVersion> champion = registry.production(r.definition.name());
                FeatureTable test = heldOut(r, runId, v, champion);
                ScoringModel challenger = r.kind.load(registry.artifact(v.getId()));
                Map<String, Double> metrics = r.kind.evaluate(challenger, test);
                List<String> failures = new ArrayList<>(Gates.failures(r.definition.gates(), metrics));
                Comparison comparison = null;
                if (champion.isPresent()) {
                    comparison = compare(r, challenger, champion.get(), test);
                    ChampionRule.of(r.definition).refusal(champion.get().getVersion(), comparison).ifPresent(failures::add);
                }
                registry.recordEvaluation(v.getId(), metrics, comparison == null ? Map.of("champion", "none") : comparison);
                runs.mergeResult(runId, Map.of("judged_against", champion.map(c -> c.getId().toString()).orElse("none")));
                for (TrainingListener l : listeners) {
                    l.evaluated(r.definition, v, metrics);
                }
                r.progress.progress(90, "held-out metrics " + metrics);
                if (failures.isEmpty()) {
                    registry.transition(v.getId(), ModelState.STAGED, actor(context), "passed gates " + r.definition.gates().keySet()
                            + (comparison == null ? "; no champion" : "; beats the champion"));
                } else {
                    registry.transition(v.getId(), ModelState.RETIRED, actor(context), "failed validation: "
                            + String.join("; ", failures));
                    runs.mergeResult(runId, Map.of("validation_failures", failures));
                    runs.finish(runId, "succeeded", null);
                    r.progress.progress(100, "version " + v.getVersion() + " retired: " + String.join("; ", failures));
                    return;
                }
            } catch (RuntimeException e) {
                fail(runId, r, "validate", e, context);
            }
        }
        String name = r.definition.name();
        jobs.createOnce(new PipelineStep.Promote(name, runId).job());
    }

    void promote(UUID runId, JobContext context) {
        Run r = run(runId, context, "promote");
        ModelVersion v = versionOf(r, runId);
        PromotionPolicy policy = PromotionPolicy.of(r.definition);
        Optional<ModelVersion> champion = registry.production(r.definition.name());
        if (v.getState() == ModelState.STAGED && policy instanceof PromotionPolicy.Experiment experiment && champion.isPresent()) {
            PipelineDefinition.Experiment x = experiment.spec();
            Optional<Experiments.Experiment> running = experiments.running(r.definition.name());
            Object started = runs.find(runId).orElseThrow().result().get("experiment");
            if (started != null) {
                r.progress.progress(100, "version " + v.getVersion() + " already challenges the champion in experiment " + started);
            } else if (running.isPresent()) {
                r.progress.progress(100, "version " + v.getVersion() + " is staged; experiment " + running.get().name()
                        + " is still running on this model, so no new one starts");
            } else {
                Experiments.Experiment e = experiments.create(new Experiments.Request(
                        r.definition.name() + " v" + v.getVersion() + " vs v" + champion.get().getVersion(), r.definition.name(),
                        v.getVersion(), x.metric(), x.mode(), x.trafficToB(), x.minSampleSize(),
                        experiment.significance(), x.maxDurationDays(), x.decision() == null ? "auto" : x.decision()));
                evaluator.schedule(e.id());
                runs.mergeResult(runId, Map.of("experiment", e.id().toString()));
                r.progress.progress(100, "version " + v.getVersion() + " is staged and challenges version "
                        + champion.get().getVersion() + " in experiment " + e.name() + " (" + e.id() + ", " + e.mode() + ", "
                        + e.metric() + ")");
            }
        } else if (v.getState() == ModelState.STAGED && !(policy instanceof PromotionPolicy.Manual)) {
            Object judged = runs.find(runId).orElseThrow().result().get("judged_against");
            UUID judgedAgainst = judged == null || "none".equals(judged) ? null : UUID.fromString(judged.toString());
            String actor = "pipeline:" + r.definition.name() + " (auto promotion, " + actor(context) + ")";
            Promotion.Result p = promotion.promote(new Promotion.Request(v.getId(), actor,
                    "passed validation gates; promotion policy auto", judgedAgainst, false,
                    (challenger, newChampion) -> recheck(r, runId, challenger, newChampion)));
            if (p.promoted()) {
                r.progress.progress(100, "version " + v.getVersion() + " is now in production; batch scoring enqueued");
            } else {
                registry.transition(v.getId(), ModelState.RETIRED, actor, "promotion refused: " + p.refusal());
                runs.mergeResult(runId, Map.of("promotion_refused", p.refusal()));
                r.progress.progress(100, "version " + v.getVersion() + " retired, promotion refused: " + p.refusal());
            }
        } else if (v.getState() == ModelState.STAGED) {
            r.progress.progress(100, "version " + v.getVersion() + " is staged; promotion policy is manual: "
                    + "POST /api/models/" + v.getModelName() + "/versions/" + v.getVersion() + "/transitions {\"to\":\"production\"}");
        } else {
            r.progress.progress(100, "version " + v.getVersion() + " is " + v.getState().dbName() + ": nothing to promote");
        }
        runs.mergeResult(runId, Map.of("final_state", registry.find(v.getId()).orElseThrow().getState().dbName()));
        runs.finish(runId, "succeeded", null);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /**
     * The held-out table of a run: the test dates (or, for a series kind, the history its backtest replays),
     * with the union of the challenger's and the champion's features (the champion may have been trained on
     * another version of the definition; each model picks its own columns by name).
     */
    private FeatureTable heldOut(Run r, UUID runId, ModelVersion v, Optional<ModelVersion> champion) {
        List<String> columns = new ArrayList<>(r.definition.features().include());
        champion.flatMap(c -> definitions.find(c.getPipelineName(), c.getPipelineVersion()))
                .ifPresent(c -> c.definition().features().include().stream().filter(f -> !columns.contains(f)).forEach(columns::add));
        if (r.kind.layout() == DataLayout.SERIES) {
            LocalDate asOf = seriesDate(runId);
            FeatureTable test = features.load(r.kind.featureSet(), List.of(asOf), columns, null, null);
            r.progress.progress(20, "backtesting version " + v.getVersion() + " on the " + test.size()
                    + "-period history as of " + asOf + " (refitting at each origin on what was known then)");
            return test;
        }
        TimeSplit split = split(r);
        FeatureTable test = features.load(r.kind.featureSet(), split.test(), columns, r.definition.training().labelHorizonDays(), null);
        r.progress.progress(20, "scoring version " + v.getVersion() + " on " + test.size() + " held-out rows (" + split.test() + ")");
        return test;
    }

    private Comparison compare(Run r, ScoringModel challenger, ModelVersion champion, FeatureTable test) {
        ScoringModel champ = r.kind.load(registry.artifact(champion.getId()));
        Comparison c = r.kind.compare(challenger, champ, test, ChampionRule.of(r.definition).significance());
        r.progress.log("against champion version " + champion.getVersion() + ": " + c.test() + ", " + c.metric() + " "
                + c.challengerValue() + " vs " + c.championValue() + ", p = " + c.pValue());
        return c;
    }

    /** The promotion's recheck: the challenger against a champion promoted after it was validated, on the same held-out data. */
    private Optional<String> recheck(Run r, UUID runId, ModelVersion challenger, ModelVersion champion) {
        FeatureTable test = heldOut(r, runId, challenger, Optional.of(champion));
        Comparison c = compare(r, r.kind.load(registry.artifact(challenger.getId())), champion, test);
        runs.mergeResult(runId, Map.of("rechecked_against", champion.getVersion()));
        return ChampionRule.of(r.definition).refusal(champion.getVersion(), c);
    }

    private record Run(PipelineDefinition definition, ModelKind kind, JobProgress progress) {
    }

    private Run run(UUID runId, JobContext context, String step) {
        PipelineRun run = runs.find(runId).orElseThrow(() -> new IllegalStateException("no pipeline run " + runId));
        PipelineDefinition d = definitions.find(run.pipelineName(), run.pipelineVersion())
                .orElseThrow(() -> new NoSuchPipelineException(run.pipelineName() + " version " + run.pipelineVersion()))
                .definition();
        return new Run(d, kinds.get(d.modelKind()), new JobProgress(context, d.name() + "/" + step));
    }

    /** The date of the snapshot a series run works on: the one its features step computed. */
    private LocalDate seriesDate(UUID runId) {
        Object d = runs.find(runId).orElseThrow().result().get("scoring_date");
        return d == null ? today() : LocalDate.parse(d.toString());
    }

    private TimeSplit split(Run r) {
        return TimeSplit.of(r.definition.training(), today());
    }

    private ModelVersion versionOf(Run r, UUID runId) {
        String key = "run:" + runId;
        return registry.versions(r.definition.name()).stream().filter(v -> key.equals(v.getIdempotencyKey())).findFirst()
                .orElseThrow(() -> new IllegalStateException("run " + runId + " has no trained model version"));
    }

    /**
     * A step's attempt failed. The run stays {@code running} (with the attempt recorded) while JobRunr will
     * retry the step, and turns {@code failed} only when its last attempt has failed.
     */
    private void fail(UUID runId, Run r, String step, RuntimeException e, JobContext context) {
        int failures = context == null || context == JobContext.Null ? Integer.MAX_VALUE : context.amountOfFailures();
        int retries = PipelineStep.retries(step);
        if (failures < retries) {
            r.progress.warn(step + " attempt " + (failures + 1) + " of " + (retries + 1) + " failed, JobRunr retries it: " + e.getMessage());
            runs.mergeResult(runId, Map.of("retrying", Map.of("step", step, "failed_attempts", failures + 1,
                    "attempts", retries + 1, "error", String.valueOf(e.getMessage()))));
        } else {
            r.progress.warn(step + " failed: " + e.getMessage());
            runs.finish(runId, "failed", step + ": " + e.getMessage());
        }
        throw e;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The step's JobRunr job id; null when a step is called directly (tests, benchmarks). */
    private static UUID jobId(JobContext context) {
        return context == null || context == JobContext.Null ? null : context.getJobId();
    }

    private static String actor(JobContext context) {
        return context == null || context == JobContext.Null ? "job:direct" : "job:" + context.getJobId();
    }

}
