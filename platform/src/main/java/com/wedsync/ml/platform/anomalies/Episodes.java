package com.wedsync.ml.platform.anomalies;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.wedsync.ml.pipelines.spi.Finding;

/**
 * How findings become episodes, as plain rules: a finding continues the unresolved episode of its type whose
 * days it falls within 7 days of; otherwise it starts one. An episode's severity and priority are the
 * highest any of its findings had; priority = severity weight (low 1, medium 2, high 3, critical 4) x MRR at
 * stake.
 */
public final class Episodes {

    /** Findings of one type at most this many days apart are one episode. */
    public static final int MERGE_GAP_DAYS = 7;
    public static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");
    public static final List<String> STATUSES = List.of("open", "acknowledged", "resolved");

    private Episodes() {
    }

    /** An episode as the rules see it. */
    public record Episode(UUID id, String type, String severity, LocalDate firstDay, LocalDate lastDay, int daysFlagged,
                          double peakScore, double mrrAtStake, double priority, String status) {
    }

    public static int weight(String severity) {
        int i = SEVERITIES.indexOf(severity);
        if (i < 0) {
            throw new IllegalArgumentException("severity must be one of " + SEVERITIES + " (got '" + severity + "')");
        }
        return i + 1;
    }

    public static double priority(String severity, double mrrAtStake) {
        return weight(severity) * Math.max(0, mrrAtStake);
    }

    public static String higher(String a, String b) {
        return weight(a) >= weight(b) ? a : b;
    }

    /** Whether the finding belongs to the episode. */
    public static boolean continues(Episode e, Finding f) {
        return !"resolved".equals(e.status()) && e.type().equals(f.type())
                && !f.day().isAfter(e.lastDay().plusDays(MERGE_GAP_DAYS))
                && !f.day().isBefore(e.firstDay().minusDays(MERGE_GAP_DAYS));
    }

    /** A new episode of one finding. */
    public static Episode start(UUID id, Finding f) {
        return new Episode(id, f.type(), f.severity(), f.day(), f.day(), 1, f.score(), f.mrrAtStake(),
                priority(f.severity(), f.mrrAtStake()), "open");
    }

    /** The episode with the finding in it (a day already in it is not counted twice). */
    public static Episode merge(Episode e, Finding f) {
        if (!continues(e, f)) {
            throw new IllegalArgumentException("a " + f.type() + " finding of " + f.day() + " does not continue episode " + e.id()
                    + " (" + e.type() + ", " + e.firstDay() + " to " + e.lastDay() + ", " + e.status() + ")");
        }
        boolean newDay = f.day().isAfter(e.lastDay()) || f.day().isBefore(e.firstDay());
        String severity = higher(e.severity(), f.severity());
        double stake = Math.max(e.mrrAtStake(), f.mrrAtStake());
        return new Episode(e.id(), e.type(), severity, f.day().isBefore(e.firstDay()) ? f.day() : e.firstDay(),
                f.day().isAfter(e.lastDay()) ? f.day() : e.lastDay(), e.daysFlagged() + (newDay ? 1 : 0),
                Math.max(e.peakScore(), f.score()), stake, Math.max(e.priority(), priority(severity, stake)), e.status());
    }
}
