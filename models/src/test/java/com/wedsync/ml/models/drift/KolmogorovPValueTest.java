package com.wedsync.ml.models.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class KolmogorovPValueTest {

    static final int MILLION = 1_000_000;

    @Test
    void atAMillionRowsEachPFallsStrictlyWithDUntilItIsBelow1e300AndIsZeroOnlyPastSciPysCutOff() {
        double previous = 1;
        double smallest = 1;
        double d = 1e-4;
        for (double p = 1; p > 0; d *= 1.002) {
            p = KolmogorovPValue.twoSample(d, MILLION, MILLION);
            assertThat(p).as("p at D = %s", d).isLessThanOrEqualTo(previous);
            if (p > 0 && previous < 1 - 1e-12) {
                // within a few ulps of 1 neighbouring values cannot differ; everywhere below they must
                assertThat(p).as("p at D = %s", d).isLessThan(previous);
            }
            if (p > 0) {
                smallest = p;
            }
            previous = p;
        }
        assertThat(smallest).isLessThan(1e-300);
        // the first 0 is past n·D² = 370 at the effective size 500,000, where SciPy's kstwo.sf returns 0
        double firstZero = d / 1.002;
        assertThat(500_000 * firstZero * firstZero).isGreaterThanOrEqualTo(370);
        assertThat(KolmogorovPValue.twoSample(0.05, MILLION, MILLION)).isZero();
        assertThat(KolmogorovPValue.twoSample(0.5, MILLION, MILLION)).isZero();
    }

    @Test
    void pFallsStrictlyThroughEachPointWhereSciPySwitchesFormula() {
        for (int n : new int[] {50, 141, 300, 5_000, 25_000, 500_000, 2_000_000}) {
            // n·D² = 2.2 (4 for n <= 140): from the body of the distribution to 2·Smirnov
            assertFallsStrictlyAround(n, n <= 140 ? 4 : 2.2, u -> Math.sqrt(u / n));
            if (n > 140 && n <= KolmogorovPValue.MATRIX_MAX_N) {
                // n·D^1.5 = 1.4: from Durbin's matrix to Pelz-Good
                assertFallsStrictlyAround(n, 1.4, s -> Math.pow(s / n, 2.0 / 3));
            }
        }
    }

    /**
     * From 3e-4 below the switch to 1e-4 above it in steps of 5e-6, and in steps of 1e-8 within 1e-6 of the blend's
     * start (1e-4 below) and of the switch itself, where SciPy's own value steps up.
     */
    private static void assertFallsStrictlyAround(int n, double edge, DoubleUnaryOperator d) {
        double[] offsets = DoubleStream.concat(IntStream.rangeClosed(-60, 20).mapToDouble(i -> i * 5e-6),
                IntStream.rangeClosed(-100, 100).boxed().flatMapToDouble(i -> DoubleStream.of(-1e-4 + i * 1e-8, i * 1e-8)))
                .sorted().distinct().toArray();
        double previous = Double.POSITIVE_INFINITY;
        for (double e : offsets) {
            double x = d.applyAsDouble(edge * (1 + e));
            double p = KolmogorovPValue.survival(x, n);
            assertThat(p).as("n = %d, at %s·(1 %+.2e), D = %s", n, edge, e, x).isLessThan(previous);
            previous = p;
        }
    }

    @Test
    void matchesSciPysKs2sampAsympToOneInAMillionWhereverSciPysPIsAtLeast1e300() throws Exception {
        List<String> rows;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/drift/ks_pvalues.csv"), StandardCharsets.UTF_8))) {
            rows = in.lines().filter(l -> !l.startsWith("#") && !l.startsWith("n,")).toList();
        }
        assertThat(rows).hasSizeGreaterThan(500);
        int zeros = 0;
        int tiny = 0;
        for (String row : rows) {
            String[] f = row.split(",");
            int n = Integer.parseInt(f[0]);
            int m = Integer.parseInt(f[1]);
            double d = Double.parseDouble(f[2]);
            double scipy = Double.parseDouble(f[3]);
            double ours = KolmogorovPValue.twoSample(d, n, m);
            if (scipy >= 1e-300) {
                assertThat(Math.abs(ours - scipy) / scipy).as("relative error at %s (SciPy %s, ours %s)", row, scipy, ours)
                        .isLessThanOrEqualTo(1e-6);
                if (scipy < 1e-100) {
                    tiny++;
                }
            } else {
                // SciPy's 0 (n·D² >= 370) or its subnormals: ours is 0 or below 1e-300 too
                assertThat(ours).as("p at %s (SciPy %s)", row, scipy).isLessThan(1e-300);
                zeros += scipy == 0 ? 1 : 0;
            }
        }
        assertThat(zeros).as("fixtures where SciPy says 0").isGreaterThan(20);
        assertThat(tiny).as("fixtures where SciPy's p is between 1e-300 and 1e-100").isGreaterThan(30);
    }

    @Test
    void theEffectiveSizeIsRoundedHalfToEvenLikeNumPy() {
        // 1,000,001 rows each: n·m/(n+m) = 500,000.5, which np.round makes 500,000 (Math.round would say 500,001)
        double d = 0.005;
        assertThat(KolmogorovPValue.twoSample(d, 1_000_001, 1_000_001)).isEqualTo(KolmogorovPValue.survival(d, 500_000))
                .isNotEqualTo(KolmogorovPValue.survival(d, 500_001));
    }

    @Test
    void theSmirnovSumByQuadratureIsTheSumTermByTerm() {
        for (int n : new int[] {20_001, 100_000, 500_000}) {
            for (double u : new double[] {2.2, 10, 100, 369}) {
                double x = Math.sqrt(u / n);
                double byTerms = KolmogorovPValue.logSumByTerms(n, x, n - (int) Math.floor(n * x));
                double byQuadrature = KolmogorovPValue.logSumByQuadrature(n, x);
                assertThat(byQuadrature).as("n = %d, n·D² = %s", n, u).isNotNaN();
                assertThat(Math.abs(byQuadrature - byTerms)).as("n = %d, n·D² = %s: |log ratio|", n, u).isLessThan(1e-9);
            }
        }
    }
}
