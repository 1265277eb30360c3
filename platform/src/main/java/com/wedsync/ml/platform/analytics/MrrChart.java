package com.wedsync.ml.platform.analytics;

import java.util.ArrayList;
import java.util.List;

import com.wedsync.ml.platform.analytics.chart.Frame;
import com.wedsync.ml.platform.analytics.chart.LineChart;
import com.wedsync.ml.platform.analytics.chart.Tick;

/**
 * The MRR chart's geometry: the actual months then the forecast months along x, labelled every other
 * month when they are many; MRR on a y axis with nice ticks and a gridline at each; the actual line,
 * the baseline, the two scenarios and the 80% band (p10 to p90), each starting from the last actual
 * month so that they join the actual line, as SVG path data.
 *
 * @param actual empty when there is no actual month
 */
public record MrrChart(Frame frame, String band, String optimistic, String pessimistic, String actual, String baseline,
                       List<Tick> yTicks, List<Tick> xTicks, List<com.wedsync.ml.platform.analytics.chart.Marker> markers,
                       com.wedsync.ml.platform.analytics.chart.Legend legend) {

    static final Frame FRAME = new Frame(900, 300, 70, 20, 10, 30);
    static final int MAX_Y_TICKS = 7;
    static final int MAX_MONTH_LABELS = 12;

    public static MrrChart of(MrrForecast f) {
        List<String> months = new ArrayList<>();
        f.actuals().forEach(a -> months.add(a.month()));
        f.months().forEach(m -> months.add(m.month()));
        double[] actual = f.actuals().stream().mapToDouble(MrrForecast.Actual::mrr).toArray();
        // the forecast starts at the last actual month, so that the lines join the actual line and the band fans out from it
        int from = LineChart.joinIndex(actual.length);
        double[] baseline = LineChart.joined(actual, f.months(), MrrForecast.Month::baseline);
        double[] optimistic = LineChart.joined(actual, f.months(), MrrForecast.Month::optimistic);
        double[] pessimistic = LineChart.joined(actual, f.months(), MrrForecast.Month::pessimistic);
        double[] p10 = LineChart.joined(actual, f.months(), MrrForecast.Month::p10);
        double[] p90 = LineChart.joined(actual, f.months(), MrrForecast.Month::p90);
        LineChart chart = LineChart.of(FRAME, months, MAX_Y_TICKS, List.of(actual, baseline, optimistic, pessimistic, p10, p90));
        List<com.wedsync.ml.platform.analytics.chart.Marker> markers = new ArrayList<>(chart.markers(actual, 0,
                i -> "actual " + Format.PAGE.money(actual[i])));
        List<MrrForecast.Month> ahead = f.months();
        double[] forecast = ahead.stream().mapToDouble(MrrForecast.Month::baseline).toArray();
        markers.addAll(chart.markers(forecast, actual.length, i -> {
            MrrForecast.Month m = ahead.get(i);
            return "baseline " + Format.PAGE.money(m.baseline()) + " (80% band " + Format.PAGE.money(m.p10()) + " to "
                    + Format.PAGE.money(m.p90()) + "; scenarios " + Format.PAGE.money(m.pessimistic()) + " to "
                    + Format.PAGE.money(m.optimistic()) + ")";
        }));
        var legend = com.wedsync.ml.platform.analytics.chart.Legend.of(FRAME, 150, "actual", "line", "actual MRR",
                "baseline", "line", "baseline forecast", "band", "area", "80% Monte Carlo band", "scenario", "line",
                "scenarios");
        return new MrrChart(FRAME, chart.area(p90, p10, from), chart.line(optimistic, from), chart.line(pessimistic, from),
                chart.line(actual, 0), chart.line(baseline, from), chart.yTicks(), chart.xTicks(MAX_MONTH_LABELS), markers, legend);
    }

    public boolean hasActual() {
        return !actual.isEmpty();
    }
}
