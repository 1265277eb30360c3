package com.wedsync.ml.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DriftDetectorTest {

    final DriftDetector detector = new DriftDetector(DriftPolicy.SPEC);

    @Test
    @SuppressWarnings("unchecked")
    void ksAgreesWithSciPysKs2sampOnEveryFixture() throws Exception {
        Map<String, Object> fixtures;
        try (InputStream in = getClass().getResourceAsStream("/drift/ks_fixtures.json")) {
            fixtures = JsonMapper.builder().build().readValue(in, Map.class);
        }
        List<Map<String, Object>> cases = (List<Map<String, Object>>) fixtures.get("cases");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(8);
        for (Map<String, Object> c : cases) {
            double[] a = ((List<Number>) c.get("reference")).stream().mapToDouble(Number::doubleValue).sorted().toArray();
            double[] b = ((List<Number>) c.get("current")).stream().mapToDouble(Number::doubleValue).sorted().toArray();
            double d = DriftDetector.ksStatistic(a, b);
            assertThat(d).as(c.get("name") + " statistic").isCloseTo(((Number) c.get("statistic")).doubleValue(), within(1e-6));
            assertThat(DriftDetector.pValue(d, a.length, b.length)).as(c.get("name") + " p-value (" + c.get("method") + ")")
                    .isCloseTo(((Number) c.get("pvalue")).doubleValue(), within(1e-6));
        }
    }

    @Test
    void aTinyShiftGivesAPValueNearOneNotANumericalAccident() {
        // Commons Math's cdf(0.0045, 331) is Infinity; the p-value must still say "no evidence"
        assertThat(DriftDetector.pValue(0.004534805296226629, 572, 788)).isGreaterThan(0.99).isLessThanOrEqualTo(1);
    }

    @Test
    void psiIsTheTextbookSumOnAHandCheckableCase() {
        // reference proportions 0.5 / 0.5, current 0.8 / 0.2:
        // (0.8 - 0.5) ln(0.8 / 0.5) + (0.2 - 0.5) ln(0.2 / 0.5) = 0.3 * 0.470004 + 0.3 * 0.916291 = 0.415888
        double psi = detector.psi(new long[] {50, 50}, 100, new long[] {80, 20}, 100);
        assertThat(psi).isCloseTo(0.3 * Math.log(1.6) + 0.3 * Math.log(2.5), within(1e-12)).isCloseTo(0.415888, within(1e-6));
        // an empty bin uses epsilon 1e-4: (1e-4 - 0.5) ln(1e-4 / 0.5) + (1 - 0.5) ln(1 / 0.5)
        assertThat(detector.psi(new long[] {50, 50}, 100, new long[] {0, 100}, 100))
                .isCloseTo((1e-4 - 0.5) * Math.log(1e-4 / 0.5) + 0.5 * Math.log(2), within(1e-12));
        assertThat(detector.psiCategorical(new String[] {"a", "a", "b", "b"}, new String[] {"a", "a", "a", "a", "b"}))
                .isCloseTo((0.8 - 0.5) * Math.log(0.8 / 0.5) + (0.2 - 0.5) * Math.log(0.2 / 0.5), within(1e-12));
    }

    @Test
    void benjaminiHochbergMatchesTheWorkedExample() {
        // p = .01 .04 .03 .005 (m = 4): sorted .005 .01 .03 .04 -> .02 .02 .04 .04
        assertThat(DriftDetector.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005}))
                .containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-12));
    }

    static double[] normal(SplittableRandom r, int n, double mean, double sd) {
        return r.doubles(n).map(u -> 0).map(x -> mean + sd * r.nextGaussian()).toArray();
    }

    @Test
    void identicalDistributionsDoNotDriftAndAShiftIsNamedFirst() {
        SplittableRandom r = new SplittableRandom(1);
        Map<String, FeatureColumn> ref = new LinkedHashMap<>();
        Map<String, FeatureColumn> cur = new LinkedHashMap<>();
        for (int f = 0; f < 10; f++) {
            ref.put("f" + f, FeatureColumn.numeric(normal(r, 3000, 0, 1)));
            cur.put("f" + f, FeatureColumn.numeric(normal(r, 3000, 0, 1)));
        }
        DriftReport calm = detector.compare(ref, cur);
        assertThat(calm.verdict()).isEqualTo(DriftReport.Verdict.NO_DRIFT);
        assertThat(calm.severityLabel()).isEqualTo("none");

        cur.put("f3", FeatureColumn.numeric(normal(r, 3000, 0.6, 1)));
        cur.put("f7", FeatureColumn.numeric(normal(r, 3000, 0.2, 1)));
        DriftReport drift = detector.compare(ref, cur);
        assertThat(drift.verdict()).isEqualTo(DriftReport.Verdict.DRIFT);
        assertThat(drift.affected()).containsExactly("f3");
        assertThat(drift.severity()).isGreaterThan(0.2);
        // f7's fifth of a standard deviation is significant on 3,000 rows a side (D ~ 0.08) but below the
        // materiality of a half-standard-deviation shift: reported, not drift; with the p-value-only rule it is
        DriftReport.FeatureDrift f7 = drift.features().stream().filter(f -> f.feature().equals("f7")).findFirst().orElseThrow();
        assertThat(f7.pAdjusted()).isLessThan(0.05);
        assertThat(f7.drifted()).isFalse();
        DriftReport pOnly = new DriftDetector(new DriftPolicy(0.05, 0.2, 100, 10, 1e-4, 0)).compare(ref, cur);
        assertThat(pOnly.affected()).startsWith("f3").contains("f7");
    }

    @Test
    void atFullMarketplaceSizeASignificantButImmaterialShiftIsNotDriftAndAHalfStandardDeviationIs() {
        // 100k suppliers a side: a tenth of a standard deviation has p far below any level, yet it is not what a
        // drift alarm is for; the materiality floor sits between it and the half-standard-deviation shift
        SplittableRandom r = new SplittableRandom(4);
        int rows = 100_000;
        Map<String, FeatureColumn> ref = Map.of("tenth", FeatureColumn.numeric(normal(r, rows, 0, 1)),
                "half", FeatureColumn.numeric(normal(r, rows, 0, 1)));
        Map<String, FeatureColumn> cur = Map.of("tenth", FeatureColumn.numeric(normal(r, rows, 0.1, 1)),
                "half", FeatureColumn.numeric(normal(r, rows, 0.5, 1)));
        DriftReport report = detector.compare(ref, cur);
        DriftReport.FeatureDrift tenth = report.features().stream().filter(f -> f.feature().equals("tenth")).findFirst().orElseThrow();
        assertThat(tenth.pAdjusted()).isLessThan(1e-30);
        assertThat(tenth.ksStatistic()).isBetween(0.03, 0.05);
        assertThat(tenth.psi()).isLessThan(0.2);
        assertThat(report.affected()).containsExactly("half");
    }

    @Test
    void atAMillionRowsTheLargerShiftGetsTheSmallerPFarBelowTheOld1e12FloorAndIsNamedFirst() {
        SplittableRandom r = new SplittableRandom(3);
        int rows = 1_000_000;
        Map<String, FeatureColumn> ref = Map.of("mild", FeatureColumn.numeric(normal(r, rows, 0, 1)),
                "strong", FeatureColumn.numeric(normal(r, rows, 0, 1)));
        Map<String, FeatureColumn> cur = Map.of("mild", FeatureColumn.numeric(normal(r, rows, 0.02, 1)),
                "strong", FeatureColumn.numeric(normal(r, rows, 0.04, 1)));
        // the p-value-only rule (no materiality floor), so that the ranking of significant results is what is shown
        DriftReport report = new DriftDetector(new DriftPolicy(0.05, 0.2, 100, 10, 1e-4, 0)).compare(ref, cur);
        DriftReport.FeatureDrift mild = report.features().stream().filter(f -> f.feature().equals("mild")).findFirst().orElseThrow();
        DriftReport.FeatureDrift strong = report.features().stream().filter(f -> f.feature().equals("strong")).findFirst().orElseThrow();
        assertThat(strong.ksStatistic()).isGreaterThan(mild.ksStatistic());
        // D about 0.008 and 0.016 at the effective size 500,000: p near 1e-28 and 1e-111, where 1 - cdf gave 1e-12 .. 2e-10
        assertThat(mild.pValue()).isLessThan(1e-20).isGreaterThan(0);
        assertThat(strong.pValue()).isLessThan(1e-80).isGreaterThan(0).isLessThan(mild.pValue());
        assertThat(report.affected()).containsExactly("strong", "mild");
        assertThat(report.reasons().get(0)).startsWith("strong drifted");
        // shifts of 0.02 and 0.04 standard deviations: with the default floor neither is drift
        assertThat(detector.compare(ref, cur).verdict()).isEqualTo(DriftReport.Verdict.NO_DRIFT);
    }

    @Test
    void tooLittleDataIsAnAnswerNotACrash() {
        Map<String, FeatureColumn> ref = Map.of("x", FeatureColumn.numeric(new double[50]), "y", FeatureColumn.numeric(Double.NaN, Double.NaN));
        DriftReport r = detector.compare(ref, Map.of("x", FeatureColumn.numeric(new double[500]), "y",
                FeatureColumn.numeric(new double[0])));
        assertThat(r.verdict()).isEqualTo(DriftReport.Verdict.INSUFFICIENT_DATA);
        assertThat(r.reasons()).anySatisfy(s -> assertThat(s).contains("x: insufficient data: 50 reference"));
        assertThat(Double.isNaN(r.severity())).isTrue();
    }

    @Test
    void constantAllMissingAndOneSidedFeaturesAreNamedAndLeftOutOfTheVerdict() {
        SplittableRandom r = new SplittableRandom(2);
        double[] ones = new double[400];
        Arrays.fill(ones, 1);
        double[] nan = new double[400];
        Arrays.fill(nan, Double.NaN);
        Map<String, FeatureColumn> ref = Map.of("ok", FeatureColumn.numeric(normal(r, 400, 0, 1)), "constant",
                FeatureColumn.numeric(ones), "empty", FeatureColumn.numeric(nan), "only_ref", FeatureColumn.numeric(ones));
        Map<String, FeatureColumn> cur = Map.of("ok", FeatureColumn.numeric(normal(r, 400, 0, 1)), "constant",
                FeatureColumn.numeric(ones), "empty", FeatureColumn.numeric(nan), "only_cur", FeatureColumn.numeric(ones));
        DriftReport report = detector.compare(ref, cur);
        assertThat(report.verdict()).isEqualTo(DriftReport.Verdict.NO_DRIFT);
        assertThat(String.join("\n", report.reasons())).contains("empty: insufficient data: 0 reference")
                .contains("only_ref: missing from the current window").contains("only_cur: missing from the reference window");
        assertThat(report.features()).filteredOn(f -> f.feature().equals("constant")).singleElement()
                .satisfies(f -> assertThat(f.note()).isEqualTo("constant in both windows"));
    }

    @Test
    void aBadPolicyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new DriftPolicy(0, 0.2, 100, 10, 1e-4, 0.2)).hasMessageContaining("pValue");
        assertThatThrownBy(() -> new DriftPolicy(0.05, 0.2, 1, 10, 1e-4, 0.2)).hasMessageContaining("minRows");
        assertThatThrownBy(() -> new DriftPolicy(0.05, 0.2, 100, 10, 1e-4, 1.5)).hasMessageContaining("minKsStatistic");
    }
}
