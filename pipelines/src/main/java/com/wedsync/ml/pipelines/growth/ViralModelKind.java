package com.wedsync.ml.pipelines.growth;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

import com.wedsync.ml.models.growth.MonthlySeries;
import com.wedsync.ml.models.growth.ViralLoop;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.spi.Comparison;
import com.wedsync.ml.pipelines.spi.DataLayout;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.Forecaster;
import com.wedsync.ml.pipelines.spi.InvalidForecastOptionException;
import com.wedsync.ml.pipelines.spi.ModelKind;
import com.wedsync.ml.pipelines.spi.Prediction;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.pipelines.spi.ScoringModel;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.pipelines.spi.TrainingRequest;

/**
 * Model kind {@code viral_k}: the spec's viral growth predictor ({@link ViralLoop}) on the monthly
 * viral history ({@code viral_monthly}). A {@link DataLayout#SERIES} kind, validated by a rolling-origin
 * backtest of the 30-day forecast against the k realised after each origin (s2c and c2s too); it never
 * reads the simulator's truth. The artifact is the specification; forecasting refits it on today's history.
 */
public final class ViralModelKind implements ModelKind {

    static final String ALGORITHM = "seasonal_trend";
    static final Set<String> HYPERPARAMETERS = Set.of("trend_months", "damping", "backtest_origins", "horizon_months");
    /** The longest timeframe answered, in days. */
    public static final int MAX_TIMEFRAME_DAYS = 365;

    @Override
    public String name() {
        return "viral_k";
    }

    @Override
    public FeatureSetSpec featureSet() {
        return GrowthFeatures.VIRAL_MONTHLY;
    }

    @Override
    public DataLayout layout() {
        return DataLayout.SERIES;
    }

    @Override
    public Map<String, Set<String>> algorithms() {
        return Map.of(ALGORITHM, HYPERPARAMETERS);
    }

    @Override
    public Map<String, MetricRange> metrics() {
        Map<String, MetricRange> m = new LinkedHashMap<>();
        m.put("within_0_1", new MetricRange(0, 1));
        m.put("within_0_1_s2c", new MetricRange(0, 1));
        m.put("within_0_1_c2s", new MetricRange(0, 1));
        m.put("mae_k", new MetricRange(0, 100));
        m.put("coverage_80", new MetricRange(0, 1));
        m.put("origins", new MetricRange(0, 1000));
        return m;
    }

    record Spec(MonthlySeries.Parameters parameters, int origins, int horizon) {
        static Spec of(PipelineDefinition d) {
            MonthlySeries.Parameters p = new MonthlySeries.Parameters(d.intHyperparameter(ALGORITHM, "trend_months", 12),
                    d.doubleHyperparameter(ALGORITHM, "damping", 0.8));
            int horizon = d.intHyperparameter(ALGORITHM, "horizon_months", 1);
            if (horizon < 1 || horizon > 12) {
                throw new IllegalArgumentException(ALGORITHM + ".horizon_months must be 1 to 12, got " + horizon);
            }
            return new Spec(p, d.intHyperparameter(ALGORITHM, "backtest_origins", 12), horizon);
        }
    }

    @Override
    public TrainedModel train(TrainingRequest request, ProgressListener progress) {
        Spec spec = Spec.of(request.definition());
        List<ViralLoop.Month> history = history(request.train());
        progress.progress(10, "fitting k, k_s2c and k_c2s on " + history.size() + " months (" + history.get(0).month() + " to "
                + history.get(history.size() - 1).month() + ")");
        int origins = Math.min(spec.origins(), history.size() - spec.parameters().minHistory());
        progress.progress(40, "backtesting the 30-day forecast at " + origins + " past origins");
        Map<String, Double> metrics = ViralLoop.metrics(ViralLoop.backtest(history, spec.parameters(), origins));
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("trend_months", spec.parameters().trendMonths());
        hyper.put("damping", spec.parameters().damping());
        hyper.put("backtest_origins", spec.origins());
        hyper.put("horizon_months", spec.horizon());
        Map<String, String> provenance = new LinkedHashMap<>(request.lineage());
        provenance.put("history", history.get(0).month() + ".." + history.get(history.size() - 1).month());
        provenance.put("method", "per series (k, k_s2c, k_c2s): additive season (2x12 moving average, shrunk) + damped OLS trend; "
                + "80% interval from out-of-sample one-step errors");
        provenance.put("library_versions", "commons-math3=3.6.1");
        provenance.put("hyperparameters", hyper.toString());
        provenance.put("seed", Long.toString(request.seed()));
        ViralLoop.Month last = history.get(history.size() - 1);
        Map<String, Double> importance = new LinkedHashMap<>();
        importance.put("k_s2c", last.s2c().k());
        importance.put("k_c2s", last.c2s().k());
        progress.progress(100, "backtest " + metrics);
        return new TrainedModel(ALGORITHM, write(spec), hyper,
                Map.of("months", (double) history.size(), "last_k", last.k()), metrics, Map.of(), importance, provenance);
    }

    @Override
    public ScoringModel load(byte[] artifact) {
        return read(artifact);
    }

    @Override
    public Map<String, Double> evaluate(ScoringModel model, FeatureTable heldOut) {
        Scorer s = (Scorer) model;
        List<ViralLoop.Month> history = history(heldOut);
        int origins = Math.min(s.spec.origins(), history.size() - s.spec.parameters().minHistory());
        return ViralLoop.metrics(ViralLoop.backtest(history, s.spec.parameters(), origins));
    }

