package com.wedsync.ml.models.drift;

/**
 * The asymptotic two-sided two-sample KS p-value, computed as SciPy's {@code ks_2samp(method='asymp')} computes it
 * and without the cancellation of {@code 1 - cdf}, so that it keeps falling with D down to the smallest doubles.
 *
 * <p>What SciPy computes (read in SciPy 1.17.1, {@code scipy/stats/_stats_py.py}, the {@code mode == 'asymp'}
 * branch of {@code ks_2samp}): {@code kstwo.sf(D, np.round(en))}, {@code en = n·m/(n+m)} — the survival function of
 * the <em>one-sample</em> two-sided KS statistic at the finite size round(en) (NumPy rounds half to even), not the
 * limit of Kolmogorov's distribution, {@code kstwobign.sf(sqrt(en)·D)} = 2 &Sigma;<sub>k&ge;1</sub>
 * (-1)<sup>k-1</sup> e<sup>-2k²en·D²</sup>, that older SciPy used. The two are not interchangeable in the tail: at
 * p = 10<sup>-306</sup> (en·D² = 352) the finite-size value is 12% below the limit at en = 500,000 (10<sup>6</sup>
 * rows each) and a factor 10 below it at en = 25,000. So this class follows {@code kstwo}, which is
 * {@code scipy/stats/_ksstats.py::_kolmogn(n, x, cdf=False)} after Simard &amp; L'Ecuyer (2011, "Computing the
 * two-sided Kolmogorov-Smirnov distribution", J. Stat. Softw. 39(11)), branch by branch:
 * <ul>
 * <li>D &le; 1/(2n): 1; D &le; 1/n: 1 - n!/n<sup>n</sup>(2nD-1)<sup>n</sup>; D &ge; 1 - 1/n: 2(1-D)<sup>n</sup>
 *     (Ruben &amp; Gambino);</li>
 * <li>the tail — D &ge; 1/2, or n·D² &ge; 2.2 (n &gt; 140), or n·D² &gt; 4 (n &le; 140) — as
 *     2·P(D<sub>n</sub><sup>+</sup> &ge; D), twice the one-sided Smirnov tail ({@link #smirnov}): Birnbaum &amp;
 *     Tingey's sum of positive terms, never a difference, so it reaches 10<sup>-300</sup> and below; for n &gt;
 *     10<sup>6</sup> Miller's e<sup>-(6nD+1)²/(18n)</sup>, as SciPy; and 0 where n·D² &ge; 370 (n &gt; 140), as
 *     SciPy (2·Smirnov is below 10<sup>-320</sup> there);</li>
 * <li>the body, p above about 0.02, where {@code 1 - cdf} costs nothing, as 1 - P(D<sub>n</sub> &lt; D): the cdf
 *     from Durbin's matrix as Marsaglia, Tsang &amp; Wang (2003, "Evaluating Kolmogorov's distribution", J. Stat.
 *     Softw. 8(18)) evaluate it ({@link #durbinCdf}) when n &le; 140, or n &le; 10,000 and n·D<sup>3/2</sup> &le;
 *     1.4, otherwise Pelz &amp; Good's (1976) expansion of it around Kolmogorov's limit in its Jacobi theta form
 *     ({@link #pelzGoodCdf}).</li>
 * </ul>
 *
 * <p>Where this differs from SciPy's code, and why:
 * <ul>
 * <li>SciPy takes Pomeranz's recursion for 0.754693 &lt; n·D² &le; 4 when n &le; 140; both it and the matrix are
 *     exact (they agree to 10<sup>-14</sup>), and the matrix is used for both here.</li>
 * <li>SciPy takes the matrix up to n = 100,000; beyond n = 10,000 it and Pelz-Good agree to 6·10<sup>-13</sup>
 *     where SciPy would take the matrix (p within 10<sup>-6</sup> of 1), and the matrix would cost tens of
 *     milliseconds, so Pelz-Good is used.</li>
 * <li>SciPy adds the Smirnov sum term by term, up to n·(1-D) terms in double-double arithmetic (a second per
 *     p-value at n = 500,000); here it is added term by term in logarithms up to n = {@value #QUADRATURE_MIN_N}
 *     and integrated above ({@link #logSumByQuadrature}), the same sum to 10<sup>-9</sup>, in well under a
 *     millisecond.</li>
 * <li>Monotonicity: where SciPy switches formula its value jumps. At n·D² = 2.2 it steps <em>up</em> by about
 *     1.8·10<sup>-6</sup> relative (2.4·10<sup>-6</sup> beyond n = 10<sup>6</sup>), since 2·Smirnov leaves out the
 *     chance of crossing both bounds, about e<sup>-8nD²</sup>; at n·D<sup>3/2</sup> = 1.4 (matrix to Pelz-Good) by
 *     up to 3·10<sup>-6</sup> for n near 140. Over the last {@value #BLEND} (relative, in n·D² or
 *     n·D<sup>3/2</sup>) before each switch the p-value therefore moves linearly from the lower formula's value to
 *     the upper one's: it falls strictly through the switch, and differs from SciPy only inside those bands, by at
 *     most SciPy's own step there.</li>
 * </ul>
 * Measured against SciPy 1.17.1 ({@code models/src/test/resources/drift/ks_pvalues.csv}, from
 * {@code ops/drift/ks_pvalue_fixtures.py}) the largest relative difference is below 10<sup>-11</sup>.
 */
