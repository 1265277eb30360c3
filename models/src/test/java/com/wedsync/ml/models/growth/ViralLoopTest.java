package com.wedsync.ml.models.growth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The viral forecast's network effect on histories whose true k is known: the supplier-to-couple side's k rises
 * with the network's depth (suppliers per couple at the previous month's end) or does not depend on it at all.
 */
class ViralLoopTest {

    static final MonthlySeries.Parameters P = new MonthlySeries.Parameters(12, 0.8);
    static final YearMonth FIRST = YearMonth.of(2023, 1);

    /** 36 months; s2c's k = 0.2 + effect x (suppliers per couple last month - 2) + a summer season + noise. */
    static List<ViralLoop.Month> history(double effect, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<ViralLoop.Month> out = new ArrayList<>();
        double spc = 2;
        double previous = spc;
        for (int t = 0; t < 36; t++) {
            // the network's depth wanders (a mean-reverting walk), so its changes carry information
            spc = Math.max(0.5, spc + 0.6 * (2 - spc) * 0.3 + 0.35 * r.nextGaussian());
            YearMonth m = FIRST.plusMonths(t);
            double season = 0.05 * Math.sin(2 * Math.PI * (m.getMonthValue() - 3) / 12.0);
            double kS2c = Math.max(0, 0.2 + effect * (previous - 2) + season + 0.01 * r.nextGaussian());
            double kC2s = Math.max(0, 0.3 + season + 0.01 * r.nextGaussian());
            double suppliers = 1000;
            double couples = 1000;
            out.add(new ViralLoop.Month(m, new ViralLoop.Side(suppliers * kS2c / 0.4, suppliers * kS2c, 5, suppliers),
                    new ViralLoop.Side(couples * kC2s / 0.5, couples * kC2s, 4, couples), suppliers, couples, spc * couples));
            previous = spc;
        }
        return out;
    }

    @Test
    void whenKFollowsTheNetworksDepthTheForecastUsesItAndErrsLess() {
        int used = 0;
        double without = 0;
        double with = 0;
        double coefficient = 0;
        for (long seed = 1; seed <= 50; seed++) {
            ViralLoop.Prediction p = ViralLoop.predict(history(0.1, seed), 30, P);
            ViralLoop.NetworkEffect s2c = p.networkEffects().stream().filter(e -> e.series().equals("s2c")).findFirst().orElseThrow();
            assertThat(s2c.covariate()).isEqualTo(ViralLoop.COVARIATE);
            assertThat(s2c.origins()).isEqualTo(12);
            used += s2c.used() ? 1 : 0;
            without += s2c.rmseWithout() * s2c.rmseWithout();
            with += s2c.rmseWith() * s2c.rmseWith();
            coefficient += s2c.coefficient() / 50;
        }
        // the covariate moves k by about 0.035 a month against a noise of 0.01: it should be used on nearly every history
        assertThat(used).isGreaterThanOrEqualTo(45);
        assertThat(Math.sqrt(with / without)).isLessThan(0.6);
        assertThat(coefficient).isBetween(0.08, 0.12);
    }

    @Test
    void aCovariateThatCarriesNothingIsMostlyLeftOutAndCostsLittleWhenItIsNot() {
        int used = 0;
        double chosen = 0;
        double base = 0;
        for (long seed = 100; seed < 300; seed++) {
            List<ViralLoop.Month> h = history(0, seed);
            ViralLoop.Prediction p = ViralLoop.predict(h.subList(0, 35), 30, P);
            ViralLoop.NetworkEffect s2c = p.networkEffects().stream().filter(e -> e.series().equals("s2c")).findFirst().orElseThrow();
            used += s2c.used() ? 1 : 0;
            double actual = h.get(35).s2c().k();
            double plain = MonthlySeries.fit(ViralLoop.series(h.subList(0, 35), m -> m.s2c().k()), FIRST, P).forecast(1).get(0).value();
            chosen += Math.pow(p.months().get(0).s2c().value() - actual, 2);
            base += Math.pow(plain - actual, 2);
        }
        // 200 histories with nothing to find: the coefficient passes |t| >= 2 about 5% of the time and then wins the
        // 12-origin comparison about half the time, so about 5 of 200 are expected; 20 is 6.7 standard deviations above
        // that (binomial, p = 0.025), and a selection without the significance test used it on 116 of these 200
        assertThat(used).isLessThan(20);
        assertThat(Math.sqrt(chosen / base)).isLessThan(1.05);
    }

    @Test
    void everySeriesOfTheLoopReportsItsNetworkEffect() {
        ViralLoop.Prediction p = ViralLoop.predict(history(0.1, 7), 60, P);
        assertThat(p.networkEffects()).extracting(ViralLoop.NetworkEffect::series).containsExactly("k", "s2c", "c2s");
        assertThat(p.networkEffects()).allSatisfy(e -> {
            assertThat(e.rmseWithout()).isFinite().isPositive();
            assertThat(e.rmseWith()).isFinite().isPositive();
        });
        // c2s does not depend on the network here: its coefficient is small next to s2c's
        double c2s = p.networkEffects().get(2).coefficient();
        assertThat(Math.abs(c2s)).isLessThan(0.03);
    }
}
