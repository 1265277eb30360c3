package com.wedsync.ml.pipelines.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator on its own, in memory: determinism, the spec's seasonality, planted events. */
class MarketplaceSimulatorTest {

    static final LocalDate END = LocalDate.of(2026, 11, 24);
    static MemorySink big;

    @BeforeAll
    static void simulateTenThousandSuppliers() {
        big = new MemorySink();
        new MarketplaceSimulator(SimulationParameters.of(7, 10_000, 36, END), big, null).run();
    }

    static MemorySink run(long seed) {
        MemorySink sink = new MemorySink();
        new MarketplaceSimulator(SimulationParameters.of(seed, 400, 24, END), sink, null).run();
        return sink;
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() {
        MemorySink a = run(11);
        MemorySink b = run(11);
        MemorySink c = run(12);
        for (SimTable t : SimTable.values()) {
            assertThat(a.of(t)).as(t.table()).hasSameSizeAs(b.of(t));
            for (int i = 0; i < a.of(t).size(); i++) {
                assertThat(Arrays.deepEquals(a.of(t).get(i), b.of(t).get(i))).as(t.table() + " row " + i).isTrue();
            }
        }
        assertThat(a.value(SimTable.SUPPLIERS, a.of(SimTable.SUPPLIERS).get(0), "id"))
                .isNotEqualTo(c.value(SimTable.SUPPLIERS, c.of(SimTable.SUPPLIERS).get(0), "id"));
    }

    @Test
    void juneBringsAbout1point6Over0point6TimesAsManyCouplesAsDecember() {
        // couples arrive with the spec's factors and no trend: June / December = 1.6 / 0.6 = 2.67, within 10%
        Map<Integer, Integer> byMonth = new HashMap<>();
        for (Object[] row : big.of(SimTable.COUPLES)) {
            LocalDate d = LocalDate.ofInstant((Instant) big.value(SimTable.COUPLES, row, "created_at"), ZoneOffset.UTC);
            if (d.isBefore(END.withDayOfMonth(1))) {
                byMonth.merge(d.getMonthValue(), 1, Integer::sum);
            }
        }
        double ratio = byMonth.get(6) / (double) byMonth.get(12);
        assertThat(ratio).isCloseTo(1.6 / 0.6, within(0.1 * 1.6 / 0.6));
        // and every month follows its factor: January / December = 1.4 / 0.6
        assertThat(byMonth.get(1) / (double) byMonth.get(12)).isCloseTo(1.4 / 0.6, within(0.1 * 1.4 / 0.6));
    }

    @Test
    void enquiriesFollowEachVendorTypesSeasonalPattern() {
        // enquiries per new couple, by vendor type and month of year, cancel the overall seasonality and leave
        // the vendor pattern: peak 1.3 against low 0.7 (ratio 1.86), within 15%
        Map<Integer, Integer> couples = new HashMap<>();
        for (Object[] row : big.of(SimTable.COUPLES)) {
            couples.merge(month(big.value(SimTable.COUPLES, row, "created_at")), 1, Integer::sum);
        }
        Map<String, int[]> enquiries = new HashMap<>();
        for (Object[] row : big.of(SimTable.ENQUIRIES)) {
            enquiries.computeIfAbsent((String) big.value(SimTable.ENQUIRIES, row, "vendor_type"), v -> new int[13])
                    [month(big.value(SimTable.ENQUIRIES, row, "created_at"))]++;
        }
        double expected = 1.3 / 0.7;
        assertThat(rate(enquiries.get("planner"), couples, List.of(1, 2, 3)) / rate(enquiries.get("planner"), couples, List.of(6, 7, 8)))
                .as("planners peak January-March, are low June-August").isCloseTo(expected, within(0.15 * expected));
        assertThat(rate(enquiries.get("venue"), couples, List.of(6, 7, 8, 9)) / rate(enquiries.get("venue"), couples, List.of(11, 12, 1, 2, 3)))
                .as("venues peak June-September").isCloseTo(expected, within(0.15 * expected));
        assertThat(rate(enquiries.get("photographer"), couples, List.of(5, 6, 9, 10)) / rate(enquiries.get("photographer"), couples, List.of(11, 12, 1, 2, 3)))
                .as("photographers peak May, June, September, October").isCloseTo(expected, within(0.15 * expected));
    }

    static int month(Object instant) {
        return LocalDate.ofInstant((Instant) instant, ZoneOffset.UTC).getMonthValue();
    }

    static double rate(int[] enquiries, Map<Integer, Integer> couples, List<Integer> months) {
        return months.stream().mapToDouble(m -> enquiries[m]).sum() / months.stream().mapToDouble(couples::get).sum();
    }

    @Test
    void theMonthlyChurnRateIsRealisticAndTheViralLoopRunsBothWays() {
        List<Object[]> months = big.of(SimTable.SIM_MONTHLY_TRUTH);
        double churned = months.stream().mapToDouble(r -> ((Number) big.value(SimTable.SIM_MONTHLY_TRUTH, r, "churned_suppliers")).doubleValue()).sum();
        double active = months.stream().mapToDouble(r -> ((Number) big.value(SimTable.SIM_MONTHLY_TRUTH, r, "active_suppliers")).doubleValue()).sum();
        assertThat(churned / active).as("monthly churn rate").isBetween(0.015, 0.05);
        long viralSuppliers = big.of(SimTable.SUPPLIERS).stream().filter(r -> "viral".equals(big.value(SimTable.SUPPLIERS, r, "acquisition_channel"))).count();
        long invitedCouples = big.of(SimTable.COUPLES).stream().filter(r -> big.value(SimTable.COUPLES, r, "invited_by_supplier_id") != null).count();
        assertThat(viralSuppliers).as("suppliers brought by couples").isGreaterThan(300);
        assertThat(invitedCouples).as("couples brought by suppliers").isGreaterThan(2000);
    }

    @Test
    void thePlantedEventsAreRecordedWithTheirDates() {
        List<Object[]> events = big.of(SimTable.SIM_PLANTED_EVENTS);
        assertThat(events).extracting(r -> r[1]).containsExactly("anomaly_revenue_dip", "anomaly_invitation_drop", "drift");
        assertThat(events.get(2)[3]).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(events.get(2)[2]).isEqualTo("avg_session_duration");
    }

    @Test
    void sessionDurationsShiftFromTheDriftMonthOn() {
        double[] before = new double[2];
        double[] after = new double[2];
        LocalDate drift = LocalDate.of(2026, 6, 1);
        LocalDate yearBefore = drift.minusYears(1);
        for (Object[] row : big.of(SimTable.ACTIVITY_LOGS)) {
            LocalDate d = LocalDate.ofInstant((Instant) row[1], ZoneOffset.UTC);
            double duration = ((Number) row[3]).doubleValue();
            double[] bucket = !d.isBefore(drift) ? after : (!d.isBefore(yearBefore) && d.isBefore(yearBefore.plusMonths(5)) ? before : null);
            if (bucket != null) {
                bucket[0] += duration;
                bucket[1]++;
            }
        }
        assertThat((after[0] / after[1]) / (before[0] / before[1])).isCloseTo(1.6, within(0.15));
    }

    @Test
    void badSizesAreRefusedWithWhatToSet() {
        assertThatThrownBy(() -> SimulationParameters.of(1, 0, 36, END))
                .hasMessage("wedsync.simulator.suppliers must be at least 1 (got 0): set WEDSYNC_SIMULATOR_SUPPLIERS to a "
                        + "positive number of suppliers, e.g. 3000");
        assertThatThrownBy(() -> SimulationParameters.of(1, -5, 36, END)).hasMessageContaining("(got -5)");
        assertThatThrownBy(() -> SimulationParameters.of(1, 100, 0, END)).hasMessageContaining("wedsync.simulator.months");
    }

    /**
     * Ten seeded anomalies (two of each type) on 3,000 suppliers, against the same seed with none: the windows lie in
     * the last 24 months, apart, 7 to 21 days long; inside each, what it plants is multiplied by about its magnitude.
     * With at least 300 events in the clean window, the ratio's sd is at most 0.03 for a thinning to x0.2-x0.6
     * (binomial) and 0.1 for a surge to x4 (Poisson): the tolerance 0.05 + 0.1 x magnitude is over 3.5 of them (and
     * covers the small ripple of earlier anomalies on engagement); churns, failed payments and tickets are few, so only their
     * pooled ratio is checked, against half of the smallest planted factor's excess.
     */
    @Test
    void seededAnomaliesAreDrawnFromTheSeedAndMultiplyWhatTheyPlant() {
        SimulationParameters base = SimulationParameters.of(5, 3000, 36, END);
        MemorySink seeded = new MemorySink();
        MarketplaceSimulator sim = new MarketplaceSimulator(base.withSeededAnomalies(10), seeded, null);
        sim.run();
        MemorySink clean = new MemorySink();
        new MarketplaceSimulator(base.withoutAnomalies(), clean, null).run();
        assertThat(clean.of(SimTable.SIM_PLANTED_EVENTS)).extracting(r -> r[1]).containsExactly("drift");
        List<Object[]> events = seeded.of(SimTable.SIM_PLANTED_EVENTS).stream()
                .filter(r -> ((String) r[1]).startsWith("anomaly_")).toList();
        assertThat(events).hasSize(10);
        assertThat(events.stream().map(r -> (String) r[1]).distinct()).hasSize(5);
        LocalDate window = END.minusDays(1).withDayOfMonth(1).minusMonths(23);
        LocalDate previousEnd = window;
        double[] churn = new double[2];
        double[] failed = new double[2];
        double[] tickets = new double[2];
        for (Object[] e : events) {
            LocalDate from = (LocalDate) e[3];
            LocalDate to = (LocalDate) e[4];
            assertThat(from).isAfter(previousEnd);
            assertThat(to).isBeforeOrEqualTo(END);
            assertThat(to.toEpochDay() - from.toEpochDay()).isBetween(7L, 21L);
            previousEnd = to;
            double m = (Double) e[5];
            switch ((String) e[1]) {
                case "anomaly_usage_collapse" -> assertRatio(e, count(seeded, SimTable.ACTIVITY_LOGS, 1, from, to),
                        count(clean, SimTable.ACTIVITY_LOGS, 1, from, to), m);
                case "anomaly_invitation_drop" -> assertRatio(e, count(seeded, SimTable.COUPLE_INVITES, 3, from, to),
                        count(clean, SimTable.COUPLE_INVITES, 3, from, to), m);
                case "anomaly_support_surge" -> {
                    tickets[0] += count(seeded, SimTable.SUPPORT_TICKETS, 1, from, to);
                    tickets[1] += count(clean, SimTable.SUPPORT_TICKETS, 1, from, to);
                }
                case "anomaly_churn_spike" -> {
                    churn[0] += count(seeded, SimTable.SIM_CHURN_TRUTH, 1, from, to);
                    churn[1] += count(clean, SimTable.SIM_CHURN_TRUTH, 1, from, to);
                }
                case "anomaly_revenue_dip" -> {
                    failed[0] += seeded.of(SimTable.PAYMENTS).stream().filter(r -> r[4] != null && in((Instant) r[4], from, to)).count();
                    failed[1] += clean.of(SimTable.PAYMENTS).stream().filter(r -> r[4] != null && in((Instant) r[4], from, to)).count();
                }
                default -> throw new AssertionError("unknown type " + e[1]);
            }
        }
        assertThat(churn[0] / churn[1]).as("churn in the churn spikes: %s", Arrays.toString(churn)).isGreaterThan(1.5);
        assertThat(failed[0] / failed[1]).as("failed payments in the revenue dips: %s", Arrays.toString(failed)).isGreaterThan(1.75);
        assertThat(tickets[0] / tickets[1]).as("tickets in the support surges: %s", Arrays.toString(tickets)).isGreaterThan(1.4);
        assertThat(sim.seededAnomalies()).hasSize(10);
    }

    static void assertRatio(Object[] event, long seeded, long clean, double magnitude) {
        assertThat(clean).as("%s: events in the clean window", event[1]).isGreaterThan(300);
        assertThat(seeded / (double) clean).as("%s %s to %s x%s", event[1], event[3], event[4], magnitude)
                .isCloseTo(magnitude, within(0.05 + 0.1 * magnitude));
    }

    static long count(MemorySink sink, SimTable t, int column, LocalDate from, LocalDate to) {
        return sink.of(t).stream().filter(r -> in((Instant) r[column], from, to)).count();
    }

    static boolean in(Instant t, LocalDate from, LocalDate to) {
        LocalDate d = LocalDate.ofInstant(t, ZoneOffset.UTC);
        return !d.isBefore(from) && d.isBefore(to);
    }
}
