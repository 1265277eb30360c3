package com.wedsync.ml.platform.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import com.wedsync.ml.pipelines.growth.ViralPrediction;
import com.wedsync.ml.platform.analytics.chart.Frame;
import com.wedsync.ml.platform.analytics.chart.LineChart;
import com.wedsync.ml.platform.analytics.chart.Tick;

/**
 * The viral section of the page: k month by month (both sides of the loop, supplier to couple and couple to
 * supplier, and their sum), the production {@code viral-k} model's forecast with its 80% band, and the spec's
 * thresholds (declining below 0.5, sustainable above 0.7, viral above 1.0) drawn across the chart; or why there is none.
 *
 * @param unavailable why there is no prediction; null when there is one
 * @param prediction  null when unavailable
 * @param chart       null when unavailable
 */
public record ViralSection(String unavailable, ViralPrediction prediction, Chart chart) {

    static final Frame FRAME = new Frame(900, 280, 60, 120, 10, 30);
    static final int MAX_Y_TICKS = 6;
    static final int MAX_MONTH_LABELS = 12;
    /** The history months drawn before the forecast. */
    static final int HISTORY_MONTHS = 24;

    /** @param label e.g. "viral 1.0"; @param y its pixel */
    public record Threshold(String name, double value, double y, String label) {
    }

    /**
     * @param k           the actual k, months in order
     * @param forecast    the predicted k from the last actual month on
     * @param band        the 80% interval of the forecast, from the last actual month on
     * @param s2c         supplier-to-couple k, actual then predicted
     * @param c2s         couple-to-supplier k, actual then predicted
     */
    public record Chart(Frame frame, String k, String forecast, String band, String s2c, String c2s, List<Threshold> thresholds,
                        List<Tick> yTicks, List<Tick> xTicks, List<com.wedsync.ml.platform.analytics.chart.Marker> markers,
                        com.wedsync.ml.platform.analytics.chart.Legend legend) {
    }

    static ViralSection of(Supplier<ViralPrediction> prediction) {
        ViralPrediction p;
        try {
            p = prediction.get();
        } catch (RuntimeException e) {
            return new ViralSection(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null, null);
        }
        return new ViralSection(null, p, chart(p));
    }

    public boolean available() {
        return prediction != null;
    }

    /** "viral", "sustainable", "below sustainable" or "declining", from the predicted k and the spec's thresholds. */
    public String verdict() {
        ViralPrediction.CriticalThresholds t = prediction.criticalThresholds();
        return t.viral() ? "viral (k above " + num(t.viralAbove()) + ")"
                : t.sustainable() ? "sustainable (k above " + num(t.sustainableAbove()) + ")"
                : t.declining() ? "declining (k below " + num(t.decliningBelow()) + ")"
                : "below sustainable (k between " + num(t.decliningBelow()) + " and " + num(t.sustainableAbove()) + ")";
    }

