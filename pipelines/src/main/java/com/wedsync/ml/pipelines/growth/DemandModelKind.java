package com.wedsync.ml.pipelines.growth;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

import com.wedsync.ml.models.growth.DemandForecaster;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.simulator.Wedding;
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
 * Model kind {@code demand}: the spec's wedding demand forecaster ({@link DemandForecaster}) on the enquiries per
 * vendor type x region x month ({@code demand_monthly}). A {@link DataLayout#SERIES} kind whose snapshot holds many
 * series at once (one row per series and month); validated by a rolling-origin backtest of every series against
 * the enquiries realised, next to a seasonal-naive forecast on the same origins. The artifact is the
 * specification; forecasting refits it on today's history. Forecast options: {@code vendorType} (required),
 * {@code region} (absent: all regions of the type), {@code marketSize} (businesses of that type there, if known).
 */
public final class DemandModelKind implements ModelKind {

    static final String ALGORITHM = "seasonal_prior";
    static final Set<String> HYPERPARAMETERS = Set.of("trend_months", "damping", "prior_weight", "backtest_origins", "horizon_months");
    public static final String ALL_REGIONS = "all";

    @Override
    public String name() {
        return "demand";
    }

    @Override
    public FeatureSetSpec featureSet() {
        return GrowthFeatures.DEMAND_MONTHLY;
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
        m.put("mape_1m", new MetricRange(0, 1000));
        m.put("mape_seasonal_naive_1m", new MetricRange(0, 1000));
        m.put("beats_seasonal_naive", new MetricRange(0, 1));
        m.put("coverage_80", new MetricRange(0, 1));
        m.put("points", new MetricRange(0, 1e9));
        m.put("origins", new MetricRange(0, 1000));
        for (String t : Wedding.VENDOR_TYPES) {
            m.put("mape_1m_" + t, new MetricRange(0, 1000));
            m.put("mape_seasonal_naive_1m_" + t, new MetricRange(0, 1000));
        }
        return m;
    }

    record Spec(DemandForecaster.Parameters parameters, int origins, int horizon) {
        static Spec of(PipelineDefinition d) {
            DemandForecaster.Parameters def = DemandForecaster.Parameters.defaults();
            DemandForecaster.Parameters p = new DemandForecaster.Parameters(
                    d.intHyperparameter(ALGORITHM, "trend_months", def.trendMonths()),
                    d.doubleHyperparameter(ALGORITHM, "damping", def.damping()),
                    d.doubleHyperparameter(ALGORITHM, "prior_weight", def.priorWeight()));
            int horizon = d.intHyperparameter(ALGORITHM, "horizon_months", 12);
            if (horizon < 1 || horizon > DemandForecaster.MAX_HORIZON) {
                throw new IllegalArgumentException(ALGORITHM + ".horizon_months must be 1 to " + DemandForecaster.MAX_HORIZON
                        + ", got " + horizon);
            }
            return new Spec(p, d.intHyperparameter(ALGORITHM, "backtest_origins", 12), horizon);
        }
    }

    @Override
    public TrainedModel train(TrainingRequest request, ProgressListener progress) {
        Spec spec = Spec.of(request.definition());
        List<DemandForecaster.Series> series = series(request.train());
        DemandForecaster.Series s0 = series.get(0);
        progress.progress(10, "fitting " + series.size() + " vendor type x region series on " + s0.enquiries().length + " months ("
                + s0.first() + " to " + s0.last() + ")");
        DemandForecaster.Fit fit = DemandForecaster.fit(series, spec.parameters());
        int origins = origins(spec, series);
        progress.progress(30, "backtesting the next-month forecast of every series at " + origins + " past origins");
        Map<String, Double> metrics = DemandForecaster.metrics(DemandForecaster.backtest(series, spec.parameters(), origins),
                Wedding.VENDOR_TYPES);
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("trend_months", spec.parameters().trendMonths());
        hyper.put("damping", spec.parameters().damping());
        hyper.put("prior_weight", spec.parameters().priorWeight());
        hyper.put("backtest_origins", spec.origins());
        hyper.put("horizon_months", spec.horizon());
        Map<String, String> provenance = new LinkedHashMap<>(request.lineage());
        provenance.put("history", s0.first() + ".." + s0.last());
        provenance.put("series", Integer.toString(series.size()));
        provenance.put("method", "level x vendor-type season (spec pattern prior refined by pooled ratio-to-moving-average) x "
                + "shrunk damped trend; negative binomial 80% interval");
        provenance.put("library_versions", "commons-math3=3.6.1");
        provenance.put("hyperparameters", hyper.toString());
        provenance.put("seed", Long.toString(request.seed()));
        Map<String, Double> importance = new LinkedHashMap<>();
        fit.types().forEach((t, f) -> importance.put("season_amplitude_" + t,
                java.util.Arrays.stream(f.seasonal()).max().orElse(1) - java.util.Arrays.stream(f.seasonal()).min().orElse(1)));
        progress.progress(100, "backtest " + metrics);
        return new TrainedModel(ALGORITHM, write(spec), hyper, Map.of("months", (double) s0.enquiries().length,
                "series", (double) series.size()), metrics, Map.of(), importance, provenance);
    }

    private static int origins(Spec spec, List<DemandForecaster.Series> series) {
        return Math.max(1, Math.min(spec.origins(), series.get(0).enquiries().length - 13));
    }

    @Override
    public ScoringModel load(byte[] artifact) {
        return read(artifact);
    }

    @Override
    public Map<String, Double> evaluate(ScoringModel model, FeatureTable heldOut) {
        Scorer s = (Scorer) model;
        List<DemandForecaster.Series> series = series(heldOut);
        return DemandForecaster.metrics(DemandForecaster.backtest(series, s.spec.parameters(), origins(s.spec, series)),
                Wedding.VENDOR_TYPES);
    }

    @Override
    public Comparison compare(ScoringModel challenger, ScoringModel champion, FeatureTable heldOut, double significance) {
        List<DemandForecaster.Series> series = series(heldOut);
        Scorer a = (Scorer) challenger;
        Scorer b = (Scorer) champion;
        int origins = Math.min(origins(a.spec, series), origins(b.spec, series));
        List<DemandForecaster.BacktestPoint> pa = DemandForecaster.backtest(series, a.spec.parameters(), origins);
        List<DemandForecaster.BacktestPoint> pb = DemandForecaster.backtest(series, b.spec.parameters(), origins);
        List<Double> ea = new ArrayList<>();
        List<Double> eb = new ArrayList<>();
        for (int i = 0; i < pa.size(); i++) {
            if (pa.get(i).actual() > 0) {
                ea.add(Math.abs(pa.get(i).forecast() - pa.get(i).actual()) / pa.get(i).actual());
                eb.add(Math.abs(pb.get(i).forecast() - pb.get(i).actual()) / pb.get(i).actual());
            }
        }
        double[] xa = ea.stream().mapToDouble(Double::doubleValue).toArray();
        double[] xb = eb.stream().mapToDouble(Double::doubleValue).toArray();
        double ma = java.util.Arrays.stream(xa).average().orElse(0);
        double mb = java.util.Arrays.stream(xb).average().orElse(0);
        double p = 1;
        double w = 0;
        if (!java.util.Arrays.equals(xa, xb) && xa.length > 0) {
            WilcoxonSignedRankTest test = new WilcoxonSignedRankTest();
            w = test.wilcoxonSignedRank(xa, xb);
            double twoSided = test.wilcoxonSignedRankTest(xa, xb, xa.length <= 30);
            p = ma < mb ? twoSided / 2 : 1 - twoSided / 2;
        }
        return new Comparison("Wilcoxon signed-rank test on paired next-month absolute percentage errors of every series over "
                + origins + " backtest origins (one-sided)", "mape_1m", ma, mb, w, p, ma < mb && p < significance);
    }

    /** The series of a feature table: one per (vendor type, region), each its months in order. */
    static List<DemandForecaster.Series> series(FeatureTable t) {
        int vt = t.categoricalNames().indexOf("vendor_type");
        int rg = t.categoricalNames().indexOf("region");
        int mo = t.categoricalNames().indexOf("month");
        int en = t.numericNames().indexOf("enquiries");
        int su = t.numericNames().indexOf("suppliers");
        if (vt < 0 || rg < 0 || mo < 0 || en < 0 || su < 0) {
            throw new IllegalArgumentException("the demand kind needs features vendor_type, region, month, enquiries and suppliers "
                    + "in features.include");
        }
        Map<String, TreeMap<YearMonth, double[]>> bySeries = new TreeMap<>();
        TreeSet<YearMonth> months = new TreeSet<>();
        for (int i = 0; i < t.size(); i++) {
            String[] c = t.categorical()[i];
            YearMonth m = YearMonth.parse(c[mo]);
            months.add(m);
            bySeries.computeIfAbsent(DemandForecaster.key(c[vt], c[rg]), k -> new TreeMap<>())
                    .put(m, new double[] {t.numeric()[i][en], t.numeric()[i][su]});
        }
        if (bySeries.isEmpty()) {
            throw new IllegalArgumentException("the demand history is empty: no enquiries before the as-of date");
        }
        YearMonth first = months.first();
        int n = (int) first.until(months.last(), java.time.temporal.ChronoUnit.MONTHS) + 1;
        List<DemandForecaster.Series> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<YearMonth, double[]>> e : bySeries.entrySet()) {
            double[] y = new double[n];
            double[] s = new double[n];
            for (Map.Entry<YearMonth, double[]> m : e.getValue().entrySet()) {
                int i = (int) first.until(m.getKey(), java.time.temporal.ChronoUnit.MONTHS);
                y[i] = m.getValue()[0];
                s[i] = m.getValue()[1];
            }
            String[] k = e.getKey().split("\\|", 2);
            out.add(new DemandForecaster.Series(k[0], k[1], first, y, s));
        }
        return out;
    }

    static byte[] write(Spec spec) {
        DemandForecaster.Parameters p = spec.parameters();
        return ("wedsync demand 1\ntrend_months=" + p.trendMonths() + "\ndamping=" + p.damping() + "\nprior_weight=" + p.priorWeight()
                + "\nbacktest_origins=" + spec.origins() + "\nhorizon_months=" + spec.horizon() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static Scorer read(byte[] artifact) {
        String[] lines = new String(artifact, StandardCharsets.UTF_8).split("\n");
        if (lines.length < 6 || !lines[0].equals("wedsync demand 1")) {
            throw new IllegalArgumentException("not a demand artifact");
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String l : lines) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                kv.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return new Scorer(new Spec(new DemandForecaster.Parameters(Integer.parseInt(kv.get("trend_months")),
                Double.parseDouble(kv.get("damping")), Double.parseDouble(kv.get("prior_weight"))),
                Integer.parseInt(kv.get("backtest_origins")), Integer.parseInt(kv.get("horizon_months"))));
    }

    /** A loaded demand forecaster. */
    static final class Scorer implements ScoringModel, Forecaster {
        final Spec spec;

        Scorer(Spec spec) {
            this.spec = spec;
        }

        /** Per row (series and month): its expected enquiries from a fit on the whole history (in-sample). */
        @Override
        public double[] score(FeatureTable rows) {
            List<DemandForecaster.Series> series = series(rows);
            DemandForecaster.Fit fit = DemandForecaster.fit(series, spec.parameters());
            int vt = rows.categoricalNames().indexOf("vendor_type");
            int rg = rows.categoricalNames().indexOf("region");
            double[] out = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                out[i] = fit.expected(DemandForecaster.key(rows.categorical()[i][vt], rows.categorical()[i][rg]), 1);
            }
            return out;
        }

        @Override
        public Prediction explain(FeatureTable rows, int row, double score) {
            int vt = rows.categoricalNames().indexOf("vendor_type");
            return forecast(rows, spec.horizon(), Map.of("vendorType", rows.categorical()[row][vt]));
        }

        @Override
        public int maxHorizon() {
            return DemandForecaster.MAX_HORIZON;
        }

        /** Without options: every vendor type, all regions. */
        @Override
        public Prediction forecast(FeatureTable history, int horizon) {
            List<DemandForecaster.Series> series = series(history);
            DemandForecaster.Fit fit = DemandForecaster.fit(series, spec.parameters());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("lastActualMonth", fit.last().toString());
            out.put("horizonMonths", horizon);
            List<Map<String, Object>> types = new ArrayList<>();
            for (String t : fit.types().keySet()) {
                List<String> keys = series.stream().filter(s -> s.vendorType().equals(t)).map(s -> DemandForecaster.key(t, s.region()))
                        .toList();
                types.add(DemandForecast.of(fit, t, ALL_REGIONS, keys, horizon, null).toMap());
            }
            out.put("vendorTypes", types);
            return Prediction.of(out);
        }

        @Override
        public Prediction forecast(FeatureTable history, int horizon, Map<String, String> options) {
            String vendorType = options.get("vendorType");
            if (vendorType == null) {
                return forecast(history, horizon);
            }
            List<DemandForecaster.Series> series = series(history);
            List<String> types = series.stream().map(DemandForecaster.Series::vendorType).distinct().sorted().toList();
            if (!types.contains(vendorType)) {
                throw new InvalidForecastOptionException("vendorType", "unknown vendorType '" + vendorType + "'", types);
            }
            String region = options.getOrDefault("region", ALL_REGIONS);
            List<String> regions = series.stream().filter(s -> s.vendorType().equals(vendorType)).map(DemandForecaster.Series::region)
                    .distinct().sorted().toList();
            if (!region.equals(ALL_REGIONS) && !regions.contains(region)) {
                throw new InvalidForecastOptionException("region", "unknown region '" + region + "' for vendorType '" + vendorType + "'",
                        regions);
            }
            Double marketSize = null;
            String ms = options.get("marketSize");
            if (ms != null) {
                try {
                    marketSize = Double.parseDouble(ms);
                } catch (NumberFormatException e) {
                    throw new InvalidForecastOptionException("marketSize", "marketSize must be a number, got '" + ms + "'", List.of());
                }
            }
            List<String> keys = regions.stream().filter(r -> region.equals(ALL_REGIONS) || r.equals(region))
                    .map(r -> DemandForecaster.key(vendorType, r)).toList();
            DemandForecaster.Fit fit = DemandForecaster.fit(series, spec.parameters());
            return Prediction.of(DemandForecast.of(fit, vendorType, region, keys, horizon, marketSize).toMap());
        }
    }
}