final class KolmogorovPValue {

    /** Relative width, in n·D² or n·D<sup>3/2</sup>, of the bands before SciPy's switch points. */
    static final double BLEND = 1e-4;

    private static final double EPS = Math.ulp(1.0);
    /** Cephes' MINLOG: log of the smallest subnormal, below which SciPy's Smirnov returns 0. */
    private static final double MIN_LOG = -7.451332191019412076235E2;
    private static final int SMIRNOV_MAX_COMPUTE_N = 1_000_000;
    /** Above this n the Smirnov sum is integrated rather than added term by term. */
    static final int QUADRATURE_MIN_N = 20_000;
    /** Above this n (SciPy: 100,000) the body of the distribution comes from Pelz-Good only; they agree there to 6e-13. */
    static final int MATRIX_MAX_N = 10_000;
    private static final double PI2 = Math.PI * Math.PI;
    private static final double PI4 = PI2 * PI2;
    private static final double PI6 = PI4 * PI2;
    private static final double SQRT2PI = Math.sqrt(2 * Math.PI);
    private static final double SQRT3 = Math.sqrt(3);
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double TWO_128 = 0x1p128;
    private static final double TWO_M128 = 0x1p-128;
    /** B_2j / (2j (2j-1)) for j = 8 .. 1, SciPy's {@code _STIRLING_COEFFS}. */
    private static final double[] STIRLING = {-2.955065359477124183e-2, 6.4102564102564102564e-3,
        -1.9175269175269175269e-3, 8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
        -2.7777777777777777778e-3, 8.3333333333333333333e-2};

    private KolmogorovPValue() {
    }

    /**
     * P(D &ge; d) for two samples of sizes n and m: the one-sample distribution at the effective size
     * round(n·m/(n+m)), rounded half to even like NumPy.
     */
    static double twoSample(double d, int n, int m) {
        double big = Math.max(n, m);
        double small = Math.min(n, m);
        return survival(d, (int) Math.rint(big * small / (big + small)));
    }

