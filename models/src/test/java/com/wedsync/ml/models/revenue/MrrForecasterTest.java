package com.wedsync.ml.models.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MrrForecasterTest {

    /**
     * A marketplace whose new business follows the spec's seasonality and grows 2% a month, with churn
     * and contraction proportional to MRR and Gaussian noise on every stream.
     */
    static List<MonthlyRevenue> history(int months, long seed, double noise) {
        SplittableRandom r = new SplittableRandom(seed);
        List<MonthlyRevenue> out = new ArrayList<>();
        double mrr = 20_000;
        YearMonth m = YearMonth.of(2022, 1);
        for (int t = 0; t < months; t++, m = m.plusMonths(1)) {
            double season = MrrForecaster.SPEC_SEASONALITY[m.getMonthValue() - 1] / 1.2667;
            double base = 600 * Math.pow(1.02, t) * season;
            double[] s = {
                    base * 0.4 + noise * base * 0.4 * r.nextGaussian(),
                    base * 0.3 + noise * base * 0.3 * r.nextGaussian(),
                    base * 0.3 + noise * base * 0.3 * r.nextGaussian(),
                    mrr * 0.010 * (1 + noise * r.nextGaussian()),
                    -mrr * 0.008 * (1 + noise * r.nextGaussian()),
                    -mrr * 0.015 * (1 + noise * r.nextGaussian()),
                    mrr * 0.001 * (1 + noise * r.nextGaussian())};
            for (int k = 0; k < s.length; k++) {
                s[k] = MrrForecaster.SIGN[k] > 0 ? Math.max(0, s[k]) : Math.min(0, s[k]);
            }
            double net = 0;
            for (double v : s) {
                net += v;
            }
            mrr += net;
            out.add(new MonthlyRevenue(m, s, mrr));
        }
        return out;
    }

    @Test
    void backtestedNextMonthForecastsAreWithinTenPercentAndTheBandIsCalibrated() {
        MrrForecaster.Backtest b = MrrForecaster.backtest(history(60, 3, 0.25), MrrForecaster.Parameters.defaults(), 24);
        System.out.println("synthetic backtest " + b.metrics());
        assertThat(b.points()).hasSize(24);
        assertThat(b.withinShare(0.10)).isEqualTo(1.0);
        assertThat(b.coverage80()).as("80%% band coverage %s", b.coverage80()).isBetween(0.6, 0.95);
    }

    @Test
    void forecastsAreDeterministicOrderedAndFinite() {
        MrrForecaster.Fit fit = MrrForecaster.fit(history(40, 5, 0.2), MrrForecaster.Parameters.defaults());
        MrrForecaster.Forecast a = MrrForecaster.forecast(fit, 12);
        MrrForecaster.Forecast b = MrrForecaster.forecast(fit, 12);
        assertThat(a).isEqualTo(b);
        assertThat(a.months()).hasSize(12);
        for (MrrForecaster.MonthForecast m : a.months()) {
            double[] all = {m.baseline(), m.optimistic(), m.pessimistic(), m.p5(), m.p10(), m.p50(), m.p90(), m.p95()};
            for (double v : all) {
                assertThat(v).isFinite().isNotNegative();
            }
            assertThat(m.p5()).isLessThanOrEqualTo(m.p10());
            assertThat(m.p10()).isLessThanOrEqualTo(m.p50());
            assertThat(m.p50()).isLessThanOrEqualTo(m.p90());
            assertThat(m.p90()).isLessThanOrEqualTo(m.p95());
            assertThat(m.pessimistic()).isLessThanOrEqualTo(m.baseline());
            assertThat(m.baseline()).isLessThanOrEqualTo(m.optimistic());
        }
        assertThat(a.confidence()).isBetween(0.0, 1.0);
        assertThat(a.drivers()).hasSize(7);
        for (int i = 1; i < a.drivers().size(); i++) {
            assertThat(Math.abs(a.drivers().get(i - 1).contribution())).isGreaterThanOrEqualTo(Math.abs(a.drivers().get(i).contribution()));
        }
        assertThat(a.recommendations()).isNotEmpty();
        // the bands widen with the horizon
        assertThat(a.months().get(11).p90() - a.months().get(11).p10()).isGreaterThan(a.months().get(0).p90() - a.months().get(0).p10());
    }

    @Test
    void weddingSeasonShowsInTheNewBusinessForecast() {
        MrrForecaster.Fit fit = MrrForecaster.fit(history(36, 7, 0.05), MrrForecaster.Parameters.defaults());
        MrrForecaster.Forecast f = MrrForecaster.forecast(fit, 12);
        double june = 0;
        double december = 0;
        for (MrrForecaster.MonthForecast m : f.months()) {
            double nb = m.streams().get("new_viral") + m.streams().get("new_paid") + m.streams().get("new_organic");
            if (m.month().getMonthValue() == 6) {
                june = nb;
            } else if (m.month().getMonthValue() == 12) {
                december = nb;
            }
        }
        assertThat(june).isGreaterThan(1.8 * december);
    }

    @Test
    void badInputIsRefusedNamingTheProblem() {
        MrrForecaster.Fit fit = MrrForecaster.fit(history(30, 1, 0.1), MrrForecaster.Parameters.defaults());
        for (int h : new int[] {0, -1, 61, 1200}) {
            assertThatThrownBy(() -> MrrForecaster.forecast(fit, h)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("horizon must be 1 to 60 months, got " + h);
        }
        assertThatThrownBy(() -> MrrForecaster.fit(history(8, 1, 0.1), MrrForecaster.Parameters.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than a wedding season")
                .hasMessageContaining("8 months");
        List<MonthlyRevenue> gap = new ArrayList<>(history(20, 1, 0.1));
        gap.remove(10);
        assertThatThrownBy(() -> MrrForecaster.fit(gap, MrrForecaster.Parameters.defaults()))
                .hasMessageContaining("not consecutive").hasMessageContaining(gap.get(9).month().toString());
        assertThatThrownBy(() -> new MonthlyRevenue(YearMonth.of(2025, 1), new double[] {1, Double.NaN, 0, 0, 0, 0, 0}, 10))
                .hasMessageContaining("new_paid is NaN");
        assertThatThrownBy(() -> new MrrForecaster.Parameters(3, 0.9, 1000, 1)).hasMessageContaining("trend_months");
        assertThatThrownBy(() -> new MrrForecaster.Parameters(12, 0.9, 10, 1)).hasMessageContaining("monte_carlo_paths");
        assertThatThrownBy(() -> MrrForecaster.backtest(history(20, 1, 0.1), MrrForecaster.Parameters.defaults(), 12))
                .hasMessageContaining("needs 25 months of history, there are 20");
    }
}
