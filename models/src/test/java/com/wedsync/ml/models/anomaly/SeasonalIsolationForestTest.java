package com.wedsync.ml.models.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.wedsync.ml.models.data.Artifacts;

/**
 * The seasonal isolation forest on synthetic Poisson series with the wedding season (x2.7 between June
 * and December), a growing base, and planted anomalies.
 */
class SeasonalIsolationForestTest {

    static final double[] SEASON = {1.4, 1.2, 1.1, 1.3, 1.5, 1.6, 1.5, 1.4, 1.5, 1.3, 0.8, 0.6};
    static final LocalDate FIRST = LocalDate.of(2023, 3, 1);
    static final SeasonalIsolationForest.Parameters PARAMETERS = new SeasonalIsolationForest.Parameters(7, 12, 3.0, 100, 255, 60,
            3.0, 7);

    /**
     * Three metrics over {@code days} days: a seasonal one (sessions, about 250 a day), a flat one
     * (invitations, 50 a day) and a sparse one (tickets, 4 a day), each rate times {@code factor[m][d]}.
     */
    static DailyRates series(int days, long seed, double[][] factor) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] num = new double[3][days];
        double[][] den = new double[3][days];
        for (int d = 0; d < days; d++) {
            LocalDate day = FIRST.plusDays(d);
            double suppliers = 1000 * Math.pow(1.02, d / 30.0);
            double season = SEASON[day.getMonthValue() - 1];
            double[] rate = {0.2 * season, 0.05, 0.004};
            for (int m = 0; m < 3; m++) {
                den[m][d] = suppliers;
                num[m][d] = poisson(r, suppliers * rate[m] * (factor == null ? 1 : factor[m][d]));
            }
        }
        return new DailyRates(FIRST, List.of("sessions", "invites", "tickets"), num, den);
    }

    static double[][] ones(int days) {
        double[][] f = new double[3][days];
        for (double[] row : f) {
            Arrays.fill(row, 1.0);
        }
        return f;
    }

    static int poisson(SplittableRandom r, double lambda) {
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
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

    @Test
    void theMonthFactorsRecoverTheSeasonAndJuneIsNotAnAnomalyAgainstJanuary() {
        DailyRates rates = series(3 * 365, 1, null);
        SeasonalIsolationForest f = SeasonalIsolationForest.fit(rates, PARAMETERS);
        double[] s = f.baseline("sessions").monthFactors();
        assertThat(s[5] / s[11]).as("June over December").isCloseTo(1.6 / 0.6, within(0.1 * 1.6 / 0.6));
        assertThat(s[0] / s[11]).as("January over December").isCloseTo(1.4 / 0.6, within(0.1 * 1.4 / 0.6));
        for (double v : f.baseline("invites").monthFactors()) {
            assertThat(v).isCloseTo(1.0, within(0.05));
        }
        // an anomaly-free history: hardly a day above the spec's 0.7, and the peak season is not one of them
        int from = rates.indexOf(f.trainedFrom());
        List<SeasonalIsolationForest.Judgement> history = f.judge(rates, from, rates.days() - 1, 3);
        assertThat(history.stream().filter(j -> j.score() > 0.7).count() / (double) history.size()).isLessThan(0.02);
        assertThat(f.score(rates, rates.indexOf(LocalDate.of(2025, 6, 20)))).isLessThan(0.65);
        assertThat(f.trainedFrom()).isEqualTo(FIRST.plusDays(90 + 60));
    }

    /**
     * Trained on two years that hold one week of invitations at x0.3 and one of tickets at x4, the
     * detector judges the third year: the same incidents again score above 0.7 (the first ones do not mask
     * them: the screen keeps them out of the windows), and ordinary days hardly ever do.
     */
    @Test
    void anIncidentAfterTrainingScoresAboveThresholdEvenWhenTheHistoryHadOneLikeIt() {
        int days = 3 * 365;
        double[][] factor = ones(days);
        DailyRates clean = series(days, 2, null);
        int[] drops = {clean.indexOf(LocalDate.of(2024, 9, 10)), clean.indexOf(LocalDate.of(2025, 9, 10))};
        int[] surges = {clean.indexOf(LocalDate.of(2024, 12, 1)), clean.indexOf(LocalDate.of(2025, 12, 1))};
        for (int i = 0; i < 2; i++) {
            for (int d = 0; d < 7; d++) {
                factor[1][drops[i] + d] = 0.3;
                factor[2][surges[i] + d] = 4.0;
            }
        }
        DailyRates rates = series(days, 2, factor);
        SeasonalIsolationForest f = SeasonalIsolationForest.fit(rates.head(730), PARAMETERS);
        assertThat(f.score(rates, drops[1] + 6)).as("the last day of the second drop").isGreaterThan(0.7);
        assertThat(f.score(rates, surges[1] + 6)).as("the last day of the second surge").isGreaterThan(0.7);
        SeasonalIsolationForest.Judgement j = f.judge(rates, drops[1] + 6);
        assertThat(j.ordinary()).isFalse();
        assertThat(j.expectations()[1].actual() / j.expectations()[1].expected()).isCloseTo(0.3, within(0.08));
        assertThat(j.expectations()[1].expectedRate()).isCloseTo(0.05, within(0.005));

        List<SeasonalIsolationForest.Judgement> year3 = f.judge(rates, 730, days - 1);
        long above = 0;
        long ordinary = 0;
        for (int d = 730; d < days; d++) {
            boolean near = (d >= drops[1] && d < drops[1] + 13) || (d >= surges[1] && d < surges[1] + 13);
            if (!near) {
                ordinary++;
                above += year3.get(d - 730).score() > 0.7 ? 1 : 0;
            }
        }
        assertThat(above / (double) ordinary).as("ordinary days above 0.7 in the third year").isLessThan(0.03);
        assertThat(year3.get(drops[1] + 6 - 730).score()).as("the batch judges as one by one").isEqualTo(f.score(rates, drops[1] + 6));
    }

    @Test
    void aDaysScoreReadsNothingAfterTheDay() {
        DailyRates rates = series(800, 3, null);
        SeasonalIsolationForest f = SeasonalIsolationForest.fit(rates, PARAMETERS);
        for (int day : new int[] {200, 400, 650, 799}) {
            assertThat(f.score(rates.head(day + 1), day)).isEqualTo(f.score(rates, day));
        }
        assertThatThrownBy(() -> f.score(rates, f.lookbackDays() - 2)).hasMessageContaining("a verdict needs 91 days");
        assertThatThrownBy(() -> f.score(rates, 100)).hasMessageContaining("ordinary days before it");
    }

    @Test
    void tooShortAHistoryIsRefusedSayingHowMuchIsNeeded() {
        DailyRates rates = series(140, 4, null);
        assertThatThrownBy(() -> SeasonalIsolationForest.fit(rates, PARAMETERS))
                .hasMessageContaining("the history has 140 days").hasMessageContaining("151 in all");
    }

    @Test
    void theDetectorSurvivesItsArtifactAndRefusesAnotherSeries() {
        DailyRates rates = series(500, 5, null);
        SeasonalIsolationForest f = SeasonalIsolationForest.fit(rates, PARAMETERS);
        SeasonalIsolationForest back = Artifacts.read(Artifacts.write(f, "a detector"), SeasonalIsolationForest.class, "a detector");
        assertThat(back.score(rates, 450)).isEqualTo(f.score(rates, 450));
        DailyRates other = new DailyRates(FIRST, List.of("a", "b", "c"), rates.numerators(), rates.denominators());
        assertThatThrownBy(() -> f.score(other, 450)).hasMessageContaining("trained on metrics [sessions, invites, tickets]");
    }

    @Test
    void badSeriesAreRefusedNamingTheMetricAndDay() {
        assertThatThrownBy(() -> new DailyRates(FIRST, List.of("x"), new double[][] {{1, -1}}, new double[][] {{1, 1}}))
                .hasMessageContaining("metric 'x' on 2023-03-02 is -1.0 / 1.0");
        assertThatThrownBy(() -> new DailyRates(FIRST, List.of("x"), new double[][] {{1, Double.NaN}}, new double[][] {{1, 1}}))
                .hasMessageContaining("must be finite");
        assertThatThrownBy(() -> new DailyRates(FIRST, List.of("x"), new double[][] {{1}}, new double[][] {{1}}, new double[] {0}))
                .hasMessageContaining("unit 0.0");
    }
}
