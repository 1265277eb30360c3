package com.wedsync.ml.platform.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.wedsync.ml.pipelines.anomaly.AnomalyFeatures;
import com.wedsync.ml.pipelines.anomaly.AnomalyModelKind;
import com.wedsync.ml.pipelines.definition.DefinitionReader;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.Detector;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.Finding;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.pipelines.spi.TrainingRequest;
import com.wedsync.ml.platform.anomalies.Episodes;
import com.wedsync.ml.platform.features.FeatureStore;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;

/**
 * The anomaly detector against the simulator's planted truth ({@code ops/bench/anomaly-bench.sh}).
 *
 * <p>Over seeds 1..S at two fixed end dates, each marketplace is simulated twice, 36 months: with
 * {@link #SEEDED} seeded anomalies in its last 24 months (types, magnitudes, lengths and dates from the seed) and
 * with none. The detector is trained as the platform trains it (the {@code anomaly} definition, on the whole
 * daily history) and judges every day of the last 24 months; its findings become episodes as the platform merges
 * them ({@link Episodes#MERGE_GAP_DAYS}).
 *
 * <p>Definitions, per day-window. A planted anomaly's window is its days extended by {@link #GRACE_DAYS} after its
 * end (a 7-day verdict still holds its last days then). An episode is a <b>true positive</b> if it overlaps the
 * extended window of a planted anomaly of a matching type ({@link #MATCHES}); <b>precision</b> = true-positive
 * episodes / episodes. <b>False-positive rate</b> = days with some finding outside every extended window / days
 * judged outside every extended window. <b>Recall</b> = planted anomalies overlapped by a matching episode /
 * planted; <b>delay</b> = first matching flagged day - first planted day. On the marketplaces with none planted:
 * episodes per month and the share of days flagged.
 *
 * <p>{@code --scale N}: one detection run over N suppliers x 36 months (simulated and loaded first): the
 * marketplace_daily refresh, the load of the daily history and the judging of the last 365 days (a first run's
 * backfill) and of the last day (an hourly run), with the JVM's peak heap.
 *
 * <p>{@code -Dbench.defaultRun=true}: only the default run's marketplace (seed 42, its two month-long anomalies,
 * ending 2026-02-28), as AnomalyDetectionTest simulates it with 2,000 suppliers.
 *
 * <p>{@code --definition FILE}: another anomaly definition (YAML) than the platform's.
 *
 * <p>{@code --cache DIR}: the daily histories and planted truth are kept there as CSV and read back on the next
 * run (no simulation, no PostgreSQL), so that the detector can be measured again in seconds after a change.
 */
public final class AnomalyBenchmark {

