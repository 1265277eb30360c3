package com.wedsync.ml.models.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.wedsync.ml.models.revenue.LtvModel.Hyperparameters;
import com.wedsync.ml.models.revenue.LtvModel.Profile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LTV model on suppliers drawn from a known process: MRR by tier and vendor type, a monthly churn
 * hazard lowered by an onboarding call, tenure and invited couples; the label is what a supplier paid over
 * six months (MRR while it stayed) with multiplicative noise.
 */
class LtvModelTest {

    static final List<String> TYPES = List.of("planner", "photographer", "venue", "videographer", "florist", "caterer", "dj",
            "other");
    static final List<String> NAMES;

    static {
        List<String> n = new ArrayList<>(List.of("mrr", "tenure_days", "had_onboarding_call", "couples_invited", "total_forms",
                "join_month", "avg_session_duration"));
        TYPES.forEach(t -> n.add("vendor_type=" + t));
        NAMES = List.copyOf(n);
    }

    record Data(double[][] x, double[] y, Profile[] profiles) {
    }

    static Data draw(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] tiers = {0, 19, 49, 79, 149};
        double[][] x = new double[n][NAMES.size()];
        double[] y = new double[n];
        Profile[] profiles = new Profile[n];
        for (int i = 0; i < n; i++) {
            int type = r.nextInt(TYPES.size());
            String vendor = TYPES.get(type);
            double mult = LtvModel.VENDOR_MULTIPLIER.get(vendor);
            double mrr = tiers[r.nextInt(tiers.length)] * (0.7 + 0.3 * mult);
            double tenure = 30 + r.nextInt(870);
            boolean onboarding = r.nextDouble() < 0.4;
            double invited = r.nextInt(25);
            double forms = r.nextInt(12);
            int joinMonth = 1 + r.nextInt(12);
            double session = 120 + 600 * r.nextDouble();
            double hazard = 0.08 * (onboarding ? 0.5 : 1) * (tenure > 365 ? 0.6 : 1) * (invited > 10 ? 0.7 : 1);
            int paidMonths = 0;
            for (int m = 0; m < 6; m++) {
                paidMonths++;
                if (r.nextDouble() < hazard) {
                    break;
                }
            }
            y[i] = Math.max(0, mrr * paidMonths * (1 + 0.1 * r.nextGaussian()));
            double[] row = x[i];
            row[0] = mrr;
            row[1] = tenure;
            row[2] = onboarding ? 1 : 0;
            row[3] = invited;
            row[4] = forms;
            row[5] = joinMonth;
            row[6] = session;
            row[7 + type] = 1;
            profiles[i] = new Profile(vendor, mrr, onboarding, invited, forms, joinMonth, session, mrr * tenure / 30 * 0.8,
                    tenure, mrr > 0 ? r.nextInt(60) : -1);
        }
        return new Data(x, y, profiles);
    }

    static Data train;
    static Data validation;
    static Data test;
    static LtvModel model;
    static double[] predicted;

    static LtvModel trainOn(Data t, Data v) {
        return LtvModel.train(NAMES, t.x(), t.y(), t.profiles(), v.x(), v.y(), v.profiles(), 6,
                new Hyperparameters(150, 4, 0.1, 7), Map.of("data_window", "synthetic"));
    }

    @BeforeAll
    static void trainOnce() {
        train = draw(3000, 1);
        validation = draw(1000, 2);
        test = draw(2000, 3);
        model = trainOn(train, validation);
        predicted = model.predict(test.x());
    }

    @Test
    void predictedCohortTotalsMatchRealisedTotalsAndRSquaredIsHigh() {
        Map<String, double[]> totals = new HashMap<>(); // vendor type -> {predicted, realised}
        for (int i = 0; i < predicted.length; i++) {
            double[] t = totals.computeIfAbsent(test.profiles()[i].vendorType(), k -> new double[2]);
            t[0] += predicted[i];
            t[1] += test.y()[i];
        }
        assertThat(totals).hasSize(TYPES.size());
        double[] errors = totals.values().stream().mapToDouble(t -> Math.abs(t[0] - t[1]) / t[1]).sorted().toArray();
        double median = (errors[3] + errors[4]) / 2;
        System.out.printf("LTV cohort total relative errors (sorted) %s, median %.4f%n", Arrays.toString(errors), median);
        assertThat(median).as("median over vendor types of |predicted total - realised total| / realised").isLessThan(0.10);
        // no cohort is far off either
        assertThat(errors[errors.length - 1]).isLessThan(0.25);

        double mean = Arrays.stream(test.y()).average().orElseThrow();
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < predicted.length; i++) {
            ssRes += (test.y()[i] - predicted[i]) * (test.y()[i] - predicted[i]);
            ssTot += (test.y()[i] - mean) * (test.y()[i] - mean);
        }
        double r2 = 1 - ssRes / ssTot;
        System.out.printf("LTV held-out R^2 %.4f%n", r2);
        assertThat(r2).isGreaterThan(0.5);
    }

    @Test
    void featureImportanceIsEachFeaturesShareOfTheTreesGainAndMrrLeadsIt() {
        // the value is MRR x months paid: MRR must carry most of the gain
        Map<String, Double> importance = model.featureImportance();
        assertThat(importance.keySet()).containsExactlyElementsOf(NAMES);
        assertThat(importance.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(importance.values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
        assertThat(importance.get("mrr")).isGreaterThan(0.5);
    }

    @Test
    void predictionsAreNeverNegative() {
        assertThat(Arrays.stream(predicted).boxed().toList()).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0.0).isFinite());
        // suppliers paying nothing get little (trees leave some noise), never a negative value
        double[][] free = new double[200][];
        for (int i = 0; i < free.length; i++) {
            free[i] = test.x()[i].clone();
            free[i][0] = 0;
        }
        double[] freeValues = model.predict(free);
        assertThat(Arrays.stream(freeValues).boxed().toList()).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0.0));
        double payingMean = Arrays.stream(predicted).filter(v -> v > 0).average().orElseThrow();
        assertThat(Arrays.stream(freeValues).average().orElseThrow()).isLessThan(0.05 * payingMean);
    }

    @Test
    void explainGivesAnIntervalAroundThePredictionAndARetentionCurve() {
        int i = firstPaying(test);
        Profile p = test.profiles()[i];
        Map<String, Object> e = model.explain(p, predicted[i], 0.8);
        double value = (Double) e.get("predictedValue");
        Map<?, ?> ci = (Map<?, ?>) e.get("confidenceInterval");
        double low = (Double) ci.get("low");
        double high = (Double) ci.get("high");
        assertThat(low).isLessThanOrEqualTo(value);
        assertThat(value).isLessThanOrEqualTo(high);
        assertThat(high).isGreaterThan(low);
        assertThat(value).isCloseTo(predicted[i], org.assertj.core.data.Offset.offset(0.006));
        assertThat(e.get("horizonMonths")).isEqualTo(6);

        List<?> curve = (List<?>) e.get("retentionCurve");
        assertThat(curve).hasSize(12);
        double previous = 1;
        for (int m = 0; m < 12; m++) {
            Map<?, ?> point = (Map<?, ?>) curve.get(m);
            assertThat(point.get("month")).isEqualTo(m + 1);
            double retained = (Double) point.get("retained");
            assertThat(retained).as("retained at month %d", m + 1).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
            previous = retained;
        }
        // someone churns: the curve actually goes down over the year
        assertThat(previous).isLessThan(1.0);

        Map<?, ?> wide = (Map<?, ?>) model.explain(p, predicted[i], 0.99).get("confidenceInterval");
        assertThat((Double) wide.get("high") - (Double) wide.get("low")).isGreaterThan(high - low);
        assertThat((Double) wide.get("high")).isGreaterThan(high);
        assertThat(e.get("lowConfidence")).isEqualTo(false);
        assertThat(e).doesNotContainKey("note");
        assertThat((List<?>) e.get("keyDrivers")).hasSize(6);
        assertNoNan(e, "explain");
        assertNoNan(model.explain(test.profiles()[firstFree(test)], 0, 0.95), "explain(free)");
    }

    @Test
    void badLevelsAreRefusedNamingTheLevel() {
        Profile p = test.profiles()[0];
        for (double level : new double[] {0, 1, 1.5, -0.2, Double.NaN}) {
            assertThatThrownBy(() -> model.explain(p, 100, level))
                    .as("level %s", level)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("level")
                    .hasMessageContaining("got " + level);
        }
    }

    @Test
    void aSupplierWithNoRevenueIsLowConfidenceWithANote() {
        Profile p = new Profile("planner", 0, false, 0, 0, 6, 300, 0, 10, -1);
        Map<String, Object> e = model.explain(p, model.predict(new double[][] {rowOf(p)})[0], 0.9);
        assertThat(e.get("lowConfidence")).isEqualTo(true);
        assertThat((String) e.get("note")).contains("no revenue");
        assertNoNan(e, "explain(no revenue)");
        // its time to value falls back to the cohort median (it never paid)
        assertThat((Double) e.get("timeToValueDays")).isBetween(0.0, 60.0);
    }

    @Test
    void anUnknownOrSmallCohortIsLowConfidence() {
        Profile p = new Profile("balloon_artist", 49, true, 12, 6, 6, 300, 500, 200, 5);
        Map<String, Object> e = model.explain(p, 200, 0.9);
        // unknown types fall back to the overall cohort (3000 suppliers): not low confidence on that account
        assertThat(e.get("lowConfidence")).isEqualTo(false);
        assertNoNan(e, "explain(unknown type)");
    }

    @Test
    void theArtifactRoundTripsToIdenticalPredictions() {
        byte[] bytes = model.toBytes();
        LtvModel back = LtvModel.fromBytes(bytes);
        assertThat(back.predict(test.x())).containsExactly(predicted);
        assertThat(back.featureNames()).isEqualTo(NAMES);
        assertThat(back.provenance()).containsEntry("data_window", "synthetic");
        Profile p = test.profiles()[firstPaying(test)];
        assertThat(back.explain(p, 123, 0.9)).isEqualTo(model.explain(p, 123, 0.9));
        assertThat(back.cohortEstimate(p)).isEqualTo(model.cohortEstimate(p));
    }

    @Test
    void garbageIsNotAnArtifact() throws IOException {
        assertThatThrownBy(() -> LtvModel.fromBytes("definitely not a model".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an LTV model artifact");
        assertThatThrownBy(() -> LtvModel.fromBytes(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject("a serialised string");
        }
        assertThatThrownBy(() -> LtvModel.fromBytes(b.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an LTV model artifact");
    }

    @Test
    void aNegativeOrNanLabelIsRefusedNamingTheRow() {
        Data small = draw(50, 9);
        double[] negative = small.y().clone();
        negative[17] = -5;
        assertThatThrownBy(() -> LtvModel.train(NAMES, small.x(), negative, small.profiles(), small.x(), small.y(),
                small.profiles(), 6, new Hyperparameters(5, 2, 0.3, 1), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 17").hasMessageContaining("-5");
        double[] nan = small.y().clone();
        nan[3] = Double.NaN;
        assertThatThrownBy(() -> LtvModel.train(NAMES, small.x(), nan, small.profiles(), small.x(), small.y(),
                small.profiles(), 6, new Hyperparameters(5, 2, 0.3, 1), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 3").hasMessageContaining("NaN");
        // validation labels too (a NaN there would silently give zero-width intervals), and mismatched lengths
        assertThatThrownBy(() -> LtvModel.train(NAMES, small.x(), small.y(), small.profiles(), small.x(), nan,
                small.profiles(), 6, new Hyperparameters(5, 2, 0.3, 1), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validation row 3 is NaN");
        assertThatThrownBy(() -> LtvModel.train(NAMES, small.x(), java.util.Arrays.copyOf(small.y(), 10), small.profiles(),
                small.x(), small.y(), small.profiles(), 6, new Hyperparameters(5, 2, 0.3, 1), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
    }

    @Test
    void badHyperparametersAreRefused() {
        assertThatThrownBy(() -> new Hyperparameters(0, 4, 0.1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rounds");
        assertThatThrownBy(() -> new Hyperparameters(10, 0, 0.1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_depth");
        assertThatThrownBy(() -> new Hyperparameters(10, 4, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eta");
    }

    static int firstPaying(Data d) {
        for (int i = 0; i < d.y().length; i++) {
            if (d.profiles()[i].mrr() > 0 && d.profiles()[i].vendorType().equals("planner")) {
                return i;
            }
        }
        throw new AssertionError("no paying planner");
    }

    static int firstFree(Data d) {
        for (int i = 0; i < d.y().length; i++) {
            if (d.profiles()[i].mrr() == 0) {
                return i;
            }
        }
        throw new AssertionError("no free supplier");
    }

    static double[] rowOf(Profile p) {
        double[] row = new double[NAMES.size()];
        row[0] = p.mrr();
        row[1] = p.tenureDays();
        row[2] = p.hadOnboardingCall() ? 1 : 0;
        row[3] = p.couplesInvited();
        row[4] = p.formsCreated();
        row[5] = p.joinMonth();
        row[6] = p.avgSessionSeconds();
        int t = TYPES.indexOf(p.vendorType());
        if (t >= 0) {
            row[7 + t] = 1;
        }
        return row;
    }

    static void assertNoNan(Object o, String path) {
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> assertNoNan(v, path + "." + k));
        } else if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                assertNoNan(l.get(i), path + "[" + i + "]");
            }
        } else if (o instanceof Double d) {
            assertThat(Double.isFinite(d)).as("%s = %s is finite", path, d).isTrue();
        } else if (o instanceof Float f) {
            assertThat(Float.isFinite(f)).as("%s = %s is finite", path, f).isTrue();
        } else {
            assertThat(o).as(path).isNotNull();
        }
    }
}
