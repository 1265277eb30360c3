package com.wedsync.ml.platform.experiments;

import com.wedsync.ml.platform.jobs.RecurringJobs;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.scheduling.JobScheduler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.wedsync.ml.models.experiment.PairedAucTest;
import com.wedsync.ml.models.experiment.SequentialTest;
import com.wedsync.ml.models.experiment.TwoProportionTest;
import com.wedsync.ml.pipelines.registry.ModelState;
import com.wedsync.ml.pipelines.spi.OutcomeSpec;
import com.wedsync.ml.platform.alerts.AlertType;
import com.wedsync.ml.platform.alerts.Alerts;
import com.wedsync.ml.platform.alerts.Severity;
import com.wedsync.ml.platform.outcomes.Outcomes;
import com.wedsync.ml.platform.jobs.JobProgress;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.registry.Promotion;

/**
 * Looks at a running experiment once its predictions have outcomes, and decides.
 *
 * <p>Statistics: in shadow mode with metric {@code auc}, both models scored the same suppliers, so the
 * comparison is paired: DeLong's test on the AUC difference (B - A). With metric {@code accuracy}, a
 * prediction is a success when it was right (probability >= 0.5 iff the outcome happened; score and outcome
 * are read through the model kind's {@link OutcomeSpec}, so any kind with outcomes can be tested): a pooled
 * two-proportion z-test between the arms. Repeated looks: a group-sequential test with Lan-DeMets
 * O'Brien-Fleming-type alpha spending over the information fraction n / minSampleSize (n: outcomes of
 * the smaller arm, or pairs), which keeps the two-sided error rate at the significance level however
 * many looks are taken. Guardrail: z at or below minus the same boundary stops the experiment early for
 * harm (the challenger is clearly worse); the boundary is symmetric, so both directions together spend
 * the significance level. At n >= minSampleSize without a crossing, or past maxDurationDays, the
 * experiment ends inconclusive and the champion stays. Confidence intervals reported are the fixed-sample
 * ones at the stopping look (not adjusted for the looks).
 */
@Service
public class ExperimentEvaluator {

    private final Experiments experiments;
    private final JdbcClient jdbc;
    private final ModelRegistry registry;
    private final Alerts alerts;
    private final JobScheduler scheduler;
    private final java.time.Clock clock;
    private final Outcomes outcomes;
    private final Promotion promotion;

    ExperimentEvaluator(Experiments experiments, JdbcClient jdbc, ModelRegistry registry, Alerts alerts, JobScheduler scheduler,
                        java.time.Clock clock, Outcomes outcomes, Promotion promotion) {
        this.promotion = promotion;
        this.outcomes = outcomes;
        this.clock = clock;
        this.experiments = experiments;
        this.jdbc = jdbc;
        this.registry = registry;
        this.alerts = alerts;
        this.scheduler = scheduler;
    }

    static String method(String metric, Experiments.Mode mode) {
        String test = metric.equals("auc") ? "DeLong paired test on AUC (shadow mode: both models score the same suppliers)"
                : "two-proportion z-test on prediction accuracy" + (mode == Experiments.Mode.SHADOW ? " (arms treated as independent)" : "");
        return test + "; group-sequential, Lan-DeMets O'Brien-Fleming-type alpha spending over n / minSampleSize; "
                + "harm guardrail at the mirrored boundary";
    }

    /** Schedules the daily evaluation of an experiment (recurring job experiment-<id>). */
    public void schedule(UUID id) {
        scheduler.scheduleRecurrently(RecurringJobs.experiment(id), "0 6 * * *", (ExperimentEvaluator e) -> e.evaluate(id, null, JobContext.Null));
    }

    /** The state of an experiment after a look. */
    public record Look(String decision, double informationFraction, double z, double boundary, Experiments.Experiment experiment) {
    }

    /**
     * Takes a look at the experiment as of a date (today when null): computes each arm's metric from the
     * predictions with outcomes, the z statistic and the boundary, and applies a decision. A look with no
     * new outcomes since the last one changes nothing.
     */
    @Job(name = "experiment %0: evaluate", labels = {"step:experiment"}, retries = 2)
    public Look evaluate(UUID id, LocalDate asOf, JobContext context) {
        return evaluate(id, asOf, "system:experiment-" + id, context);
    }

