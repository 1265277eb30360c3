package com.wedsync.ml.models.drift;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Season-aware choice of the reference for a drift check. Wedding activity swings with the season
 * (x2.7 between December and June), so the window ending on a date is compared with the window ending
 * on the same date a year earlier when the history reaches that far ("same-months-last-year"), and only
 * otherwise with a trailing window ending {@code trailingDays} earlier ("trailing").
 *
 * @param kind   "same-months-last-year" or "trailing"
 * @param asOf   the reference window's end
 */
public record ReferenceWindow(String kind, LocalDate asOf) {

    public static final String SAME_MONTHS_LAST_YEAR = "same-months-last-year";
    public static final String TRAILING = "trailing";

    /**
     * @param current      the current window's end
     * @param historyStart the first day with data
     * @param windowDays   the length of a window (a reference window must fit in the history)
     * @return empty when even a trailing window does not fit
     */
    public static Optional<ReferenceWindow> choose(LocalDate current, LocalDate historyStart, int windowDays, int trailingDays) {
        LocalDate lastYear = current.minusYears(1);
        if (!lastYear.minusDays(windowDays).isBefore(historyStart)) {
            return Optional.of(new ReferenceWindow(SAME_MONTHS_LAST_YEAR, lastYear));
        }
        LocalDate trailing = current.minusDays(trailingDays);
        if (!trailing.minusDays(windowDays).isBefore(historyStart)) {
            return Optional.of(new ReferenceWindow(TRAILING, trailing));
        }
        return Optional.empty();
    }
}
