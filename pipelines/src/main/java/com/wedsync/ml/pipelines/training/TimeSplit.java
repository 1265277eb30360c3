package com.wedsync.ml.pipelines.training;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;

/**
 * The as-of dates of a training run, split by time. Labels look {@code horizonDays} ahead of each
 * date, so a training date is kept only if its label window ends on or before the first validation
 * date, and a validation date only if its window ends on or before the first test date (an embargo):
 * no label of an earlier period overlaps the features or labels of a later one. The latest usable
 * date is {@code today - horizonDays}, the last date whose label is fully known.
 *
 * @param train      dates of the training period, oldest first
 * @param validation dates of the validation period
 * @param test       dates of the test period, strictly after the training period
 */
public record TimeSplit(List<LocalDate> train, List<LocalDate> validation, List<LocalDate> test, int horizonDays) {

    public TimeSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    public List<LocalDate> all() {
        List<LocalDate> all = new ArrayList<>(train);
        all.addAll(validation);
        all.addAll(test);
        return all;
    }

    /**
     * @throws IllegalArgumentException if the window is too short to give each period a date
     */
    public static TimeSplit of(PipelineDefinition.Training t, LocalDate today) {
        int horizon = t.labelHorizonDays();
        int interval = t.snapshotIntervalDays();
        LocalDate last = today.minusDays(horizon);
        LocalDate first = today.minusMonths(t.windowMonths());
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = last; !d.isBefore(first); d = d.minusDays(interval)) {
            dates.add(0, d);
        }
        double valFraction = t.validationFraction() == null ? 0.2 : t.validationFraction();
        double testFraction = t.testFraction() == null ? 0.2 : t.testFraction();
        int nTest = Math.max(1, (int) Math.round(dates.size() * testFraction));
        int nVal = Math.max(1, (int) Math.round(dates.size() * valFraction));
        if (dates.size() < nTest + nVal + 1) {
            throw new IllegalArgumentException("training window of " + t.windowMonths() + " months with snapshots every "
                    + interval + " days and a " + horizon + "-day label horizon gives " + dates.size()
                    + " usable dates; at least " + (nTest + nVal + 1) + " are needed: lengthen training.windowMonths "
                    + "or shorten training.snapshotIntervalDays");
        }
        List<LocalDate> test = dates.subList(dates.size() - nTest, dates.size());
        List<LocalDate> val = embargo(dates.subList(dates.size() - nTest - nVal, dates.size() - nTest), test.get(0), horizon);
        List<LocalDate> train = embargo(dates.subList(0, dates.size() - nTest - nVal),
                val.isEmpty() ? test.get(0) : val.get(0), horizon);
        if (train.isEmpty() || val.isEmpty()) {
            throw new IllegalArgumentException("the " + horizon + "-day label horizon leaves no "
                    + (train.isEmpty() ? "training" : "validation") + " dates before the next period: lengthen "
                    + "training.windowMonths or shorten training.labelHorizonDays");
        }
        return new TimeSplit(train, val, test, horizon);
    }

    private static List<LocalDate> embargo(List<LocalDate> dates, LocalDate nextPeriodStart, int horizon) {
        return dates.stream().filter(d -> !d.plusDays(horizon).isAfter(nextPeriodStart)).toList();
    }
}
