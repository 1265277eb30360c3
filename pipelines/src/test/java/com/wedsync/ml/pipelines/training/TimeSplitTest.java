package com.wedsync.ml.pipelines.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import com.wedsync.ml.pipelines.definition.PipelineDefinition.Training;
import org.junit.jupiter.api.Test;

class TimeSplitTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Test
    void theTestPeriodComesStrictlyAfterTrainingWithAHorizonOfEmbargo() {
        TimeSplit s = TimeSplit.of(new Training(12, 30, 14, 0.2, 0.2, 1L), TODAY);
        LocalDate lastTrain = s.train().get(s.train().size() - 1);
        assertThat(lastTrain.plusDays(30)).isBeforeOrEqualTo(s.validation().get(0));
        LocalDate lastVal = s.validation().get(s.validation().size() - 1);
        assertThat(lastVal.plusDays(30)).isBeforeOrEqualTo(s.test().get(0));
        assertThat(s.test().get(0)).isAfter(lastTrain);
    }

    @Test
    void noDateHasALabelWindowReachingPastToday() {
        TimeSplit s = TimeSplit.of(new Training(12, 30, 14, 0.2, 0.2, 1L), TODAY);
        assertThat(s.all()).allSatisfy(d -> assertThat(d.plusDays(30)).isBeforeOrEqualTo(TODAY));
        assertThat(s.test()).contains(TODAY.minusDays(30));
    }

    @Test
    void aWindowTooShortForThreePeriodsIsRefusedWithWhatToChange() {
        assertThatThrownBy(() -> TimeSplit.of(new Training(1, 30, 30, 0.2, 0.2, 1L), TODAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("training.windowMonths");
    }
}
