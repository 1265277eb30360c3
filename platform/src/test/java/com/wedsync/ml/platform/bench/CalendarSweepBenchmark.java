package com.wedsync.ml.platform.bench;

import static com.wedsync.ml.platform.bench.BenchPlatform.secs;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.wedsync.ml.models.drift.DriftDetector;
import com.wedsync.ml.models.drift.DriftPolicy;
import com.wedsync.ml.models.drift.DriftReport;
import com.wedsync.ml.models.drift.FeatureColumn;
import com.wedsync.ml.models.drift.ReferenceWindow;
import com.wedsync.ml.models.evaluation.BinaryMetrics;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.ModelKind;
import com.wedsync.ml.pipelines.spi.ModelKinds;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.pipelines.spi.TrainingRequest;
import com.wedsync.ml.pipelines.training.TimeSplit;
import com.wedsync.ml.platform.features.FeatureStore;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The built-in pipelines across the calendar, printed as one table: for simulated marketplaces
 * (N suppliers x 36 months) whose end date ("today") is the last day of each month of 2026, and for
 * each seed, the churn ensemble's AUC / accuracy / ECE on its test dates against the simulator's ground
 * truth ({@code sim_churn_truth}), the MRR forecast's rolling-origin backtest ({@code within_10pct},
 * {@code coverage_80}, {@code origins}), the LTV model's {@code cohort_error_median} on its held-out dates,
 * and the churn drift check's verdict on a marketplace without planted drift; then the spec targets,
 * the rows pooled per calendar month, and one summary line.
 *
 * <p>The kinds run as the pipelines run them, without JobRunr: the built-in definitions, their model
 * kinds, the features refreshed at the definition's split dates ({@link TimeSplit}, panel kinds) or at
 * today (the series kind, whose one snapshot holds the monthly history), training on the train /
 * validation tables, {@code kind.evaluate} on the held-out table. The models are measured on the
 * default simulation ({@link SimulationParameters#of}: drift planted 6 months before the end, anomalies
 * planted), as the pipelines' tests and the other benchmarks measure them. The drift check replicates
 * {@code DriftMonitor}: the churn definition's watched features and policy, the reference window chosen
 * by {@link ReferenceWindow#choose} (same months last year, else trailing), compared by the models'
 * {@link DriftDetector}; it runs on a twin marketplace of the same seed, size and end date simulated
 * without planted drift ({@code driftMonth = 0}; the anomalies, one-month events 8 and 10 months before
 * the end, stay as in the default), where NO_DRIFT is the right verdict. The feature store is emptied
 * before each marketplace's snapshots, so nothing computed on one marketplace is read on another.
 *
 * <p>{@code ops/bench/calendar-sweep.sh [suppliers] [seeds] [kinds]} (defaults 1500, 3 and
 * {@code churn,mrr,ltv,drift}). Progress goes to stderr; the table, after the platform has stopped, to
 * stdout, ending with the {@code calendar-sweep: key=value ...} line.
 */
public final class CalendarSweepBenchmark {

    static final int YEAR = 2026;
    static final int MONTHS = 36;
    /** As DriftMonitor: the current window's length and the trailing reference's offset. */
    static final int DRIFT_WINDOW_DAYS = 30;
    static final int DRIFT_TRAILING_DAYS = 90;
    static final Set<String> KINDS = Set.of("churn", "mrr", "ltv", "drift");

    static final double CHURN_AUC_MIN = 0.85;
    static final double CHURN_ACCURACY_ABOVE = 0.85;
    static final double CHURN_ECE_MAX = 0.05;
    static final double MRR_WITHIN10_MIN = 0.9;
    static final double MRR_COVERAGE = 0.80;
    static final double LTV_COHORT_ERROR_MAX = 0.15;

    /** One marketplace's figures; null where a kind was not run (or failed: see errors). */
    static final class Row {
        final int month;
        final long seed;
        final LocalDate end;
        BinaryMetrics churn;
        Map<String, Double> mrr;
        Map<String, Double> ltv;
        DriftReport drift;
        ReferenceWindow reference;
        final List<String> errors = new ArrayList<>();

        Row(int month, long seed, LocalDate end) {
            this.month = month;
            this.seed = seed;
            this.end = end;
        }

        int covered() {
            return (int) Math.round(mrr.get("coverage_80") * mrr.get("origins"));
        }

        int origins() {
            return (int) Math.round(mrr.get("origins"));
        }

        /** The row's figures in one line, for the progress log (a run stopped early still shows what it measured). */
        String brief() {
            StringBuilder b = new StringBuilder();
            if (churn != null) {
                b.append(String.format(Locale.ROOT, "churn AUC %.4f accuracy %.4f ECE %.4f (%d test rows, %d churned); ", churn.auc(),
                        churn.accuracy(), churn.ece(), churn.n(), churn.positives()));
            }
            if (mrr != null) {
                b.append("mrr ").append(mrr).append("; ");
            }
            if (ltv != null) {
                b.append(String.format(Locale.ROOT, "ltv cohort_error_median %.4f; ", ltv.get("cohort_error_median")));
            }
            if (drift != null) {
                b.append("drift ").append(drift.verdict()).append(reference == null ? "" : " vs " + reference.kind() + " "
                        + reference.asOf()).append(drift.reasons().isEmpty() ? "" : " " + drift.reasons());
            }
            return b.toString();
        }

        List<String> failed(Set<String> kinds) {
            List<String> f = new ArrayList<>();
            if (kinds.contains("churn")) {
                if (churn == null) {
                    f.add("churn:error");
                } else {
                    if (!(churn.auc() >= CHURN_AUC_MIN)) {
                        f.add("auc");
                    }
                    if (!(churn.accuracy() > CHURN_ACCURACY_ABOVE)) {
                        f.add("accuracy");
                    }
                    if (!(churn.ece() <= CHURN_ECE_MAX)) {
                        f.add("ece");
                    }
                }
            }
            if (kinds.contains("mrr")) {
                if (mrr == null) {
                    f.add("mrr:error");
                } else if (!(mrr.get("within_10pct") >= MRR_WITHIN10_MIN)) {
                    f.add("mrr_within10");
                }
            }
            if (kinds.contains("ltv")) {
                if (ltv == null) {
                    f.add("ltv:error");
                } else if (!(ltv.get("cohort_error_median") <= LTV_COHORT_ERROR_MAX)) {
                    f.add("ltv_cohort_error");
                }
            }
            if (kinds.contains("drift")) {
                if (drift == null) {
                    f.add("drift:error");
                } else if (drift.verdict() != DriftReport.Verdict.NO_DRIFT) {
                    f.add("drift:" + drift.verdict());
                }
            }
            return f;
        }
    }

    private final MarketplaceLoader loader;
    private final FeatureStore features;
    private final JdbcClient jdbc;
    private final PipelineDefinition churnDef;
    private final PipelineDefinition mrrDef;
    private final PipelineDefinition ltvDef;
    private final ModelKind churnKind;
    private final ModelKind mrrKind;
    private final ModelKind ltvKind;

    CalendarSweepBenchmark(ConfigurableApplicationContext app) {
        loader = app.getBean(MarketplaceLoader.class);
        features = app.getBean(FeatureStore.class);
        jdbc = app.getBean(JdbcClient.class);
        PipelineDefinitions definitions = app.getBean(PipelineDefinitions.class);
        ModelKinds kinds = app.getBean(ModelKinds.class);
        churnDef = definitions.latest("churn").orElseThrow().definition();
        mrrDef = definitions.latest("mrr-forecast").orElseThrow().definition();
        ltvDef = definitions.latest("ltv").orElseThrow().definition();
        churnKind = kinds.get(churnDef.modelKind());
        mrrKind = kinds.get(mrrDef.modelKind());
        ltvKind = kinds.get(ltvDef.modelKind());
    }

    public static void main(String[] args) throws Exception {
        int suppliers = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Set<String> kinds = new LinkedHashSet<>(List.of((args.length > 2 ? args[2] : "churn,mrr,ltv,drift").split(",")));
        kinds.removeIf(String::isBlank);
        if (kinds.isEmpty() || !KINDS.containsAll(kinds) || seeds < 1) {
            throw new IllegalArgumentException("usage: calendar-sweep.sh [suppliers] [seeds >= 1] [kinds: comma-separated of "
                    + "churn,mrr,ltv,drift], got " + String.join(" ", args));
        }
        List<Row> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        ConfigurableApplicationContext app = BenchPlatform.start("calendar-sweep");
        try {
            CalendarSweepBenchmark bench = new CalendarSweepBenchmark(app);
            System.err.printf("calendar sweep: %,d suppliers x %d months, %d seeds, kinds %s; platform started in %.1f s%n",
                    suppliers, MONTHS, seeds, kinds, secs(t0));
            int total = 12 * seeds;
            for (int month = 1; month <= 12; month++) {
                for (long seed = 1; seed <= seeds; seed++) {
                    LocalDate end = YearMonth.of(YEAR, month).atEndOfMonth();
                    long t = System.nanoTime();
                    Row row = new Row(month, seed, end);
                    String timings = bench.run(row, suppliers, kinds);
                    rows.add(row);
                    System.err.printf("[%d/%d] end %s seed %d: %s; %.1f s (elapsed %.0f s)%s%n  -> %s%n", rows.size(), total, end,
                            seed, timings, secs(t), secs(t0), row.errors.isEmpty() ? "" : " ERRORS " + row.errors, row.brief());
                }
            }
        } finally {
            app.close();
        }
        // printed after the platform has stopped, so that no shutdown log line follows the summary
        System.out.print(report(rows, suppliers, seeds, kinds, secs(t0)));
        System.out.flush();
    }

    /** Simulates one marketplace (and its drift-free twin), runs the kinds; returns the stage timings. */
    String run(Row row, int suppliers, Set<String> kinds) {
        StringBuilder timings = new StringBuilder();
        if (kinds.contains("churn") || kinds.contains("mrr") || kinds.contains("ltv")) {
            long t = System.nanoTime();
            loader.simulateAndLoad(SimulationParameters.of(row.seed, suppliers, MONTHS, row.end), ProgressListener.NONE);
            clearFeatureStore();
            timings.append(String.format(Locale.ROOT, "simulated %.1f s", secs(t)));
            if (kinds.contains("churn")) {
                timings.append(stage("churn", row, () -> row.churn = churn(row.end)));
            }
            if (kinds.contains("mrr")) {
                timings.append(stage("mrr", row, () -> row.mrr = mrr(row.end)));
            }
            if (kinds.contains("ltv")) {
                timings.append(stage("ltv", row, () -> row.ltv = ltv(row.end)));
            }
        }
        if (kinds.contains("drift")) {
            long t = System.nanoTime();
            loader.simulateAndLoad(new SimulationParameters(row.seed, suppliers, MONTHS, row.end, 0, MONTHS >= 12),
                    ProgressListener.NONE);
            clearFeatureStore();
            timings.append(timings.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "simulated without drift %.1f s", secs(t)));
            timings.append(stage("drift", row, () -> drift(row)));
        }
        return timings.toString();
    }

    private static String stage(String name, Row row, Runnable r) {
        long t = System.nanoTime();
        try {
            r.run();
        } catch (RuntimeException e) {
            row.errors.add(name + ": " + e);
            e.printStackTrace();
        }
        return String.format(Locale.ROOT, ", %s %.1f s", name, secs(t));
    }

    /** So that a snapshot of one marketplace is never read (nor reused by DriftMonitor's logic) on the next. */
    private void clearFeatureStore() {
        jdbc.sql("TRUNCATE ml_feature_store, ml_feature_snapshots").update();
    }

    // ---- the kinds, as PipelineRunner runs them -------------------------------------------------------

    /** Refreshes the split's dates, trains on train / validation (as the pipeline's train step). */
    private TrainedModel trainPanel(PipelineDefinition d, ModelKind kind, TimeSplit split) {
        FeatureSetSpec set = kind.featureSet();
        for (LocalDate date : split.all()) {
            features.refresh(set, date, null, null);
        }
        List<String> feats = d.features().include();
        Integer horizon = d.training().labelHorizonDays();
        FeatureTable train = features.load(set, split.train(), feats, horizon, null);
        FeatureTable validation = features.load(set, split.validation(), feats, horizon, null);
        String window = split.train().get(0) + ".." + split.validation().get(split.validation().size() - 1);
        return kind.train(new TrainingRequest(d, train, validation, seed(d), lineage(d, kind, window)), ProgressListener.NONE);
    }

    /** The churn ensemble on the test dates, against sim_churn_truth (as ChurnAccuracyTest measures it). */
    BinaryMetrics churn(LocalDate today) {
        PipelineDefinition d = churnDef;
        TimeSplit split = TimeSplit.of(d.training(), today);
        TrainedModel model = trainPanel(d, churnKind, split);
        FeatureTable test = features.load(churnKind.featureSet(), split.test(), d.features().include(), null, null);
        Set<String> truth = new HashSet<>(jdbc.sql("""
                SELECT t.supplier_id || '@' || fs.as_of FROM sim_churn_truth t
                JOIN ml_feature_store fs ON fs.entity_id = t.supplier_id AND fs.feature_set = :set
                WHERE t.churned_at > fs.as_of::timestamptz
                  AND t.churned_at <= fs.as_of::timestamptz + make_interval(days => :horizon)
                """).param("set", churnKind.featureSet().name()).param("horizon", d.training().labelHorizonDays())
                .query(String.class).list());
        int[] y = new int[test.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = truth.contains(test.entityIds().get(i) + "@" + test.asOf()[i]) ? 1 : 0;
        }
        double[] p = churnKind.load(model.artifact()).score(test);
        return BinaryMetrics.of(p, y, 0.5);
    }

    /** The MRR forecast (a series kind): today's snapshot holds the history; trained and backtested on it. */
    Map<String, Double> mrr(LocalDate today) {
        PipelineDefinition d = mrrDef;
        FeatureSetSpec set = mrrKind.featureSet();
        features.refresh(set, today, today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), null);
        FeatureTable history = features.load(set, List.of(today), d.features().include(), null, null);
        TrainedModel model = mrrKind.train(new TrainingRequest(d, history, history, seed(d),
                lineage(d, mrrKind, "history as of " + today)), ProgressListener.NONE);
        FeatureTable test = features.load(set, List.of(today), d.features().include(), null, null);
        return mrrKind.evaluate(mrrKind.load(model.artifact()), test);
    }

    /** LTV: cohort_error_median etc. on the held-out (test) dates, as the pipeline's validate step computes them. */
    Map<String, Double> ltv(LocalDate today) {
        PipelineDefinition d = ltvDef;
        TimeSplit split = TimeSplit.of(d.training(), today);
        TrainedModel model = trainPanel(d, ltvKind, split);
        FeatureTable test = features.load(ltvKind.featureSet(), split.test(), d.features().include(),
                d.training().labelHorizonDays(), null);
        return ltvKind.evaluate(ltvKind.load(model.artifact()), test);
    }

    /** DriftMonitor.check's comparison for the churn definition, as of today, without storing or reacting. */
    void drift(Row row) {
        LocalDate asOf = row.end;
        PipelineDefinition d = churnDef;
        FeatureSetSpec set = churnKind.featureSet();
        PipelineDefinition.Drift dp = d.drift();
        DriftPolicy policy = PipelineDefinition.Drift.policy(dp);
        List<String> watched = dp != null && dp.features() != null ? dp.features() : d.features().include();
        LocalDate historyStart = jdbc.sql("SELECT COALESCE(MIN(created_at)::date, CAST(:today AS date)) FROM suppliers")
                .param("today", asOf).query(LocalDate.class).single();
        Optional<ReferenceWindow> reference = ReferenceWindow.choose(asOf, historyStart, DRIFT_WINDOW_DAYS, DRIFT_TRAILING_DAYS);
        if (reference.isEmpty()) {
            row.drift = new DriftReport(DriftReport.Verdict.INSUFFICIENT_DATA, Double.NaN, "unknown", List.of(), List.of(),
                    List.of("insufficient data: the history (from " + historyStart + ") is shorter than a reference window"));
            return;
        }
        row.reference = reference.get();
        for (LocalDate date : List.of(asOf, row.reference.asOf())) {
            if (features.snapshot(set, date).isEmpty()) {
                features.refresh(set, date, null, null);
            }
        }
        FeatureTable cur = features.load(set, List.of(asOf), watched, null, null);
        FeatureTable old = features.load(set, List.of(row.reference.asOf()), watched, null, null);
        row.drift = new DriftDetector(policy).compare(columns(old), columns(cur));
    }

    private static Map<String, FeatureColumn> columns(FeatureTable t) {
        Map<String, FeatureColumn> out = new LinkedHashMap<>();
        for (int j = 0; j < t.numericNames().size(); j++) {
            double[] col = new double[t.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = t.numeric()[i][j];
            }
            out.put(t.numericNames().get(j), FeatureColumn.numeric(col));
        }
        for (int j = 0; j < t.categoricalNames().size(); j++) {
            String[] col = new String[t.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = t.categorical()[i][j];
            }
            out.put(t.categoricalNames().get(j), FeatureColumn.categorical(col));
        }
        return out;
    }

    private static long seed(PipelineDefinition d) {
        return d.training().seed() == null ? 42L : d.training().seed();
    }

    private static Map<String, String> lineage(PipelineDefinition d, ModelKind kind, String window) {
        Map<String, String> lineage = new LinkedHashMap<>();
        lineage.put("data_window", window);
        lineage.put("feature_set", kind.featureSet().name());
        lineage.put("feature_version", Integer.toString(kind.featureSet().version()));
        lineage.put("pipeline", d.name() + "@" + d.version());
        lineage.put("pipeline_run", "calendar-sweep");
        return lineage;
    }

    // ---- the report ----------------------------------------------------------------------------------

    static String report(List<Row> rows, int suppliers, int seeds, Set<String> kinds, double seconds) {
        boolean churn = kinds.contains("churn");
        boolean mrr = kinds.contains("mrr");
        boolean ltv = kinds.contains("ltv");
        boolean drift = kinds.contains("drift");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "calendar sweep: %d marketplaces of %,d suppliers x %d months ending on the last day "
                + "of each month of %d, seeds 1..%d, kinds %s%n", rows.size(), suppliers, MONTHS, YEAR, seeds, String.join(",", kinds)));
        out.append(String.format(Locale.ROOT, "targets: churn AUC >= %.2f, accuracy > %.2f, ECE <= %.2f (test dates vs sim_churn_truth); "
                        + "MRR within_10pct >= %.2f (backtest); MRR coverage_80 pooled vs %.2f +- 2 binomial SD; LTV cohort_error_median <= %.2f "
                        + "(held-out dates); drift (churn watch list, marketplace without planted drift): NO_DRIFT%n%n",
                CHURN_AUC_MIN, CHURN_ACCURACY_ABOVE, CHURN_ECE_MAX, MRR_WITHIN10_MIN, MRR_COVERAGE, LTV_COHORT_ERROR_MAX));
        String header = String.format(Locale.ROOT, "%-7s  %-10s  %4s  %9s  %9s  %9s  %7s  %9s  %7s  %8s  %-17s  %s%n",
                "month", "end", "seed", "churn_auc", "churn_acc", "churn_ece", "mrr_w10", "mrr_cov80", "origins", "ltv_err", "drift", "targets");
        out.append(header);
        out.append("-".repeat(header.length() - 1)).append('\n');
        int failures = 0;
        for (Row r : rows) {
            List<String> failed = r.failed(kinds);
            failures += failed.size();
            String driftCell = !drift ? "-" : r.drift == null ? "error" : r.drift.verdict().name()
                    + (r.drift.verdict() == DriftReport.Verdict.DRIFT ? String.format(Locale.ROOT, " %.2f", r.drift.severity()) : "");
            String note = r.drift != null && !r.drift.affected().isEmpty() ? " drifted " + r.drift.affected() : "";
            out.append(String.format(Locale.ROOT, "%-7s  %-10s  %4d  %9s  %9s  %9s  %7s  %9s  %7s  %8s  %-17s  %s%s%n",
                    YearMonth.from(r.end), r.end, r.seed,
                    !churn ? "-" : r.churn == null ? "error" : f4(r.churn.auc()),
                    !churn ? "-" : r.churn == null ? "error" : f4(r.churn.accuracy()),
                    !churn ? "-" : r.churn == null ? "error" : f4(r.churn.ece()),
                    !mrr ? "-" : r.mrr == null ? "error" : f3(r.mrr.get("within_10pct")),
                    !mrr ? "-" : r.mrr == null ? "error" : f3(r.mrr.get("coverage_80")),
                    !mrr ? "-" : r.mrr == null ? "error" : Integer.toString(r.origins()),
                    !ltv ? "-" : r.ltv == null ? "error" : f4(r.ltv.get("cohort_error_median")),
                    driftCell, failed.isEmpty() ? "all met" : "FAILED " + String.join(",", failed), note));
        }

        // MRR coverage pooled over the table
        List<Row> withMrr = rows.stream().filter(r -> r.mrr != null).toList();
        String coveragePooled = "na";
        String coverageN = "na";
        if (mrr) {
            int covered = withMrr.stream().mapToInt(Row::covered).sum();
            int n = withMrr.stream().mapToInt(Row::origins).sum();
            out.append('\n');
            if (n > 0) {
                double pooled = covered / (double) n;
                double sd = Math.sqrt(MRR_COVERAGE * (1 - MRR_COVERAGE) / n);
                double z = (pooled - MRR_COVERAGE) / sd;
                boolean holds = Math.abs(z) <= 2;
                if (!holds) {
                    failures++;
                }
                coveragePooled = f4(pooled);
                coverageN = Integer.toString(n);
                out.append(String.format(Locale.ROOT, "MRR 80%% band coverage pooled over all %d rows: %.4f (%d of %d backtest origins "
                                + "covered), binomial SD sqrt(0.8*0.2/%d) = %.4f, z = %+.2f: %s%n", withMrr.size(), pooled, covered, n, n, sd, z,
                        holds ? "within 2 SD of 0.80, holds" : "more than 2 SD from 0.80, FAILED"));
            } else {
                out.append("MRR 80% band coverage: no backtest finished\n");
                failures++;
            }
        }

        // pooled per calendar month
        out.append(String.format(Locale.ROOT, "%nper calendar month, pooled over the seeds:%n"));
        String mh = String.format(Locale.ROOT, "%-7s  %5s  %13s  %13s  %13s  %14s  %24s  %11s  %12s  %s%n", "month", "rows",
                "churn_auc_min", "churn_acc_min", "churn_ece_max", "mrr_w10_pooled", "mrr_cov80_pooled (k/N, z)", "ltv_err_max",
                "drift_alarms", "targets_failed");
        out.append(mh);
        out.append("-".repeat(mh.length() - 1)).append('\n');
        for (int month = 1; month <= 12; month++) {
            final int m = month;
            List<Row> in = rows.stream().filter(r -> r.month == m).toList();
            if (in.isEmpty()) {
                continue;
            }
            List<Row> c = in.stream().filter(r -> r.churn != null).toList();
            List<Row> v = in.stream().filter(r -> r.mrr != null).toList();
            List<Row> l = in.stream().filter(r -> r.ltv != null).toList();
            int k = v.stream().mapToInt(Row::covered).sum();
            int n = v.stream().mapToInt(Row::origins).sum();
            double w10 = v.stream().mapToDouble(r -> r.mrr.get("within_10pct") * r.origins()).sum() / Math.max(1, n);
            String cov = n == 0 ? "-" : String.format(Locale.ROOT, "%.3f (%d/%d, %+.2f)", k / (double) n, k, n,
                    (k / (double) n - MRR_COVERAGE) / Math.sqrt(MRR_COVERAGE * (1 - MRR_COVERAGE) / n));
            long alarms = in.stream().filter(r -> r.drift != null && r.drift.verdict() == DriftReport.Verdict.DRIFT).count();
            int failed = in.stream().mapToInt(r -> r.failed(kinds).size()).sum();
            out.append(String.format(Locale.ROOT, "%-7s  %5d  %13s  %13s  %13s  %14s  %24s  %11s  %12s  %d%n",
                    YearMonth.of(YEAR, m), in.size(),
                    c.isEmpty() ? "-" : f4(c.stream().mapToDouble(r -> r.churn.auc()).min().orElseThrow()),
                    c.isEmpty() ? "-" : f4(c.stream().mapToDouble(r -> r.churn.accuracy()).min().orElseThrow()),
                    c.isEmpty() ? "-" : f4(c.stream().mapToDouble(r -> r.churn.ece()).max().orElseThrow()),
                    n == 0 ? "-" : f3(w10), cov,
                    l.isEmpty() ? "-" : f4(l.stream().mapToDouble(r -> r.ltv.get("cohort_error_median")).max().orElseThrow()),
                    drift ? Long.toString(alarms) : "-", failed));
        }
        List<String> errors = rows.stream().flatMap(r -> r.errors.stream().map(e -> r.end + " seed " + r.seed + " " + e)).toList();
        if (!errors.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nerrors:%n"));
            errors.forEach(e -> out.append("  ").append(e).append('\n'));
        }
        out.append(String.format(Locale.ROOT, "%nwall time %.0f s%n", seconds));

        List<Row> c = rows.stream().filter(r -> r.churn != null).toList();
        List<Row> l = rows.stream().filter(r -> r.ltv != null).toList();
        long alarms = rows.stream().filter(r -> r.drift != null && r.drift.verdict() == DriftReport.Verdict.DRIFT).count();
        out.append(String.format(Locale.ROOT, "calendar-sweep: marketplaces=%d suppliers=%d kinds=%s churn_auc_min=%s churn_accuracy_min=%s "
                        + "churn_ece_max=%s mrr_within10_min=%s mrr_coverage_pooled=%s mrr_coverage_n=%s ltv_cohort_error_max=%s "
                        + "drift_false_alarms=%s targets_failed=%d%n",
                rows.size(), suppliers, String.join(",", kinds),
                !churn || c.isEmpty() ? "na" : f4(c.stream().mapToDouble(r -> r.churn.auc()).min().orElseThrow()),
                !churn || c.isEmpty() ? "na" : f4(c.stream().mapToDouble(r -> r.churn.accuracy()).min().orElseThrow()),
                !churn || c.isEmpty() ? "na" : f4(c.stream().mapToDouble(r -> r.churn.ece()).max().orElseThrow()),
                !mrr || withMrr.isEmpty() ? "na" : f3(withMrr.stream().mapToDouble(r -> r.mrr.get("within_10pct")).min().orElseThrow()),
                coveragePooled, coverageN,
                !ltv || l.isEmpty() ? "na" : f4(l.stream().mapToDouble(r -> r.ltv.get("cohort_error_median")).max().orElseThrow()),
                drift ? Long.toString(alarms) : "na", failures));
        return out.toString();
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