    /** Two decimals: how k is printed on the page. */
    public static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
    }

    /**
     * Which series of the loop the network's depth is in the forecast of, with its coefficient and the one-month
     * error it saves, and which not; empty when the prediction reports none.
     */
    public String networkSentence() {
        List<ViralPrediction.NetworkEffect> effects = prediction.networkEffects();
        if (effects == null || effects.isEmpty()) {
            return "";
        }
        List<String> used = new ArrayList<>();
        List<String> not = new ArrayList<>();
        for (ViralPrediction.NetworkEffect e : effects) {
            if (e.used()) {
                used.add(e.series() + " (coefficient " + num(e.coefficient()) + ", t " + String.format(Locale.ROOT, "%.1f", e.tStatistic())
                        + "; one-month error " + String.format(Locale.ROOT, "%.3f", e.rmseWith()) + " against "
                        + String.format(Locale.ROOT, "%.3f", e.rmseWithout()) + " without it)");
            } else {
                not.add(e.series());
            }
        }
        String covariate = effects.get(0).covariate();
        StringBuilder out = new StringBuilder("Network effect (" + covariate + "): ");
        out.append(used.isEmpty() ? "in no forecast" : "in the forecast of " + String.join(", ", used));
        if (!not.isEmpty()) {
            out.append(used.isEmpty() ? " (" : "; not in that of ").append(String.join(", ", not));
            out.append(used.isEmpty() ? ": no significant effect that lowers the error over the last "
                    + effects.get(0).origins() + " origins)" : " (no significant effect that lowers the error)");
        }
        return out.append('.').toString();
    }

    /** The opportunity worth most k, or null when there is none. */
    public ViralPrediction.Opportunity topOpportunity() {
        return prediction.optimizationOpportunities().stream()
                .max(java.util.Comparator.comparingDouble(ViralPrediction.Opportunity::kGain)).orElse(null);
    }

    static Chart chart(ViralPrediction p) {
        List<ViralPrediction.MonthActual> history = p.history().subList(Math.max(0, p.history().size() - HISTORY_MONTHS),
                p.history().size());
        List<ViralPrediction.MonthForecast> ahead = p.months();
        List<String> months = new ArrayList<>();
        history.forEach(m -> months.add(m.month()));
        ahead.forEach(m -> months.add(m.month()));
        int n = history.size();
        double[] k = history.stream().mapToDouble(ViralPrediction.MonthActual::k).toArray();
        double[] s2c = new double[n + ahead.size()];
        double[] c2s = new double[n + ahead.size()];
        for (int i = 0; i < n; i++) {
            s2c[i] = history.get(i).supplierToCouple();
            c2s[i] = history.get(i).coupleToSupplier();
        }
        // the forecast starts at the last actual month so that it joins the actual line and the band fans out from it
        int from = LineChart.joinIndex(n);
        double[] forecast = LineChart.joined(k, ahead, ViralPrediction.MonthForecast::k);
        double[] low = LineChart.joined(k, ahead, ViralPrediction.MonthForecast::low80);
        double[] high = LineChart.joined(k, ahead, ViralPrediction.MonthForecast::high80);
        for (int i = 0; i < ahead.size(); i++) {
            s2c[n + i] = ahead.get(i).supplierToCouple();
            c2s[n + i] = ahead.get(i).coupleToSupplier();
        }
        ViralPrediction.CriticalThresholds t = p.criticalThresholds();
        double[] levels = {t.decliningBelow(), t.sustainableAbove(), t.viralAbove()};
        // the axis holds the series and every threshold, so that the lines are always on the chart
        LineChart chart = LineChart.of(FRAME, months, MAX_Y_TICKS, List.of(k, forecast, low, high, s2c, c2s, levels, new double[] {0}));
        List<Threshold> thresholds = List.of(
                new Threshold("declining", t.decliningBelow(), r(chart.y(t.decliningBelow())), "declining " + num(t.decliningBelow())),
                new Threshold("sustainable", t.sustainableAbove(), r(chart.y(t.sustainableAbove())),
                        "sustainable " + num(t.sustainableAbove())),
                new Threshold("viral", t.viralAbove(), r(chart.y(t.viralAbove())), "viral " + num(t.viralAbove())));
        List<com.wedsync.ml.platform.analytics.chart.Marker> markers = new ArrayList<>(chart.markers(k, 0,
                i -> "k " + num(k[i]) + " (supplier to couple " + num(s2c[i]) + ", couple to supplier " + num(c2s[i]) + ")"));
        markers.addAll(chart.markers(ahead.stream().mapToDouble(ViralPrediction.MonthForecast::k).toArray(), n, i -> {
            ViralPrediction.MonthForecast m = ahead.get(i);
            return "predicted k " + num(m.k()) + " (80% interval " + num(m.low80()) + " to " + num(m.high80()) + ")";
        }));
        var legend = com.wedsync.ml.platform.analytics.chart.Legend.of(FRAME, 130, "actual", "line", "k", "baseline", "line",
                "predicted k", "band", "area", "80% interval", "side s2c", "line", "supplier to couple", "side c2s", "line",
                "couple to supplier");
        return new Chart(FRAME, chart.line(k, 0), chart.line(forecast, from), chart.area(high, low, from), chart.line(s2c, 0),
                chart.line(c2s, 0), thresholds, chart.yTicks(), chart.xTicks(MAX_MONTH_LABELS), markers, legend);
    }

    private static double r(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