    static final int SEEDED = 6;
    static final int MONTHS = 36;
    static final int GRACE_DAYS = 7;
    static final List<LocalDate> ENDS = List.of(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 8, 31));
    /** Planted type -> finding types that count as finding it. */
    static final Map<String, List<String>> MATCHES = new LinkedHashMap<>();

    static {
        MATCHES.put("revenue_dip", List.of("revenue", "churn_spike"));
        MATCHES.put("churn_spike", List.of("churn_spike", "revenue"));
        MATCHES.put("invitation_drop", List.of("invitation_drop", "viral", "viral_decline"));
        MATCHES.put("usage_collapse", List.of("usage"));
        MATCHES.put("support_surge", List.of("support"));
    }

    static final List<String> FINDING_TYPES = new AnomalyModelKind().findingTypes();

    record Planted(String type, LocalDate from, LocalDate to, String level) {
        /** The last day of the extended window. */
        LocalDate graceEnd() {
            return to.plusDays(GRACE_DAYS - 1L);
        }
    }

    record Marketplace(long seed, LocalDate end, boolean seeded, FeatureTable daily, List<Planted> planted, LocalDate judgeFrom) {
    }

    record Episode(String type, LocalDate first, LocalDate last, TreeSet<LocalDate> days) {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        Path cache = null;
        Integer scale = null;
        Path definitionFile = null;
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equals("--definition")) {
                definitionFile = Path.of(rest.remove(i + 1));
                rest.remove(i--);
            } else if (rest.get(i).equals("--cache")) {
                cache = Path.of(rest.remove(i + 1));
                rest.remove(i--);
            } else if (rest.get(i).equals("--scale")) {
                scale = Integer.parseInt(rest.remove(i + 1));
                rest.remove(i--);
            }
        }
        int suppliers = rest.size() > 0 ? Integer.parseInt(rest.get(0)) : 3000;
        int seeds = rest.size() > 1 ? Integer.parseInt(rest.get(1)) : 5;
        PipelineDefinition definition;
        try (InputStream in = definitionFile == null ? AnomalyBenchmark.class.getResourceAsStream("/pipelines/anomaly.yaml")
                : Files.newInputStream(definitionFile)) {
            definition = new DefinitionReader().fromYaml(in, definitionFile == null ? "anomaly.yaml" : definitionFile.toString());
        }
        System.out.println("definition: " + (definitionFile == null ? "pipelines/anomaly.yaml" : definitionFile) + " "
                + definition.algorithms().get(0).hyperparameters());
        if (scale != null) {
            scale(scale, definition);
            return;
        }
        Sources sources = new Sources(cache);
        try {
            run(sources, suppliers, seeds, definition);
        } finally {
            sources.close();
        }
    }

    // ---- precision against the planted truth -------------------------------------------------------------------

    static void run(Sources sources, int suppliers, int seeds, PipelineDefinition definition) throws Exception {
        Map<String, int[]> byFinding = new TreeMap<>();        // type -> episodes, true positives, flagged days outside
        Map<String, List<Integer>> delays = new TreeMap<>();
        Map<String, int[]> byPlanted = new TreeMap<>();        // type -> planted, found
        Map<String, int[]> byLevel = new TreeMap<>();
        int[] all = new int[4];                                  // episodes, true positives, flagged days outside, days outside
        int[] clean = new int[3];                                // episodes, flagged days, days judged
        Map<String, Integer> cleanByType = new TreeMap<>();
        double cleanMonths = 0;
        double detectSeconds = 0;
        int judgedRuns = 0;
        System.out.println("seed end        planted  episodes  true_pos  precision  fpr     recall  detect_s   (with seeded anomalies)");
        List<String> cleanRows = new ArrayList<>();
        boolean defaultRun = Boolean.getBoolean("bench.defaultRun");
        List<LocalDate> ends = defaultRun ? List.of(LocalDate.of(2026, 2, 28)) : ENDS;
        for (LocalDate end : ends) {
            for (int seed = defaultRun ? 42 : 1; seed <= (defaultRun ? 42 : seeds); seed++) {
                for (boolean seeded : defaultRun ? new boolean[] {true} : new boolean[] {true, false}) {
                    Marketplace m = sources.get(seed, suppliers, end, seeded);
                    long t0 = System.nanoTime();
                    List<Finding> findings = detect(definition, m);
                    detectSeconds += BenchPlatform.secs(t0);
                    judgedRuns++;
                    List<Episode> episodes = episodes(findings);
                    int days = (int) (end.toEpochDay() - m.judgeFrom().toEpochDay());
                    if (!seeded) {
                        TreeSet<LocalDate> flagged = new TreeSet<>();
                        findings.forEach(f -> flagged.add(f.day()));
                        clean[0] += episodes.size();
                        clean[1] += flagged.size();
                        clean[2] += days;
                        cleanMonths += days / 30.4375;
                        for (Episode e : episodes) {
                            cleanByType.merge(e.type(), 1, Integer::sum);
                            if (Boolean.getBoolean("bench.verbose")) {
                                System.out.println("  clean " + seed + " " + end + ": " + e.type() + " " + e.first() + ".." + e.last()
                                        + " (" + e.days().size() + " days)");
                            }
                        }
                        cleanRows.add(String.format("%4d %s  %8d  %12.2f  %6.3f  %s", seed, end, episodes.size(),
                                episodes.size() / (days / 30.4375), flagged.size() / (double) days, summary(episodes)));
                        continue;
                    }
                    int tp = 0;
                    for (Episode e : episodes) {
                        boolean hit = m.planted().stream().anyMatch(p -> matches(p, e));
                        if (!hit && Boolean.getBoolean("bench.verbose")) {
                            System.out.println("  false: " + e.type() + " " + e.first() + ".." + e.last() + " (" + e.days().size() + " days)");
                        }
                        int[] c = byFinding.computeIfAbsent(e.type(), k -> new int[3]);
                        c[0]++;
                        if (hit) {
                            c[1]++;
                            tp++;
                        }
                    }
                    TreeSet<LocalDate> outside = new TreeSet<>();
                    int daysOutside = 0;
                    for (LocalDate d = m.judgeFrom(); d.isBefore(end); d = d.plusDays(1)) {
                        LocalDate day = d;
                        if (m.planted().stream().noneMatch(p -> !day.isBefore(p.from()) && !day.isAfter(p.graceEnd()))) {
                            daysOutside++;
                        }
                    }
                    for (Finding f : findings) {
                        if (m.planted().stream().noneMatch(p -> !f.day().isBefore(p.from()) && !f.day().isAfter(p.graceEnd()))) {
                            if (outside.add(f.day())) {
                                all[2]++;
                            }
                            byFinding.computeIfAbsent(f.type(), k -> new int[3])[2]++;
                        }
                    }
                    all[0] += episodes.size();
                    all[1] += tp;
                    all[3] += daysOutside;
                    int found = 0;
                    for (Planted p : m.planted()) {
                        LocalDate first = null;
                        for (Episode e : episodes) {
                            if (matches(p, e)) {
                                for (LocalDate d : e.days()) {
                                    if (!d.isBefore(p.from()) && !d.isAfter(p.graceEnd()) && (first == null || d.isBefore(first))) {
                                        first = d;
                                    }
                                }
                            }
                        }
                        int[] c = byPlanted.computeIfAbsent(p.type(), k -> new int[2]);
                        int[] l = byLevel.computeIfAbsent(p.type() + " " + p.level(), k -> new int[2]);
                        c[0]++;
                        l[0]++;
                        if (first != null) {
                            c[1]++;
                            l[1]++;
                            found++;
                            delays.computeIfAbsent(p.type(), k -> new ArrayList<>()).add((int) (first.toEpochDay() - p.from().toEpochDay()));
                        }
                    }
                    System.out.printf("%4d %s  %7d  %8d  %8d  %9s  %6.3f  %6.3f  %8.2f   %s%n", seed, end, m.planted().size(),
                            episodes.size(), tp, episodes.isEmpty() ? "-" : String.format("%.3f", tp / (double) episodes.size()),
                            outside.size() / (double) daysOutside, found / (double) m.planted().size(), BenchPlatform.secs(t0),
                            summary(episodes));
                }
            }
        }
        System.out.println();
        System.out.println("per planted type    planted  found  recall  delay_median  delay_mean  (days from the first planted day)");
        int planted = 0;
        int found = 0;
        List<Integer> allDelays = new ArrayList<>();
        for (String type : MATCHES.keySet()) {
            int[] c = byPlanted.getOrDefault(type, new int[2]);
            List<Integer> d = delays.getOrDefault(type, List.of());
            planted += c[0];
            found += c[1];
            allDelays.addAll(d);
            System.out.printf("%-18s  %7d  %5d  %6.3f  %12s  %10s%n", type, c[0], c[1], c[0] == 0 ? 0 : c[1] / (double) c[0],
                    d.isEmpty() ? "-" : Integer.toString(median(d)), d.isEmpty() ? "-" : String.format("%.1f", mean(d)));
        }
        System.out.println("per planted type and magnitude: found / planted");
        byLevel.forEach((k, v) -> System.out.printf("  %-28s %d / %d%n", k, v[1], v[0]));
        System.out.println();
        System.out.println("per finding type    episodes  true_pos  precision  fpr     matches planted");
        for (String type : FINDING_TYPES) {
            int[] c = byFinding.getOrDefault(type, new int[3]);
            List<String> m = MATCHES.entrySet().stream().filter(e -> e.getValue().contains(type)).map(Map.Entry::getKey).toList();
            System.out.printf("%-18s  %8d  %8d  %9s  %6.3f  %s%n", type, c[0], c[1], c[0] == 0 ? "-" : String.format("%.3f", c[1] / (double) c[0]),
                    c[2] / (double) all[3], m);
        }
        System.out.printf("%-18s  %8d  %8d  %9s  %6.3f%n", "all", all[0], all[1], all[0] == 0 ? "-" : String.format("%.3f", all[1] / (double) all[0]),
                all[2] / (double) all[3]);
        System.out.println();
        System.out.println("seed end        episodes  per_month     flagged  (no planted anomaly)");
        cleanRows.forEach(System.out::println);
        System.out.println("episodes by type with none planted: " + cleanByType);
        System.out.printf("anomaly-bench: marketplaces=%d suppliers=%d months=%d planted=%d episodes=%d precision=%.3f fpr=%.4f "
                        + "recall=%.3f delay_days_median=%s clean_marketplaces=%d clean_episodes_per_month=%.3f clean_flagged_day_rate=%.4f "
                        + "detect_s_mean=%.2f%n",
                ENDS.size() * seeds, suppliers, MONTHS, planted, all[0], all[0] == 0 ? 0 : all[1] / (double) all[0], all[2] / (double) all[3],
                planted == 0 ? 0 : found / (double) planted, allDelays.isEmpty() ? "-" : Integer.toString(median(allDelays)),
                ENDS.size() * seeds, clean[0] / cleanMonths, clean[1] / (double) clean[2], detectSeconds / judgedRuns);
    }

    static boolean matches(Planted p, Episode e) {
        return MATCHES.get(p.type()).contains(e.type()) && !e.last().isBefore(p.from()) && !e.first().isAfter(p.graceEnd());
    }

    static String summary(List<Episode> episodes) {
        Map<String, Integer> n = new TreeMap<>();
        episodes.forEach(e -> n.merge(e.type(), 1, Integer::sum));
        return n.toString();
    }

    /** Trains the detector on the whole daily history and judges the days from judgeFrom to the day before the end. */
    static List<Finding> detect(PipelineDefinition definition, Marketplace m) {
        AnomalyModelKind kind = new AnomalyModelKind();
        long seed = definition.training() != null && definition.training().seed() != null ? definition.training().seed() : 42;
        TrainedModel trained = kind.train(new TrainingRequest(definition, m.daily(), m.daily(), seed, Map.of()), ProgressListener.NONE);
        Detector d = (Detector) kind.load(trained.artifact());
        LocalDate from = m.judgeFrom();
        LocalDate first = d.firstJudgeableDay(m.daily());
        if (from.isBefore(first)) {
            throw new IllegalStateException("the detector can judge from " + first + " only, not " + from);
        }
        return d.detect(m.daily(), from, m.end().minusDays(1));
    }

    /** Findings of one type at most MERGE_GAP_DAYS apart are one episode, as the platform merges them. */
    static List<Episode> episodes(List<Finding> findings) {
        Map<String, List<Episode>> byType = new TreeMap<>();
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(java.util.Comparator.comparing(Finding::day));
        for (Finding f : sorted) {
            List<Episode> es = byType.computeIfAbsent(f.type(), k -> new ArrayList<>());
            Episode last = es.isEmpty() ? null : es.get(es.size() - 1);
            if (last != null && !f.day().isAfter(last.last().plusDays(Episodes.MERGE_GAP_DAYS))) {
                last.days().add(f.day());
                es.set(es.size() - 1, new Episode(last.type(), last.first(), f.day(), last.days()));
            } else {
                TreeSet<LocalDate> days = new TreeSet<>();
                days.add(f.day());
                es.add(new Episode(f.type(), f.day(), f.day(), days));
            }
        }
        List<Episode> out = new ArrayList<>();
        byType.values().forEach(out::addAll);
        return out;
    }

    static int median(List<Integer> v) {
        List<Integer> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    static double mean(List<Integer> v) {
        return v.stream().mapToInt(Integer::intValue).average().orElse(0);
    }

    // ---- where marketplaces come from ----------------------------------------------------------------------------

    /** Simulated and loaded into a benchmark platform (started when first needed), or read back from the cache. */
    static final class Sources implements AutoCloseable {
        final Path cache;
        ConfigurableApplicationContext app;

        Sources(Path cache) throws IOException {
            this.cache = cache;
            if (cache != null) {
                Files.createDirectories(cache);
            }
        }

        Marketplace get(long seed, int suppliers, LocalDate end, boolean seeded) throws IOException {
            SimulationParameters base = SimulationParameters.of(seed, suppliers, MONTHS, end);
            boolean defaultRun = Boolean.getBoolean("bench.defaultRun");
            SimulationParameters p = defaultRun ? base : seeded ? base.withSeededAnomalies(SEEDED) : base.withoutAnomalies();
            LocalDate judgeFrom = p.startDate().plusMonths(p.months() - (long) p.seededMonths());
            String name = "s" + seed + "-n" + suppliers + "-" + end + (defaultRun ? "-default" : seeded ? "-seeded" : "-clean");
            Path daily = cache == null ? null : cache.resolve(name + ".daily.csv");
            Path truth = cache == null ? null : cache.resolve(name + ".planted.csv");
            if (daily != null && Files.exists(daily) && Files.exists(truth)) {
                return new Marketplace(seed, end, seeded, readDaily(daily, end), readPlanted(truth), judgeFrom);
            }
            if (app == null) {
                app = BenchPlatform.start("anomaly-bench");
            }
            long t0 = System.nanoTime();
            app.getBean(MarketplaceLoader.class).simulateAndLoad(p, ProgressListener.NONE);
            FeatureStore features = app.getBean(FeatureStore.class);
            features.refresh(AnomalyFeatures.MARKETPLACE_DAILY, end, null, null);
            FeatureTable t = load(features, end);
            List<Planted> planted = app.getBean(JdbcClient.class).sql("SELECT event_type, starts_on, ends_on, description "
                            + "FROM sim_planted_events WHERE event_type LIKE 'anomaly_%' ORDER BY starts_on")
                    .query((rs, i) -> new Planted(rs.getString(1).substring("anomaly_".length()), rs.getObject(2, LocalDate.class),
                            rs.getObject(3, LocalDate.class), level(rs.getString(4))))
                    .list();
            System.err.printf("simulated %s in %.1f s%n", name, BenchPlatform.secs(t0));
            if (daily != null) {
                writeDaily(daily, t);
                Files.write(truth, planted.stream().map(x -> x.type() + "," + x.from() + "," + x.to() + "," + x.level()).toList());
            }
            return new Marketplace(seed, end, seeded, t, planted, judgeFrom);
        }

        @Override
        public void close() {
            if (app != null) {
                app.close();
            }
        }
    }

    static String level(String description) {
        for (String l : List.of("mild", "moderate", "severe")) {
            if (description.contains(l)) {
                return l;
            }
        }
        return "default";
    }

    static FeatureTable load(FeatureStore features, LocalDate end) {
        FeatureSetSpec set = AnomalyFeatures.MARKETPLACE_DAILY;
        return features.load(set, List.of(end), set.features().stream().map(FeatureSetSpec.Feature::name).toList(), null, null);
    }

    static void writeDaily(Path file, FeatureTable t) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("day," + String.join(",", t.numericNames()));
        int day = t.categoricalNames().indexOf("day");
        for (int i = 0; i < t.size(); i++) {
            StringBuilder b = new StringBuilder(t.categorical()[i][day]);
            for (double v : t.numeric()[i]) {
                b.append(',').append(v);
            }
            lines.add(b.toString());
        }
        Files.write(file, lines);
    }

    static FeatureTable readDaily(Path file, LocalDate end) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> names = List.of(lines.get(0).split(",")).subList(1, lines.get(0).split(",").length);
        int n = lines.size() - 1;
        List<String> ids = new ArrayList<>();
        LocalDate[] asOf = new LocalDate[n];
        double[][] num = new double[n][];
        String[][] cat = new String[n][1];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            ids.add(f[0]);
            asOf[i] = end;
            cat[i][0] = f[0];
            num[i] = new double[f.length - 1];
            for (int c = 1; c < f.length; c++) {
                num[i][c - 1] = Double.parseDouble(f[c]);
            }
        }
        return new FeatureTable(ids, asOf, names, num, List.of("day"), cat, null);
    }

    static List<Planted> readPlanted(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> l.split(","))
                .map(f -> new Planted(f[0], LocalDate.parse(f[1]), LocalDate.parse(f[2]), f[3])).toList();
    }

    // ---- one detection run at scale ------------------------------------------------------------------------------

    static void scale(int suppliers, PipelineDefinition definition) throws Exception {
        LocalDate end = ENDS.get(1);
        ConfigurableApplicationContext app = BenchPlatform.start("anomaly-bench-scale");
        try {
            SimulationParameters p = SimulationParameters.of(1, suppliers, MONTHS, end).withSeededAnomalies(SEEDED);
            long t0 = System.nanoTime();
            app.getBean(MarketplaceLoader.class).simulateAndLoad(p, ProgressListener.NONE);
            System.out.printf("simulated and loaded %,d suppliers x %d months in %.1f s%n", suppliers, MONTHS, BenchPlatform.secs(t0));
            FeatureStore features = app.getBean(FeatureStore.class);
            // training, as the weekly job does (not part of a detection run)
            features.refresh(AnomalyFeatures.MARKETPLACE_DAILY, end, null, null);
            FeatureTable history = load(features, end);
            long tt = System.nanoTime();
            AnomalyModelKind kind = new AnomalyModelKind();
            TrainedModel trained = kind.train(new TrainingRequest(definition, history, history, 42, Map.of()), ProgressListener.NONE);
            double trainS = BenchPlatform.secs(tt);
            Detector d = (Detector) kind.load(trained.artifact());
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            // a detection run: the day's snapshot, its history, the judging (first run: a year's backfill)
            long r0 = System.nanoTime();
            features.refresh(AnomalyFeatures.MARKETPLACE_DAILY, end, null, null);
            double refreshS = BenchPlatform.secs(r0);
            long l0 = System.nanoTime();
            FeatureTable h = load(features, end);
            double loadS = BenchPlatform.secs(l0);
            long j0 = System.nanoTime();
            List<Finding> year = d.detect(h, end.minusDays(365), end.minusDays(1));
            double judgeYearS = BenchPlatform.secs(j0);
            long j1 = System.nanoTime();
            List<Finding> day = d.detect(h, end.minusDays(1), end.minusDays(1));
            double judgeDayS = BenchPlatform.secs(j1);
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            double run = refreshS + loadS + judgeYearS;
            System.out.printf("training %.2f s (weekly, not part of a run)%n", trainS);
            System.out.printf("detection run: refresh marketplace_daily %.2f s, load %d days %.2f s, judge 365 days %.2f s (%d findings), "
                    + "judge 1 day %.3f s (%d findings)%n", refreshS, h.size(), loadS, judgeYearS, year.size(), judgeDayS, day.size());
            System.out.printf("anomaly-bench-scale: suppliers=%d months=%d run_s=%.2f hourly_run_s=%.2f refresh_s=%.2f load_s=%.2f "
                            + "judge_365_s=%.2f judge_1_s=%.3f peak_heap_mb=%d within_target=%s%n", suppliers, MONTHS, run,
                    refreshS + loadS + judgeDayS, refreshS, loadS, judgeYearS, judgeDayS, peak >> 20, run <= 30);
        } finally {
            app.close();
        }
    }
}
