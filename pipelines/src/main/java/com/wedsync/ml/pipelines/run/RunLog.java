package com.wedsync.ml.pipelines.run;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The log of pipeline runs: what each run is, and what its steps have recorded so far. */
public interface RunLog {

    /** @throws IllegalStateException if there is no such run */
    Run run(UUID runId);

    /** Adds (or replaces) entries of the run's result. */
    void merge(UUID runId, Map<String, Object> entries);

    void finish(UUID runId, RunStatus status, String error);

    /** A run: the pipeline version it runs and what its steps recorded, with typed readers for what the steps read back. */
    record Run(UUID id, String pipelineName, int pipelineVersion, Map<String, Object> result) {

        public Run {
            result = result == null ? Map.of() : Map.copyOf(result);
        }

        /** The date the features step computed today's snapshot for (a series kind's history). */
        public Optional<LocalDate> scoringDate() {
            return Optional.ofNullable(result.get(SCORING_DATE)).map(d -> LocalDate.parse(d.toString()));
        }

        /** The champion the validate step judged the challenger against; empty if it was judged against none. */
        public Optional<UUID> judgedAgainst() {
            Object j = result.get(JUDGED_AGAINST);
            return j == null || NONE.equals(j) ? Optional.empty() : Optional.of(UUID.fromString(j.toString()));
        }

        /** The experiment the promote step started, if it did. */
        public Optional<String> experiment() {
            return Optional.ofNullable(result.get(EXPERIMENT)).map(Object::toString);
        }
    }

    String SCORING_DATE = "scoring_date";
    String JUDGED_AGAINST = "judged_against";
    String EXPERIMENT = "experiment";
    String NONE = "none";
}
