package com.wedsync.ml.pipelines.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.wedsync.ml.pipelines.definition.DefinitionReader;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.registry.ModelState;
import com.wedsync.ml.pipelines.spi.Comparison;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.ModelKind;
import com.wedsync.ml.pipelines.spi.ModelKinds;
import com.wedsync.ml.pipelines.spi.Prediction;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.pipelines.spi.ScoringModel;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.pipelines.spi.TrainingRequest;
import org.junit.jupiter.api.Test;

/**
 * A whole pipeline run (features, train, validate, promote) through {@link PipelineRunner} with in-memory
 * ports and a toy kind: no database, no JobRunr, milliseconds. The toy model predicts "x above its
 * threshold"; the label is x above 0.5, so a threshold near 0.5 is accurate and one far from it is not.
 */
class PipelineRunnerTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    static final String DEFINITION = """
            name: toy
            version: %d
            modelKind: toy
            features: {set: toy_features, include: [x]}
            algorithms:
              - name: threshold
                hyperparameters: {threshold: %s}
            training: {windowMonths: 6, labelHorizonDays: 30, snapshotIntervalDays: 30}
            gates:
              accuracy: {min: 0.6}
            promotion: {policy: %s}
            """;

    final Memory memory = new Memory();
    final PipelineRunner runner = new PipelineRunner(memory::definition, ModelKinds.of(new ToyKind()), memory, memory, memory,
            memory, memory, List.of(memory), Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC), "test");

    @Test
    void aRunGoesThroughItsStepsInOrderAndPromotesAModelThatPassesTheGates() {
        UUID run = memory.start(definition(1, 0.5, "auto"));
        memory.drain(runner);

        assertThat(memory.executed).containsExactly(Step.FEATURES, Step.TRAIN, Step.VALIDATE, Step.PROMOTE);
        ModelVersions.Version v = memory.versions.values().iterator().next();
        assertThat(v.state()).isEqualTo(ModelState.PRODUCTION);
        assertThat(memory.history.get(v.id())).containsExactly(ModelState.VALIDATING, ModelState.STAGED, ModelState.PRODUCTION);
        assertThat(memory.status.get(run)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(memory.results.get(run)).containsEntry("final_state", "production").containsEntry(RunLog.JUDGED_AGAINST, RunLog.NONE);
        assertThat(memory.events).containsExactly("trained " + v.version(), "evaluated " + v.version());
        assertThat(memory.snapshotsComputed).as("the training, validation and test dates, and today").contains(TODAY).hasSizeGreaterThan(2);
    }

    @Test
    void aModelThatFailsAGateIsRetiredWithTheReasonAndTheRunStillSucceeds() {
        UUID run = memory.start(definition(1, 0.95, "auto"));
        memory.drain(runner);

        ModelVersions.Version v = memory.versions.values().iterator().next();
        assertThat(v.state()).isEqualTo(ModelState.RETIRED);
        assertThat(memory.reasons.get(v.id())).last().asString().startsWith("failed validation: ").contains("accuracy");
        assertThat(memory.executed).doesNotContain(Step.PROMOTE);
        assertThat(memory.status.get(run)).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aChallengerThatDoesNotBeatTheChampionIsRetiredAndTheChampionStays() {
        memory.start(definition(1, 0.5, "auto"));
        memory.drain(runner);
        ModelVersions.Version champion = memory.production("toy").orElseThrow();

        memory.start(definition(2, 0.7, "auto"));
        memory.drain(runner);

        assertThat(memory.production("toy").orElseThrow().id()).isEqualTo(champion.id());
        ModelVersions.Version challenger = memory.versions.values().stream().filter(v -> v.version().equals("2")).findFirst().orElseThrow();
        assertThat(challenger.state()).isEqualTo(ModelState.RETIRED);
        assertThat(memory.reasons.get(challenger.id())).last().asString().contains("does not beat champion version 1");
    }

    @Test
    void aManualPolicyLeavesTheVersionStagedWithTheCallThatPromotesIt() {
        memory.start(definition(1, 0.5, "manual"));
        memory.drain(runner);
        ModelVersions.Version v = memory.versions.values().iterator().next();
        assertThat(v.state()).isEqualTo(ModelState.STAGED);
        assertThat(memory.logged).anyMatch(l -> l.contains("POST /api/models/toy/versions/1/transitions"));
    }

    @Test
    void everyStepIsIdempotentARerunOfAnyStepChangesNothing() {
        UUID run = memory.start(definition(1, 0.5, "auto"));
        memory.drain(runner);
        int versions = memory.versions.size();
        Map<UUID, List<ModelState>> history = new HashMap<>(memory.history);
        for (Step s : Step.values()) {
            runner.run(s, run, Attempt.direct(memory));
        }
        memory.drain(runner);
        assertThat(memory.versions).hasSize(versions);
        assertThat(memory.history).isEqualTo(history);
        assertThat(memory.events).as("tracked once").hasSize(2);
    }

    @Test
    void aFailedAttemptLeavesTheRunRunningWhileRetriesRemainAndFailedAfterTheLast() {
        UUID run = memory.start(definition(1, 0.5, "auto"));
        memory.failLoads = true;
        runner.features(run, Attempt.direct(memory));
        assertThatThrownBy(() -> runner.train(run, new Attempt(UUID.randomUUID(), 0, memory))).hasMessageContaining("storage down");
        assertThat(memory.status.get(run)).isEqualTo(RunStatus.RUNNING);
        assertThat(memory.results.get(run)).containsKey("retrying");
        assertThatThrownBy(() -> runner.train(run, new Attempt(UUID.randomUUID(), Step.TRAIN.retries(), memory)));
        assertThat(memory.status.get(run)).isEqualTo(RunStatus.FAILED);
        assertThat(memory.errors.get(run)).isEqualTo("train: storage down");
    }

    @Test
    void whenTheChampionChangedAfterValidationTheChallengerIsJudgedAgainstTheNewOne() {
        memory.start(definition(1, 0.75, "auto"));
        memory.drain(runner); // the weak champion, version 1
        UUID a = memory.start(definition(2, 0.5, "auto"));
        UUID b = memory.start(definition(2, 0.6, "auto"));
        for (Step s : List.of(Step.FEATURES, Step.TRAIN, Step.VALIDATE)) {
            runner.run(s, a, Attempt.direct(memory));
            runner.run(s, b, Attempt.direct(memory));
        }
        memory.queue.clear();
        runner.promote(a, Attempt.direct(memory));
        runner.promote(b, Attempt.direct(memory));

        ModelVersions.Version vb = memory.byKey("toy", PipelineRunner.key(b)).orElseThrow();
        assertThat(memory.production("toy").orElseThrow().id()).isEqualTo(memory.byKey("toy", PipelineRunner.key(a)).orElseThrow().id());
        assertThat(vb.state()).isEqualTo(ModelState.RETIRED);
        assertThat(memory.reasons.get(vb.id())).last().asString().contains("the champion changed");
        assertThat(memory.results.get(b)).containsKey("rechecked_against");
    }

    static PipelineDefinition definition(int version, double threshold, String policy) {
        return new DefinitionReader().fromYaml(new ByteArrayInputStream(DEFINITION.formatted(version, threshold, policy)
                .getBytes(StandardCharsets.UTF_8)), "test");
    }

    /** The toy kind: "x above the threshold" on one numeric feature. */
    static final class ToyKind implements ModelKind {
        public String name() { return "toy"; }

        public FeatureSetSpec featureSet() {
            return new FeatureSetSpec("toy_features", 1, "supplier", List.of(new FeatureSetSpec.Feature("x", FeatureSetSpec.Type.NUMERIC, "x")));
        }

        public Map<String, Set<String>> algorithms() { return Map.of("threshold", Set.of("threshold")); }

        public Map<String, MetricRange> metrics() { return Map.of("accuracy", new MetricRange(0, 1)); }

        public TrainedModel train(TrainingRequest r, ProgressListener p) {
            Object t = r.definition().algorithms().get(0).hyperparameters().get("threshold");
            p.progress(100, "trained");
            return new TrainedModel("threshold", t.toString().getBytes(StandardCharsets.UTF_8), Map.of("threshold", t), Map.of(),
                    Map.of("accuracy", 1.0), Map.of(), Map.of("x", 1.0), r.lineage());
        }

        public ScoringModel load(byte[] artifact) {
            double t = Double.parseDouble(new String(artifact, StandardCharsets.UTF_8));
            return new ScoringModel() {
                public double[] score(FeatureTable rows) {
                    double[] s = new double[rows.size()];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = rows.numeric()[i][rows.numericIndex("x")] > t ? 1 : 0;
                    }
                    return s;
                }

                public Prediction explain(FeatureTable rows, int row, double score) { return Prediction.of(Map.of("score", score)); }
            };
        }

        public Map<String, Double> evaluate(ScoringModel model, FeatureTable heldOut) {
            double[] s = model.score(heldOut);
            int right = 0;
            for (int i = 0; i < s.length; i++) {
                right += s[i] == heldOut.labels()[i] ? 1 : 0;
            }
            return Map.of("accuracy", (double) right / s.length);
        }

        public Comparison compare(ScoringModel challenger, ScoringModel champion, FeatureTable heldOut, double significance) {
            double a = evaluate(challenger, heldOut).get("accuracy");
            double b = evaluate(champion, heldOut).get("accuracy");
            return new Comparison("accuracy difference", "accuracy", a, b, a - b, a > b ? 0.0 : 1.0, a > b);
        }
    }

    /** Every port in memory. */
    static final class Memory implements FeatureSnapshots, ModelVersions, RunLog, StepScheduler, ExperimentStarter, TrainingEvents, Attempt.Log {
        final Map<String, PipelineDefinition> definitions = new HashMap<>();
        final Map<UUID, Run> runs = new LinkedHashMap<>();
        final Map<UUID, Map<String, Object>> results = new HashMap<>();
        final Map<UUID, RunStatus> status = new HashMap<>();
        final Map<UUID, String> errors = new HashMap<>();
        final Map<UUID, Version> versions = new LinkedHashMap<>();
        final Map<UUID, String> keys = new HashMap<>();
        final Map<UUID, byte[]> artifacts = new HashMap<>();
        final Map<UUID, List<ModelState>> history = new HashMap<>();
        final Map<UUID, List<String>> reasons = new HashMap<>();
        final List<LocalDate> snapshotsComputed = new ArrayList<>();
        final Deque<Object[]> queue = new ArrayDeque<>();
        final List<Step> executed = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        final List<String> logged = new ArrayList<>();
        final java.util.Set<String> scheduled = new java.util.HashSet<>();
        boolean failLoads;

        UUID start(PipelineDefinition d) {
            definitions.put(d.name() + "@" + d.version(), d);
            UUID id = UUID.randomUUID();
            runs.put(id, new Run(id, d.name(), d.version(), Map.of()));
            results.put(id, new LinkedHashMap<>());
            status.put(id, RunStatus.RUNNING);
            schedule(Step.FEATURES, d.name(), id);
            return id;
        }

        void drain(PipelineRunner runner) {
            while (!queue.isEmpty()) {
                Object[] next = queue.poll();
                executed.add((Step) next[0]);
                runner.run((Step) next[0], (UUID) next[1], Attempt.direct(this));
            }
        }

        Optional<PipelineDefinition> definition(String name, int version) {
            return Optional.ofNullable(definitions.get(name + "@" + version));
        }

        // feature snapshots: x spread evenly over [0, 1) on 100 entities, labelled x > 0.5
        public Optional<Snapshot> existing(FeatureSetSpec set, LocalDate asOf) {
            return snapshotsComputed.contains(asOf) ? Optional.of(new Snapshot(UUID.nameUUIDFromBytes(asOf.toString().getBytes()), asOf, 100, 0))
                    : Optional.empty();
        }

        public Snapshot refresh(FeatureSetSpec set, LocalDate asOf, Instant expires, UUID jobId) {
            snapshotsComputed.add(asOf);
            return new Snapshot(UUID.nameUUIDFromBytes(asOf.toString().getBytes()), asOf, 100, 1);
        }

        public FeatureTable load(FeatureSetSpec set, List<LocalDate> asOfs, List<String> features, Integer labelHorizonDays) {
            if (failLoads) {
                throw new IllegalStateException("storage down");
            }
            int n = 100 * asOfs.size();
            List<String> ids = new ArrayList<>();
            LocalDate[] dates = new LocalDate[n];
            double[][] numeric = new double[n][];
            String[][] categorical = new String[n][0];
            double[] labels = new double[n];
            for (int i = 0; i < n; i++) {
                double x = (i % 100 + 0.5) / 100;
                ids.add("s" + i % 100);
                dates[i] = asOfs.get(i / 100);
                numeric[i] = new double[] {x};
                labels[i] = x > 0.5 ? 1 : 0;
            }
            return new FeatureTable(ids, dates, List.of("x"), numeric, List.of(), categorical, labels);
        }

        // model versions
        public Optional<Version> byKey(String model, String key) {
            return versions.values().stream().filter(v -> v.model().equals(model) && key.equals(keys.get(v.id()))).findFirst();
        }

        public Version register(Registration r) {
            UUID id = UUID.randomUUID();
            String number = Long.toString(versions.values().stream().filter(v -> v.model().equals(r.model())).count() + 1);
            Version v = new Version(id, r.model(), number, ModelState.TRAINING, r.pipelineName(), r.pipelineVersion(), "sha", Instant.EPOCH);
            versions.put(id, v);
            keys.put(id, r.idempotencyKey());
            artifacts.put(id, r.trained().artifact());
            history.put(id, new ArrayList<>());
            reasons.put(id, new ArrayList<>());
            return v;
        }

        public Optional<Version> find(UUID id) {
            return Optional.ofNullable(versions.get(id));
        }

        public Optional<Version> production(String model) {
            return versions.values().stream().filter(v -> v.model().equals(model) && v.state() == ModelState.PRODUCTION).findFirst();
        }

        public byte[] artifact(UUID id) {
            return artifacts.get(id);
        }

        public Version transition(UUID id, ModelState to, String actor, String reason) {
            Version v = versions.get(id);
            v.state().checkMoveTo(to);
            if (to == ModelState.PRODUCTION) {
                production(v.model()).ifPresent(c -> transition(c.id(), ModelState.RETIRED, actor, "replaced by version " + v.version()));
            }
            Version moved = new Version(v.id(), v.model(), v.version(), to, v.pipelineName(), v.pipelineVersion(), v.artifactSha256(), v.trainedAt());
            versions.put(id, moved);
            history.get(id).add(to);
            reasons.get(id).add(reason);
            return moved;
        }

        public void recordEvaluation(UUID id, Map<String, Double> metrics, Object comparison) {
        }

        public Optional<String> promote(UUID id, String actor, String reason, UUID judgedAgainst, Recheck recheck) {
            Version v = versions.get(id);
            Optional<Version> champion = production(v.model());
            if (champion.isPresent() && !champion.get().id().equals(judgedAgainst)) {
                Optional<String> refusal = recheck.refusal(v, champion.get());
                if (refusal.isPresent()) {
                    return Optional.of("the champion changed: " + refusal.get());
                }
            }
            transition(id, ModelState.PRODUCTION, actor, reason);
            return Optional.empty();
        }

        // run log
        public Run run(UUID runId) {
            Run r = runs.get(runId);
            return new Run(r.id(), r.pipelineName(), r.pipelineVersion(), results.get(runId));
        }

        public void merge(UUID runId, Map<String, Object> entries) {
            results.get(runId).putAll(entries);
        }

        public void finish(UUID runId, RunStatus s, String error) {
            status.put(runId, s);
            errors.put(runId, error);
        }

        // step scheduler: once per step and run
        public void schedule(Step step, String pipeline, UUID runId) {
            if (scheduled.add(step + ":" + runId)) {
                queue.add(new Object[] {step, runId});
            }
        }

        // experiments
        public Optional<String> running(String model) {
            return Optional.empty();
        }

        public Started start(String model, Version challenger, Version champion, PipelineDefinition.Experiment spec, double significance) {
            throw new UnsupportedOperationException("no experiments in this test");
        }

        // training events
        public void trained(PipelineDefinition d, Version v, TrainedModel m, UUID runId, UUID jobId) {
            events.add("trained " + v.version());
        }

        public void evaluated(PipelineDefinition d, Version v, Map<String, Double> metrics) {
            events.add("evaluated " + v.version());
        }

        // log
        public void log(String message) {
            logged.add(message);
        }

        public void progress(int percent, String message) {
            if (message != null) {
                logged.add(message);
            }
        }
    }
}
