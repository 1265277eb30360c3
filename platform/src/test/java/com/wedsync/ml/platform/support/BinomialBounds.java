package com.wedsync.ml.platform.support;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * What a rate measured on few trials can honestly be asked to be: the range of counts of successes out of
 * {@code n} that a rate of exactly {@code p} produces with probability at least {@code 1 - alpha} (equal
 * tails). A test on one marketplace asserts that the observed count lies in it, so a well-calibrated model
 * fails the assertion with probability at most {@code alpha}; calibration itself is measured where there
 * are hundreds of trials (the models' unit tests and the calendar-sweep benchmark).
 */
public record BinomialBounds(int n, double p, double alpha, int low, int high) {

    public static BinomialBounds of(int n, double p, double alpha) {
        BinomialDistribution b = new BinomialDistribution(null, n, p);
        int low = 0;
        while (low < n && b.cumulativeProbability(low) < alpha / 2) {
            low++;
        }
        int high = n;
        while (high > 0 && 1 - b.cumulativeProbability(high - 1) < alpha / 2) {
            high--;
        }
        return new BinomialBounds(n, p, alpha, low, high);
    }

    public boolean admits(int successes) {
        return successes >= low && successes <= high;
    }

    /** For the assertion's message. */
    public String describe(int successes) {
        return String.format("%d of %d covered; a rate of %.2f gives %d to %d of %d with probability >= %.3f "
                + "(binomial, sd %.3f of the rate)", successes, n, p, low, high, n, 1 - alpha, Math.sqrt(p * (1 - p) / n));
    }
}
