package com.wedsync.ml.models.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Compares a current window of features with a reference window.
 *
 * <p>KS: the statistic D = sup |F_ref - F_cur| is computed from the two sorted samples (evaluated after
 * each distinct value, so ties are handled exactly); the p-value is Commons Math's exact distribution of D
 * ({@link KolmogorovSmirnovTest#exactP}) when n·m &lt; 10,000, otherwise {@link KolmogorovPValue}: the one-sample
 * distribution at the effective size round(n·m/(n+m)), computed without {@code 1 - cdf}, so it keeps falling with D
 * down to 1e-300 — what SciPy's {@code ks_2samp} computes with {@code method='exact'} and {@code method='asymp'}.
 *
 * <p>PSI (Yurdakul 2018, "Statistical properties of population stability index"):
 * {@code sum_i (c_i - r_i) ln(c_i / r_i)} over bins cut at the reference's quantiles (duplicate cut points
 * merged, so tied data gives fewer, wider bins) or over categories (the union of both windows'); an empty
 * bin's proportion is replaced by the policy's epsilon.
 *
 * <p>Benjamini and Hochberg (1995) adjust the KS p-values across the tested features, controlling the
 * false discovery rate at the policy's level. A feature drifted when its adjusted p is below the level and its D
 * is material (at least the policy's {@code minKsStatistic}), or when its PSI is above the policy's: significance
 * alone says only that the windows are large.
 * How far it drifted is its effect size, not its p-value: drifted features are ranked, and the severity
 * set, by max(KS D, PSI) (ties by D, then PSI): with a million rows in each window a normal feature shifted
 * by 0.05 standard deviations already has p near 1e-173, and p = 0 says only that p is below the smallest
 * double.
 */
public final class DriftDetector {

    private static final KolmogorovSmirnovTest KS = new KolmogorovSmirnovTest();
    /** By effect size, never by p: max(D, PSI) capped at 1, then D, then PSI, largest first. */
    private static final Comparator<DriftReport.FeatureDrift> WORST_FIRST = Comparator.comparingDouble(DriftDetector::shift)
            .thenComparingDouble(f -> orZero(f.ksStatistic())).thenComparingDouble(f -> orZero(f.psi())).reversed();
    private final DriftPolicy policy;

    public DriftDetector(DriftPolicy policy) {
        this.policy = policy;
    }

    public DriftReport compare(Map<String, FeatureColumn> reference, Map<String, FeatureColumn> current) {
        List<String> names = new ArrayList<>(new TreeSet<>(reference.keySet()) {{ addAll(current.keySet()); }});
        List<DriftReport.FeatureDrift> results = new ArrayList<>(names.size());
        int threads = Math.max(1, Math.min(names.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<DriftReport.FeatureDrift>> futures = new ArrayList<>();
            for (String name : names) {
                futures.add(pool.submit(() -> feature(name, reference.get(name), current.get(name))));
            }
            for (Future<DriftReport.FeatureDrift> f : futures) {
                results.add(f.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("drift computation failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        return verdict(adjust(results));
    }

    private DriftReport.FeatureDrift feature(String name, FeatureColumn ref, FeatureColumn cur) {
        if (ref == null || cur == null) {
            return skipped(name, ref == null ? kind(cur) : kind(ref), 0, 0,
                    "missing from the " + (ref == null ? "reference" : "current") + " window");
        }
        if (ref instanceof FeatureColumn.Numeric r && cur instanceof FeatureColumn.Numeric c) {
            double[] a = SortedSample.of(r.values());
            double[] b = SortedSample.of(c.values());
            if (a.length < policy.minRows() || b.length < policy.minRows()) {
                return skipped(name, "numeric", a.length, b.length, "insufficient data: " + a.length + " reference and "
                        + b.length + " current values, at least " + policy.minRows() + " each needed");
            }
            if (a[0] == a[a.length - 1] && b[0] == b[b.length - 1]) {
                boolean same = a[0] == b[0];
                return new DriftReport.FeatureDrift(name, "numeric", same ? 0 : 1, same ? 1 : 0, Double.NaN,
                        same ? 0 : Double.NaN, a.length, b.length, same ? false : null,
                        same ? "constant in both windows" : "constant in both windows, at different values");
            }
            double d = ksStatistic(a, b);
            double p = pValue(d, a.length, b.length);
            return new DriftReport.FeatureDrift(name, "numeric", d, p, Double.NaN, psiNumeric(a, b), a.length, b.length,
                    null, null);
        }
        if (ref instanceof FeatureColumn.Categorical r && cur instanceof FeatureColumn.Categorical c) {
            String[] a = Arrays.stream(r.values()).filter(v -> v != null).toArray(String[]::new);
            String[] b = Arrays.stream(c.values()).filter(v -> v != null).toArray(String[]::new);
            if (a.length < policy.minRows() || b.length < policy.minRows()) {
                return skipped(name, "categorical", a.length, b.length, "insufficient data: " + a.length + " reference and "
                        + b.length + " current values, at least " + policy.minRows() + " each needed");
            }
            return new DriftReport.FeatureDrift(name, "categorical", Double.NaN, Double.NaN, Double.NaN, psiCategorical(a, b),
                    a.length, b.length, null, null);
        }
        return skipped(name, kind(ref), 0, 0, "numeric in one window and categorical in the other");
    }

    private static String kind(FeatureColumn c) {
        return c instanceof FeatureColumn.Categorical ? "categorical" : "numeric";
    }

    private static DriftReport.FeatureDrift skipped(String name, String kind, int n, int m, String note) {
        return new DriftReport.FeatureDrift(name, kind, Double.NaN, Double.NaN, Double.NaN, Double.NaN, n, m, null, note);
    }

    /** D = max |F_a(x) - F_b(x)| over the distinct values x of both sorted samples. */
    static double ksStatistic(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= x) {
                i++;
            }
            while (j < b.length && b[j] <= x) {
                j++;
            }
            d = Math.max(d, Math.abs(i / (double) a.length - j / (double) b.length));
        }
        return d;
    }

    /**
     * Commons Math's exact P(D &gt;= d) when n·m &lt; 10,000; otherwise SciPy's {@code method='asymp'}: the
     * one-sample distribution of D at the effective size round(n·m/(n+m)), {@link KolmogorovPValue#twoSample}.
     */
    static double pValue(double d, int n, int m) {
        if ((long) n * m < 10_000) {
            return KS.exactP(d, n, m, false);
        }
        return KolmogorovPValue.twoSample(d, n, m);
    }

    double psiNumeric(double[] sortedRef, double[] sortedCur) {
        TreeSet<Double> cuts = new TreeSet<>();
        for (int k = 1; k < policy.bins(); k++) {
            cuts.add(sortedRef[(int) Math.floor(k * (sortedRef.length - 1) / (double) policy.bins())]);
        }
        double[] edges = cuts.stream().mapToDouble(Double::doubleValue).toArray();
        return psi(counts(sortedRef, edges), sortedRef.length, counts(sortedCur, edges), sortedCur.length);
    }

    /** Counts per bin (-inf, e0], (e0, e1], ..., (e_last, inf) of a sorted sample, by binary search. */
    private static long[] counts(double[] sorted, double[] edges) {
        long[] c = new long[edges.length + 1];
        int previous = 0;
        for (int k = 0; k < edges.length; k++) {
            int upto = upperBound(sorted, edges[k]);
            c[k] = upto - previous;
            previous = upto;
        }
        c[edges.length] = sorted.length - previous;
        return c;
    }

    private static int upperBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    double psiCategorical(String[] ref, String[] cur) {
        Map<String, long[]> counts = new HashMap<>();
        for (String v : ref) {
            counts.computeIfAbsent(v, k -> new long[2])[0]++;
        }
        for (String v : cur) {
            counts.computeIfAbsent(v, k -> new long[2])[1]++;
        }
        long[] r = new long[counts.size()];
        long[] c = new long[counts.size()];
        int i = 0;
        for (long[] v : counts.values()) {
            r[i] = v[0];
            c[i++] = v[1];
        }
        return psi(r, ref.length, c, cur.length);
    }

    /** PSI = sum (c - r) ln(c / r) over bins of proportions, an empty bin's proportion set to epsilon. */
    double psi(long[] ref, long nRef, long[] cur, long nCur) {
        double psi = 0;
        for (int k = 0; k < ref.length; k++) {
            double r = Math.max(policy.epsilon(), ref[k] / (double) nRef);
            double c = Math.max(policy.epsilon(), cur[k] / (double) nCur);
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }

    /** Benjamini-Hochberg adjusted p-values: p_(i) m / i, made monotone from the largest down, capped at 1. */
    public static double[] benjaminiHochberg(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, p[i] * m / rank);
            adjusted[i] = Math.min(1, running);
        }
        return adjusted;
    }

    private List<DriftReport.FeatureDrift> adjust(List<DriftReport.FeatureDrift> results) {
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (!Double.isNaN(results.get(i).pValue()) && results.get(i).note() == null) {
                tested.add(i);
            }
        }
        double[] adjusted = benjaminiHochberg(tested.stream().mapToDouble(i -> results.get(i).pValue()).toArray());
        Map<Integer, Double> byIndex = new LinkedHashMap<>();
        for (int k = 0; k < tested.size(); k++) {
            byIndex.put(tested.get(k), adjusted[k]);
        }
        List<DriftReport.FeatureDrift> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            DriftReport.FeatureDrift f = results.get(i);
            if (f.note() != null) {
                out.add(f);
                continue;
            }
            double padj = byIndex.getOrDefault(i, Double.NaN);
            boolean significant = !Double.isNaN(padj) && padj < policy.pValue() && f.ksStatistic() >= policy.minKsStatistic();
            boolean drifted = significant || (!Double.isNaN(f.psi()) && f.psi() > policy.psi());
            out.add(new DriftReport.FeatureDrift(f.feature(), f.kind(), f.ksStatistic(), f.pValue(), padj, f.psi(),
                    f.referenceSize(), f.currentSize(), drifted, null));
        }
        return out;
    }

    private DriftReport verdict(List<DriftReport.FeatureDrift> features) {
        List<String> reasons = new ArrayList<>();
        List<DriftReport.FeatureDrift> testable = features.stream().filter(f -> f.drifted() != null).toList();
        features.stream().filter(f -> f.drifted() == null).forEach(f -> reasons.add(f.feature() + ": " + f.note()));
        if (testable.isEmpty()) {
            reasons.add(0, "no feature could be tested");
            return new DriftReport(DriftReport.Verdict.INSUFFICIENT_DATA, Double.NaN, "unknown", features, List.of(), reasons);
        }
        List<DriftReport.FeatureDrift> drifted = testable.stream().filter(DriftReport.FeatureDrift::drifted)
                .sorted(WORST_FIRST).toList();
        double severity = drifted.stream().mapToDouble(DriftDetector::shift).max().orElse(0);
        reasons.addAll(0, drifted.stream().map(f -> String.format("%s drifted: KS D %.3f (adjusted p %.2g), PSI %.3f",
                f.feature(), f.ksStatistic(), f.pAdjusted(), f.psi())).toList());
        return new DriftReport(drifted.isEmpty() ? DriftReport.Verdict.NO_DRIFT : DriftReport.Verdict.DRIFT, severity,
                DriftReport.label(severity), features, drifted.stream().map(DriftReport.FeatureDrift::feature).toList(), reasons);
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static double shift(DriftReport.FeatureDrift f) {
        double d = Double.isNaN(f.ksStatistic()) ? 0 : f.ksStatistic();
        double p = Double.isNaN(f.psi()) ? 0 : Math.min(1, f.psi());
        return Math.min(1, Math.max(d, p));
    }
}
