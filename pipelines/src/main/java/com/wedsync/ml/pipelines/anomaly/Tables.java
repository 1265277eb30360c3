package com.wedsync.ml.pipelines.anomaly;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.wedsync.ml.pipelines.spi.FeatureTable;

/** A daily series back as the feature table a snapshot would load (one row per day), for tests and scoring. */
final class Tables {

    private Tables() {
    }

    static FeatureTable of(DailySeries s) {
        List<String> ids = new ArrayList<>();
        LocalDate[] asOf = new LocalDate[s.days()];
        double[][] num = new double[s.days()][AnomalyFeatures.COLUMNS.size()];
        String[][] cat = new String[s.days()][1];
        LocalDate end = s.day(s.days() - 1).plusDays(1);
        for (int d = 0; d < s.days(); d++) {
            ids.add(s.day(d).toString());
            asOf[d] = end;
            for (int c = 0; c < AnomalyFeatures.COLUMNS.size(); c++) {
                num[d][c] = s.column(AnomalyFeatures.COLUMNS.get(c))[d];
            }
            cat[d][0] = s.day(d).toString();
        }
        return new FeatureTable(ids, asOf, AnomalyFeatures.COLUMNS, num, List.of("day"), cat, null);
    }
}
