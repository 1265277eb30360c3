package com.wedsync.ml.platform.analytics.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class HistogramChartTest {

    /** A 100 x 100 plot area from (10, 10) to (110, 110). */
    static final Frame FRAME = new Frame(130, 140, 10, 20, 10, 30);

    @Test
    void binsRunFromZeroToTheHighestValueWhichFallsInTheLastBin() {
        Histogram h = Histogram.of(new double[] {0, 1, 2, 9.99, 10, 10}, 5);
        assertThat(h.lo()).isZero();
        assertThat(h.hi()).isEqualTo(10);
        assertThat(h.bins()).extracting(Histogram.Bin::count).containsExactly(2, 1, 0, 0, 3);
        assertThat(h.bins()).extracting(Histogram.Bin::lo).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0);
        assertThat(h.bins().get(4).hi()).isEqualTo(10);
        assertThat(h.count()).isEqualTo(6);
        assertThat(h.tallest()).isEqualTo(3);
    }

    @Test
    void aNegativeValueMovesTheLowEndBelowZero() {
        Histogram h = Histogram.of(new double[] {-10, 10}, 4);
        assertThat(h.lo()).isEqualTo(-10);
        assertThat(h.bins()).extracting(Histogram.Bin::count).containsExactly(1, 0, 0, 1);
    }

    @Test
    void valuesThatAreNotFiniteAreLeftOutAndCounted() {
        Histogram h = Histogram.of(new double[] {1, Double.NaN, 2, Double.POSITIVE_INFINITY}, 2);
        assertThat(h.count()).isEqualTo(2);
        assertThat(h.leftOut()).isEqualTo(2);
        assertThat(h.hi()).isEqualTo(2);
    }

    @Test
    void noValueOrOnlyZerosGiveEmptyOrSingleBinsOverAUnitRange() {
        Histogram none = Histogram.of(new double[0], 3);
        assertThat(none.count()).isZero();
        assertThat(none.lo()).isZero();
        assertThat(none.hi()).isEqualTo(1);
        assertThat(none.bars(FRAME, 2, 5)).extracting(Histogram.Bar::height).containsOnly("0.0");
        Histogram zeros = Histogram.of(new double[] {0, 0}, 3);
        assertThat(zeros.bins()).extracting(Histogram.Bin::count).containsExactly(2, 0, 0);
    }

    @Test
    void barsStandSideBySideWithHeightsOnTheCountAxis() {
        Histogram h = Histogram.of(new double[] {0, 0, 0, 0, 5, 5, 9, 10}, 2);
        assertThat(h.countTicks(5).values()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        List<Histogram.Bar> bars = h.bars(FRAME, 4, 3);
        // counts 4 and 4 on an axis 0, 2, 4: full height
        assertThat(bars).extracting(Histogram.Bar::x).containsExactly("12.0", "62.0");
        assertThat(bars).extracting(Histogram.Bar::width).containsOnly("46.0");
        assertThat(bars).extracting(Histogram.Bar::height).containsOnly("100.0");
        assertThat(bars).extracting(Histogram.Bar::y).containsOnly("10.0");
        assertThat(h.countAxis(FRAME, 3)).extracting(Tick::label).containsExactly("0", "2", "4");
    }

    @Test
    void aGapWiderThanABarIsRefused() {
        assertThatThrownBy(() -> Histogram.of(new double[] {1}, 10).bars(FRAME, 10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Histogram.of(new double[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theValueAxisLabelsEveryKthBinEdgeAndBothEnds() {
        Histogram h = Histogram.of(new double[] {0, 2000}, 20);
        List<Tick> axis = h.edgeAxis(FRAME, 5);
        assertThat(axis).extracting(Tick::label).containsExactly("0", "500", "1,000", "1,500", "2,000");
        assertThat(axis).extracting(Tick::position).containsExactly(10.0, 35.0, 60.0, 85.0, 110.0);
        assertThat(Histogram.of(new double[] {0, 70}, 7).edgeAxis(FRAME, 5)).extracting(Tick::label)
                .as("60 is half a step before 70: 70 takes its place").containsExactly("0", "20", "40", "70");
        assertThat(Histogram.of(new double[] {0, 5}, 2).edgeAxis(FRAME, 5)).extracting(Tick::label).containsExactly("0.0", "2.5", "5.0");
        assertThat(Histogram.of(new double[] {0, 1}, 4).edgeAxis(FRAME, 5)).extracting(Tick::label)
                .containsExactly("0.00", "0.25", "0.50", "0.75", "1.00");
    }
}
