package com.wedsync.ml.pipelines.spi;

import java.time.LocalDate;
import java.util.Map;

/**
 * One anomaly a {@link Detector} found on one judged day: what the operator reads, and what the platform
 * needs to merge it into an episode and rank it.
 *
 * @param type           what kind of anomaly (a family of the isolation forest, or a rule's name)
 * @param severity       {@code low}, {@code medium}, {@code high} or {@code critical}
 * @param day            the last day of the window judged
 * @param score          the evidence: an isolation score, or the rule's observed value
 * @param mrrAtStake     the MRR the anomaly puts at risk (the priority's weight)
 * @param impact         the impact the spec names (e.g. churn rate x MRR), or the MRR at stake
 * @param metrics        the numbers behind it, by name
 * @param description    one sentence for the operator
 * @param recommendation what to look at
 * @param action         what to do
 */
public record Finding(String type, String severity, LocalDate day, double score, double mrrAtStake, double impact,
                      Map<String, Double> metrics, String description, String recommendation, String action) {

    public Finding {
        metrics = Map.copyOf(metrics);
    }
}
