package com.wedsync.ml.models.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LtvModelTest {

    static final List<String> TYPES = List.of("planner", "photographer", "venue", "dj");
    static final List<String> NAMES = new ArrayList<>(List.of("mrr", "tenure_days", "couples_invited", "total_forms",
            "avg_session_duration"));

    static {
        TYPES.forEach(t -> NAMES.add("vendor_type=" + t));
    }

    /** Rows: x, realised 6-month value, profile. Value ~ MRR x months survived, more for engaged suppliers. */
    record Data(double[][] x, double[] y, LtvModel.Profile[] p) {
    }

    static Data data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][NAMES.size()];
        double[] y = new double[n];
        LtvModel.Profile[] p = new LtvModel.Profile[n];
        double[] price = {0, 19, 49, 99};
        for (int i = 0; i < n; i++) {
            String type = TYPES.get(r.nextInt(TYPES.size()));
            double mrr = price[r.nextInt(4)];
            double tenure = 30 + r.nextDouble() * 700;
            double invited = r.nextInt(20);
            double forms = r.nextInt(10);
            double session = 200 + r.nextDouble() * 800;
            double hazard = 0.04 - 0.00003 * session + 0.01 * (type.equals("dj") ? 1 : 0);
            int months = 0;
            while (months < 6 && r.nextDouble() > hazard) {
                months++;
            }
            y[i] = mrr * months;
            double[] row = {mrr, tenure, invited, forms, session, 0, 0, 0, 0};
            row[5 + TYPES.indexOf(type)] = 1;
            x[i] = row;
            p[i] = new LtvModel.Profile(type, mrr, r.nextBoolean(), invited, forms, 1 + r.nextInt(12), session,
                    mrr * tenure / 30, tenure, mrr > 0 ? 10 : -1);
        }
        return new Data(x, y, p);
    }

    LtvModel model;
    Data test;

    @BeforeAll
    void train() {
        Data train = data(3000, 1);
        Data val = data(1000, 2);
        test = data(2000, 3);
        model = LtvModel.train(NAMES, train.x(), train.y(), train.p(), val.x(), val.y(), val.p(), 6,
                new LtvModel.Hyperparameters(100, 4, 0.1, 7), Map.of("seed", "7"));
    }

    @Test
    void cohortTotalsAreWithinTenPercentAndPredictionsAreNeverNegative() {
        double[] pred = model.predict(test.x());
        Map<String, double[]> sums = new HashMap<>();
        double se = 0;
        double ss = 0;
        double mean = java.util.Arrays.stream(test.y()).average().orElse(0);
        for (int i = 0; i < pred.length; i++) {
            assertThat(pred[i]).isNotNegative();
            double[] c = sums.computeIfAbsent(test.p()[i].vendorType(), k -> new double[2]);
            c[0] += pred[i];
            c[1] += test.y()[i];
            se += (pred[i] - test.y()[i]) * (pred[i] - test.y()[i]);
            ss += (test.y()[i] - mean) * (test.y()[i] - mean);
        }
        List<Double> errors = sums.values().stream().map(c -> Math.abs(c[0] - c[1]) / c[1]).sorted().toList();
        assertThat(errors.get(errors.size() / 2)).as("median cohort error %s", errors).isLessThan(0.10);
        assertThat(1 - se / ss).as("R2").isGreaterThan(0.5);
    }

    @Test
    void explanationsHoldTheirPromises() {
        double v = model.predict(new double[][] {test.x()[0]})[0];
        Map<String, Object> e80 = model.explain(test.p()[0], v, 0.8);
        Map<String, Object> e99 = model.explain(test.p()[0], v, 0.99);
        Map<?, ?> ci80 = (Map<?, ?>) e80.get("confidenceInterval");
        Map<?, ?> ci99 = (Map<?, ?>) e99.get("confidenceInterval");
        assertThat((Double) ci80.get("low")).isLessThanOrEqualTo((Double) e80.get("predictedValue"));
        assertThat((Double) ci80.get("high")).isGreaterThanOrEqualTo((Double) e80.get("predictedValue"));
        assertThat((Double) ci99.get("high")).isGreaterThan((Double) ci80.get("high"));
        List<?> curve = (List<?>) e80.get("retentionCurve");
        assertThat(curve).hasSize(12);
        for (int i = 1; i < curve.size(); i++) {
            assertThat((Double) ((Map<?, ?>) curve.get(i)).get("retained"))
                    .isLessThanOrEqualTo((Double) ((Map<?, ?>) curve.get(i - 1)).get("retained"));
        }
        assertNoNaN(e80);
        for (double level : new double[] {0, 1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> model.explain(test.p()[0], v, level)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("confidence level");
        }
        LtvModel.Profile free = new LtvModel.Profile("venue", 0, false, 0, 0, 3, 0, 0, 40, -1);
        Map<String, Object> f = model.explain(free, 0, 0.95);
        assertThat(f.get("lowConfidence")).isEqualTo(true);
        assertThat((String) f.get("note")).contains("no revenue");
        assertNoNaN(f);
    }

    @Test
    void theArtifactRoundTripsAndGarbageIsRefused() {
        LtvModel back = LtvModel.fromBytes(model.toBytes());
        assertThat(back.predict(test.x())).containsExactly(model.predict(test.x()));
        assertThatThrownBy(() -> LtvModel.fromBytes(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an LTV model artifact");
    }

    @Test
    void badLabelsAreRefusedNamingTheRow() {
        Data d = data(50, 4);
        d.y()[7] = Double.NaN;
        assertThatThrownBy(() -> LtvModel.train(NAMES, d.x(), d.y(), d.p(), d.x(), d.y(), d.p(), 6,
                new LtvModel.Hyperparameters(5, 2, 0.1, 1), Map.of())).hasMessageContaining("training row 7 is NaN");
        assertThatThrownBy(() -> new LtvModel.Hyperparameters(0, 2, 0.1, 1)).hasMessageContaining("rounds");
    }

    static void assertNoNaN(Object o) {
        if (o instanceof Double d) {
            assertThat(d).isFinite();
        } else if (o instanceof Map<?, ?> m) {
            m.values().forEach(LtvModelTest::assertNoNaN);
        } else if (o instanceof List<?> l) {
            l.forEach(LtvModelTest::assertNoNaN);
        }
    }
}
