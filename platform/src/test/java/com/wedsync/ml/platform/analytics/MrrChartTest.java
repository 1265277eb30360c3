package com.wedsync.ml.platform.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.wedsync.ml.platform.analytics.chart.Tick;

class MrrChartTest {

    @Test
    void theActualMonthsThenTheForecastMonthsRunAlongXLabelledEveryOtherMonth() {
        MrrChart c = MrrChart.of(AnalyticsFixtures.forecast(12));
        assertThat(c.xTicks()).hasSize(12);
        assertThat(c.xTicks()).extracting(Tick::label).startsWith("2025-02", "2025-04").endsWith("2026-12");
        assertThat(c.xTicks().get(0).position()).isEqualTo(MrrChart.FRAME.plotLeft());
    }

    @Test
    void theYAxisHasNiceTicksThatHoldEveryScenarioAndTheBand() {
        MrrChart c = MrrChart.of(AnalyticsFixtures.forecast(12));
        // actuals from 89,000, pessimistic down to 107,200, optimistic up to 127,600
        assertThat(c.yTicks()).extracting(Tick::value).first().satisfies(lo -> assertThat(lo).isLessThanOrEqualTo(89_000));
        assertThat(c.yTicks()).extracting(Tick::value).last().satisfies(hi -> assertThat(hi).isGreaterThanOrEqualTo(127_600));
        assertThat(c.yTicks()).hasSizeBetween(3, MrrChart.MAX_Y_TICKS);
        assertThat(c.yTicks()).extracting(Tick::label).allMatch(l -> l.matches("\\d{1,3}(,\\d{3})*"));
        assertThat(c.yTicks().get(0).position()).isEqualTo(MrrChart.FRAME.plotBottom());
    }

    @Test
    void theScenariosAndTheBandStartAtTheLastActualMonth() {
        MrrChart c = MrrChart.of(AnalyticsFixtures.forecast(12));
        assertThat(c.actual()).startsWith("M70.0 ").contains(" L");
        String lastActual = c.actual().substring(c.actual().lastIndexOf('L') + 1);
        assertThat(c.baseline()).startsWith("M" + lastActual + " L");
        assertThat(c.optimistic()).startsWith("M" + lastActual + " L");
        assertThat(c.pessimistic()).startsWith("M" + lastActual + " L");
        assertThat(c.band()).startsWith("M" + lastActual + " L").endsWith(" L" + lastActual + " Z");
        assertThat(c.baseline().split(" L")).hasSize(13);
        assertThat(c.hasActual()).isTrue();
    }

    @Test
    void withoutActualMonthsThereIsNoActualLineAndTheForecastStartsAtTheLeft() {
        MrrChart c = MrrChart.of(AnalyticsFixtures.forecast(0));
        assertThat(c.hasActual()).isFalse();
        assertThat(c.actual()).isEmpty();
        assertThat(c.baseline()).startsWith("M70.0 ");
        assertThat(c.baseline().split(" L")).hasSize(12);
        assertThat(c.xTicks()).hasSize(12);
    }

    @Test
    void aMissingForecastValueIsAGapNotANaN() {
        MrrForecast f = AnalyticsFixtures.forecast(3);
        List<MrrForecast.Month> months = new java.util.ArrayList<>(f.months());
        MrrForecast.Month m = months.get(5);
        months.set(5, new MrrForecast.Month(m.month(), Double.NaN, m.optimistic(), m.pessimistic(), m.p10(), Double.NaN));
        MrrChart c = MrrChart.of(new MrrForecast(f.actuals(), f.lastActualMonth(), f.lastActualMrr(), months, f.recommendations()));
        assertThat(c.baseline()).contains(" M").doesNotContain("NaN");
        assertThat(c.band().split("Z")).as("a gap at the missing p90").hasSize(2);
        assertThat(String.join(" ", c.band(), c.optimistic(), c.pessimistic(), c.actual())).doesNotContain("NaN").doesNotContain("Infinity");
    }
}
