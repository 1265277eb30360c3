package com.wedsync.ml.pipelines.revenue;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

import com.wedsync.ml.models.revenue.MonthlyRevenue;
import com.wedsync.ml.models.revenue.MrrForecaster;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.spi.Comparison;
import com.wedsync.ml.pipelines.spi.DataLayout;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.Hyperparameter;
import com.wedsync.ml.pipelines.spi.Forecaster;
import com.wedsync.ml.pipelines.spi.ModelKind;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.pipelines.spi.ScoringModel;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.pipelines.spi.TrainingRequest;

/**
 * Model kind {@code mrr_forecast}: the spec's MRR forecast by stream ({@link MrrForecaster}). A
 * {@link DataLayout#SERIES} kind: it trains on the monthly history of today's snapshot and is validated
 * by a rolling-origin backtest over the last {@code backtest_origins} months. The artifact is the
 * specification (hyper-parameters) and the history it was fitted on; forecasting from a newer history
 * refits the same specification, which takes milliseconds.
 */
public final class MrrForecastModelKind implements ModelKind {

    static final String ALGORITHM = "stream_trend";
    /** The forecaster's limits ({@code MrrForecaster.Parameters}) and the backtest's and horizon's. */
    static final Map<String, List<Hyperparameter>> HYPERPARAMETERS = Map.of(ALGORITHM, List.of(Hyperparameter.integer("trend_months", 6, 120),
            Hyperparameter.above("damping", 0, 1), Hyperparameter.integer("monte_carlo_paths", 100, 100_000),
            Hyperparameter.integer("backtest_origins", 1, 120), Hyperparameter.integer("horizon_months", 1, MrrForecaster.MAX_HORIZON)));

    @Override
    public String name() {
        return "mrr_forecast";
    }

    @Override
    public FeatureSetSpec featureSet() {
        return RevenueFeatures.MRR_MONTHLY;
    }

    @Override
    public DataLayout layout() {
        return DataLayout.SERIES;
    }

    @Override
    public Map<String, Set<String>> algorithms() {
        return Hyperparameter.names(HYPERPARAMETERS);
    }

    @Override
    public Map<String, List<Hyperparameter>> hyperparameters() {
        return HYPERPARAMETERS;
    }

    @Override
    public Map<String, MetricRange> metrics() {
        Map<String, MetricRange> m = new LinkedHashMap<>();
        m.put("within_10pct", new MetricRange(0, 1));
        m.put("coverage_80", new MetricRange(0, 1));
        m.put("mape_1m", new MetricRange(0, 100));
        m.put("origins", new MetricRange(0, 1000));
        return m;
    }

    /** The specification of a forecaster: its parameters, how many backtest origins, its default horizon. */
    record Spec(MrrForecaster.Parameters parameters, int origins, int horizon) {
        static Spec of(PipelineDefinition d, long seed) {
            MrrForecaster.Parameters def = MrrForecaster.Parameters.defaults();
            MrrForecaster.Parameters p = new MrrForecaster.Parameters(
                    d.intHyperparameter(ALGORITHM, "trend_months", def.trendMonths()),
                    d.doubleHyperparameter(ALGORITHM, "damping", def.damping()),
                    d.intHyperparameter(ALGORITHM, "monte_carlo_paths", def.paths()), seed);
            int horizon = d.intHyperparameter(ALGORITHM, "horizon_months", 12);
            if (horizon < 1 || horizon > MrrForecaster.MAX_HORIZON) {
                throw new IllegalArgumentException("stream_trend.horizon_months must be 1 to " + MrrForecaster.MAX_HORIZON
                        + ", got " + horizon);
            }
            return new Spec(p, d.intHyperparameter(ALGORITHM, "backtest_origins", 12), horizon);
        }
    }

