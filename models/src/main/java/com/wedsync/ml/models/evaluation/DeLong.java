package com.wedsync.ml.models.evaluation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * DeLong's test for two correlated ROC AUCs computed on the same samples (DeLong, DeLong &amp;
 * Clarke-Pearson 1988, "Comparing the areas under two or more correlated receiver operating
 * characteristic curves: a nonparametric approach", Biometrics 44), with the O(n log n) computation of
 * Sun &amp; Xu 2014 ("Fast implementation of DeLong's algorithm", IEEE Signal Processing Letters 21).
 */
public final class DeLong {

    private DeLong() {
    }

    /**
     * @param z          (auc1 - auc2) / sd of the difference
     * @param pOneSided  p-value of "model 1's AUC is greater than model 2's"
     * @param pTwoSided  p-value of "the AUCs differ"
     * @param sd         DeLong's standard deviation of auc1 - auc2 (0 when the estimated variance is not positive)
     */
    public record Result(double auc1, double auc2, double z, double pOneSided, double pTwoSided, double sd) {
    }

    public static Result compare(double[] scores1, double[] scores2, int[] y) {
        int m = 0;
        for (int v : y) {
            m += v == 1 ? 1 : 0;
        }
        int n = y.length - m;
        if (m < 2 || n < 2) {
            throw new IllegalArgumentException("DeLong's test needs at least two positives and two negatives (got "
                    + m + " and " + n + ")");
        }
        double[][] v10 = new double[2][m];
        double[][] v01 = new double[2][n];
        double[] auc = new double[2];
        double[][] scores = {scores1, scores2};
        for (int k = 0; k < 2; k++) {
            double[] pos = new double[m];
            double[] neg = new double[n];
            for (int i = 0, a = 0, b = 0; i < y.length; i++) {
                if (y[i] == 1) {
                    pos[a++] = scores[k][i];
                } else {
                    neg[b++] = scores[k][i];
                }
            }
            double[] tx = midranks(pos);
            double[] ty = midranks(neg);
            double[] all = new double[m + n];
            System.arraycopy(pos, 0, all, 0, m);
            System.arraycopy(neg, 0, all, m, n);
            double[] tz = midranks(all);
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += tz[i];
            }
            auc[k] = sum / m / n - (m + 1.0) / (2.0 * n);
            for (int i = 0; i < m; i++) {
                v10[k][i] = (tz[i] - tx[i]) / n;
            }
            for (int j = 0; j < n; j++) {
                v01[k][j] = 1.0 - (tz[m + j] - ty[j]) / m;
            }
        }
        double[][] s10 = covariance(v10);
        double[][] s01 = covariance(v01);
        double var = (s10[0][0] + s10[1][1] - 2 * s10[0][1]) / m + (s01[0][0] + s01[1][1] - 2 * s01[0][1]) / n;
        double diff = auc[0] - auc[1];
        NormalDistribution normal = new NormalDistribution();
        if (var <= 0) {
            double p = diff > 0 ? 0 : (diff < 0 ? 1 : 0.5);
            return new Result(auc[0], auc[1], diff == 0 ? 0 : Math.signum(diff) * Double.POSITIVE_INFINITY, p, diff == 0 ? 1 : 0, 0);
        }
        double z = diff / Math.sqrt(var);
        return new Result(auc[0], auc[1], z, 1 - normal.cumulativeProbability(z), 2 * (1 - normal.cumulativeProbability(Math.abs(z))),
                Math.sqrt(var));
    }

    private static double[][] covariance(double[][] v) {
        int n = v[0].length;
        double[] mean = {Arrays.stream(v[0]).average().orElse(0), Arrays.stream(v[1]).average().orElse(0)};
        double[][] c = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (v[a][i] - mean[a]) * (v[b][i] - mean[b]);
                }
                c[a][b] = s / (n - 1);
            }
        }
        return c;
    }

    /** Ranks from 1, ties given the mean of their ranks. */
    static double[] midranks(double[] x) {
        Integer[] order = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double[] ranks = new double[x.length];
        int i = 0;
        while (i < x.length) {
            int j = i;
            while (j < x.length && x[order[j]] == x[order[i]]) {
                j++;
            }
            double rank = 0.5 * (i + j - 1) + 1;
            for (int k = i; k < j; k++) {
                ranks[order[k]] = rank;
            }
            i = j;
        }
        return ranks;
    }
}
