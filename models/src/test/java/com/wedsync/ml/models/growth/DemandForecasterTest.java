package com.wedsync.ml.models.growth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/**
 * The demand forecaster on Poisson enquiries drawn from known rates: a marketplace whose couples arrive with a
 * season of their own, each vendor type's enquiries that season times its pattern, split over regions. The
 * "caterer" has no spec pattern (its true pattern is the photographer's, as in the simulator), so its season
 * can only come from the data.
 */
class DemandForecasterTest {

    /** New couples' season, January first (winter engagements, a summer trough). */
    static final double[] COUPLES = {1.9, 1.4, 1.2, 1.0, 0.9, 0.8, 0.8, 0.8, 0.8, 0.9, 0.8, 0.5};
    static final double[] SHARES = {0.4, 0.25, 0.2, 0.1, 0.05};
    static final YearMonth FIRST = YearMonth.of(2023, 1);

    static double rate(String type, YearMonth m, double couplesPerMonth, int region) {
        double[] pattern = DemandForecaster.SPEC_PATTERNS.get("photographer");
        int moy = m.getMonthValue() - 1;
        double growth = Math.pow(1.01, m.getYear() * 12 + moy - (FIRST.getYear() * 12 + FIRST.getMonthValue() - 1));
        return couplesPerMonth * growth * COUPLES[moy] * 0.35 * pattern[moy] * SHARES[region];
    }

    static List<DemandForecaster.Series> marketplace(int months, double couplesPerMonth, long seed) {
        MersenneTwister rng = new MersenneTwister(seed);
        List<DemandForecaster.Series> out = new ArrayList<>();
        for (String type : List.of("photographer", "caterer")) {
            for (int r = 0; r < SHARES.length; r++) {
                double[] y = new double[months];
                for (int t = 0; t < months; t++) {
                    y[t] = new PoissonDistribution(rng, rate(type, FIRST.plusMonths(t), couplesPerMonth, r),
                            PoissonDistribution.DEFAULT_EPSILON, PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
                }
                out.add(new DemandForecaster.Series(type, "r" + r, FIRST, y, new double[months]));
            }
        }
        return out;
    }

    /** The true seasonal factors of a type (mean 1): couples' season times the pattern. */
    static double[] trueSeason() {
        double[] pattern = DemandForecaster.SPEC_PATTERNS.get("photographer");
        double[] f = new double[12];
        double mean = 0;
        for (int m = 0; m < 12; m++) {
            f[m] = COUPLES[m] * pattern[m];
            mean += f[m] / 12;
        }
        for (int m = 0; m < 12; m++) {
            f[m] /= mean;
        }
        return f;
    }

    static double maxError(double[] a, double[] b) {
        double e = 0;
        for (int m = 0; m < 12; m++) {
            e = Math.max(e, Math.abs(a[m] - b[m]));
        }
        return e;
    }

    @Test
    void aVendorTypeWithoutASpecPatternLearnsItsSeasonFromTheDataNotAFlatLine() {
        DemandForecaster.Fit fit = DemandForecaster.fit(marketplace(36, 2000, 1), DemandForecaster.Parameters.defaults());
        DemandForecaster.TypeFit caterer = fit.types().get("caterer");
        double[] truth = trueSeason();
        double[] flat = DemandForecaster.prior("caterer");
        assertThat(caterer.seasonality()).startsWith("marketplace season refined by 36 months");
        // the true factors run from about 0.4 (December) to 1.9 (January): a flat line is 0.6 to 0.9 off
        assertThat(maxError(flat, truth)).isGreaterThan(0.6);
        assertThat(maxError(caterer.seasonal(), truth)).isLessThan(0.15);
        // the photographer's spec pattern lacks the couples' season: the data correct it as well
        assertThat(maxError(fit.types().get("photographer").seasonal(), truth)).isLessThan(0.15);
    }

    @Test
    void withLessThanTwoYearsTheSeasonStillComesFromTheData() {
        // 20 months: no centred moving average covers a whole calendar year, the last 12 months' ratios do
        DemandForecaster.Fit fit = DemandForecaster.fit(marketplace(20, 2000, 2), DemandForecaster.Parameters.defaults());
        double[] truth = trueSeason();
        assertThat(fit.types().get("caterer").seasonality()).startsWith("marketplace season refined by 20 months");
        assertThat(maxError(fit.types().get("caterer").seasonal(), truth)).isLessThan(0.25);
        // December's forecast: a flat season would expect about 2.5 times the true rate there
        YearMonth december = fit.last().plusMonths(1);
        while (december.getMonthValue() != 12) {
            december = december.plusMonths(1);
        }
        int h = (int) fit.last().until(december, java.time.temporal.ChronoUnit.MONTHS);
        double expected = fit.expected(DemandForecaster.key("caterer", "r0"), h);
        assertThat(expected / rate("caterer", december, 2000, 0)).isBetween(0.7, 1.3);
    }

    @Test
    void aSeasonTheDataMeasureBadlyLeansOnItsPrior() {
        // 5 couples a month: a caterer gets about two enquiries a month over all regions, too few to see a season in
        DemandForecaster.Fit fit = DemandForecaster.fit(marketplace(36, 5, 3), DemandForecaster.Parameters.defaults());
        String how = fit.types().get("caterer").seasonality();
        int dataShare = Integer.parseInt(how.replaceAll(".*\\((\\d+)% data\\)", "$1"));
        assertThat(dataShare).isLessThan(50);
        // and no factor is driven to zero by months without an enquiry
        assertThat(java.util.Arrays.stream(fit.types().get("caterer").seasonal()).min().orElseThrow()).isGreaterThan(0.01);
    }

    @Test
    void theBacktestBeatsSeasonalNaiveAndTheEightyPercentIntervalCoversAboutEightyPercent() {
        List<DemandForecaster.BacktestPoint> all = new ArrayList<>();
        for (long seed = 10; seed < 20; seed++) {
            all.addAll(DemandForecaster.backtest(marketplace(36, 600, seed), DemandForecaster.Parameters.defaults(), 12));
        }
        // 10 marketplaces x 12 origins x 10 series = 1,200 points; the origins of a marketplace share their fit, so
        // the bound is the 0.7-0.9 of the definition's gate rather than a binomial one of 1,200 independent trials
        assertThat(all).hasSize(1200);
        java.util.Map<String, Double> m = DemandForecaster.metrics(all, List.of("photographer", "caterer"));
        assertThat(m.get("coverage_80")).isBetween(0.7, 0.9);
        assertThat(m.get("mape_1m")).isLessThan(0.85 * m.get("mape_seasonal_naive_1m"));
        assertThat(m.get("mape_1m_caterer")).isLessThan(0.85 * m.get("mape_seasonal_naive_1m_caterer"));
    }
}
