package com.wedsync.ml.platform.analytics.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChartDistributionTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleValue() {
        assertThat(Distribution.medianOf(5, 1, 3)).isEqualTo(3);
        assertThat(Distribution.medianOf(7)).isEqualTo(7);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Distribution.medianOf(4, 1, 3, 2)).isEqualTo(2.5);
        assertThat(Distribution.medianOf(10, 20)).isEqualTo(15);
        assertThat(Distribution.medianOf(Double.MAX_VALUE, Double.MAX_VALUE)).as("no overflow").isEqualTo(Double.MAX_VALUE);
    }

    @Test
    void valuesThatAreNotFiniteAreLeftOut() {
        assertThat(Distribution.medianOf(1, Double.NaN, 3, Double.POSITIVE_INFINITY)).isEqualTo(2);
        Distribution d = Distribution.of(new double[] {100, Double.NaN, 300, 200, 400});
        assertThat(d.count()).isEqualTo(4);
        assertThat(d.median()).isEqualTo(250);
        assertThat(d.total()).isEqualTo(1000);
        assertThat(d.leftOut()).isEqualTo(1);
    }

    @Test
    void thereIsNoMedianOfNothing() {
        assertThatThrownBy(() -> Distribution.medianOf()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Distribution.of(new double[] {Double.NaN})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no finite values");
    }
}