    /** P(D<sub>n</sub> &ge; x) for the two-sided one-sample statistic: SciPy's {@code kstwo.sf(x, n)}. */
    static double survival(double x, int n) {
        if (Double.isNaN(x) || n <= 0) {
            return Double.NaN;
        }
        if (x >= 1) {
            return 0;
        }
        if (x <= 0) {
            return 1;
        }
        double t = n * x;
        if (t <= 1) {
            if (t <= 0.5) {
                return 1;
            }
            double cdf;
            if (n <= 140) {
                cdf = 1;
                for (int i = 1; i <= n; i++) {
                    cdf *= i * (1.0 / n) * (2 * t - 1);
                }
            } else {
                cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
            }
            return clip(1 - cdf);
        }
        if (t >= n - 1) {
            return clip(2 * Math.pow(1 - x, n));
        }
        if (x >= 0.5) {
            return clip(2 * smirnov(n, x));
        }
        double u = t * x;
        if (n <= 140) {
            if (u > 4) {
                return clip(2 * smirnov(n, x));
            }
            double body = 1 - durbinCdf(n, x);
            double from = 4 * (1 - BLEND);
            return clip(u > from ? blend(body, 2 * smirnov(n, x), (u - from) / (4 - from)) : body);
        }
        if (u >= 370) {
            // SciPy's cut-off: 2·Smirnov is below 1e-320 here
            return 0;
        }
        if (u >= 2.2) {
            return clip(2 * smirnov(n, x));
        }
        double body = body(n, x);
        double from = 2.2 * (1 - BLEND);
        return clip(u >= from ? blend(body, 2 * smirnov(n, x), (u - from) / (2.2 - from)) : body);
    }

    /**
     * 1 - cdf for n &gt; 140 and n·D² &lt; 2.2: the matrix while n &le; {@value #MATRIX_MAX_N} (SciPy: 100,000) and
     * n·x^1.5 &le; 1.4, Pelz-Good otherwise, blended before the switch.
     */
    private static double body(int n, double x) {
        if (n > MATRIX_MAX_N) {
            return 1 - pelzGoodCdf(n, x);
        }
        double s = n * Math.pow(x, 1.5);
        if (s > 1.4) {
            return 1 - pelzGoodCdf(n, x);
        }
        double exact = 1 - durbinCdf(n, x);
        double from = 1.4 * (1 - BLEND);
        return s > from ? blend(exact, 1 - pelzGoodCdf(n, x), (s - from) / (1.4 - from)) : exact;
    }

    private static double blend(double lower, double upper, double w) {
        return lower + (upper - lower) * w;
    }

    private static double clip(double p) {
        return Math.max(0, Math.min(1, p));
    }

    /** log(n!/n^n) by Stirling's series with n·log n taken out, as SciPy's {@code _log_nfactorial_div_n_pow_n}. */
    private static double logFactorialOverPower(int n) {
        double rn = 1.0 / n;
        double y = rn / n;
        double poly = 0;
        for (double c : STIRLING) {
            poly = poly * y + c;
        }
        return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
    }

    /**
     * P(D<sub>n</sub><sup>+</sup> &ge; x), the one-sided Smirnov tail (SciPy's {@code scipy.special.smirnov}, with its
     * special cases): x &Sigma;<sub>v=0</sub><sup>n-&lfloor;nx&rfloor;-1</sup> A<sub>v</sub>, A<sub>v</sub> = C(n,v)
     * (x+v/n)<sup>v-1</sup> (1-x-v/n)<sup>n-v</sup> (Birnbaum &amp; Tingey 1951), a sum of positive terms, never a
     * difference. Up to {@value #QUADRATURE_MIN_N} term by term ({@link #logSumByTerms}); above, by quadrature
     * ({@link #logSumByQuadrature}), which needs a few hundred terms' work instead of a few hundred thousand.
     */
    static double smirnov(int n, double x) {
        if (!(n > 0 && x >= 0 && x <= 1)) {
            return Double.NaN;
        }
        if (n == 1) {
            return 1 - x;
        }
        if (x == 0) {
            return 1;
        }
        if (x == 1) {
            return 0;
        }
        // floor(n·x) and its remainder from the exact product (SciPy: double-double)
        double nxHi = n * x;
        double nxLo = Math.fma(n, x, -nxHi);
        double floor = Math.floor(nxHi);
        double alpha = (nxHi - floor) + nxLo;
        if (alpha < 0) {
            floor -= 1;
            alpha += 1;
        } else if (alpha >= 1) {
            floor += 1;
            alpha -= 1;
        }
        int nxfl = (int) floor;
        if (nxfl == 0 || (nxfl == 1 && alpha == 0)) {
            return 1 - x * Math.pow(1 + x, n - 1);
        }
        if (-2 * n * x * x < MIN_LOG) {
            return 0;
        }
        if (nxfl >= n - 1) {
            return Math.pow(1 - x, n);
        }
        if (n > SMIRNOV_MAX_COMPUTE_N) {
            double logp = -Math.pow(6.0 * n * x + 1, 2) / 18.0 / n;
            return logp < -Math.log(2) ? Math.exp(logp) : 1 + Math.expm1(logp);
        }
        double logSum = n > QUADRATURE_MIN_N ? logSumByQuadrature(n, x) : Double.NaN;
        if (Double.isNaN(logSum)) {
            logSum = logSumByTerms(n, x, n - nxfl);
        }
        return Math.exp(Math.log(x) + logSum);
    }