    /**
     * {@link #evaluate(UUID, LocalDate, JobContext)} asked for by {@code actor} ({@code user:<name>} for a look through
     * the API): a decision is recorded as decided by it.
     */
    public Look evaluate(UUID id, LocalDate asOf, String actor, JobContext context) {
        JobProgress progress = new JobProgress(context, "experiment/" + id);
        Experiments.Experiment x = experiments.find(id).orElseThrow(() -> new IllegalArgumentException("no experiment " + id));
        if (!x.isRunning()) {
            progress.progress(100, "experiment " + x.name() + " is " + x.status().dbName() + ": " + x.decision());
            return new Look(x.decision(), 1, 0, 0, x);
        }
        LocalDate day = asOf != null ? asOf : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Stat s = x.metric().equals("auc") ? pairedAuc(x) : accuracy(x);
        boolean expired = !day.isBefore(LocalDate.ofInstant(x.startedAt(), ZoneOffset.UTC).plusDays(x.maxDurationDays()));
        List<Map<String, Object>> looks = new ArrayList<>(x.looks() == null ? List.of() : x.looks());
        double lastT = looks.isEmpty() ? 0 : ((Number) looks.get(looks.size() - 1).get("informationFraction")).doubleValue();
        if (s.n == 0 || Math.min(1.0, s.n / (double) x.minSampleSize()) <= lastT) {
            if (expired) {
                return finish(x, actor, "inconclusive", null, "maximum duration of " + x.maxDurationDays() + " days reached"
                        + (s.n == 0 ? " without outcomes" : " without new outcomes") + ": champion kept", progress, Double.NaN, Double.NaN);
            }
            progress.progress(100, s.n == 0 ? "no predictions of this experiment have outcomes yet"
                    : "no new outcomes since the last look (" + s.n + ")");
            return new Look("continue", lastT, Double.NaN, Double.NaN, x);
        }
        double t = Math.min(1.0, s.n / (double) x.minSampleSize());
        List<Double> fractions = new ArrayList<>();
        looks.forEach(l -> fractions.add(((Number) l.get("informationFraction")).doubleValue()));
        fractions.add(t);
        SequentialTest test = new SequentialTest(x.significance(), x.minSampleSize());
        SequentialTest.Boundary boundary = test.boundaryAt(fractions);
        SequentialTest.Decision decision = SequentialTest.decide(boundary, s.z);
        Map<String, Object> look = new LinkedHashMap<>();
        look.put("look", fractions.size());
        look.put("date", day.toString());
        look.put("n", s.n);
        look.put("informationFraction", t);
        look.put("z", s.z);
        look.put("boundary", boundary.z());
        look.put("alphaSpent", boundary.alphaSpent());
        look.put("effect", s.effect);
        look.put("ciLower", s.ciLower);
        look.put("ciUpper", s.ciUpper);
        look.put("pValue", s.p);
        look.put("decision", decision.name().toLowerCase());
        looks.add(look);
        experiments.recordLook(id, s.n, s.a, s.b, s.p, looks);
        progress.log(String.format("look %d: n = %d (t = %.2f), %s B - A = %.4f [%.4f, %.4f], z = %.2f, boundary +-%.2f -> %s",
                fractions.size(), s.n, t, x.metric(), s.effect, s.ciLower, s.ciUpper, s.z, boundary.z(), decision));
        String evidence = String.format("%s B - A = %.4f (95%% CI %.4f to %.4f, unadjusted), z = %.2f beyond the boundary %.2f "
                + "at information fraction %.2f (p = %.2g, n = %d)", x.metric(), s.effect, s.ciLower, s.ciUpper, s.z, boundary.z(), t,
                s.p, s.n);
        Experiments.Experiment current = experiments.find(id).orElseThrow();
        return switch (decision) {
            case EFFICACY_B -> finish(current, actor, "B", "B", "challenger better: " + evidence, progress, s.z, boundary.z());
            case HARM_B -> finish(current, actor, "A", "guardrail", "stopped early by the guardrail, challenger clearly worse: " + evidence,
                    progress, s.z, boundary.z());
            case INCONCLUSIVE -> finish(current, actor, "inconclusive", null, String.format("inconclusive at the full sample (n = %d, z = %.2f "
                    + "within +-%.2f): champion kept", s.n, s.z, boundary.z()), progress, s.z, boundary.z());
            case CONTINUE -> expired
                    ? finish(current, actor, "inconclusive", null, String.format("maximum duration of %d days reached at n = %d (z = %.2f "
                    + "within +-%.2f): champion kept", x.maxDurationDays(), s.n, s.z, boundary.z()), progress, s.z, boundary.z())
                    : new Look("continue", t, s.z, boundary.z(), current);
        };
    }

