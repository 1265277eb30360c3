package com.wedsync.ml.models.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TwoProportionTestTest {

    @Test
    void aHandComputedExample() {
        // A: 100/1000, B: 130/1000. pooled 0.115; se0 = sqrt(0.115*0.885*0.002) = 0.0142671...
        TwoProportionTest.Result r = TwoProportionTest.compare(100, 1000, 130, 1000);
        assertThat(r.difference()).isCloseTo(0.03, within(1e-12));
        double se0 = Math.sqrt(0.115 * 0.885 * 0.002);
        assertThat(r.z()).isCloseTo(0.03 / se0, within(1e-12));
        assertThat(r.z()).isCloseTo(2.1027, within(1e-4));
        assertThat(r.pTwoSided()).isCloseTo(0.03549, within(1e-4));   // scipy: 2*norm.sf(2.10275)
        assertThat(r.pBGreater()).isCloseTo(r.pTwoSided() / 2, within(1e-12));
        assertThat(r.pBLess()).isCloseTo(1 - r.pTwoSided() / 2, within(1e-12));
        double se = Math.sqrt(0.1 * 0.9 / 1000 + 0.13 * 0.87 / 1000);
        assertThat(r.ciLower()).isCloseTo(0.03 - 1.959963984540054 * se, within(1e-9));
        assertThat(r.ciUpper()).isCloseTo(0.03 + 1.959963984540054 * se, within(1e-9));
        assertThat(r.relativeLift()).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void noSuccessesOrNoFailuresAnywhereGiveNoEvidenceAndNoNaN() {
        for (TwoProportionTest.Result r : new TwoProportionTest.Result[] {
                TwoProportionTest.compare(0, 50, 0, 70), TwoProportionTest.compare(50, 50, 70, 70)}) {
            assertThat(r.z()).isZero();
            assertThat(r.pTwoSided()).isEqualTo(1.0);
            assertThat(r.ciLower()).isZero();
            assertThat(r.ciUpper()).isZero();
            assertThat(r.relativeLift()).isZero();
        }
        TwoProportionTest.Result r = TwoProportionTest.compare(0, 50, 5, 50);
        assertThat(r.relativeLift()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.z()).isPositive();
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> TwoProportionTest.compare(0, 0, 1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arm A").hasMessageContaining("trial");
        assertThatThrownBy(() -> TwoProportionTest.compare(1, 10, 11, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arm B").hasMessageContaining("11 successes");
        assertThatThrownBy(() -> TwoProportionTest.compare(-1, 10, 1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TwoProportionTest.compare(1, 10, 1, 10, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha");
    }
}