    /**
     * log &Sigma; A<sub>v</sub> over v = 0 .. terms-1, term by term as SciPy sums it (a log-sum-exp here, double-double
     * there; each term is good to about 10<sup>-10</sup> relative in doubles), stopping where SciPy stops: when the
     * terms left, none larger than this one, cannot move the sum by an ulp.
     */
    static double logSumByTerms(int n, double x, int terms) {
        double top = n * Math.log1p(-x) - Math.log(x);               // v = 0: (1-x)^n / x
        double scaled = 1;                                           // the sum is scaled * e^top
        double logBinomial = 0;
        double compensation = 0;
        for (int v = 1; v < terms; v++) {
            // log C(n, v) = log C(n, v-1) + log((n-v+1)/v), Kahan-summed
            double step = Math.log((double) (n - v + 1) / v) - compensation;
            double next = logBinomial + step;
            compensation = (next - logBinomial) - step;
            logBinomial = next;
            double below = (double) (n - v) / n - x;                 // 1 - x - v/n
            double above = (double) v / n + x;                       // x + v/n
            if (!(below > 0)) {
                if (v > n / 2) {
                    break;
                }
                continue;
            }
            double logTerm = logBinomial + (v - 1) * Math.log(above) + (n - v) * Math.log(below);
            double relative = 1;                                     // this term / e^top
            if (logTerm > top) {
                scaled = scaled * Math.exp(top - logTerm) + 1;
                top = logTerm;
            } else {
                relative = Math.exp(logTerm - top);
                scaled += relative;
            }
            if (v != terms - 1 && 4.0 * (terms - v) * relative < EPS * scaled) {
                break;
            }
        }
        return top + Math.log(scaled);
    }

