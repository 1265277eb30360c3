package com.wedsync.ml.models.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChurnAdvisorTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    static List<String> types(double p, ChurnAdvisor.SupplierFacts f) {
        return ChurnAdvisor.interventions(p, f).stream().map(ChurnAdvisor.Intervention::type).toList();
    }

    static ChurnAdvisor.SupplierFacts facts(double daysSinceLogin, double activeClients, double invited, double activated) {
        return new ChurnAdvisor.SupplierFacts("photographer", 49, daysSinceLogin, activeClients, invited, activated, 400);
    }

    @Test
    void theSpecsRulesFireExactlyAtTheirThresholds() {
        assertThat(types(0.71, facts(0, 9, 10, 5))).containsExactly("immediate_outreach");
        assertThat(types(0.70, facts(0, 9, 10, 5))).isEmpty();
        assertThat(types(0.1, facts(14.5, 9, 10, 5))).containsExactly("engagement_campaign");
        assertThat(types(0.1, facts(14, 9, 10, 5))).isEmpty();
        assertThat(types(0.1, facts(0, 4, 10, 5))).containsExactly("growth_assistance");
        assertThat(types(0.1, facts(0, 5, 10, 5))).isEmpty();
        assertThat(types(0.1, facts(0, 9, 10, 1))).containsExactly("viral_optimization");
        assertThat(types(0.1, facts(0, 9, 10, 2))).isEmpty();
        assertThat(types(0.1, facts(0, 9, 0, 0))).as("no invitations: no ratio to judge").isEmpty();
    }

    @Test
    void riskLevelsAndTheEstimatedDateFollowTheProbability() {
        assertThat(ChurnAdvisor.riskLevel(0.8)).isEqualTo("critical");
        assertThat(ChurnAdvisor.riskLevel(0.6)).isEqualTo("high");
        assertThat(ChurnAdvisor.riskLevel(0.4)).isEqualTo("medium");
        assertThat(ChurnAdvisor.riskLevel(0.1)).isEqualTo("low");
        ChurnAdvisor.Prediction likely = ChurnAdvisor.advise(0.9, facts(20, 2, 0, 0), TODAY, 30, List.of());
        ChurnAdvisor.Prediction unlikely = ChurnAdvisor.advise(0.05, facts(1, 9, 0, 0), TODAY, 30, List.of());
        assertThat(likely.estimatedChurnDate()).isBefore(unlikely.estimatedChurnDate());
        assertThat(likely.estimatedChurnDate()).isBefore(TODAY.plusDays(30));
        assertThat(likely.monthlyRevenueLoss()).isEqualTo(49);
        assertThat(likely.lifetimeValueLoss()).isGreaterThan(49 * 6 - 1);
    }
}