    @Override
    public Comparison compare(ScoringModel challenger, ScoringModel champion, FeatureTable heldOut, double significance) {
        List<ViralLoop.Month> history = history(heldOut);
        Scorer a = (Scorer) challenger;
        Scorer b = (Scorer) champion;
        int origins = Math.min(Math.min(a.spec.origins(), b.spec.origins()),
                history.size() - Math.max(a.spec.parameters().minHistory(), b.spec.parameters().minHistory()));
        double[] ea = ViralLoop.backtest(history, a.spec.parameters(), origins).stream()
                .mapToDouble(p -> Math.abs(p.k() - p.actualK())).toArray();
        double[] eb = ViralLoop.backtest(history, b.spec.parameters(), origins).stream()
                .mapToDouble(p -> Math.abs(p.k() - p.actualK())).toArray();
        double ma = java.util.Arrays.stream(ea).average().orElse(0);
        double mb = java.util.Arrays.stream(eb).average().orElse(0);
        double p = 1;
        double w = 0;
        if (!java.util.Arrays.equals(ea, eb)) {
            WilcoxonSignedRankTest test = new WilcoxonSignedRankTest();
            w = test.wilcoxonSignedRank(ea, eb);
            double twoSided = test.wilcoxonSignedRankTest(ea, eb, ea.length <= 30);
            p = ma < mb ? twoSided / 2 : 1 - twoSided / 2;
        }
        return new Comparison("Wilcoxon signed-rank test on paired 30-day absolute errors of k over " + origins
                + " backtest origins (one-sided)", "mae_k", ma, mb, w, p, ma < mb && p < significance);
    }

    /** The monthly viral history in a feature table, in month order. */
    static List<ViralLoop.Month> history(FeatureTable t) {
        int month = t.categoricalNames().indexOf("month");
        if (month < 0) {
            throw new IllegalArgumentException("the viral kind needs feature 'month' in features.include");
        }
        String[] needed = {"s2c_sent", "s2c_activated", "s2c_lag_days", "s2c_members", "c2s_sent", "c2s_activated",
                "c2s_lag_days", "c2s_members", "suppliers", "couples", "connections"};
        int[] c = new int[needed.length];
        for (int i = 0; i < needed.length; i++) {
            c[i] = t.numericNames().indexOf(needed[i]);
            if (c[i] < 0) {
                throw new IllegalArgumentException("the viral kind needs feature '" + needed[i] + "' in features.include");
            }
        }
        List<ViralLoop.Month> out = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            double[] r = t.numeric()[i];
            out.add(new ViralLoop.Month(YearMonth.parse(t.categorical()[i][month]),
                    new ViralLoop.Side(r[c[0]], r[c[1]], r[c[2]], r[c[3]]), new ViralLoop.Side(r[c[4]], r[c[5]], r[c[6]], r[c[7]]),
                    r[c[8]], r[c[9]], r[c[10]]));
        }
        out.sort(Comparator.comparing(ViralLoop.Month::month));
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the viral history is empty: no invitations before the as-of date");
        }
        return out;
    }

    static byte[] write(Spec spec) {
        String s = "wedsync viral_k 1\n" + "trend_months=" + spec.parameters().trendMonths() + "\n" + "damping="
                + spec.parameters().damping() + "\n" + "backtest_origins=" + spec.origins() + "\n" + "horizon_months="
                + spec.horizon() + "\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Scorer read(byte[] artifact) {
        String[] lines = new String(artifact, StandardCharsets.UTF_8).split("\n");
        if (lines.length < 5 || !lines[0].equals("wedsync viral_k 1")) {
            throw new IllegalArgumentException("not a viral_k artifact");
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String l : lines) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                kv.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return new Scorer(new Spec(new MonthlySeries.Parameters(Integer.parseInt(kv.get("trend_months")),
                Double.parseDouble(kv.get("damping"))), Integer.parseInt(kv.get("backtest_origins")),
                Integer.parseInt(kv.get("horizon_months"))));
    }

    /** A loaded viral predictor. */
    static final class Scorer implements ScoringModel, Forecaster {
        final Spec spec;

        Scorer(Spec spec) {
            this.spec = spec;
        }

        /** Per row (month): the 30-day forecast of k made from the months before it (its own k when too short). */
        @Override
        public double[] score(FeatureTable rows) {
            List<ViralLoop.Month> h = history(rows);
            double[] out = new double[h.size()];
            for (int i = 0; i < h.size(); i++) {
                out[i] = i < spec.parameters().minHistory() ? h.get(i).k()
                        : ViralLoop.predict(h.subList(0, i), 30, spec.parameters()).predictedK();
            }
            return out;
        }

        @Override
        public Prediction explain(FeatureTable rows, int row, double score) {
            return forecast(rows, spec.horizon());
        }

        @Override
        public int maxHorizon() {
            return 12;
        }

        @Override
        public Prediction forecast(FeatureTable history, int horizon) {
            return forecast(history, horizon, Map.of());
        }

        /** Option {@code timeframe}: days, 1 to 365 (default: the horizon's months x 30). */
        @Override
        public Prediction forecast(FeatureTable historyTable, int horizon, Map<String, String> options) {
            int timeframe = horizon * 30;
            String t = options.get("timeframe");
            if (t != null) {
                try {
                    timeframe = Integer.parseInt(t.trim());
                } catch (NumberFormatException e) {
                    timeframe = -1;
                }
                if (timeframe < 1 || timeframe > MAX_TIMEFRAME_DAYS) {
                    throw new InvalidForecastOptionException("timeframe", "timeframe must be a whole number of days from 1 to "
                            + MAX_TIMEFRAME_DAYS + ", got '" + t + "'", List.of());
                }
            }
            List<ViralLoop.Month> h = history(historyTable);
            ViralPrediction p = ViralPrediction.of(ViralLoop.predict(h, timeframe, spec.parameters()), h);
            return Prediction.of(p.toMap());
        }
    }
}
