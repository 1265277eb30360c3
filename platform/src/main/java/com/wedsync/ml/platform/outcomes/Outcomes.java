package com.wedsync.ml.platform.outcomes;

import com.wedsync.ml.platform.jobs.RecurringJobs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.scheduling.JobScheduler;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.wedsync.ml.pipelines.spi.ModelKind;
import com.wedsync.ml.pipelines.spi.ModelKinds;
import com.wedsync.ml.pipelines.spi.OutcomeSpec;
import com.wedsync.ml.platform.jobs.JobProgress;

/** Records and reads the real outcomes of logged predictions, for every kind that declares how (see the package). */
@Service
public class Outcomes {

    /** The recurring job that records outcomes, every night at 02:00 UTC. */

    private final JdbcClient jdbc;
    private final ModelKinds kinds;
    private final JobScheduler scheduler;
    private final Clock clock;
    private final Map<String, String> sql = new java.util.concurrent.ConcurrentHashMap<>();

    Outcomes(JdbcClient jdbc, ModelKinds kinds, JobScheduler scheduler, Clock clock) {
        this.jdbc = jdbc;
        this.kinds = kinds;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** A prediction's probability and what happened (1 or 0). */
    public record Outcome(double score, int outcome) {
    }

    /** A prediction of arm A and one of arm B for the same entity and date, with its outcome. */
    public record Pair(double a, double b, int outcome) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        scheduler.deleteRecurringJob("churn-outcomes"); // the churn-only job this one replaced
        scheduler.scheduleRecurrently(RecurringJobs.OUTCOMES, "0 2 * * *", (Outcomes o) -> o.recordAll(JobContext.Null));
    }

    /** The kind's outcome spec, if the kind has outcomes. */
    public Optional<OutcomeSpec> spec(String kind) {
        return kinds.find(kind).flatMap(ModelKind::outcomes);
    }

    /** The kinds whose predictions get outcomes. */
    public List<String> kindsWithOutcomes() {
        return kinds.names().stream().filter(k -> spec(k).isPresent()).toList();
    }

    @Job(name = "record the actual outcomes of predictions whose horizon has passed", labels = {"step:outcomes"}, retries = 3)
    public Map<String, Integer> recordAll(JobContext context) {
        Map<String, Integer> recorded = record(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        new JobProgress(context, "outcomes").progress(100, "recorded outcomes " + recorded);
        return recorded;
    }

    /**
     * Records the outcome of every prediction, of every kind with outcomes, whose horizon ended by {@code upTo};
     * a rerun records nothing twice.
     *
     * @return how many were recorded, per kind
     */
    public Map<String, Integer> record(LocalDate upTo) {
        Map<String, Integer> recorded = new LinkedHashMap<>();
        for (String kind : kindsWithOutcomes()) {
            OutcomeSpec s = spec(kind).orElseThrow();
            recorded.put(kind, jdbc.sql(sql(s.recordSql())).param("prediction_type", kind).param("up_to", upTo)
                    .param("now", Timestamp.from(clock.instant())).update());
        }
        return recorded;
    }

    /** The recorded (score, outcome) pairs of one model version's predictions. */
    public List<Outcome> ofVersion(UUID modelId, OutcomeSpec s) {
        return jdbc.sql("""
                SELECT (prediction ->> :score)::float8, CASE WHEN (actual_outcome ->> :outcome)::boolean THEN 1 ELSE 0 END
                FROM ml_predictions WHERE model_id = :m AND actual_outcome IS NOT NULL AND prediction ->> :score IS NOT NULL
                """).param("score", s.scoreField()).param("outcome", s.outcomeField()).param("m", modelId)
                .query((rs, i) -> new Outcome(rs.getDouble(1), rs.getInt(2))).list();
    }

    /** An experiment's paired predictions (shadow mode: both arms scored the same entity and date) with outcomes. */
    public List<Pair> pairedInExperiment(UUID experimentId, OutcomeSpec s) {
        return jdbc.sql("""
                SELECT (pa.prediction ->> :score)::float8, (pb.prediction ->> :score)::float8,
                       CASE WHEN (pa.actual_outcome ->> :outcome)::boolean THEN 1 ELSE 0 END
                FROM ml_predictions pa
                JOIN ml_predictions pb ON pb.experiment_id = pa.experiment_id AND pb.entity_id = pa.entity_id
                 AND pb.prediction_for_date = pa.prediction_for_date AND pb.experiment_arm = 'B'
                WHERE pa.experiment_id = :id AND pa.experiment_arm = 'A' AND pa.actual_outcome IS NOT NULL
                ORDER BY pa.entity_id, pa.prediction_for_date
                """).param("score", s.scoreField()).param("outcome", s.outcomeField()).param("id", experimentId)
                .query((rs, i) -> new Pair(rs.getDouble(1), rs.getDouble(2), rs.getInt(3))).list();
    }

    /** Per arm of an experiment: predictions with outcomes, and how many were right (probability >= 0.5 iff it happened). */
    public Map<String, long[]> correctByArm(UUID experimentId, OutcomeSpec s) {
        Map<String, long[]> arms = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT experiment_arm, count(*), count(*) FILTER (WHERE ((prediction ->> :score)::float8 >= 0.5)
                       = COALESCE((actual_outcome ->> :outcome)::boolean, false))
                FROM ml_predictions WHERE experiment_id = :id AND actual_outcome IS NOT NULL GROUP BY experiment_arm
                """).param("score", s.scoreField()).param("outcome", s.outcomeField()).param("id", experimentId)
                .query(rs -> {
                    arms.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        return arms;
    }

    private String sql(String resource) {
        return sql.computeIfAbsent(resource, r -> {
            try (InputStream in = new ClassPathResource(r).getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("no outcome SQL " + r + " on the classpath", e);
            }
        });
    }
}
