package com.wedsync.ml.models.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PairedAucTestTest {

    @Test
    void aClearlyBetterChallengerIsDetected() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 1000;
        double[] a = new double[n], b = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < 0.3 ? 1 : 0;
            double common = r.nextGaussian();
            a[i] = 0.3 * y[i] + common + r.nextGaussian();
            b[i] = 1.5 * y[i] + common + r.nextGaussian();
        }
        PairedAucTest.Result res = PairedAucTest.compare(a, b, y);
        assertThat(res.difference()).isEqualTo(res.aucB() - res.aucA()).isGreaterThan(0.1);
        assertThat(res.ciLower()).isPositive().isLessThan(res.difference());
        assertThat(res.ciUpper()).isGreaterThan(res.difference());
        assertThat(res.ciUpper() - res.difference()).isCloseTo(1.959964 * res.sd(), within(1e-6));
        assertThat(res.pTwoSided()).isLessThan(1e-6);
        assertThat(res.z()).isPositive();
    }

    @Test
    void identicalScoresGiveNoEvidenceAndNoNaN() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 200;
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
            s[i] = y[i] + r.nextGaussian();
        }
        PairedAucTest.Result res = PairedAucTest.compare(s, s.clone(), y);
        assertThat(res.difference()).isZero();
        assertThat(res.z()).isZero();
        assertThat(res.pTwoSided()).isEqualTo(1.0);
        assertThat(res.ciLower()).isZero();
        assertThat(res.ciUpper()).isZero();
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> PairedAucTest.compare(new double[0], new double[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PairedAucTest.compare(new double[3], new double[2], new int[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 and 2");
        assertThatThrownBy(() -> PairedAucTest.compare(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4}, new int[] {0, 1, 2, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 0 or 1");
        assertThatThrownBy(() -> PairedAucTest.compare(new double[] {1, 2, 3}, new double[] {1, 2, 3}, new int[] {0, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two positives and two negatives");
    }
}
