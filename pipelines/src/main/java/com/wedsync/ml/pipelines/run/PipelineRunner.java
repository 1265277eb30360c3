package com.wedsync.ml.pipelines.run;

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

/**
 * What each step of a pipeline run does. Every step is idempotent: it looks at what an earlier attempt
 * left (the snapshot, the model version registered under the run's key, the version's state), does only
 * what is missing, then schedules the next step (which the scheduler schedules once). A failed attempt
 * leaves the run {@code running} while the step has retries left, and {@code failed} after its last.
 */
public final class PipelineRunner {

    private final Definitions definitions;
    private final ModelKinds kinds;
    private final FeatureSnapshots features;
    private final ModelVersions versions;
    private final RunLog runs;
    private final StepScheduler scheduler;
    private final ExperimentStarter experiments;
    private final List<TrainingEvents> listeners;
    private final Clock clock;
    private final String codeVersion;

    public PipelineRunner(Definitions definitions, ModelKinds kinds, FeatureSnapshots features, ModelVersions versions,
                          RunLog runs, StepScheduler scheduler, ExperimentStarter experiments, List<TrainingEvents> listeners,
                          Clock clock, String codeVersion) {
        this.definitions = definitions;
        this.kinds = kinds;
        this.features = features;
        this.versions = versions;
        this.runs = runs;
        this.scheduler = scheduler;
        this.experiments = experiments;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.codeVersion = codeVersion;
    }

    /** Runs one step of a run. */
    public void run(Step step, UUID runId, Attempt attempt) {
        switch (step) {
            case FEATURES -> features(runId, attempt);
            case TRAIN -> train(runId, attempt);
            case VALIDATE -> validate(runId, attempt);
            case PROMOTE -> promote(runId, attempt);
        }
    }

