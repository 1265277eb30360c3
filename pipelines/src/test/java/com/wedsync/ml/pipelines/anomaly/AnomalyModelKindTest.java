package com.wedsync.ml.pipelines.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.wedsync.ml.pipelines.definition.DefinitionReader;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.spi.Finding;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.pipelines.spi.TrainingRequest;

/** The kind on a synthetic seasonal marketplace with a planted invitation drop and a usage collapse. */
class AnomalyModelKindTest {

    static final LocalDate START = LocalDate.of(2023, 1, 1);
    static final int DAYS = 3 * 365;
    /** The spec's monthly seasonal factors, roughly: June 2.7 times December. */
    static final double[] SEASON = {0.6, 0.7, 0.9, 1.1, 1.4, 1.6, 1.5, 1.3, 1.1, 0.9, 0.7, 0.6};

    /** Days 900-913: invitations x0.3; days 1000-1006: sessions x0.2. */
    static DailySeries series(long seed, boolean plant) {
        Random r = new Random(seed);
        Map<String, double[]> c = new HashMap<>();
        for (String n : AnomalyFeatures.COLUMNS) {
            c.put(n, new double[DAYS]);
        }
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = START.plusDays(d);
            double s = SEASON[day.getMonthValue() - 1];
            double alive = 1000 + d;
            double inv = plant && d >= 900 && d < 914 ? 0.3 : 1;
            double use = plant && d >= 1000 && d < 1007 ? 0.2 : 1;
            c.get("suppliers_alive")[d] = alive;
            c.get("mrr_end")[d] = alive * 40;
            c.get("signups")[d] = poisson(r, 3 * s);
            c.get("mrr_new")[d] = 40 * poisson(r, 2 * s);
            c.get("mrr_expansion")[d] = 20 * poisson(r, 0.5);
            c.get("mrr_contraction")[d] = 20 * poisson(r, 0.3);
            c.get("churned")[d] = poisson(r, alive * 0.001);
            c.get("mrr_churn")[d] = 40 * c.get("churned")[d];
            c.get("payments")[d] = poisson(r, alive / 30);
            c.get("failed_payments")[d] = poisson(r, alive / 30 * 0.03);
            c.get("revenue_collected")[d] = 40 * c.get("payments")[d];
            c.get("sessions")[d] = poisson(r, alive * 0.5 * s * use);
            c.get("active_suppliers")[d] = poisson(r, alive * 0.3 * use);
            c.get("forms")[d] = poisson(r, alive * 0.02 * use);
            c.get("invitations_s2c")[d] = poisson(r, alive * 0.03 * s * inv);
            c.get("invitations_c2s")[d] = poisson(r, 10 * s * inv);
            c.get("activations_s2c")[d] = poisson(r, alive * 0.03 * s * inv * 0.4);
            c.get("activations_c2s")[d] = poisson(r, 10 * s * inv * 0.3);
            c.get("tickets")[d] = poisson(r, alive * 0.005);
            c.get("negative_tickets")[d] = poisson(r, alive * 0.005 * 0.2);
            c.get("competitor_mentions")[d] = poisson(r, alive * 0.005 * 0.03);
        }
        return DailySeries.of(START, c);
    }

    static double poisson(Random r, double lambda) {
        if (lambda > 50) {
            return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    static PipelineDefinition definition() throws Exception {
        try (var in = AnomalyModelKindTest.class.getResourceAsStream("/anomaly-test.yaml")) {
            return new DefinitionReader().fromYaml(in, "anomaly-test.yaml");
        }
    }

    @Test
    void findsThePlantedDropAndCollapseAndLittleElse() throws Exception {
        DailySeries s = series(7, true);
        AnomalyModelKind kind = new AnomalyModelKind();
        TrainedModel m = kind.train(new TrainingRequest(definition(), Tables.of(s), Tables.of(s), 42, Map.of()),
                new com.wedsync.ml.pipelines.spi.ProgressListener() { });
        AnomalyDetector d = (AnomalyDetector) kind.load(m.artifact());
        List<Finding> found = d.detect(Tables.of(s), s.day(820), s.day(DAYS - 1));
        Set<Integer> inviteDays = found.stream().filter(f -> f.type().equals("invitation_drop"))
                .map(f -> s.indexOf(f.day())).collect(Collectors.toSet());
        Set<Integer> usageDays = found.stream().filter(f -> f.type().equals("usage"))
                .map(f -> s.indexOf(f.day())).collect(Collectors.toSet());
        // the drop is seen within its first week and the detector's persistence days (its 7-day windows hold 1, 2, 3...
        // dropped days, so a window is below half its baseline from about the fifth, then the verdict waits
        // persistence_days - 1 more), and nothing is called an invitation drop far from it
        int persistence = AnomalyModelKind.spec(definition(), 42).persistenceDays();
        assertThat(inviteDays).anyMatch(i -> i >= 900 && i <= 906 + persistence - 1);
        assertThat(inviteDays).allMatch(i -> i >= 900 && i < 914 + 7);
        // the collapse likewise
        assertThat(usageDays).anyMatch(i -> i >= 1000 && i <= 1006 + persistence - 1);
        assertThat(usageDays).allMatch(i -> i >= 1000 && i < 1007 + 7);
        assertThat(m.validationMetrics()).containsKeys("alert_day_rate", "days_judged");
    }

    @Test
    void aRerunJudgesEachDayTheSame() throws Exception {
        DailySeries s = series(3, true);
        AnomalyModelKind kind = new AnomalyModelKind();
        TrainedModel m = kind.train(new TrainingRequest(definition(), Tables.of(s), Tables.of(s), 42, Map.of()), new com.wedsync.ml.pipelines.spi.ProgressListener() { });
        AnomalyDetector d = (AnomalyDetector) kind.load(m.artifact());
        assertThat(d.detect(Tables.of(s), s.day(895), s.day(910))).isEqualTo(d.detect(Tables.of(s), s.day(895), s.day(910)));
        // judging a day reads nothing after it
        assertThat(d.detect(Tables.of(s.head(906)), s.day(905), s.day(905))).isEqualTo(d.detect(Tables.of(s), s.day(905), s.day(905)));
    }
}
