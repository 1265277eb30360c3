package com.wedsync.ml.platform.analytics.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LineChartTest {

    /** A 100 x 100 plot area from (10, 10) to (110, 110). */
    static final Frame FRAME = new Frame(130, 140, 10, 20, 10, 30);

    static List<String> months(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(m -> "2026-%02d".formatted(m)).toList();
    }

    @Test
    void aScaleMapsItsDomainOntoItsRangeLinearlyAndMayRunBackwards() {
        LinearScale y = new LinearScale(0, 200, 110, 10);
        assertThat(y.map(0)).isEqualTo(110);
        assertThat(y.map(200)).isEqualTo(10);
        assertThat(y.map(50)).isEqualTo(85);
        assertThat(y.map(-100)).as("not clipped").isEqualTo(160);
    }

    @Test
    void aScaleRefusesNaNAndInfinitiesAndAnEmptyDomain() {
        LinearScale y = new LinearScale(0, 1, 0, 100);
        assertThatThrownBy(() -> y.map(Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessage("not a finite value: NaN");
        assertThatThrownBy(() -> y.map(Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinearScale(1, 1, 0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinearScale(0, Double.NaN, 0, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void categoriesAreEvenlySpacedFromTheLeftEdgeToTheRightEdge() {
        LineChart c = LineChart.of(FRAME, months(5), 5, List.of(new double[] {0, 100}));
        assertThat(List.of(c.x(0), c.x(1), c.x(2), c.x(3), c.x(4))).containsExactly(10.0, 35.0, 60.0, 85.0, 110.0);
        assertThatThrownBy(() -> c.x(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theYAxisRunsFromTheLowestTickAtTheBottomToTheHighestAtTheTop() {
        LineChart c = LineChart.of(FRAME, months(3), 3, List.of(new double[] {0, 100}));
        assertThat(c.y(0)).isEqualTo(110);
        assertThat(c.y(100)).isEqualTo(10);
        assertThat(c.yTicks()).extracting(Tick::label).containsExactly("0", "50", "100");
        assertThat(c.yTicks()).extracting(Tick::position).containsExactly(110.0, 60.0, 10.0);
    }

    @Test
    void aLineIsAMoveThenLinesThroughEachPoint() {
        LineChart c = LineChart.of(FRAME, months(5), 3, List.of(new double[] {0, 100}));
        assertThat(c.line(new double[] {0, 50, 100}, 0)).isEqualTo("M10.0 110.0 L35.0 60.0 L60.0 10.0");
        assertThat(c.line(new double[] {100, 0}, 3)).as("from category 3").isEqualTo("M85.0 10.0 L110.0 110.0");
    }

    @Test
    void aValueThatIsNotFiniteIsAGapInTheLine() {
        LineChart c = LineChart.of(FRAME, months(5), 3, List.of(new double[] {0, 100, Double.NaN}));
        assertThat(c.line(new double[] {0, 50, Double.NaN, 50, Double.POSITIVE_INFINITY}, 0))
                .isEqualTo("M10.0 110.0 L35.0 60.0 M85.0 60.0");
        assertThat(c.line(new double[] {Double.NaN, Double.NaN}, 0)).isEmpty();
        assertThat(c.yTicks()).extracting(Tick::label).as("NaN does not count towards the axis").containsExactly("0", "50", "100");
    }

    @Test
    void anEmptySeriesIsAnEmptyPathAndAnEmptyChartHasAUnitAxis() {
        LineChart c = LineChart.of(FRAME, List.of(), 3, List.of(new double[0]));
        assertThat(c.line(new double[0], 0)).isEmpty();
        assertThat(c.area(new double[0], new double[0], 0)).isEmpty();
        assertThat(c.xTicks(12)).isEmpty();
        assertThat(c.yTicks()).extracting(Tick::value).containsExactly(0.0, 0.5, 1.0);
    }

    @Test
    void aSinglePointSitsInTheMiddleAsAMoveAlone() {
        LineChart c = LineChart.of(FRAME, months(1), 5, List.of(new double[] {42}));
        assertThat(c.x(0)).isEqualTo(60);
        assertThat(c.line(new double[] {42}, 0)).matches("M60\\.0 \\d+\\.\\d");
        assertThat(c.ticks().lo()).isLessThan(42);
        assertThat(c.ticks().hi()).isGreaterThan(42);
    }

    @Test
    void anAreaGoesAlongTheUpperSeriesAndBackAlongTheLowerOne() {
        LineChart c = LineChart.of(FRAME, months(5), 3, List.of(new double[] {0, 100}));
        assertThat(c.area(new double[] {100, 100}, new double[] {0, 50}, 1))
                .isEqualTo("M35.0 10.0 L60.0 10.0 L60.0 60.0 L35.0 110.0 Z");
    }

    @Test
    void anAreaWithAGapIsTwoClosedShapes() {
        LineChart c = LineChart.of(FRAME, months(5), 3, List.of(new double[] {0, 100}));
        assertThat(c.area(new double[] {100, 100, 100, 100, 100}, new double[] {0, 0, Double.NaN, 0, 0}, 0))
                .isEqualTo("M10.0 10.0 L35.0 10.0 L35.0 110.0 L10.0 110.0 Z M85.0 10.0 L110.0 10.0 L110.0 110.0 L85.0 110.0 Z");
    }

    @Test
    void aSeriesThatDoesNotFitTheCategoriesIsRefused() {
        LineChart c = LineChart.of(FRAME, months(3), 3, List.of(new double[] {0, 1}));
        assertThatThrownBy(() -> c.line(new double[] {1, 2, 3}, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not fit");
        assertThatThrownBy(() -> c.area(new double[] {1}, new double[] {1, 2}, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void monthLabelsAreEveryKthMonthFromTheFirstSoThatAtMostTheMaximumShow() {
        LineChart all = LineChart.of(FRAME, months(12), 3, List.of(new double[] {0, 1}));
        assertThat(all.xTicks(12)).hasSize(12);
        LineChart two = LineChart.of(new Frame(900, 300, 70, 20, 10, 30), months(12).stream()
                .flatMap(m -> java.util.stream.Stream.of("2025" + m.substring(4), m)).sorted().toList(), 3, List.of(new double[] {0, 1}));
        List<Tick> labels = two.xTicks(12);
        assertThat(labels).hasSize(12);
        assertThat(labels).extracting(Tick::label).startsWith("2025-01", "2025-03", "2025-05");
        assertThat(labels.get(0).position()).isEqualTo(70);
        assertThat(LineChart.of(FRAME, months(13), 3, List.of(new double[] {0, 1})).xTicks(12)).extracting(Tick::value)
                .containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0);
    }

    @Test
    void aFrameMustLeaveAPlotArea() {
        assertThatThrownBy(() -> new Frame(100, 100, 60, 40, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FRAME.plotWidth()).isEqualTo(100);
        assertThat(FRAME.plotHeight()).isEqualTo(100);
    }
}
