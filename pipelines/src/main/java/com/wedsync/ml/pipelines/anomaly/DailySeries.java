package com.wedsync.ml.pipelines.anomaly;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.wedsync.ml.pipelines.spi.FeatureTable;

/**
 * The daily series of a {@code marketplace_daily} snapshot, as columns over consecutive days from
 * {@link #firstDay()}; a day missing from the snapshot (none should be) counts as zero.
 */
final class DailySeries {

    private final LocalDate firstDay;
    private final Map<String, double[]> columns;
    private final int days;

    private DailySeries(LocalDate firstDay, Map<String, double[]> columns, int days) {
        this.firstDay = firstDay;
        this.columns = columns;
        this.days = days;
    }

    static DailySeries of(FeatureTable t) {
        int dayCol = t.categoricalNames().indexOf("day");
        if (dayCol < 0) {
            throw new IllegalArgumentException("the anomaly detector needs feature 'day' in features.include");
        }
        if (t.size() == 0) {
            throw new IllegalArgumentException("the daily history is empty: no supplier before the as-of date");
        }
        int[] idx = new int[AnomalyFeatures.COLUMNS.size()];
        for (int c = 0; c < idx.length; c++) {
            idx[c] = t.numericNames().indexOf(AnomalyFeatures.COLUMNS.get(c));
            if (idx[c] < 0) {
                throw new IllegalArgumentException("the anomaly detector needs feature '" + AnomalyFeatures.COLUMNS.get(c)
                        + "' in features.include");
            }
        }
        LocalDate[] day = new LocalDate[t.size()];
        LocalDate min = null;
        LocalDate max = null;
        for (int i = 0; i < t.size(); i++) {
            String d = t.categorical()[i][dayCol];
            if (d == null) {
                throw new IllegalArgumentException("row " + i + " of the daily history has no day");
            }
            day[i] = LocalDate.parse(d);
            min = min == null || day[i].isBefore(min) ? day[i] : min;
            max = max == null || day[i].isAfter(max) ? day[i] : max;
        }
        int days = (int) (max.toEpochDay() - min.toEpochDay()) + 1;
        Map<String, double[]> cols = new HashMap<>();
        for (String c : AnomalyFeatures.COLUMNS) {
            cols.put(c, new double[days]);
        }
        for (int i = 0; i < t.size(); i++) {
            int d = (int) (day[i].toEpochDay() - min.toEpochDay());
            for (int c = 0; c < idx.length; c++) {
                double v = t.numeric()[i][idx[c]];
                cols.get(AnomalyFeatures.COLUMNS.get(c))[d] = Double.isFinite(v) ? v : 0;
            }
        }
        return new DailySeries(min, cols, days);
    }

    /** A series from columns, for tests. */
    static DailySeries of(LocalDate firstDay, Map<String, double[]> columns) {
        int days = columns.values().iterator().next().length;
        Map<String, double[]> cols = new HashMap<>();
        for (String c : AnomalyFeatures.COLUMNS) {
            cols.put(c, columns.containsKey(c) ? columns.get(c).clone() : new double[days]);
        }
        return new DailySeries(firstDay, cols, days);
    }

    LocalDate firstDay() {
        return firstDay;
    }

    int days() {
        return days;
    }

    LocalDate day(int i) {
        return firstDay.plusDays(i);
    }

    int indexOf(LocalDate d) {
        return (int) (d.toEpochDay() - firstDay.toEpochDay());
    }

    double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column '" + name + "' in the daily series");
        }
        return c;
    }

    /** The sum of a column over the {@code window} days ending with day {@code end} (clipped at the start). */
    double sum(String name, int end, int window) {
        double[] c = column(name);
        double s = 0;
        for (int t = Math.max(0, end - window + 1); t <= end; t++) {
            s += c[t];
        }
        return s;
    }

    /** The days from index {@code i} on. */
    DailySeries from(int i) {
        Map<String, double[]> cols = new HashMap<>();
        columns.forEach((k, v) -> cols.put(k, Arrays.copyOfRange(v, i, days)));
        return new DailySeries(day(i), cols, days - i);
    }

    /**
     * The first day with any activity (a session, a payment, an invitation, a form or a ticket), 0 if none: the
     * suppliers who signed up before the data begins are alive on days that record nothing of them, which are not
     * history to learn a season from.
     */
    int firstActive() {
        for (int d = 0; d < days; d++) {
            for (String c : List.of("sessions", "payments", "invitations_s2c", "invitations_c2s", "forms", "tickets")) {
                if (columns.get(c)[d] > 0) {
                    return d;
                }
            }
        }
        return 0;
    }

    /** The first {@code n} days only. */
    DailySeries head(int n) {
        Map<String, double[]> cols = new HashMap<>();
        columns.forEach((k, v) -> cols.put(k, Arrays.copyOf(v, n)));
        return new DailySeries(firstDay, cols, n);
    }

    static double[] ones(int n) {
        double[] o = new double[n];
        Arrays.fill(o, 1.0);
        return o;
    }

    List<String> columnNames() {
        return AnomalyFeatures.COLUMNS;
    }
}