    /**
     * The same log &Sigma; A<sub>v</sub> as the integral of A(v), the terms continued to real v through the Gamma
     * function, by the trapezoidal rule with halving steps. For large n the terms form one smooth bump, thousands of
     * terms wide and negligible at both ends, and for such a function the sum over the integers equals the integral
     * (Poisson summation: the difference is of order e<sup>-2&pi;d</sup>, d the distance from where A is not
     * negligible to A's singularities, the branch points v = -nx and n(1-x) of its powers — the Gamma quotient
     * C(n, v) is entire — hundreds of terms or more here) and the trapezoidal rule converges geometrically once its
     * step is below the bump's width (Trefethen &amp; Weideman 2014, "The exponentially convergent trapezoidal rule",
     * SIAM Review 56(3)). NaN, for the caller to sum term by term, when the bump is not negligible (e<sup>-40</sup>
     * of its top) at the ends of the range [10, n - nx - 10] where the Stirling series below is exact to rounding,
     * or when the rule has not converged by a step of 1.
     */
    static double logSumByQuadrature(int n, double x) {
        double lo = 10;
        double hi = n - n * x - 10;
        if (!(hi - lo > 1000)) {
            return Double.NaN;
        }
        int intervals = 256;
        double h = (hi - lo) / intervals;
        double[] first = new double[intervals + 1];
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= intervals; i++) {
            first[i] = logTerm(n, x, lo + i * h);
            top = Math.max(top, first[i]);
        }
        if (first[0] > top - 40 || first[intervals] > top - 40) {
            return Double.NaN;
        }
        double sum = 0;                                              // in units of e^top
        for (double l : first) {
            sum += Math.exp(l - top);
        }
        double trapezoid = h * sum;
        while (h >= 2) {
            double midpoints = 0;
            for (int i = 0; i < intervals; i++) {
                midpoints += Math.exp(logTerm(n, x, lo + (i + 0.5) * h) - top);
            }
            intervals *= 2;
            h /= 2;
            double finer = trapezoid / 2 + h * midpoints;
            if (Math.abs(finer - trapezoid) <= 1e-13 * finer) {
                return top + Math.log(finer);
            }
            trapezoid = finer;
        }
        return Double.NaN;
    }

    /**
     * log A(v) for real v in [10, n - nx - 10]: with t = nx and w = n - v, Stirling's series for the three
     * log-Gammas of C(n, v) folded into the powers, v·log1p(t/v) + w·log1p(-t/w) - log(x + v/n) + log(n/(2&pi;vw))/2
     * + s(n) - s(v) - s(w), s(z) = 1/(12z) - 1/(360z³) + 1/(1260z⁵) - 1/(1680z⁷), whose error at z &ge; 10 is
     * below 10<sup>-11</sup> — no large logarithms are subtracted.
     */
    static double logTerm(int n, double x, double v) {
        double t = n * x;
        double w = n - v;
        return v * Math.log1p(t / v) + w * Math.log1p(-t / w) - Math.log(x + v / n) + 0.5 * Math.log(n / (v * w))
                - 0.5 * LOG_2PI + stirling(n) - stirling(v) - stirling(w);
    }

    private static double stirling(double z) {
        double r = 1 / z;
        double r2 = r * r;
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 / 1680)));
    }

    /**
     * P(D<sub>n</sub> &lt; d) by Durbin's matrix: the (k,k) element of H<sup>n</sup> times n!/n<sup>n</sup>, with
     * d = (k-h)/n, H of order 2k-1, powers by squaring, scaled by 2<sup>&plusmn;128</sup> to stay in range
     * (Marsaglia, Tsang &amp; Wang 2003; SciPy's {@code _kolmogn_DMTW}). O(k³ log n); used only where k is small.
     */
    static double durbinCdf(int n, double d) {
        if (d >= 1) {
            return 1;
        }
        double nd = n * d;
        if (nd <= 0.5) {
            return 0;
        }
        int k = (int) Math.ceil(nd);
        double h = k - nd;
        int m = 2 * k - 1;
        double[] v = new double[m];
        double[] w = new double[m];
        double fac = 1;
        for (int j = 1; j <= m; j++) {
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] = (1 - Math.pow(h, j)) * fac;
        }
        double tt = Math.pow(Math.max(2 * h - 1, 0), m) - 2 * Math.pow(h, m);
        v[m - 1] = (1 + tt) * fac;
        double[][] hm = new double[m][m];
        for (int i = 1; i < m; i++) {
            for (int r = i - 1; r < m; r++) {
                hm[r][i] = w[r - i + 1];
            }
        }
        for (int r = 0; r < m; r++) {
            hm[r][0] = v[r];
            hm[m - 1][r] = v[m - 1 - r];
        }
        double[][] power = new double[m][m];
        for (int i = 0; i < m; i++) {
            power[i][i] = 1;
        }
        long exponent = 0;
        long hExponent = 0;
        for (int nn = n; nn > 0; nn /= 2) {
            if (nn % 2 == 1) {
                power = multiply(power, hm);
                exponent += hExponent;
                if (Math.abs(power[k - 1][k - 1]) > TWO_128) {
                    scale(power, TWO_M128);
                    exponent += 128;
                }
            }
            if (nn > 1) {
                hm = multiply(hm, hm);
                hExponent *= 2;
                if (Math.abs(hm[k - 1][k - 1]) > TWO_128) {
                    scale(hm, TWO_M128);
                    hExponent += 128;
                }
            }
        }
        double p = power[k - 1][k - 1];
        for (int i = 1; i <= n; i++) {
            p = i * p / n;
            if (Math.abs(p) < TWO_M128) {
                p *= TWO_128;
                exponent -= 128;
            }
        }
        return clip(Math.scalb(p, (int) Math.max(-4096, Math.min(4096, exponent))));
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        double[][] c = new double[m][m];
        for (int i = 0; i < m; i++) {
            double[] ci = c[i];
            for (int l = 0; l < m; l++) {
                double ail = a[i][l];
                if (ail == 0) {
                    continue;
                }
                double[] bl = b[l];
                for (int j = 0; j < m; j++) {
                    ci[j] += ail * bl[j];
                }
            }
        }
        return c;
    }

    private static void scale(double[][] a, double factor) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
    }

    /**
     * Pelz &amp; Good's (1976) approximation of P(D<sub>n</sub> &le; x): Li-Chien's and Korolyuk's expansion
     * K0(z) + K1(z)/sqrt(n) + K2(z)/n + K3(z)/n<sup>3/2</sup>, z = sqrt(n)·x, with each K rewritten through the
     * Jacobi theta transformation into sums that converge fast for small z; K0 is Kolmogorov's limiting distribution,
     * sqrt(2&pi;)/z &Sigma;<sub>k&ge;1</sub> e<sup>-(2k-1)²&pi;²/(8z²)</sup>. A transcription of SciPy's
     * {@code _kolmogn_PelzGood}.
     */
    static double pelzGoodCdf(int n, double x) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double z = Math.sqrt(n) * x;
        double z2 = z * z;
        double z3 = z2 * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double qlog = -PI2 / 8 / z2;
        if (qlog < -708) {
            return 0;
        }
        double q = Math.exp(qlog);
        double k1a = -z2;
        double k1b = PI2 / 4;
        double k2a = 6 * z6 + 2 * z4;
        double k2b = (2 * z4 - 5 * z2) * PI2 / 4;
        double k2c = PI4 * (1 - 2 * z2) / 16;
        double k3d = PI6 * (5 - 30 * z2) / 64;
        double k3c = PI4 * (-60 * z2 + 212 * z4) / 16;
        double k3b = PI2 * (135 * z4 - 96 * z6) / 4;
        double k3a = -30 * z6 - 90 * Math.pow(z, 8);
        double[] k = new double[4];
        int maxk = (int) Math.ceil(16 * z / Math.PI);
        for (int j = maxk; j >= 1; j--) {
            double odd = 2 * j - 1;
            double m2 = odd * odd;
            double m4 = m2 * m2;
            double m6 = m4 * m2;
            double qpower = Math.pow(q, 8 * j);
            k[0] = k[0] * qpower + 1;
            k[1] = k[1] * qpower + (k1a + k1b * m2);
            k[2] = k[2] * qpower + (k2a + k2b * m2 + k2c * m4);
            k[3] = k[3] * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
        }
        double[] divisor = {z, 6 * z4, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
        for (int i = 0; i < 4; i++) {
            k[i] = k[i] * q * SQRT2PI / divisor[i];
        }
        double qq = Math.exp(-PI2 / 2 / z2);
        double sqrt3z = SQRT3 * z;
        double k2extra = 0;
        double k3extra = 0;
        for (int j = maxk; j >= 1; j--) {
            double j2 = (double) j * j;
            double qpower = Math.pow(qq, j2);
            double jpi = Math.PI * j;
            k2extra += j2 * qpower;
            k3extra += (sqrt3z + jpi) * (sqrt3z - jpi) * j2 * qpower;
        }
        k[2] += k2extra * (PI2 * SQRT2PI / (-36 * z3));
        k[3] += k3extra * (PI2 * SQRT2PI / (216 * z6));
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += k[i] / Math.pow(n, i / 2.0);
        }
        return sum;
    }
}
