package com.wedsync.ml.models.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics of probabilities {@code p} against outcomes {@code y} (0 or 1).
 *
 * @param ece expected calibration error over 10 equal-width probability bins: the bins' mean absolute
 *            gap between predicted probability and observed rate, weighted by their share of samples
 *            (Naeini, Cooper &amp; Hauskrecht 2015)
 */
public record BinaryMetrics(int n, int positives, double threshold, double accuracy, double precision, double recall,
                            double f1, double auc, double brier, double ece, double logLoss) {

    /**
     * The model health score of predictions measured on reality, in [0, 1]: {@code 0.5 AUC + 0.3 accuracy
     * + 0.2 (1 - min(1, 10 ECE))}, with an undefined AUC (one class only) counted as 0.5. The spec names a
     * health check without defining it; this weighs ranking most, then being right, then calibration (an
     * ECE of 0.1 or worse takes the whole calibration share). The spec's retraining threshold 0.7 is then
     * reached by, e.g., AUC 0.75 with accuracy 0.8 and ECE 0.05.
     */
    public double healthScore() {
        double a = Double.isNaN(auc) ? 0.5 : auc;
        return 0.5 * a + 0.3 * accuracy + 0.2 * (1 - Math.min(1, 10 * ece));
    }

    public static BinaryMetrics of(double[] p, int[] y, double threshold) {
        if (p.length != y.length) {
            throw new IllegalArgumentException(p.length + " probabilities for " + y.length + " outcomes");
        }
        if (p.length == 0) {
            throw new IllegalArgumentException("no samples to evaluate");
        }
        int tp = 0, fp = 0, tn = 0, fn = 0, pos = 0;
        double brier = 0, logLoss = 0;
        double[] binSum = new double[10];
        double[] binHits = new double[10];
        int[] binCount = new int[10];
        for (int i = 0; i < p.length; i++) {
            if (Double.isNaN(p[i]) || p[i] < 0 || p[i] > 1) {
                throw new IllegalArgumentException("probability " + i + " is " + p[i] + ", not in [0, 1]");
            }
            boolean predicted = p[i] >= threshold;
            boolean actual = y[i] == 1;
            pos += actual ? 1 : 0;
            if (predicted && actual) tp++;
            else if (predicted) fp++;
            else if (actual) fn++;
            else tn++;
            brier += (p[i] - y[i]) * (p[i] - y[i]);
            double q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
            logLoss -= actual ? Math.log(q) : Math.log(1 - q);
            int bin = Math.min(9, (int) (p[i] * 10));
            binSum[bin] += p[i];
            binHits[bin] += y[i];
            binCount[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < 10; b++) {
            if (binCount[b] > 0) {
                ece += binCount[b] / (double) p.length * Math.abs(binSum[b] / binCount[b] - binHits[b] / binCount[b]);
            }
        }
        double precision = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
        double recall = tp + fn == 0 ? 0 : tp / (double) (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new BinaryMetrics(p.length, pos, threshold, (tp + tn) / (double) p.length, precision, recall, f1,
                auc(p, y), brier / p.length, ece, logLoss / p.length);
    }

    /** Area under the ROC curve by the rank-sum (Mann-Whitney) statistic, ties counted half. NaN with one class. */
    public static double auc(double[] p, int[] y) {
        double[] ranks = DeLong.midranks(p);
        double sumPos = 0;
        long pos = 0;
        for (int i = 0; i < p.length; i++) {
            if (y[i] == 1) {
                sumPos += ranks[i];
                pos++;
            }
        }
        long neg = p.length - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (sumPos - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }

    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy);
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("f1", f1);
        m.put("auc", auc);
        m.put("brier", brier);
        m.put("ece", ece);
        m.put("log_loss", logLoss);
        m.put("n", (double) n);
        m.put("positive_rate", positives / (double) n);
        return m;
    }
}
