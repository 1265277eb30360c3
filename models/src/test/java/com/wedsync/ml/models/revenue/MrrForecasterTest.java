package com.wedsync.ml.models.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import com.wedsync.ml.models.revenue.MrrForecaster.Backtest;
import com.wedsync.ml.models.revenue.MrrForecaster.BacktestPoint;
import com.wedsync.ml.models.revenue.MrrForecaster.Driver;
import com.wedsync.ml.models.revenue.MrrForecaster.Fit;
import com.wedsync.ml.models.revenue.MrrForecaster.Forecast;
import com.wedsync.ml.models.revenue.MrrForecaster.MonthForecast;
import com.wedsync.ml.models.revenue.MrrForecaster.Parameters;
import org.junit.jupiter.api.Test;

/**
 * The MRR forecaster on synthetic histories drawn from a known process: new business (viral, paid,
 * organic) following the spec's wedding seasonality times a monthly growth, plus Gaussian noise;
 * expansion, contraction, churn and reactivation proportional to the MRR; MRR the running sum of nets.
 */
class MrrForecasterTest {

    static final YearMonth START = YearMonth.of(2021, 1);
    /** Monthly new business per stream at the start (viral, paid, organic) before seasonality. */
    static final double[] NEW_BASE = {1500, 2000, 1500};

    /**
     * @param growth   monthly growth of new business (0.02 = 2%)
     * @param noise    relative Gaussian noise sd of every stream
     */
    static List<MonthlyRevenue> history(int months, double growth, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double mean = java.util.Arrays.stream(MrrForecaster.SPEC_SEASONALITY).average().orElseThrow();
        double mrr = 100_000;
        List<MonthlyRevenue> out = new ArrayList<>();
        for (int t = 0; t < months; t++) {
            YearMonth m = START.plusMonths(t);
            double season = MrrForecaster.SPEC_SEASONALITY[m.getMonthValue() - 1] / mean;
            double[] s = new double[7];
            for (int j = 0; j < 3; j++) {
                s[j] = Math.max(0, NEW_BASE[j] * season * Math.pow(1 + growth, t) * (1 + noise * r.nextGaussian()));
            }
            s[3] = Math.max(0, 0.010 * mrr * (1 + noise * r.nextGaussian()));   // expansion
            s[4] = -Math.max(0, 0.004 * mrr * (1 + noise * r.nextGaussian()));  // contraction
            s[5] = -Math.max(0, 0.025 * mrr * (1 + noise * r.nextGaussian()));  // churn
            s[6] = Math.max(0, 0.002 * mrr * (1 + noise * r.nextGaussian()));   // reactivation
            double net = 0;
            for (double v : s) {
                net += v;
            }
            mrr += net;
            out.add(new MonthlyRevenue(m, s, mrr));
        }
        return out;
    }

    static Parameters params(long seed) {
        return new Parameters(12, 0.9, 1000, seed);
    }

    static void assertFinite(double v, String what) {
        assertThat(Double.isFinite(v)).as("%s = %s is finite", what, v).isTrue();
    }

    @Test
    void nextMonthForecastIsWithinTenPercentAtEveryOriginAndTheEightyPercentBandCoversAboutEightyPercent() {
        List<MonthlyRevenue> h = history(48, 0.02, 0.10, 7);
        Backtest b = MrrForecaster.backtest(h, params(42), 24);
        assertThat(b.points()).hasSize(24);
        for (BacktestPoint p : b.points()) {
            assertThat(p.absolutePercentError()).as("APE at %s (forecast %.0f, actual %.0f)", p.month(), p.forecast(), p.actual())
                    .isLessThanOrEqualTo(0.10);
            // a band that does not bracket its own point forecast would be wrong whatever the data
            assertThat(p.p10()).as("p10 < p90 at %s", p.month()).isLessThan(p.p90());
        }
        System.out.printf("MRR backtest over %d origins: within 10%% = %.3f, coverage80 = %.3f, MAPE = %.4f%n",
                b.points().size(), b.withinShare(0.10), b.coverage80(), b.mape());
        assertThat(b.withinShare(0.10)).isEqualTo(1.0);
        assertThat(b.metrics()).containsEntry("within_10pct", 1.0).containsEntry("origins", 24.0);
        assertThat(b.coverage80()).as("coverage of the p10..p90 band over 24 origins").isBetween(0.6, 0.95);
        // the next-month error is small relative to MRR; it should also be small relative to the net movement
        assertThat(b.mape()).isLessThan(0.02);
    }

