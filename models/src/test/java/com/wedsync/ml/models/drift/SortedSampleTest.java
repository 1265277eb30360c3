package com.wedsync.ml.models.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SortedSampleTest {

    @Test
    void sortsLikeArraysSortAndDropsNanAndInfinities() {
        SplittableRandom r = new SplittableRandom(7);
        for (int round = 0; round < 20; round++) {
            double[] v = new double[1 + r.nextInt(5000)];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (r.nextInt(8)) {
                    case 0 -> r.nextInt(5) - 2;                       // ties, negatives
                    case 1 -> -0.0;
                    case 2 -> Double.NaN;
                    case 3 -> r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                    case 4 -> r.nextGaussian() * 1e-300;               // subnormals
                    case 5 -> r.nextGaussian() * 1e300;
                    default -> r.nextGaussian();
                };
            }
            double[] expected = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
            assertThat(SortedSample.of(v)).containsExactly(expected);
        }
    }

    @Test
    void emptyAndAllMissingGiveAnEmptySample() {
        assertThat(SortedSample.of(new double[0])).isEmpty();
        assertThat(SortedSample.of(new double[] {Double.NaN, Double.POSITIVE_INFINITY})).isEmpty();
        assertThat(SortedSample.of(new double[] {3, 3, 3})).containsExactly(3, 3, 3);
    }
}
