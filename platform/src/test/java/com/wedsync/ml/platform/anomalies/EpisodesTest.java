package com.wedsync.ml.platform.anomalies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.wedsync.ml.pipelines.spi.Finding;

/** Episode merging as plain rules, in milliseconds. */
class EpisodesTest {

    static final LocalDate D = LocalDate.of(2025, 3, 10);

    static Finding finding(String type, String severity, LocalDate day, double stake) {
        return new Finding(type, severity, day, 0.8, stake, stake, Map.of(), "d", "r", "a");
    }

    @Test
    void fiveConsecutiveDaysAreOneEpisodeCountingEachDayOnce() {
        Episodes.Episode e = Episodes.start(UUID.randomUUID(), finding("revenue", "medium", D, 100));
        for (int i = 1; i < 5; i++) {
            Finding f = finding("revenue", "medium", D.plusDays(i), 100);
            assertThat(Episodes.continues(e, f)).isTrue();
            e = Episodes.merge(e, f);
        }
        e = Episodes.merge(e, finding("revenue", "medium", D.plusDays(2), 100)); // a day already in it
        assertThat(e.firstDay()).isEqualTo(D);
        assertThat(e.lastDay()).isEqualTo(D.plusDays(4));
        assertThat(e.daysFlagged()).isEqualTo(5);
    }

    @Test
    void aFindingMoreThanSevenDaysAfterTheLastDayStartsANewEpisode() {
        Episodes.Episode e = Episodes.start(UUID.randomUUID(), finding("usage", "low", D, 10));
        assertThat(Episodes.continues(e, finding("usage", "low", D.plusDays(7), 10))).isTrue();
        assertThat(Episodes.continues(e, finding("usage", "low", D.plusDays(8), 10))).isFalse();
        assertThatThrownBy(() -> Episodes.merge(e, finding("usage", "low", D.plusDays(8), 10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherTypeOrAResolvedEpisodeIsNotContinued() {
        Episodes.Episode e = Episodes.start(UUID.randomUUID(), finding("usage", "low", D, 10));
        assertThat(Episodes.continues(e, finding("support", "low", D.plusDays(1), 10))).isFalse();
        Episodes.Episode resolved = new Episodes.Episode(e.id(), e.type(), e.severity(), e.firstDay(), e.lastDay(), 1, 0.8, 10, 10,
                "resolved");
        assertThat(Episodes.continues(resolved, finding("usage", "low", D.plusDays(1), 10))).isFalse();
    }

    @Test
    void priorityIsSeverityWeightTimesMrrAtStakeAndKeepsTheEpisodesHighest() {
        assertThat(Episodes.priority("low", 1000)).isEqualTo(1000);
        assertThat(Episodes.priority("critical", 1000)).isEqualTo(4000);
        Episodes.Episode e = Episodes.start(UUID.randomUUID(), finding("revenue", "high", D, 1000));
        assertThat(e.priority()).isEqualTo(3000);
        e = Episodes.merge(e, finding("revenue", "low", D.plusDays(1), 200));
        assertThat(e.severity()).isEqualTo("high");
        assertThat(e.priority()).isEqualTo(3000);
        e = Episodes.merge(e, finding("revenue", "critical", D.plusDays(2), 1500));
        assertThat(e.severity()).isEqualTo("critical");
        assertThat(e.priority()).isEqualTo(6000);
    }
}