    @Override
    public TrainedModel train(TrainingRequest request, ProgressListener progress) {
        long seed = request.seed();
        Spec spec = Spec.of(request.definition(), seed);
        List<MonthlyRevenue> history = history(request.train());
        progress.progress(10, "fitting " + MrrForecaster.STREAMS.size() + " streams on " + history.size() + " months ("
                + history.get(0).month() + " to " + history.get(history.size() - 1).month() + ")");
        MrrForecaster.Fit fit = MrrForecaster.fit(history, spec.parameters());
        progress.progress(40, "backtesting the next-month forecast at " + spec.origins() + " past origins");
        MrrForecaster.Backtest backtest = MrrForecaster.backtest(history, spec.parameters(), spec.origins());
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("trend_months", spec.parameters().trendMonths());
        hyper.put("damping", spec.parameters().damping());
        hyper.put("monte_carlo_paths", spec.parameters().paths());
        hyper.put("backtest_origins", spec.origins());
        hyper.put("horizon_months", spec.horizon());
        hyper.put("seed", seed);
        Map<String, String> provenance = new LinkedHashMap<>(request.lineage());
        provenance.put("history", history.get(0).month() + ".." + history.get(history.size() - 1).month());
        provenance.put("method", "per-stream damped OLS trend x seasonal factors; residual-bootstrap Monte Carlo");
        provenance.put("library_versions", "commons-math3=" + version(org.apache.commons.math3.stat.regression.SimpleRegression.class));
        provenance.put("hyperparameters", hyper.toString());
        provenance.put("seed", Long.toString(seed));
        Map<String, Double> importance = new LinkedHashMap<>();
        MrrForecaster.forecast(fit, spec.horizon()).drivers().forEach(d -> importance.put(d.stream(), Math.abs(d.contribution())));
        progress.progress(100, "backtest " + backtest.metrics());
        return new TrainedModel(ALGORITHM, write(spec, history), hyper,
                Map.of("months", (double) history.size(), "last_mrr", history.get(history.size() - 1).mrrEnd()),
                backtest.metrics(), Map.of(), importance, provenance);
    }

    @Override
    public ScoringModel load(byte[] artifact) {
        return read(artifact);
    }

    @Override
    public Map<String, Double> evaluate(ScoringModel model, FeatureTable heldOut) {
        Scorer s = (Scorer) model;
        return MrrForecaster.backtest(history(heldOut), s.spec.parameters(), s.spec.origins()).metrics();
    }

    @Override
    public Comparison compare(ScoringModel challenger, ScoringModel champion, FeatureTable heldOut, double significance) {
        List<MonthlyRevenue> history = history(heldOut);
        Scorer a = (Scorer) challenger;
        Scorer b = (Scorer) champion;
        int origins = Math.min(a.spec.origins(), b.spec.origins());
        MrrForecaster.Backtest ca = MrrForecaster.backtest(history, a.spec.parameters(), origins);
        MrrForecaster.Backtest cb = MrrForecaster.backtest(history, b.spec.parameters(), origins);
        double[] ea = ca.points().stream().mapToDouble(MrrForecaster.BacktestPoint::absolutePercentError).toArray();
        double[] eb = cb.points().stream().mapToDouble(MrrForecaster.BacktestPoint::absolutePercentError).toArray();
        boolean identical = java.util.Arrays.equals(ea, eb);
        double p = 1;
        double w = 0;
        if (!identical) {
            WilcoxonSignedRankTest test = new WilcoxonSignedRankTest();
            w = test.wilcoxonSignedRank(ea, eb);
            double twoSided = test.wilcoxonSignedRankTest(ea, eb, ea.length <= 30);
            p = ca.mape() < cb.mape() ? twoSided / 2 : 1 - twoSided / 2;
        }
        return new Comparison("Wilcoxon signed-rank test on paired next-month absolute percentage errors over "
                + origins + " backtest origins (one-sided)", "mape_1m", ca.mape(), cb.mape(), w, p,
                ca.mape() < cb.mape() && p < significance);
    }

