package com.wedsync.ml.platform.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.wedsync.ml.models.growth.DemandForecaster;
import com.wedsync.ml.pipelines.growth.DemandForecast;
import com.wedsync.ml.platform.analytics.chart.Frame;
import com.wedsync.ml.platform.analytics.chart.LineChart;
import com.wedsync.ml.platform.analytics.chart.Tick;

/**
 * The demand section of the page: a heat map of each vendor type's seasonal factor by calendar month (darker is
 * more enquiries, the peak months outlined), and the forecast of a chosen vendor type and region: the last two
 * years of enquiries, the expected enquiries over the horizon and their 80% interval, with the answer's
 * recommendations; or why there is none.
 *
 * @param unavailable      why there is no demand model to show; null when there is one
 * @param heatMap          null when unavailable
 * @param selectionProblem why the chosen vendor type or region cannot be shown (a bad choice); null when it can
 * @param chosen           the chosen series' forecast; null when unavailable or the choice is bad
 * @param chart            its chart; null with it
 */
public record DemandSection(String unavailable, HeatMap heatMap, List<String> vendorTypes, List<String> regions,
                            String vendorType, String region, String selectionProblem, DemandForecast chosen, Chart chart) {

    static final int CELL_W = 58;
    static final int CELL_H = 24;
    static final int LABEL_W = 110;
    static final Frame FRAME = new Frame(900, 260, 60, 20, 10, 30);
    static final int MAX_MONTH_LABELS = 12;

    /** @param opacity 0.08 to 1 by the factor within the whole map; @param peak one of the type's peak months */
    public record Cell(int month, String monthName, double factor, double x, double y, double opacity, boolean peak, String label) {
    }

    public record Row(String vendorType, double y, List<Cell> cells, List<String> peakMonths) {
    }

    public record HeatMap(List<String> months, List<Row> rows, int width, int height, int cellWidth, int cellHeight, int labelWidth) {
    }

    public record Chart(Frame frame, String actual, String expected, String band, List<Tick> yTicks, List<Tick> xTicks,
                        List<com.wedsync.ml.platform.analytics.chart.Marker> markers, com.wedsync.ml.platform.analytics.chart.Legend legend) {
    }

    /**
     * @param all        every vendor type over all regions (the forecast without options)
     * @param chosen     the forecast of the chosen vendor type and region
     * @param regionsOf  the regions a vendor type has
     */
    static DemandSection of(Supplier<List<DemandForecast>> all, java.util.function.Function<String, List<String>> regionsOf,
                            String vendorType, String region,
                            java.util.function.BiFunction<String, String, DemandForecast> chosen) {
        List<DemandForecast> types;
        try {
            types = all.get();
        } catch (RuntimeException e) {
            return new DemandSection(message(e), null, List.of(), List.of(), vendorType, region, null, null, null);
        }
        List<String> regions = new ArrayList<>();
        regions.add("all");
        List<String> vendorTypes = types.stream().map(DemandForecast::vendorType).toList();
        String t = vendorType == null || vendorType.isBlank() ? (vendorTypes.isEmpty() ? null : vendorTypes.get(0)) : vendorType;
        String r = region == null || region.isBlank() ? "all" : region;
        HeatMap map = heatMap(types);
        if (t != null && vendorTypes.contains(t)) {
            regions.addAll(regionsOf.apply(t));
        }
        if (t == null) {
            return new DemandSection(null, map, vendorTypes, regions, null, r, "the demand model knows no vendor type", null, null);
        }
        try {
            DemandForecast f = chosen.apply(t, r);
            return new DemandSection(null, map, vendorTypes, regions, t, r, null, f, chart(f));
        } catch (RuntimeException e) {
            return new DemandSection(null, map, vendorTypes, regions, t, r, message(e), null, null);
        }
    }

    public boolean available() {
        return heatMap != null;
    }

    static HeatMap heatMap(List<DemandForecast> types) {
        double max = 0;
        for (DemandForecast f : types) {
            for (double v : f.seasonality().factors()) {
                max = Math.max(max, v);
            }
        }
        List<String> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(DemandForecaster.monthName(m).substring(0, 3));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            DemandForecast f = types.get(i);
            double y = 20 + i * CELL_H;
            List<Cell> cells = new ArrayList<>();
            List<Double> factors = f.seasonality().factors();
            for (int m = 1; m <= 12 && m <= factors.size(); m++) {
                double v = factors.get(m - 1);
                String name = DemandForecaster.monthName(m);
                boolean peak = f.seasonality().peakMonths().contains(name);
                double opacity = max > 0 && Double.isFinite(v) ? Math.max(0.08, Math.round(100 * v / max) / 100.0) : 0.08;
                cells.add(new Cell(m, name, v, LABEL_W + (m - 1) * CELL_W, y, opacity, peak,
                        f.vendorType() + ", " + name + ": seasonal factor " + ViralSection.num(v) + (peak ? " (peak month)" : "")));
            }
            rows.add(new Row(f.vendorType(), y, cells, f.seasonality().peakMonths()));
        }
        return new HeatMap(months, rows, LABEL_W + 12 * CELL_W + 10, 24 + types.size() * CELL_H, CELL_W, CELL_H, LABEL_W);
    }

    static Chart chart(DemandForecast f) {
        List<String> months = new ArrayList<>();
        f.history().forEach(a -> months.add(a.month()));
        f.months().forEach(m -> months.add(m.month()));
        int n = f.history().size();
        double[] actual = f.history().stream().mapToDouble(DemandForecast.Actual::enquiries).toArray();
        // the forecast starts at the last actual month so that it joins the actual line and the band fans out from it
        int from = LineChart.joinIndex(n);
        double[] expected = LineChart.joined(actual, f.months(), DemandForecast.Month::expected);
        double[] low = LineChart.joined(actual, f.months(), DemandForecast.Month::low80);
        double[] high = LineChart.joined(actual, f.months(), DemandForecast.Month::high80);
        LineChart chart = LineChart.of(FRAME, months, 6, List.of(actual, expected, low, high, new double[] {0}));
        List<com.wedsync.ml.platform.analytics.chart.Marker> markers = new ArrayList<>(chart.markers(actual, 0,
                i -> Format.PAGE.money(actual[i]) + " enquiries"));
        List<DemandForecast.Month> ahead = f.months();
        markers.addAll(chart.markers(ahead.stream().mapToDouble(DemandForecast.Month::expected).toArray(), n, i -> {
            DemandForecast.Month m = ahead.get(i);
            return Format.PAGE.money(m.expected()) + " expected (80% interval " + Format.PAGE.money(m.low80()) + " to "
                    + Format.PAGE.money(m.high80()) + ")";
        }));
        var legend = com.wedsync.ml.platform.analytics.chart.Legend.of(FRAME, 150, "actual", "line", "enquiries", "baseline", "line",
                "expected", "band", "area", "80% interval");
        return new Chart(FRAME, chart.line(actual, 0), chart.line(expected, from), chart.area(high, low, from), chart.yTicks(),
                chart.xTicks(MAX_MONTH_LABELS), markers, legend);
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
