package com.wedsync.ml.pipelines.growth;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.wedsync.ml.models.growth.DemandForecaster;

/**
 * The demand forecast as the API shows it (spec section 4, {@code DemandForecast}): current and projected demand,
 * growth rate, saturation, opportunities, threats and recommendations, with the monthly forecast and its 80%
 * interval. Every number is finite; saturation is null (and {@link MarketSize#status()} "missing") when no
 * market size is known for the vendor type and region.
 *
 * @param region           the region, or "all" for every region of the vendor type
 * @param currentDemand    enquiries in the last complete month
 * @param projectedDemand  expected enquiries over the horizon
 * @param growthRate       projected enquiries over the horizon against the same months a year earlier, minus 1
 * @param saturation       active suppliers of the type and region over the market size (businesses there)
 */
public record DemandForecast(String vendorType, String region, String lastActualMonth, int horizonMonths, double currentDemand,
                             double projectedDemand, double growthRate, Double saturation, MarketSize marketSize, double suppliers,
                             Seasonality seasonality, List<Month> months, List<Actual> history, List<Opportunity> opportunities,
                             List<Threat> threats, List<String> recommendations) {

    public record Month(String month, double expected, double low80, double high80) {
    }

    public record Actual(String month, double enquiries) {
    }

    /** @param status "set" or "missing"; @param note what to do when it is missing */
    public record MarketSize(Double businesses, String status, String note) {
    }

    /** @param source the spec's pattern refined by the data, or a flat prior refined by it */
    public record Seasonality(String source, List<String> peakMonths, List<Double> factors, boolean peakWithin60Days) {
    }

    public record Opportunity(String type, String action, String impact, String timeframe) {
    }

    public record Threat(String type, String description, String impact) {
    }

    static final double HIGH_GROWTH = 0.2;
    static final double UNTAPPED = 0.3;
    static final double SATURATED = 0.7;
    static final double DECLINING = -0.1;

    static DemandForecast of(DemandForecaster.Fit fit, String vendorType, String region, List<String> keys, int horizon,
                             Double marketSize) {
        List<DemandForecaster.Point> points = fit.forecast(keys, horizon);
        List<DemandForecaster.Series> series = keys.stream().map(k -> fit.series().get(k)).toList();
        int n = series.get(0).enquiries().length;
        double[] total = new double[n];
        double suppliers = 0;
        for (DemandForecaster.Series s : series) {
            for (int t = 0; t < n; t++) {
                total[t] += s.enquiries()[t];
            }
            suppliers += s.suppliers()[n - 1];
        }
        double projected = points.stream().mapToDouble(DemandForecaster.Point::expected).sum();
        double yearBefore = 0;
        for (int h = 1; h <= horizon; h++) {
            int t = n - 1 + h - 12;
            if (t >= 0 && t < n) {
                yearBefore += total[t];
            }
        }
        double growth = yearBefore > 0 ? projected / yearBefore - 1 : 0;
        Double saturation = marketSize != null && marketSize > 0 ? Math.min(1.0, suppliers / marketSize) : null;
        MarketSize ms = marketSize != null && marketSize > 0 ? new MarketSize(marketSize, "set", null)
                : new MarketSize(null, "missing", "No market size is recorded for " + vendorType + " in " + region
                + ": saturation is not computed (an operator sets it with PUT /api/market-sizes or a CSV import)");
        DemandForecaster.TypeFit type = fit.types().get(vendorType);
        List<Integer> peaks = DemandForecaster.peakMonths(vendorType, type.seasonal());
        YearMonth now = fit.last().plusMonths(1);
        // within 60 days of the current month's start: this month and the next two start by then
        boolean peakSoon = false;
        for (int i = 0; i <= 2; i++) {
            YearMonth m = now.plusMonths(i);
            if (peaks.contains(m.getMonthValue()) && !m.atDay(1).isAfter(now.atDay(1).plusDays(60))) {
                peakSoon = true;
            }
        }
        List<Opportunity> opportunities = new ArrayList<>();
        List<Threat> threats = new ArrayList<>();
        List<String> recommendations = new ArrayList<>();
        if (growth > HIGH_GROWTH) {
            opportunities.add(new Opportunity("high_growth", "Increase acquisition spend", "high", "immediate"));
            recommendations.add(String.format("Demand for %ss in %s is set to grow %.0f%% on a year earlier: increase acquisition "
                    + "spend for them now", vendorType, region, 100 * growth));
        }
        if (saturation != null && saturation < UNTAPPED) {
            opportunities.add(new Opportunity("untapped_market", "Geographic expansion", "medium", "3-6 months"));
            recommendations.add(String.format("Only %.0f%% of %s businesses in %s are on the platform: expand there", 100 * saturation,
                    vendorType, region));
        }
        if (peakSoon) {
            opportunities.add(new Opportunity("seasonal_surge", "Prepare capacity and campaigns", "high", "1-2 months"));
            recommendations.add("A " + vendorType + " peak month (" + String.join(", ", peaks.stream().map(DemandForecaster::monthName)
                    .toList()) + ") starts within 60 days: prepare capacity and campaigns");
        }
        if (growth < DECLINING) {
            threats.add(new Threat("declining_demand", String.format("Enquiries projected %.0f%% below the same months a year earlier",
                    -100 * growth), "high"));
            recommendations.add("Demand is falling on a year earlier: review why couples enquire less for " + vendorType + "s in " + region);
        }
        if (saturation != null && saturation > SATURATED) {
            threats.add(new Threat("saturated_market", String.format("%.0f%% of the market's %s businesses are already on the platform",
                    100 * saturation, vendorType), "medium"));
            recommendations.add("The market is nearly saturated: grow revenue per supplier rather than supplier numbers");
        }
        double perSupplierNow = suppliers > 0 ? projected / horizon / suppliers : 0;
        double perSupplierThen = suppliers > 0 ? total[n - 1] / suppliers : 0;
        if (suppliers > 0 && perSupplierNow < 0.7 * perSupplierThen) {
            threats.add(new Threat("seasonal_slowdown", String.format("Enquiries per supplier fall from %.1f to %.1f a month",
                    perSupplierThen, perSupplierNow), "medium"));
        }
        if (marketSize == null || marketSize <= 0) {
            recommendations.add("Record the market size for " + vendorType + " in " + region + " to see saturation");
        }
        if (recommendations.isEmpty()) {
            recommendations.add("Demand is steady: keep acquisition and capacity as they are");
        }
        List<Double> factors = new ArrayList<>();
        for (double f : type.seasonal()) {
            factors.add(r(f));
        }
        List<Actual> history = new ArrayList<>();
        for (int t = Math.max(0, n - 24); t < n; t++) {
            history.add(new Actual(series.get(0).first().plusMonths(t).toString(), total[t]));
        }
        return new DemandForecast(vendorType, region, fit.last().toString(), horizon, total[n - 1], r(projected), r(growth),
                saturation == null ? null : r(saturation), ms, suppliers,
                new Seasonality(type.seasonality(), peaks.stream().map(DemandForecaster::monthName).toList(), factors, peakSoon),
                points.stream().map(p -> new Month(p.month().toString(), r(p.expected()), p.low80(), p.high80())).toList(), history,
                opportunities, threats, recommendations);
    }

    Map<String, Object> toMap() {
        return Answers.toMap(this);
    }

    static double r(double v) {
        return Double.isFinite(v) ? Math.round(v * 10_000) / 10_000.0 : 0.0;
    }
}
