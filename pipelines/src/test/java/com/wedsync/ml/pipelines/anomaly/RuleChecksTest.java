package com.wedsync.ml.pipelines.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.wedsync.ml.pipelines.spi.Finding;

class RuleChecksTest {

    private static final LocalDate DAY = LocalDate.of(2025, 6, 15);

    /** 100 historical rates 0.001, 0.002, ..., 0.100: the 95th percentile is 0.09505. */
    private static double[] history() {
        return IntStream.rangeClosed(1, 100).mapToDouble(i -> i / 1000.0).toArray();
    }

    @Test
    void churnSpikeFiresAboveThe95thPercentileWithImpactChurnRateTimesMrr() {
        assertThat(RuleChecks.percentile(history(), 0.95)).isCloseTo(0.09505, org.assertj.core.data.Offset.offset(1e-12));
        Finding f = RuleChecks.churnSpike(DAY, 0.096, history(), 50_000).orElseThrow();
        assertThat(f.type()).isEqualTo("churn_spike");
        assertThat(f.severity()).isEqualTo("high");
        assertThat(f.impact()).isCloseTo(0.096 * 50_000, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.action()).isEqualTo("Initiate retention campaign immediately");
        assertThat(f.description()).contains("exceeds 95th percentile");
        assertThat(f.metrics()).containsKeys("churn_rate", "historical_p95", "mrr");
        assertThat(RuleChecks.churnSpike(DAY, 0.095, history(), 50_000)).isEmpty();
    }

    @Test
    void churnSpikeNeedsAHistory() {
        assertThat(RuleChecks.churnSpike(DAY, 1.0, new double[] {0.01, 0.02}, 50_000)).isEmpty();
    }

    @Test
    void viralDeclineFiresBelowSevenTenthsOfTheMovingAverage() {
        Finding f = RuleChecks.viralDecline(DAY, 0.69, 1.0, 1000).orElseThrow();
        assertThat(f.type()).isEqualTo("viral_decline");
        assertThat(f.severity()).isEqualTo("critical");
        assertThat(f.metrics()).containsEntry("current_k", 0.69).containsEntry("expected_k", 1.0);
        assertThat(f.mrrAtStake()).isCloseTo(310, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(RuleChecks.viralDecline(DAY, 0.71, 1.0, 1000)).isEmpty();
        assertThat(RuleChecks.viralDecline(DAY, 0.0, 0.0, 1000)).isEmpty();
    }

    @Test
    void invitationDropFiresBelowHalfTheBaseline() {
        Finding f = RuleChecks.invitationDrop(DAY, 4.9, 10, 1000).orElseThrow();
        assertThat(f.type()).isEqualTo("invitation_drop");
        assertThat(f.severity()).isEqualTo("high");
        assertThat(f.description()).contains("Invitation rate halved");
        assertThat(f.action()).isEqualTo("Check for UI bugs in invitation flow");
        assertThat(RuleChecks.invitationDrop(DAY, 5.1, 10, 1000)).isEmpty();
    }

    @Test
    void severityFollowsTheIsolationScore() {
        assertThat(AnomalyDetector.severity(0.71)).isEqualTo("low");
        assertThat(AnomalyDetector.severity(0.76)).isEqualTo("medium");
        assertThat(AnomalyDetector.severity(0.85)).isEqualTo("high");
        assertThat(AnomalyDetector.severity(0.95)).isEqualTo("critical");
    }
}
