package com.wedsync.ml.platform.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.wedsync.ml.platform.anomalies.Anomalies;

/**
 * The anomalies section: a timeline of episodes (one lane per type, a bar from the episode's first to its
 * last day, over the year to today) and the list, unresolved first, then by priority.
 */
record AnomalySection(List<Anomalies.Anomaly> episodes, List<Lane> lanes, List<Bar> bars, LocalDate from, LocalDate to,
                      int width, int height) {

    static final int WIDTH = 900;
    static final int LANE = 22;
    static final int LEFT = 120;

    record Lane(String type, int y) {
    }

    record Bar(String id, String type, String status, String severity, double x, int y, double w, String label) {
    }

    static AnomalySection of(List<Anomalies.Anomaly> episodes, LocalDate today) {
        LocalDate to = today;
        LocalDate from = today.minusDays(365);
        List<String> types = new ArrayList<>();
        episodes.forEach(e -> {
            if (!types.contains(e.type())) {
                types.add(e.type());
            }
        });
        types.sort(String::compareTo);
        List<Lane> lanes = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            lanes.add(new Lane(types.get(i), 10 + i * LANE));
        }
        double span = to.toEpochDay() - from.toEpochDay();
        double plot = WIDTH - LEFT - 10;
        List<Bar> bars = new ArrayList<>();
        for (Anomalies.Anomaly e : episodes) {
            LocalDate a = e.firstDay().isBefore(from) ? from : e.firstDay();
            LocalDate b = e.lastDay().isAfter(to) ? to : e.lastDay();
            if (b.isBefore(from) || a.isAfter(to)) {
                continue;
            }
            double x = LEFT + plot * (a.toEpochDay() - from.toEpochDay()) / span;
            double w = Math.max(3, plot * (b.toEpochDay() - a.toEpochDay() + 1) / span);
            int y = 10 + types.indexOf(e.type()) * LANE;
            bars.add(new Bar(e.id().toString(), e.type(), e.status(), e.severity(), Math.round(x * 10) / 10.0, y,
                    Math.round(w * 10) / 10.0, e.type() + " " + e.firstDay() + " to " + e.lastDay() + " (" + e.severity() + ", "
                    + e.status() + ")"));
        }
        return new AnomalySection(episodes, lanes, bars, from, to, WIDTH, 20 + Math.max(1, types.size()) * LANE);
    }
}
