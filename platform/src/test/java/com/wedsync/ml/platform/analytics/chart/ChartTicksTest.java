package com.wedsync.ml.platform.analytics.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChartTicksTest {

    @Test
    void ticksAreNiceNumbersThatSpanTheValues() {
        Ticks t = Ticks.nice(103_420, 187_950, 7);
        assertThat(t.step()).isEqualTo(20_000);
        assertThat(t.values()).containsExactly(100_000.0, 120_000.0, 140_000.0, 160_000.0, 180_000.0, 200_000.0);
        assertThat(t.lo()).isLessThanOrEqualTo(103_420);
        assertThat(t.hi()).isGreaterThanOrEqualTo(187_950);
        assertThat(t.values().stream().map(t::label)).containsExactly("100,000", "120,000", "140,000", "160,000", "180,000", "200,000");
    }

    @Test
    void theStepIsOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Ticks.nice(0, 1, 6).step()).isEqualTo(0.2);
        assertThat(Ticks.nice(0, 10, 3).step()).isEqualTo(5);
        assertThat(Ticks.nice(0, 10, 11).step()).isEqualTo(1);
        assertThat(Ticks.nice(-3, 47, 6).values()).as("10 would take 7 ticks, -10 to 50").containsExactly(-20.0, 0.0, 20.0, 40.0, 60.0);
        assertThat(Ticks.nice(0, 0.003, 4).step()).isEqualTo(0.001);
        for (double span : new double[] {0.7, 3, 13, 99, 1234, 5e6}) {
            double step = Ticks.nice(0, span, 5).step();
            double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
            assertThat(mantissa).as("step %s for span %s", step, span).isIn(1.0, 2.0, 5.0);
        }
    }

    @Test
    void thereAreNeverMoreTicksThanAskedFor() {
        for (int max = 3; max <= 12; max++) {
            for (double hi : new double[] {1, 9.9, 10, 10.1, 99, 101, 777, 12_345}) {
                Ticks t = Ticks.nice(-hi / 3, hi, max);
                assertThat(t.values()).as("%d ticks at most for %s", max, hi).hasSizeBetween(2, max);
                assertThat(t.lo()).isLessThanOrEqualTo(-hi / 3);
                assertThat(t.hi()).isGreaterThanOrEqualTo(hi);
            }
        }
    }

    @Test
    void decimalTicksHaveExactValuesAndLabelsWithAsManyDecimalsAsTheStepNeeds() {
        Ticks t = Ticks.nice(0.1, 0.5, 5);
        assertThat(t.values()).containsExactly(0.1, 0.2, 0.3, 0.4, 0.5);
        assertThat(t.values().stream().map(t::label)).containsExactly("0.1", "0.2", "0.3", "0.4", "0.5");
    }

    @Test
    void zeroIsLabelledZeroNeverMinusZero() {
        Ticks t = Ticks.nice(-10, 10, 5);
        assertThat(t.values()).contains(0.0);
        assertThat(t.values().stream().map(t::label)).contains("0").doesNotContain("-0");
    }

    @Test
    void aSingleValueIsWidenedByATenthOnEachSide() {
        Ticks t = Ticks.nice(50_000, 50_000, 5);
        assertThat(t.lo()).isLessThanOrEqualTo(45_000);
        assertThat(t.hi()).isGreaterThanOrEqualTo(55_000);
        assertThat(t.values()).contains(50_000.0);
        Ticks zero = Ticks.nice(0, 0, 5);
        assertThat(zero.lo()).isLessThanOrEqualTo(-1);
        assertThat(zero.hi()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void countTicksAreIntegers() {
        Ticks t = Ticks.integers(0, 3, 10);
        assertThat(t.step()).isEqualTo(1);
        assertThat(t.values()).containsExactly(0.0, 1.0, 2.0, 3.0);
        assertThat(Ticks.integers(0, 1, 5).values()).containsExactly(0.0, 1.0);
    }

    @Test
    void boundsThatAreNotFiniteOrReversedAreRefused() {
        assertThatThrownBy(() -> Ticks.nice(Double.NaN, 1, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> Ticks.nice(0, Double.POSITIVE_INFINITY, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ticks.nice(2, 1, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min <= max");
        assertThatThrownBy(() -> Ticks.nice(-1, 1, 2)).as("-1, 0, 1 at least").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3");
    }

    @Test
    void ticksArePlacedByTheScale() {
        Ticks t = Ticks.nice(0, 100, 3);
        LinearScale y = new LinearScale(t.lo(), t.hi(), 270, 10);
        assertThat(t.on(y)).extracting(Tick::position).containsExactly(270.0, 140.0, 10.0);
        assertThat(t.on(y)).extracting(Tick::label).containsExactly("0", "50", "100");
    }
}