    @Test
    void aBacktestNeedsEnoughHistoryForItsOrigins() {
        List<MonthlyRevenue> h = history(30, 0.02, 0.1, 1);
        assertThatThrownBy(() -> MrrForecaster.backtest(h, params(1), 24))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24 origins");
        assertThatThrownBy(() -> MrrForecaster.backtest(h, params(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 origins");
    }

    @Test
    void theForecastIsDeterministicForASeedOrderedAndFinite() {
        List<MonthlyRevenue> h = history(48, 0.02, 0.10, 11);
        Fit fit = MrrForecaster.fit(h, params(42));
        Forecast a = MrrForecaster.forecast(fit, 12);
        Forecast b = MrrForecaster.forecast(fit, 12);
        assertThat(a).isEqualTo(b);
        // a refit gives the same too, and another seed a different Monte Carlo (so equality above is not vacuous)
        assertThat(MrrForecaster.forecast(MrrForecaster.fit(h, params(42)), 12)).isEqualTo(a);
        Forecast other = MrrForecaster.forecast(MrrForecaster.fit(h, params(43)), 12);
        assertThat(other.months().get(11).p10()).isNotEqualTo(a.months().get(11).p10());
        assertThat(other.months().get(11).baseline()).isEqualTo(a.months().get(11).baseline());

        assertThat(a.horizon()).isEqualTo(12);
        assertThat(a.lastActualMonth()).isEqualTo(h.get(47).month());
        assertThat(a.lastActualMrr()).isEqualTo(h.get(47).mrrEnd());
        assertThat(a.months()).hasSize(12);
        for (int i = 0; i < 12; i++) {
            MonthForecast m = a.months().get(i);
            assertThat(m.month()).isEqualTo(h.get(47).month().plusMonths(i + 1));
            for (double v : new double[] {m.baseline(), m.optimistic(), m.pessimistic(), m.p5(), m.p10(), m.p50(), m.p90(), m.p95()}) {
                assertFinite(v, m.month() + " value");
            }
            m.streams().forEach((k, v) -> assertFinite(v, m.month() + " " + k));
            assertThat(m.streams().keySet()).containsExactlyElementsOf(MrrForecaster.STREAMS);
            assertThat(m.p5()).as("p5 <= p10 at %s", m.month()).isLessThanOrEqualTo(m.p10());
            assertThat(m.p10()).as("p10 <= p50 at %s", m.month()).isLessThanOrEqualTo(m.p50());
            assertThat(m.p50()).as("p50 <= p90 at %s", m.month()).isLessThanOrEqualTo(m.p90());
            assertThat(m.p90()).as("p90 <= p95 at %s", m.month()).isLessThanOrEqualTo(m.p95());
            assertThat(m.pessimistic()).as("pessimistic <= baseline at %s", m.month()).isLessThanOrEqualTo(m.baseline());
            assertThat(m.baseline()).as("baseline <= optimistic at %s", m.month()).isLessThanOrEqualTo(m.optimistic());
            // the Monte Carlo median sits near the point forecast (same model, symmetric-ish residuals)
            assertThat(Math.abs(m.p50() - m.baseline()) / m.baseline()).as("median vs baseline at %s", m.month()).isLessThan(0.05);
            if (i > 0) {
                MonthForecast prev = a.months().get(i - 1);
                assertThat(m.p90() - m.p10()).as("band widens with the horizon at %s", m.month())
                        .isGreaterThanOrEqualTo(prev.p90() - prev.p10());
            }
        }
        assertFinite(a.confidence(), "confidence");
        assertThat(a.confidence()).isBetween(0.0, 1.0);
        for (Driver d : a.drivers()) {
            assertFinite(d.contribution(), "driver " + d.stream() + " contribution");
            assertFinite(d.share(), "driver " + d.stream() + " share");
        }
        assertThat(a.seasonality().keySet()).containsExactlyElementsOf(MrrForecaster.STREAMS);
    }

    @Test
    void weddingSeasonalityShowsInTheNewBusinessForecast() {
        // no trend, spec-seasonal new business, a little noise
        List<MonthlyRevenue> h = history(36, 0.0, 0.02, 5);
        Forecast f = MrrForecaster.forecast(MrrForecaster.fit(h, params(42)), 12);
        MonthForecast june = f.months().stream().filter(m -> m.month().getMonthValue() == 6).findFirst().orElseThrow();
        MonthForecast december = f.months().stream().filter(m -> m.month().getMonthValue() == 12).findFirst().orElseThrow();
        for (String s : List.of("new_viral", "new_paid", "new_organic")) {
            double jun = june.streams().get(s);
            double dec = december.streams().get(s);
            assertThat(jun).as("%s: June %.0f > December %.0f", s, jun, dec).isGreaterThan(dec);
            // and by roughly the spec's ratio 1.6 / 0.6, not by a hair
            assertThat(jun / dec).as("%s June/December ratio", s).isBetween(2.0, 3.3);
        }
        // the supplier-base streams carry no wedding seasonality of their own
        assertThat(f.seasonality().get("churn")).startsWith("flat prior");
        assertThat(f.seasonality().get("new_paid")).startsWith("spec prior");
    }

    @Test
    void theSpecPriorAloneGivesSeasonalityOnAShortHistory() {
        // 15 months: too short to re-estimate, so the new-business streams follow the spec's factors
        List<MonthlyRevenue> h = history(15, 0.0, 0.0, 5);
        Forecast f = MrrForecaster.forecast(MrrForecaster.fit(h, params(42)), 12);
        assertThat(f.seasonality().get("new_viral")).isEqualTo("spec prior");
        MonthForecast june = f.months().stream().filter(m -> m.month().getMonthValue() == 6).findFirst().orElseThrow();
        MonthForecast december = f.months().stream().filter(m -> m.month().getMonthValue() == 12).findFirst().orElseThrow();
        assertThat(june.streams().get("new_paid")).isGreaterThan(december.streams().get("new_paid"));
    }

    @Test
    void badHorizonsAreRefusedNamingTheHorizon() {
        Fit fit = MrrForecaster.fit(history(24, 0.02, 0.1, 3), params(1));
        for (int horizon : new int[] {0, -1, 1200, MrrForecaster.MAX_HORIZON + 1}) {
            assertThatThrownBy(() -> MrrForecaster.forecast(fit, horizon))
                    .as("horizon %d", horizon)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("horizon")
                    .hasMessageContaining("got " + horizon);
        }
        assertThat(MrrForecaster.forecast(fit, MrrForecaster.MAX_HORIZON).months()).hasSize(MrrForecaster.MAX_HORIZON);
    }

    @Test
    void aHistoryShorterThanASeasonIsRefused() {
        Parameters p = params(1);
        assertThat(p.minHistory()).isEqualTo(13);
        List<MonthlyRevenue> h = history(8, 0.02, 0.1, 3);
        assertThatThrownBy(() -> MrrForecaster.fit(h, p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 months")
                .hasMessageContaining("season")
                .hasMessageContaining("13");
        assertThat(MrrForecaster.fit(history(13, 0.02, 0.1, 3), p).historyMonths()).isEqualTo(13);
    }

    @Test
    void nonConsecutiveMonthsAreRefusedNamingTheMonths() {
        List<MonthlyRevenue> h = new ArrayList<>(history(24, 0.02, 0.1, 3));
        MonthlyRevenue removed = h.remove(10);
        assertThat(removed.month()).isEqualTo(YearMonth.of(2021, 11));
        assertThatThrownBy(() -> MrrForecaster.fit(h, params(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consecutive")
                .hasMessageContaining("2021-10")
                .hasMessageContaining("2021-12");
    }

    @Test
    void aNanStreamIsRefusedNamingTheStream() {
        double[] s = {1, 2, Double.NaN, 4, -1, -2, 1};
        assertThatThrownBy(() -> new MonthlyRevenue(YearMonth.of(2024, 3), s, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("new_organic")
                .hasMessageContaining("2024-03");
        assertThatThrownBy(() -> new MonthlyRevenue(YearMonth.of(2024, 3), new double[] {1, 2, 3}, 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 stream values");
        assertThatThrownBy(() -> new MonthlyRevenue(YearMonth.of(2024, 3), new double[] {1, 2, 3, 4, -1, -2, 1}, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MRR");
    }

    @Test
    void monthlyRevenueCopiesItsStreams() {
        double[] s = {1, 2, 3, 4, -1, -2, 1};
        MonthlyRevenue m = new MonthlyRevenue(YearMonth.of(2024, 3), s, 1000);
        s[0] = 1e9;
        assertThat(m.streams()[0]).isEqualTo(1.0);
        assertThat(m.net()).isEqualTo(8.0);
    }

    @Test
    void badParametersAreRefused() {
        assertThatThrownBy(() -> new Parameters(3, 0.9, 1000, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trend_months").hasMessageContaining("3");
        assertThatThrownBy(() -> new Parameters(12, 0.9, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("monte_carlo_paths").hasMessageContaining("10");
        assertThatThrownBy(() -> new Parameters(12, 0.0, 1000, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damping");
        assertThatThrownBy(() -> new Parameters(12, Double.NaN, 1000, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damping");
        assertThat(Parameters.defaults().minHistory()).isEqualTo(13);
        assertThat(new Parameters(24, 0.9, 100, 1).minHistory()).isEqualTo(24);
    }

    @Test
    void driversCoverEveryStreamSortedByContributionAndThereAreRecommendations() {
        Forecast f = MrrForecaster.forecast(MrrForecaster.fit(history(48, 0.02, 0.10, 13), params(42)), 12);
        List<Driver> d = f.drivers();
        assertThat(d).hasSize(7);
        assertThat(d).extracting(Driver::stream).containsExactlyInAnyOrderElementsOf(MrrForecaster.STREAMS);
        assertThat(d).isSortedAccordingTo(Comparator.comparingDouble((Driver x) -> Math.abs(x.contribution())).reversed());
        // contributions are the horizon's sums of the stream forecasts, signed like the stream
        for (Driver x : d) {
            double sum = f.months().stream().mapToDouble(m -> m.streams().get(x.stream())).sum();
            assertThat(x.contribution()).as(x.stream()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(sum))));
        }
        assertThat(d.stream().filter(x -> x.stream().equals("churn")).findFirst().orElseThrow().contribution()).isNegative();
        assertThat(d.stream().mapToDouble(Driver::share).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.recommendations()).isNotEmpty().allSatisfy(r -> assertThat(r).isNotBlank());
        // the horizon crosses November and December: the low season is named
        assertThat(f.recommendations()).anySatisfy(r -> assertThat(r).contains("Low wedding season"));
    }
}
