package com.wedsync.ml.platform.pipeline;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jobrunr.scheduling.cron.CronExpression;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.wedsync.ml.pipelines.definition.DefinitionReader;
import com.wedsync.ml.pipelines.definition.DefinitionValidator;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.spi.ModelKinds;

/**
 * Registers, stores and finds pipeline definitions. A definition is validated field by field before
 * anything is stored; registering the same (name, version) with the same content again is a no-op
 * (so start-up loading of YAML files is idempotent), with different content it is refused.
 */
@Service
public class PipelineDefinitions {

    private final JdbcClient jdbc;
    private final DefinitionValidator validator;
    private final DefinitionReader reader = new DefinitionReader();

    private final java.time.Clock clock;

    private final org.springframework.context.ApplicationEventPublisher events;

    PipelineDefinitions(JdbcClient jdbc, ModelKinds kinds, java.time.Clock clock,
                        org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.clock = clock;
        this.jdbc = jdbc;
        this.validator = new DefinitionValidator(kinds, PipelineDefinitions::cronProblem);
    }

    /** JobRunr's smallest interval between two occurrences of a recurring job (it refuses less when scheduling). */
    static final java.time.Duration SMALLEST_INTERVAL = java.time.Duration.ofSeconds(5);

    /** JobRunr's own cron parser decides, so a definition that passes here can be scheduled. */
    static Optional<String> cronProblem(String cron) {
        try {
            CronExpression c = new CronExpression(cron);
            c.validate();
            if (c.durationBetweenSchedules().compareTo(SMALLEST_INTERVAL) < 0) {
                return Optional.of("it runs every " + c.durationBetweenSchedules().toSeconds() + " s; the scheduler runs a "
                        + "recurring job at most every " + SMALLEST_INTERVAL.toSeconds() + " s");
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /**
     * @return the stored definition, and whether this call created it
     * @throws com.wedsync.ml.pipelines.definition.InvalidDefinitionException naming every bad field; nothing stored
     */
    @Transactional
    public Registration register(PipelineDefinition d, String source, String actor) {
        validator.check(d);
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:k))").param("k", "pipeline:" + d.name()).query().singleRow();
        Optional<StoredDefinition> existing = find(d.name(), d.version());
        if (existing.isPresent()) {
            if (existing.get().definition().equals(d)) {
                events.publishEvent(new PipelineRegistered(d, false));
                return new Registration(existing.get(), false);
            }
            throw new DuplicateDefinitionException(d.name(), d.version());
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO pipeline_definitions (id, name, version, model_kind, schedule_cron, promotion_policy, "
                        + "definition, source, created_by, created_at) VALUES (:id, :name, :version, :kind, :cron, :policy, "
                        + "CAST(:json AS jsonb), :source, :actor, :now)")
                .param("id", id).param("name", d.name()).param("version", d.version()).param("kind", d.modelKind())
                .param("cron", d.schedule()).param("policy", promotionPolicy(d)).param("json", reader.toJson(d))
                .param("source", source).param("actor", actor)
                .param("now", java.sql.Timestamp.from(clock.instant())).update();
        events.publishEvent(new PipelineRegistered(d, true));
        return new Registration(find(d.name(), d.version()).orElseThrow(), true);
    }

    public record Registration(StoredDefinition stored, boolean created) {
    }

    static String promotionPolicy(PipelineDefinition d) {
        return d.promotion() == null || d.promotion().policy() == null ? "manual" : d.promotion().policy();
    }

    public Optional<StoredDefinition> find(String name, int version) {
        return jdbc.sql(SELECT + " WHERE name = :name AND version = :version")
                .param("name", name).param("version", version).query(this::map).optional();
    }

    /** The highest version of a pipeline. */
    public Optional<StoredDefinition> latest(String name) {
        return jdbc.sql(SELECT + " WHERE name = :name ORDER BY version DESC LIMIT 1")
                .param("name", name).query(this::map).optional();
    }

    /** The latest version of every pipeline. */
    public List<StoredDefinition> latestOfEach() {
        return jdbc.sql("SELECT DISTINCT ON (name) id, definition::text, source, enabled, created_at, created_by "
                + "FROM pipeline_definitions ORDER BY name, version DESC").query(this::map).list();
    }

    public List<StoredDefinition> all() {
        return jdbc.sql(SELECT + " ORDER BY name, version").query(this::map).list();
    }

    private static final String SELECT =
            "SELECT id, definition::text, source, enabled, created_at, created_by FROM pipeline_definitions";

    private StoredDefinition map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredDefinition(rs.getObject(1, UUID.class), reader.fromJson(rs.getString(2)), rs.getString(3),
                rs.getBoolean(4), rs.getTimestamp(5).toInstant(), rs.getString(6));
    }
}
