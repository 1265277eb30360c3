package com.wedsync.ml.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DeLongTest {

    /** The O(n^2) definitions of DeLong et al. (1988), written out, to check the fast computation against. */
    static double[] slow(double[] a, double[] b, int[] y) {
        int m = 0;
        for (int v : y) {
            m += v;
        }
        int n = y.length - m;
        double[][] s = {a, b};
        double[][] v10 = new double[2][m];
        double[][] v01 = new double[2][n];
        double[] auc = new double[2];
        for (int k = 0; k < 2; k++) {
            int pi = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i] != 1) continue;
                double sum = 0;
                for (int j = 0; j < y.length; j++) {
                    if (y[j] == 1) continue;
                    sum += s[k][i] > s[k][j] ? 1 : s[k][i] == s[k][j] ? 0.5 : 0;
                }
                v10[k][pi++] = sum / n;
            }
            int nj = 0;
            for (int j = 0; j < y.length; j++) {
                if (y[j] == 1) continue;
                double sum = 0;
                for (int i = 0; i < y.length; i++) {
                    if (y[i] != 1) continue;
                    sum += s[k][i] > s[k][j] ? 1 : s[k][i] == s[k][j] ? 0.5 : 0;
                }
                v01[k][nj++] = sum / m;
            }
            double t = 0;
            for (double v : v10[k]) t += v;
            auc[k] = t / m;
        }
        double var = (cov(v10[0], v10[0]) + cov(v10[1], v10[1]) - 2 * cov(v10[0], v10[1])) / m
                + (cov(v01[0], v01[0]) + cov(v01[1], v01[1]) - 2 * cov(v01[0], v01[1])) / n;
        return new double[] {auc[0], auc[1], (auc[0] - auc[1]) / Math.sqrt(var)};
    }

    static double cov(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.length; mb /= b.length;
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
        return s / (a.length - 1);
    }

    @Test
    void theFastAlgorithmAgreesWithTheDefinitionIncludingTies() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 300;
        double[] a = new double[n], b = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < 0.3 ? 1 : 0;
            a[i] = Math.round((y[i] * 0.8 + r.nextGaussian()) * 4) / 4.0;   // rounded: many ties
            b[i] = y[i] * 0.3 + r.nextGaussian();
        }
        DeLong.Result fast = DeLong.compare(a, b, y);
        double[] slow = slow(a, b, y);
        assertThat(fast.auc1()).isCloseTo(slow[0], within(1e-12));
        assertThat(fast.auc2()).isCloseTo(slow[1], within(1e-12));
        assertThat(fast.z()).isCloseTo(slow[2], within(1e-9));
        assertThat(fast.auc1()).isCloseTo(BinaryMetrics.auc(a, y), within(1e-12));
        assertThat(fast.pOneSided()).isLessThan(0.05);
    }

    @Test
    void aHandCheckableAuc() {
        // positives 0.9, 0.4; negatives 0.5, 0.1: 3 of 4 pairs ordered right
        assertThat(BinaryMetrics.auc(new double[] {0.9, 0.4, 0.5, 0.1}, new int[] {1, 1, 0, 0})).isEqualTo(0.75);
    }

    @Test
    void identicalScoresGiveNoEvidence() {
        double[] s = {0.1, 0.7, 0.3, 0.8, 0.2, 0.6};
        int[] y = {0, 1, 0, 1, 1, 0};
        DeLong.Result r = DeLong.compare(s, s.clone(), y);
        assertThat(r.pTwoSided()).isEqualTo(1.0);
    }
}