    /** Computes the snapshots the run trains, validates and tests on (those already computed are reused). */
    public void features(UUID runId, Attempt a) {
        Ctx r = context(runId, a);
        try {
            LocalDate today = today();
            boolean series = r.kind.layout() == DataLayout.SERIES;
            TimeSplit split = series ? null : TimeSplit.of(r.definition.training(), today);
            List<LocalDate> dates = new ArrayList<>(series ? List.of() : split.all());
            dates.add(today);
            List<Map<String, Object>> snapshots = new ArrayList<>();
            for (int i = 0; i < dates.size(); i++) {
                LocalDate d = dates.get(i);
                Optional<FeatureSnapshots.Snapshot> existing = d.isBefore(today) ? features.existing(r.kind.featureSet(), d) : Optional.empty();
                FeatureSnapshots.Snapshot s = existing.orElseGet(() -> features.refresh(r.kind.featureSet(), d,
                        d.equals(today) ? clock.instant().plus(1, ChronoUnit.DAYS) : null, a.jobId()));
                snapshots.add(Map.of("id", s.id().toString(), "as_of", d.toString(), "entities", s.entities()));
                a.log().progress((i + 1) * 100 / dates.size(), "snapshot " + r.kind.featureSet().name() + " as of " + d
                        + ": " + s.entities() + " entities" + (existing.isPresent() ? " (already computed)" : " in " + s.durationMs() + " ms"));
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
            result.put(RunLog.SCORING_DATE, today.toString());
            runs.merge(runId, result);
        } catch (RuntimeException e) {
            throw fail(runId, Step.FEATURES, e, a);
        }
        scheduler.schedule(Step.TRAIN, r.definition.name(), runId);
    }

    /** Trains and registers the run's model version (once: a retry finds the version registered under the run's key). */
    public void train(UUID runId, Attempt a) {
        Ctx r = context(runId, a);
        String key = key(runId);
        Optional<ModelVersions.Version> done = versions.byKey(r.definition.name(), key);
        if (done.isPresent()) {
            a.log().log("version " + done.get().version() + " was already trained by this run: not training again");
        } else {
            try {
                List<String> feats = r.definition.features().include();
                Integer horizon = r.definition.training().labelHorizonDays();
                FeatureTable train;
                FeatureTable validation;
                String window;
                if (r.kind.layout() == DataLayout.SERIES) {
                    LocalDate asOf = seriesDate(r.run);
                    a.log().progress(5, "loading the history as of " + asOf);
                    train = features.load(r.kind.featureSet(), List.of(asOf), feats, null);
                    validation = train;
                    window = "history as of " + asOf;
                } else {
                    TimeSplit split = split(r);
                    a.log().progress(5, "loading training data: " + split.train().size() + " training and "
                            + split.validation().size() + " validation dates");
                    train = features.load(r.kind.featureSet(), split.train(), feats, horizon);
                    validation = features.load(r.kind.featureSet(), split.validation(), feats, horizon);
                    window = split.train().get(0) + ".." + split.validation().get(split.validation().size() - 1);
                }
                a.log().progress(10, "training on " + train.size() + " rows, validating on " + validation.size() + " rows");
                long seed = r.definition.training().seed() == null ? 42L : r.definition.training().seed();
                Map<String, String> lineage = new LinkedHashMap<>();
                lineage.put("data_window", window);
                lineage.put("feature_set", r.kind.featureSet().name());
                lineage.put("feature_version", Integer.toString(r.kind.featureSet().version()));
                lineage.put("pipeline", r.definition.name() + "@" + r.definition.version());
                lineage.put("pipeline_run", runId.toString());
                lineage.put("code_version", codeVersion);
                TrainedModel model = r.kind.train(new TrainingRequest(r.definition, train, validation, seed, lineage),
                        a.log().scaled(10, 90));
                Map<String, Object> data = new LinkedHashMap<>(r.run.result());
                data.put("train_rows", train.size());
                data.put("validation_rows", validation.size());
                ModelVersions.Version v = versions.register(new ModelVersions.Registration(r.definition.name(), r.kind.name(), model,
                        r.definition.name(), r.definition.version(), runId, a.jobId(), data, key, a.actor()));
                a.log().progress(95, "registered " + v.model() + " version " + v.version()
                        + " (validation " + model.validationMetrics() + ")");
                FeatureTable example = validation.rows(java.util.stream.IntStream.range(0, Math.min(5, validation.size())).toArray());
                for (TrainingEvents l : listeners) {
                    l.trained(r.definition, v, model, runId, a.jobId(), r.kind, example);
                }
                done = Optional.of(v);
            } catch (RuntimeException e) {
                throw fail(runId, Step.TRAIN, e, a);
            }
        }
        ModelVersions.Version v = done.get();
        if (v.state() == ModelState.TRAINING) {
            versions.transition(v.id(), ModelState.VALIDATING, a.actor(), "training finished");
        }
        runs.merge(runId, Map.of("model_version", v.version(), "model_id", v.id().toString()));
        scheduler.schedule(Step.VALIDATE, r.definition.name(), runId);
    }

    /** Scores the version on held-out data, checks the gates and the champion rule: staged, or retired with the reasons. */
    public void validate(UUID runId, Attempt a) {
        Ctx r = context(runId, a);
        ModelVersions.Version v = versionOf(r);
        if (v.state() != ModelState.VALIDATING) {
            a.log().log("version " + v.version() + " is " + v.state().dbName() + ": already validated");
        } else {
            try {
                Optional<ModelVersions.Version> champion = versions.production(r.definition.name());
                FeatureTable test = heldOut(r, v, champion);
                ScoringModel challenger = r.kind.load(versions.artifact(v.id()));
                Map<String, Double> metrics = r.kind.evaluate(challenger, test);
                List<String> failures = new ArrayList<>(Gates.failures(r.definition.gates(), metrics));
                Comparison comparison = null;
                if (champion.isPresent()) {
                    comparison = compare(r, challenger, champion.get(), test);
                    ChampionRule.of(r.definition).refusal(champion.get().version(), comparison).ifPresent(failures::add);
                }
                versions.recordEvaluation(v.id(), metrics, comparison == null ? Map.of("champion", RunLog.NONE) : comparison);
                runs.merge(runId, Map.of(RunLog.JUDGED_AGAINST, champion.map(c -> c.id().toString()).orElse(RunLog.NONE)));
                for (TrainingEvents l : listeners) {
                    l.evaluated(r.definition, v, metrics);
                }
                a.log().progress(90, "held-out metrics " + metrics);
                if (failures.isEmpty()) {
                    versions.transition(v.id(), ModelState.STAGED, a.actor(), "passed gates " + r.definition.gates().keySet()
                            + (comparison == null ? "; no champion" : "; beats the champion"));
                } else {
                    versions.transition(v.id(), ModelState.RETIRED, a.actor(), "failed validation: " + String.join("; ", failures));
                    runs.merge(runId, Map.of("validation_failures", failures));
                    runs.finish(runId, RunStatus.SUCCEEDED, null);
                    a.log().progress(100, "version " + v.version() + " retired: " + String.join("; ", failures));
                    return;
                }
            } catch (RuntimeException e) {
                throw fail(runId, Step.VALIDATE, e, a);
            }
        }
        scheduler.schedule(Step.PROMOTE, r.definition.name(), runId);
    }

    /** Acts on the definition's promotion policy: promote (auto), start an experiment, or leave it staged (manual). */
    public void promote(UUID runId, Attempt a) {
        Ctx r = context(runId, a);
        ModelVersions.Version v = versionOf(r);
        PromotionPolicy policy = PromotionPolicy.of(r.definition);
        Optional<ModelVersions.Version> champion = versions.production(r.definition.name());
        if (v.state() == ModelState.STAGED && policy instanceof PromotionPolicy.Experiment experiment && champion.isPresent()) {
            Optional<String> started = r.run.experiment();
            Optional<String> running = experiments.running(r.definition.name());
            if (started.isPresent()) {
                a.log().progress(100, "version " + v.version() + " already challenges the champion in experiment " + started.get());
            } else if (running.isPresent()) {
                a.log().progress(100, "version " + v.version() + " is staged; experiment " + running.get()
                        + " is still running on this model, so no new one starts");
            } else {
                ExperimentStarter.Started e = experiments.start(r.definition.name(), v, champion.get(), experiment.spec(),
                        experiment.significance());
                runs.merge(runId, Map.of(RunLog.EXPERIMENT, e.id()));
                a.log().progress(100, "version " + v.version() + " is staged and challenges version "
                        + champion.get().version() + " in experiment " + e.description());
            }
        } else if (v.state() == ModelState.STAGED && !(policy instanceof PromotionPolicy.Manual)) {
            UUID judgedAgainst = r.run.judgedAgainst().orElse(null);
            String actor = "pipeline:" + r.definition.name() + " (auto promotion, " + a.actor() + ")";
            Optional<String> refusal = versions.promote(v.id(), actor, "passed validation gates; promotion policy auto",
                    judgedAgainst, (challenger, newChampion) -> recheck(r, challenger, newChampion));
            if (refusal.isEmpty()) {
                a.log().progress(100, "version " + v.version() + " is now in production; batch scoring follows");
            } else {
                versions.transition(v.id(), ModelState.RETIRED, actor, "promotion refused: " + refusal.get());
                runs.merge(runId, Map.of("promotion_refused", refusal.get()));
                a.log().progress(100, "version " + v.version() + " retired, promotion refused: " + refusal.get());
            }
        } else if (v.state() == ModelState.STAGED) {
            a.log().progress(100, "version " + v.version() + " is staged; promotion policy is manual: "
                    + "POST /api/models/" + v.model() + "/versions/" + v.version() + "/transitions {\"to\":\"production\"}");
        } else {
            a.log().progress(100, "version " + v.version() + " is " + v.state().dbName() + ": nothing to promote");
        }
        runs.merge(runId, Map.of("final_state", versions.find(v.id()).orElseThrow().state().dbName()));
        runs.finish(runId, RunStatus.SUCCEEDED, null);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /**
     * The held-out table of a run: the test dates (or, for a series kind, the history its backtest replays),
     * with the union of the challenger's and the champion's features (the champion may have been trained on
     * another version of the definition; each model picks its own columns by name).
     */
    private FeatureTable heldOut(Ctx r, ModelVersions.Version v, Optional<ModelVersions.Version> champion) {
        List<String> columns = new ArrayList<>(r.definition.features().include());
        champion.filter(c -> c.pipelineName() != null && c.pipelineVersion() != null)
                .flatMap(c -> definitions.find(c.pipelineName(), c.pipelineVersion()))
                .ifPresent(c -> c.features().include().stream().filter(f -> !columns.contains(f)).forEach(columns::add));
        if (r.kind.layout() == DataLayout.SERIES) {
            LocalDate asOf = seriesDate(r.run);
            FeatureTable test = features.load(r.kind.featureSet(), List.of(asOf), columns, null);
            r.attempt.log().progress(20, "backtesting version " + v.version() + " on the " + test.size()
                    + "-period history as of " + asOf + " (refitting at each origin on what was known then)");
            return test;
        }
        TimeSplit split = split(r);
        FeatureTable test = features.load(r.kind.featureSet(), split.test(), columns, r.definition.training().labelHorizonDays());
        r.attempt.log().progress(20, "scoring version " + v.version() + " on " + test.size() + " held-out rows (" + split.test() + ")");
        return test;
    }

    private Comparison compare(Ctx r, ScoringModel challenger, ModelVersions.Version champion, FeatureTable test) {
        ScoringModel champ = r.kind.load(versions.artifact(champion.id()));
        Comparison c = r.kind.compare(challenger, champ, test, ChampionRule.of(r.definition).significance());
        r.attempt.log().log("against champion version " + champion.version() + ": " + c.test() + ", " + c.metric() + " "
                + c.challengerValue() + " vs " + c.championValue() + ", p = " + c.pValue());
        return c;
    }

    /** The promotion's recheck: the challenger against a champion promoted after it was validated, on the same held-out data. */
    private Optional<String> recheck(Ctx r, ModelVersions.Version challenger, ModelVersions.Version champion) {
        FeatureTable test = heldOut(r, challenger, Optional.of(champion));
        Comparison c = compare(r, r.kind.load(versions.artifact(challenger.id())), champion, test);
        runs.merge(r.run.id(), Map.of("rechecked_against", champion.version()));
        return ChampionRule.of(r.definition).refusal(champion.version(), c);
    }

    /** A step's view of its run: the run, its definition, its kind, and the attempt. */
    private record Ctx(RunLog.Run run, PipelineDefinition definition, ModelKind kind, Attempt attempt) {
    }

    private Ctx context(UUID runId, Attempt a) {
        RunLog.Run run = runs.run(runId);
        PipelineDefinition d = definitions.find(run.pipelineName(), run.pipelineVersion())
                .orElseThrow(() -> new IllegalStateException("run " + runId + " names pipeline " + run.pipelineName()
                        + " version " + run.pipelineVersion() + ", which is not registered"));
        return new Ctx(run, d, kinds.get(d.modelKind()), a);
    }

    /** The date of the snapshot a series run works on: the one its features step computed. */
    private LocalDate seriesDate(RunLog.Run run) {
        return run.scoringDate().orElseGet(this::today);
    }

    private TimeSplit split(Ctx r) {
        return TimeSplit.of(r.definition.training(), today());
    }

    private ModelVersions.Version versionOf(Ctx r) {
        return versions.byKey(r.definition.name(), key(r.run.id()))
                .orElseThrow(() -> new IllegalStateException("run " + r.run.id() + " has no trained model version"));
    }

    /** The idempotency key a run registers its version under. */
    public static String key(UUID runId) {
        return "run:" + runId;
    }

    /**
     * A step's attempt failed. The run stays {@code running} (with the attempt recorded) while the step
     * will be retried, and turns {@code failed} only when its last attempt has failed.
     */
    private RuntimeException fail(UUID runId, Step step, RuntimeException e, Attempt a) {
        int failures = a.failedBefore();
        if (failures < step.retries()) {
            a.log().warn(step.id() + " attempt " + (failures + 1) + " of " + (step.retries() + 1) + " failed, it is retried: " + e.getMessage());
            runs.merge(runId, Map.of("retrying", Map.of("step", step.id(), "failed_attempts", failures + 1,
                    "attempts", step.retries() + 1, "error", String.valueOf(e.getMessage()))));
        } else {
            a.log().warn(step.id() + " failed: " + e.getMessage());
            runs.finish(runId, RunStatus.FAILED, step.id() + ": " + e.getMessage());
        }
        return e;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
