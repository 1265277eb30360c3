package com.wedsync.ml.platform.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;

import com.wedsync.ml.platform.anomalies.Anomalies;

/** The anomalies section from fixture episodes: a bar per episode in its type's lane, the list in the order given (open first). */
class AnomalySectionTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    @org.junit.jupiter.api.BeforeAll
    static void engine() {
        AnalyticsTemplatesTest.engine();
    }

    static Anomalies.Anomaly episode(String type, String status, String severity, LocalDate first, LocalDate last) {
        return new Anomalies.Anomaly(UUID.randomUUID(), type, severity, status, first, last, 3, 0.8, 100, 300,
                "desc of " + type, "rec", "act", Map.of(), Map.of(), "anomaly", "1", Instant.EPOCH, Instant.EPOCH, null, null,
                null, status.equals("resolved") ? Instant.EPOCH : null, null, null);
    }

    @Test
    void timelineAndListShowEachEpisode() {
        List<Anomalies.Anomaly> eps = List.of(
                episode("invitation_drop", "open", "high", TODAY.minusDays(60), TODAY.minusDays(50)),
                episode("revenue", "acknowledged", "critical", TODAY.minusDays(120), TODAY.minusDays(118)),
                episode("revenue", "resolved", "low", TODAY.minusDays(300), TODAY.minusDays(299)),
                episode("usage", "open", "medium", TODAY.minusDays(500), TODAY.minusDays(490)));
        AnomalySection s = AnomalySection.of(eps, TODAY);
        assertThat(s.lanes()).extracting(AnomalySection.Lane::type).containsExactly("invitation_drop", "revenue", "usage");
        assertThat(s.bars()).as("the usage episode is older than the year shown").hasSize(3);
        AnomalySection.Bar drop = s.bars().get(0);
        assertThat(drop.x()).isGreaterThan(s.bars().get(1).x());
        assertThat(drop.x() + drop.w()).isLessThanOrEqualTo(AnomalySection.WIDTH);
        Context c = new Context();
        c.setVariable("anomalies", s);
        String html = AnalyticsTemplatesTest.engine.process("analytics/anomalies", java.util.Set.of("anomalies"), c).replaceAll("\\s+", " ");
        assertThat(html).contains("<h2 id=\"anomalies\">Anomalies</h2>").contains("id=\"anomaly-timeline\"");
        assertThat(html.indexOf("desc of invitation_drop")).isLessThan(html.indexOf("desc of revenue"));
        assertThat(html.split("<rect", -1)).hasSize(4);
    }

    @Test
    void noEpisodesSaysSo() {
        Context c = new Context();
        c.setVariable("anomalies", AnomalySection.of(List.of(), TODAY));
        String html = AnalyticsTemplatesTest.engine.process("analytics/anomalies", java.util.Set.of("anomalies"), c);
        assertThat(html).contains("No anomaly episodes yet").doesNotContain("<svg");
    }
}
