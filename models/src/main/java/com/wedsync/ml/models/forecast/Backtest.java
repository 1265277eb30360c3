package com.wedsync.ml.models.forecast;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A rolling-origin backtest of one model at one step ahead: forecast, 80% interval and actual per origin. */
public record Backtest(String model, int step, List<Point> points) {

    public Backtest {
        points = List.copyOf(points);
    }

    public record Point(YearMonth month, double forecast, double p10, double p90, double actual) {
        public double absolutePercentError() {
            return SeriesForecaster.ape(forecast, actual);
        }

        public boolean covered() {
            return actual >= p10 && actual <= p90;
        }
    }

    public double mape() {
        return points.stream().mapToDouble(Point::absolutePercentError).average().orElse(0);
    }

    public double coverage80() {
        return points.stream().filter(Point::covered).count() / (double) points.size();
    }

    public double withinShare(double tolerance) {
        return points.stream().filter(p -> p.absolutePercentError() <= tolerance).count() / (double) points.size();
    }

    /** The metrics the MRR forecast's gates read (within_10pct, coverage_80, mape_1m, origins). */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("within_10pct", withinShare(0.10));
        m.put("coverage_80", coverage80());
        m.put("mape_1m", mape());
        m.put("origins", (double) points.size());
        return m;
    }
}