    private Look finish(Experiments.Experiment x, String decidedBy, String outcome, String winnerArm, String notes, JobProgress progress, double z,
                        double boundary) {
        String actor = "experiment:" + x.name() + " (" + x.id() + ")";
        String decision;
        boolean auto = x.policy() == Experiments.Policy.AUTO;
        boolean bStaged = registry.find(x.modelB()).map(v -> v.getState() == ModelState.STAGED).orElse(false);
        if ("B".equals(outcome) && auto) {
            if (bStaged) {
                Promotion.Result p = promotion.promote(new Promotion.Request(x.modelB(), actor, "won experiment " + x.name() + ": "
                        + notes, x.modelA(), false, null));
                decision = p.promoted() ? "promoted B to production (A retired)" : "B won but was not promoted: " + p.refusal();
            } else {
                decision = "B won but is no longer staged: nothing moved";
            }
        } else if ("A".equals(outcome) && auto) {
            if (bStaged) {
                registry.transition(x.modelB(), ModelState.RETIRED, actor, "experiment " + x.name() + " " + notes);
            }
            decision = "stopped by the guardrail: B retired, A kept";
        } else if (outcome.equals("inconclusive")) {
            decision = "inconclusive: champion kept";
        } else {
            decision = ("B".equals(outcome) ? "B better" : "A better (guardrail)") + "; policy report: nothing moved";
        }
        String winner = outcome.equals("inconclusive") ? "none" : outcome;
        if (experiments.finish(x.id(), winner, decision, notes, decidedBy)) {
            scheduler.deleteRecurringJob(RecurringJobs.experiment(x.id()));
            alerts.raise(AlertType.EXPERIMENT, outcome.equals("A") ? Severity.HIGH : Severity.LOW, x.modelName(), x.modelB(),
                    "experiment " + x.name() + ": " + decision, Map.of("winner", winner, "notes", notes), decision,
                    "experiment:" + x.id());
        }
        progress.progress(100, decision + " — " + notes);
        return new Look(decision, 1, z, boundary, experiments.find(x.id()).orElseThrow());
    }

    private OutcomeSpec spec(Experiments.Experiment x) {
        String kind = registry.find(x.modelA()).orElseThrow().getModelType();
        return outcomes.spec(kind).orElseThrow(() -> new IllegalStateException("experiment " + x.name() + ": model kind '" + kind
                + "' records no outcomes"));
    }

    private record Stat(int n, double z, double effect, double ciLower, double ciUpper, double p, Map<String, Object> a,
                        Map<String, Object> b) {
    }

    private Stat pairedAuc(Experiments.Experiment x) {
        List<Outcomes.Pair> pairs = outcomes.pairedInExperiment(x.id(), spec(x));
        int n = pairs.size();
        long positives = pairs.stream().filter(p -> p.outcome() == 1).count();
        if (n == 0 || positives == 0 || positives == n) {
            // AUC needs both outcomes among the pairs: not yet a look
            return new Stat(0, 0, 0, 0, 0, 1, Map.of(), Map.of());
        }
        PairedAucTest.Result r = PairedAucTest.compare(pairs.stream().mapToDouble(Outcomes.Pair::a).toArray(),
                pairs.stream().mapToDouble(Outcomes.Pair::b).toArray(), pairs.stream().mapToInt(Outcomes.Pair::outcome).toArray(), 0.05);
        double z = Double.isFinite(r.z()) ? r.z() : Math.signum(r.difference()) * SequentialTest.MAX_BOUNDARY;
        return new Stat(n, z, r.difference(), r.ciLower(), r.ciUpper(), r.pTwoSided(),
                Map.of("auc", r.aucA(), "n", n, "positives", positives), Map.of("auc", r.aucB(), "n", n, "positives", positives));
    }

    private Stat accuracy(Experiments.Experiment x) {
        Map<String, long[]> arms = outcomes.correctByArm(x.id(), spec(x));
        long[] a = arms.getOrDefault("A", new long[2]);
        long[] b = arms.getOrDefault("B", new long[2]);
        int n = (int) Math.min(a[0], b[0]);
        if (n == 0) {
            return new Stat(0, 0, 0, 0, 0, 1, Map.of(), Map.of());
        }
        TwoProportionTest.Result r = TwoProportionTest.compare(a[1], a[0], b[1], b[0], 0.05);
        return new Stat(n, r.z(), r.difference(), r.ciLower(), r.ciUpper(), r.pTwoSided(),
                Map.of("accuracy", r.rateA(), "n", a[0]), Map.of("accuracy", r.rateB(), "n", b[0]));
    }
}