    /** The monthly history in a feature table, in month order; every stream and mrr_end must be there. */
    static List<MonthlyRevenue> history(FeatureTable t) {
        int month = t.categoricalNames().indexOf("month");
        if (month < 0) {
            throw new IllegalArgumentException("the MRR forecast needs feature 'month' in features.include");
        }
        int[] cols = new int[MrrForecaster.STREAMS.size()];
        for (int s = 0; s < cols.length; s++) {
            cols[s] = t.numericNames().indexOf(MrrForecaster.STREAMS.get(s));
            if (cols[s] < 0) {
                throw new IllegalArgumentException("the MRR forecast needs stream '" + MrrForecaster.STREAMS.get(s)
                        + "' in features.include");
            }
        }
        int end = t.numericNames().indexOf("mrr_end");
        if (end < 0) {
            throw new IllegalArgumentException("the MRR forecast needs feature 'mrr_end' in features.include");
        }
        List<MonthlyRevenue> out = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            double[] v = new double[cols.length];
            for (int s = 0; s < cols.length; s++) {
                v[s] = t.numeric()[i][cols[s]];
            }
            String m = t.categorical()[i][month];
            if (m == null) {
                throw new IllegalArgumentException("row " + i + " of the monthly history has no month");
            }
            out.add(new MonthlyRevenue(YearMonth.parse(m), v, t.numeric()[i][end]));
        }
        out.sort(Comparator.comparing(MonthlyRevenue::month));
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the monthly MRR history is empty: no subscription events before the as-of date");
        }
        return out;
    }

    // ---- artifact: the specification and the history, as text ----

    static byte[] write(Spec spec, List<MonthlyRevenue> history) {
        StringBuilder b = new StringBuilder("wedsync mrr_forecast 1\n");
        MrrForecaster.Parameters p = spec.parameters();
        b.append("trend_months=").append(p.trendMonths()).append('\n')
                .append("damping=").append(p.damping()).append('\n')
                .append("monte_carlo_paths=").append(p.paths()).append('\n')
                .append("seed=").append(p.seed()).append('\n')
                .append("backtest_origins=").append(spec.origins()).append('\n')
                .append("horizon_months=").append(spec.horizon()).append('\n')
                .append("# month,").append(String.join(",", MrrForecaster.STREAMS)).append(",mrr_end\n");
        for (MonthlyRevenue m : history) {
            b.append(m.month());
            for (double v : m.streams()) {
                b.append(',').append(v);
            }
            b.append(',').append(m.mrrEnd()).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Scorer read(byte[] artifact) {
        String[] lines = new String(artifact, StandardCharsets.UTF_8).split("\n");
        if (lines.length < 8 || !lines[0].equals("wedsync mrr_forecast 1")) {
            throw new IllegalArgumentException("not an mrr_forecast artifact");
        }
        Map<String, String> kv = new LinkedHashMap<>();
        List<MonthlyRevenue> history = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("#") || l.isBlank()) {
                continue;
            }
            if (l.contains("=")) {
                kv.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
            } else {
                String[] f = l.split(",");
                double[] v = new double[MrrForecaster.STREAMS.size()];
                for (int s = 0; s < v.length; s++) {
                    v[s] = Double.parseDouble(f[1 + s]);
                }
                history.add(new MonthlyRevenue(YearMonth.parse(f[0]), v, Double.parseDouble(f[f.length - 1])));
            }
        }
        Spec spec = new Spec(new MrrForecaster.Parameters(Integer.parseInt(kv.get("trend_months")),
                Double.parseDouble(kv.get("damping")), Integer.parseInt(kv.get("monte_carlo_paths")),
                Long.parseLong(kv.get("seed"))), Integer.parseInt(kv.get("backtest_origins")),
                Integer.parseInt(kv.get("horizon_months")));
        return new Scorer(spec, history);
    }

    private static String version(Class<?> c) {
        String v = c.getPackage().getImplementationVersion();
        return v == null ? "3.6.1" : v;
    }

    /** A loaded forecaster. */
    static final class Scorer implements ScoringModel, Forecaster {
        final Spec spec;
        final List<MonthlyRevenue> history;

        Scorer(Spec spec, List<MonthlyRevenue> history) {
            this.spec = spec;
            this.history = List.copyOf(history);
        }

        /** Per row: the baseline MRR forecast for the month after it, from the months up to it (its own MRR when too short). */
        @Override
        public double[] score(FeatureTable rows) {
            List<MonthlyRevenue> h = history(rows);
            double[] out = new double[h.size()];
            for (int i = 0; i < h.size(); i++) {
                List<MonthlyRevenue> upto = h.subList(0, i + 1);
                out[i] = upto.size() < spec.parameters().minHistory() ? h.get(i).mrrEnd()
                        : MrrForecaster.forecast(MrrForecaster.fit(upto, spec.parameters()), 1).months().get(0).baseline();
            }
            return out;
        }

        @Override
        public MrrForecastAnswer explain(FeatureTable rows, int row, double score) {
            return forecast(rows, spec.horizon());
        }

        @Override
        public int maxHorizon() {
            return MrrForecaster.MAX_HORIZON;
        }

        @Override
        public MrrForecastAnswer forecast(FeatureTable historyTable, int horizon) {
            List<MonthlyRevenue> h = history(historyTable);
            MrrForecaster.Forecast f = MrrForecaster.forecast(MrrForecaster.fit(h, spec.parameters()), horizon);
            List<MrrForecastAnswer.Month> months = new ArrayList<>();
            for (MrrForecaster.MonthForecast m : f.months()) {
                Map<String, Double> streams = new LinkedHashMap<>();
                m.streams().forEach((k, v) -> streams.put(k, round(v)));
                months.add(new MrrForecastAnswer.Month(m.month().toString(), round(m.baseline()), round(m.optimistic()),
                        round(m.pessimistic()), new MrrForecastAnswer.Bands(round(m.p5()), round(m.p10()), round(m.p50()),
                        round(m.p90()), round(m.p95())), streams));
            }
            return new MrrForecastAnswer(f.lastActualMonth().toString(), round(f.lastActualMrr()), horizon, f.paths(),
                    round(f.confidence()), months, f.drivers().stream().map(d -> new MrrForecastAnswer.Driver(d.stream(),
                    round(d.contribution()), round(d.share()))).toList(), f.recommendations(), f.seasonality());
        }

        private static double round(double v) {
            return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : 0.0;
        }
    }
}
