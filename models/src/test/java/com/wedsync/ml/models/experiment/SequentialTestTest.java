package com.wedsync.ml.models.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.wedsync.ml.models.experiment.SequentialTest.Boundary;
import com.wedsync.ml.models.experiment.SequentialTest.Decision;

class SequentialTestTest {

    private static final List<Double> FIVE_LOOKS = List.of(0.2, 0.4, 0.6, 0.8, 1.0);

    @Test
    void aSingleFinalLookIsTheFixedSampleTest() {
        Boundary b = new SequentialTest(0.05, 1000).boundaryAt(List.of(1.0));
        assertThat(b.z()).isCloseTo(1.959964, within(1e-5));
        assertThat(b.alphaSpent()).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void fiveEquallySpacedLooksGiveThePublishedOBrienFlemingTypeBoundaries() {
        // ldbounds::bounds(seq(0.2, 1, 0.2), iuse = 1, alpha = 0.05); gsDesign test.type = 2, sfLDOF, alpha 0.025
        double[] published = {4.8769, 3.3569, 2.6803, 2.2898, 2.0310};
        List<Boundary> b = new SequentialTest(0.05, 1000).boundaries(FIVE_LOOKS);
        System.out.println("five-look boundaries: " + b);
        for (int k = 0; k < 5; k++) {
            assertThat(b.get(k).z()).as("look %d", k + 1).isCloseTo(published[k], within(1e-3));
            assertThat(b.get(k).look()).isEqualTo(k + 1);
        }
        assertThat(b.get(4).alphaSpent()).isCloseTo(0.05, within(1e-12));
        assertThat(new SequentialTest(0.05, 1000).boundaryAt(FIVE_LOOKS.subList(0, 3)).z()).isEqualTo(b.get(2).z());
    }

    @Test
    void unequallySpacedLooksSpendTheirAlphaOnSimulatedBrownianMotion() {
        // independent of the numerical integration: Z_k = W(t_k)/sqrt(t_k) simulated directly
        List<Double> t = List.of(0.1, 0.35, 0.7, 1.0);
        SequentialTest test = new SequentialTest(0.05, 1000);
        List<Boundary> b = test.boundaries(t);
        SplittableRandom r = new SplittableRandom(11);
        int paths = 200_000;
        int[] firstCross = new int[t.size()];
        for (int p = 0; p < paths; p++) {
            double w = 0, prev = 0;
            for (int k = 0; k < t.size(); k++) {
                w += Math.sqrt(t.get(k) - prev) * r.nextGaussian();
                prev = t.get(k);
                if (Math.abs(w / Math.sqrt(t.get(k))) >= b.get(k).z()) {
                    firstCross[k]++;
                    break;
                }
            }
        }
        double cumulative = 0;
        for (int k = 0; k < t.size(); k++) {
            cumulative += (double) firstCross[k] / paths;
            double spent = b.get(k).alphaSpent();
            assertThat(spent).isCloseTo(test.alphaSpent(t.get(k)), within(1e-15));
            assertThat(cumulative).as("look %d", k + 1).isCloseTo(spent, within(4 * Math.sqrt(spent / paths) + 1e-5));
        }
    }

    @Test
    void decisions() {
        SequentialTest test = new SequentialTest(0.05, 1000);
        assertThat(test.decide(List.of(0.2), 3.0)).isEqualTo(Decision.CONTINUE);
        assertThat(test.decide(List.of(0.2), 5.0)).isEqualTo(Decision.EFFICACY_B);
        assertThat(test.decide(List.of(0.2), -5.0)).isEqualTo(Decision.HARM_B);
        assertThat(test.decide(List.of(0.5, 1.0), 1.0)).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(test.decide(List.of(0.5, 1.0), 2.5)).isEqualTo(Decision.EFFICACY_B);
        assertThat(test.informationFraction(250)).isEqualTo(0.25);
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> new SequentialTest(0, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new SequentialTest(1.5, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new SequentialTest(0.05, 0)).isInstanceOf(IllegalArgumentException.class);
        SequentialTest test = new SequentialTest(0.05, 10);
        assertThatThrownBy(() -> test.boundaryAt(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> test.boundaryAt(List.of(0.5, 0.5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("increase");
        assertThatThrownBy(() -> test.boundaryAt(List.of(0.5, 1.2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.2");
        assertThatThrownBy(() -> test.boundaryAt(List.of(0.0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> test.informationFraction(11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> test.decide(List.of(1.0), Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeAndTinyLooksStayFinite() {
        List<Boundary> b = new SequentialTest(0.05, 1000).boundaries(List.of(0.001, 0.5, 0.5001, 1.0));
        for (Boundary x : b) {
            assertThat(x.z()).isFinite().isBetween(0.0, SequentialTest.MAX_BOUNDARY);
        }
        assertThat(b.get(0).z()).isEqualTo(SequentialTest.MAX_BOUNDARY);
    }

    /** Runs experiments with true rates pA, pB and returns {share stopped by the sequential test, share crossing 1.96 naively, share EFFICACY_B}. */
    private static double[] simulate(double pA, double pB, int experiments, long seed) {
        int perArm = 2_000;
        int looks = 5;
        SequentialTest test = new SequentialTest(0.05, perArm);
        List<Boundary> bounds = test.boundaries(FIVE_LOOKS);
        SplittableRandom r = new SplittableRandom(seed);
        int sequential = 0, naive = 0, efficacy = 0;
        for (int e = 0; e < experiments; e++) {
            long xA = 0, xB = 0;
            boolean stopped = false, naiveCrossed = false;
            for (int k = 0; k < looks; k++) {
                for (int i = 0; i < perArm / looks; i++) {
                    xA += r.nextDouble() < pA ? 1 : 0;
                    xB += r.nextDouble() < pB ? 1 : 0;
                }
                long n = (long) perArm * (k + 1) / looks;
                double z = TwoProportionTest.compare(xA, n, xB, n).z();
                naiveCrossed |= Math.abs(z) >= 1.959964;
                if (!stopped) {
                    Decision d = SequentialTest.decide(bounds.get(k), z);
                    if (d == Decision.EFFICACY_B || d == Decision.HARM_B) {
                        stopped = true;
                        sequential++;
                        efficacy += d == Decision.EFFICACY_B ? 1 : 0;
                    }
                }
            }
            naive += naiveCrossed ? 1 : 0;
        }
        return new double[] {(double) sequential / experiments, (double) naive / experiments, (double) efficacy / experiments};
    }

    @Test
    void aaExperimentsCrossAtMostAlphaWhileNaivePeekingCrossesFarMoreOften() {
        double[] rates = simulate(0.10, 0.10, 1000, 42);
        System.out.printf("A/A false positive rate: sequential %.4f, naive 1.96 at every look %.4f%n", rates[0], rates[1]);
        assertThat(rates[0]).isLessThanOrEqualTo(0.05 + 3 * Math.sqrt(0.05 * 0.95 / 1000));
        assertThat(rates[1]).isGreaterThan(0.08);
    }

    @Test
    void aTrueLiftIsFoundInMostExperiments() {
        double[] rates = simulate(0.10, 0.13, 200, 7);
        System.out.printf("0.10 vs 0.13: EFFICACY_B in %.3f of experiments%n", rates[2]);
        assertThat(rates[2]).isGreaterThanOrEqualTo(0.70);
    }
}
