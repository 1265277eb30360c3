package com.wedsync.ml.pipelines.anomaly;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.wedsync.ml.pipelines.spi.Finding;

/**
 * The spec's rule checks (section 6), beside the forests: each a plain comparison of one number with its
 * history, as the spec writes it, on the 7-day window ending with the judged day.
 * <ul>
 *   <li>{@code churn_spike}: the window's churn rate (churn events over the suppliers alive at its start)
 *   above the 95th percentile of the same rate over every earlier window of the last two years; high;
 *   impact = churn rate x MRR.</li>
 *   <li>{@code viral_decline}: k (invitations activated on both sides per alive supplier) below 0.7 x its
 *   moving average over the 8 weeks before; critical; with the current and expected k.</li>
 *   <li>{@code invitation_drop}: the invitation rate (both sides, per day) below 0.5 x its baseline; high.
 *   The baseline is the season-adjusted expectation of {@link com.wedsync.ml.models.anomaly.SeasonalBaseline}
 *   (its level from the 12 weeks before the window, times the month and weekday factors), so that the
 *   autumn's fall in invitations is not read as a drop.</li>
 * </ul>
 * The decisions are static functions of the numbers, testable alone; {@link AnomalyDetector} feeds them.
 *
 * <p>As the spec writes them, the three fire on ordinary weeks: the 95th percentile is exceeded by one window in
 * twenty by definition, and a moving average of k falls 30% every autumn. So the detector also asks each for a
 * significant deviation from the season's expectation (a Poisson tail of the window's count below
 * {@code rule_alpha}, and {@code min_sigmas} robust standard deviations of the log-ratio from its training median)
 * held on {@code persistence_days} consecutive days; viral_decline's moving average is the season-adjusted one.
 * Measured by {@code ops/bench/anomaly-bench.sh}.
 */
final class RuleChecks {

    static final double CHURN_PERCENTILE = 0.95;
    static final int CHURN_HISTORY_DAYS = 730;
    static final int CHURN_MIN_HISTORY = 90;
    static final double VIRAL_DECLINE_FACTOR = 0.7;
    static final int VIRAL_AVERAGE_WEEKS = 8;
    static final double INVITATION_DROP_FACTOR = 0.5;

    private RuleChecks() {
    }

    /** The spec's churn_spike, when {@code churnRate} exceeds the 95th percentile of {@code history}. */
    static Optional<Finding> churnSpike(LocalDate day, double churnRate, double[] history, double mrr) {
        return churnSpike(day, churnRate, history, mrr, 0, 1);
    }

    /**
     * The spec's churn_spike, when {@code churnRate} exceeds the 95th percentile of {@code history} and the window's
     * churn count is also significantly above its season's expectation: {@code pValue} (the Poisson upper tail of the
     * count given the expected one) below {@code alpha}. The 95th percentile alone is exceeded, by definition, on one
     * window in twenty of an ordinary history, and more often in the off-season, whose churn is higher.
     */
    static Optional<Finding> churnSpike(LocalDate day, double churnRate, double[] history, double mrr, double pValue, double alpha) {
        if (history.length < CHURN_MIN_HISTORY) {
            return Optional.empty();
        }
        double p95 = percentile(history, CHURN_PERCENTILE);
        if (!(churnRate > p95) || !(pValue < alpha)) {
            return Optional.empty();
        }
        double impact = churnRate * mrr;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("churn_rate", churnRate);
        m.put("historical_p95", p95);
        m.put("mrr", mrr);
        m.put("p_value", pValue);
        return Optional.of(new Finding("churn_spike", "high", day, churnRate, impact, impact, m,
                String.format("Churn rate %.2f%% exceeds 95th percentile (%.2f%%)", 100 * churnRate, 100 * p95),
                "Look at the churned accounts of the week: tier, tenure, last tickets and failed payments",
                "Initiate retention campaign immediately"));
    }

    /** The spec's viral_decline, when {@code k} is below 0.7 x {@code movingAverage}. */
    static Optional<Finding> viralDecline(LocalDate day, double k, double movingAverage, double weeklyNewMrr) {
        return viralDecline(day, k, movingAverage, weeklyNewMrr, 0, 1);
    }

    /**
     * The spec's viral_decline, when {@code k} is below 0.7 x {@code movingAverage} (the detector passes the
     * season-adjusted moving average: the 8 weeks' level times this window's season) and the fall is significant,
     * {@code pValue} (the Poisson lower tail of the window's activations) below {@code alpha}.
     */
    static Optional<Finding> viralDecline(LocalDate day, double k, double movingAverage, double weeklyNewMrr, double pValue,
                                          double alpha) {
        if (!(movingAverage > 0) || !(k < VIRAL_DECLINE_FACTOR * movingAverage) || !(pValue < alpha)) {
            return Optional.empty();
        }
        double stake = weeklyNewMrr * (1 - k / movingAverage);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("current_k", k);
        m.put("expected_k", movingAverage);
        m.put("weekly_new_mrr", weeklyNewMrr);
        m.put("p_value", pValue);
        return Optional.of(new Finding("viral_decline", "critical", day, k, stake, stake, m,
                String.format("Viral coefficient dropped 30%%+: k %.4f against a moving average of %.4f", k, movingAverage),
                "Diagnose the loop side by side: invitations sent, activation rate, time to activate",
                "Fix the weakest step of the viral loop; check the invitation emails and the sign-up flow"));
    }

    /** The spec's invitation_drop, when {@code rate} is below 0.5 x {@code baseline}. */
    static Optional<Finding> invitationDrop(LocalDate day, double rate, double baseline, double weeklyNewMrr) {
        return invitationDrop(day, rate, baseline, weeklyNewMrr, 0, 1);
    }

    /** The spec's invitation_drop, when {@code rate} is below 0.5 x {@code baseline} and {@code pValue} below {@code alpha}. */
    static Optional<Finding> invitationDrop(LocalDate day, double rate, double baseline, double weeklyNewMrr, double pValue,
                                            double alpha) {
        if (!(baseline > 0) || !(rate < INVITATION_DROP_FACTOR * baseline) || !(pValue < alpha)) {
            return Optional.empty();
        }
        double stake = weeklyNewMrr * (1 - rate / baseline);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("invitation_rate", rate);
        m.put("baseline", baseline);
        m.put("weekly_new_mrr", weeklyNewMrr);
        m.put("p_value", pValue);
        return Optional.of(new Finding("invitation_drop", "high", day, rate, stake, stake, m,
                String.format("Invitation rate halved: %.1f a day against a baseline of %.1f", rate, baseline),
                "Compare invitations by side, platform and email template with the weeks before",
                "Check for UI bugs in invitation flow"));
    }

    /** P(X >= actual) for X ~ Poisson(expected): how surprising a count this high is. */
    static double poissonUpper(double actual, double expected) {
        if (actual <= 0) {
            return 1;
        }
        if (!(expected > 0)) {
            return 0;
        }
        return org.apache.commons.math3.special.Gamma.regularizedGammaP(Math.floor(actual), expected);
    }

    /** P(X <= actual) for X ~ Poisson(expected): how surprising a count this low is. */
    static double poissonLower(double actual, double expected) {
        if (!(expected > 0)) {
            return 1;
        }
        return org.apache.commons.math3.special.Gamma.regularizedGammaQ(Math.floor(actual) + 1, expected);
    }

    /** The q-quantile of the values (linear interpolation between order statistics). */
    static double percentile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        if (v.length == 1) {
            return v[0];
        }
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }
}
