package com.wedsync.ml.pipelines.growth;

import java.util.List;
import java.util.Map;

import com.wedsync.ml.models.growth.ViralLoop;

/**
 * The viral prediction as the API shows it (spec section 3, {@code ViralPrediction}), plus the interval,
 * the monthly path and the history the page charts. Every number is finite.
 *
 * @param breakdown        predicted k of each side over the timeframe
 * @param currentBreakdown k of each side in the last complete month
 * @param growthMultiplier {@code (1 + predictedK)^(timeframeDays / 30)}
 * @param viralScore       0 to 100: the way to self-sustaining viral growth (k = 1) covered
 */
public record ViralPrediction(String lastActualMonth, int timeframeDays, double currentK, double predictedK, Interval interval,
                              Breakdown breakdown, Breakdown currentBreakdown, double growthMultiplier, double viralScore,
                              List<Opportunity> optimizationOpportunities, CriticalThresholds criticalThresholds,
                              List<MonthForecast> months, List<MonthActual> history, Network network,
                              List<NetworkEffect> networkEffects) {

    public record Interval(double level, double low, double high) {
    }

    public record Breakdown(double supplierToCouple, double coupleToSupplier) {
    }

    /** @param side s2c or c2s; @param step sending, activation or lag */
    public record Opportunity(String side, String step, double current, double benchmark, double kGain, String action) {
    }

    /** The spec's thresholds (viral > 1.0, sustainable > 0.7, declining < 0.5) applied to the predicted k. */
    public record CriticalThresholds(boolean viral, boolean sustainable, boolean declining, double viralAbove,
                                     double sustainableAbove, double decliningBelow) {
    }

    public record MonthForecast(String month, double k, double low80, double high80, double supplierToCouple,
                                double coupleToSupplier) {
    }

    public record MonthActual(String month, double k, double supplierToCouple, double coupleToSupplier, double s2cSent,
                              double c2sSent, double s2cActivationRate, double c2sActivationRate) {
    }

    /**
     * Whether the network's depth ({@code covariate}) helped forecast a series of the loop ({@code k}, {@code s2c},
     * {@code c2s}): its coefficient on month-on-month changes with its t statistic, and the one-month forecast error without and with it
     * over {@code origins} recent origins; {@code used} when it is significant (|t| at least 2) and lowered that error, and so
     * is in the forecast.
     */
    public record NetworkEffect(String series, String covariate, double coefficient, double tStatistic, double rmseWithout,
                                double rmseWith, int origins, boolean used) {
    }

    /** The network at the end of the last complete month, from the same history. */
    public record Network(double suppliers, double couples, double connections, double density) {
    }

    static ViralPrediction of(ViralLoop.Prediction p, List<ViralLoop.Month> history) {
        ViralLoop.Month last = history.get(history.size() - 1);
        return new ViralPrediction(p.lastActualMonth().toString(), p.timeframeDays(), r(p.currentK()), r(p.predictedK()),
                new Interval(0.8, r(p.low80()), r(p.high80())), new Breakdown(r(p.predictedS2c()), r(p.predictedC2s())),
                new Breakdown(r(p.currentS2c()), r(p.currentC2s())), r(p.growthMultiplier()), r(p.viralScore()),
                p.opportunities().stream().map(o -> new Opportunity(o.side(), o.step(), r(o.current()), r(o.benchmark()),
                        r(o.kGain()), o.action())).toList(),
                new CriticalThresholds(p.thresholds().viral(), p.thresholds().sustainable(), p.thresholds().declining(),
                        ViralLoop.VIRAL, ViralLoop.SUSTAINABLE, ViralLoop.DECLINING),
                p.months().stream().map(m -> new MonthForecast(m.month().toString(), r(m.k().value()), r(m.k().low80()),
                        r(m.k().high80()), r(m.s2c().value()), r(m.c2s().value()))).toList(),
                history.stream().map(m -> new MonthActual(m.month().toString(), r(m.k()), r(m.s2c().k()), r(m.c2s().k()),
                        m.s2c().sent(), m.c2s().sent(), r(m.s2c().activationRate()), r(m.c2s().activationRate()))).toList(),
                new Network(last.suppliers(), last.couples(), last.connections(), last.density()),
                p.networkEffects().stream().map(e -> new NetworkEffect(e.series(), e.covariate(), r(e.coefficient()), r(e.tStatistic()), r(e.rmseWithout()),
                        r(e.rmseWith()), e.origins(), e.used())).toList());
    }

    /** The answer as the SPI carries it today (a map); one line to drop when the SPI is typed. */
    Map<String, Object> toMap() {
        return Answers.toMap(this);
    }

    static double r(double v) {
        return Double.isFinite(v) ? Math.round(v * 10_000) / 10_000.0 : 0.0;
    }
}
