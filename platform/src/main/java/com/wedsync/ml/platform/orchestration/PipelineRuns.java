package com.wedsync.ml.platform.orchestration;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.wedsync.ml.pipelines.run.RunLog;
import com.wedsync.ml.pipelines.run.RunStatus;
import com.wedsync.ml.platform.jobs.StepIds;
import com.wedsync.ml.platform.json.Json;

/** The {@code pipeline_runs} table. */
@Repository
public class PipelineRuns implements RunLog {

    private final JdbcClient jdbc;

    private final java.time.Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    PipelineRuns(JdbcClient jdbc, java.time.Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.events = events;
    }

    public void create(UUID id, String pipeline, int version, String trigger, UUID firstJobId, Map<String, Object> parameters,
                       String startedBy) {
        jdbc.sql("INSERT INTO pipeline_runs (id, pipeline_name, pipeline_version, trigger, job_id, parameters, started_at, started_by) "
                        + "VALUES (:id, :name, :version, :trigger, :job, CAST(:params AS jsonb), :now, :by) ON CONFLICT (id) DO NOTHING")
                .param("id", id).param("name", pipeline).param("version", version).param("trigger", trigger).param("by", startedBy)
                .param("job", firstJobId).param("params", Json.write(parameters))
                .param("now", java.sql.Timestamp.from(clock.instant())).update();
    }

    /**
     * Creates the run unless another run of the pipeline is in progress: status running with one of its step
     * jobs still waiting, scheduled or processing in JobRunr (a run whose jobs have all ended is not in the
     * way, whatever its status says). Serialised per pipeline by an advisory lock, so two starts at once
     * cannot both pass; a second call with the same run id finds the run it created.
     *
     * @throws RunInProgressException naming the run in progress
     */
    @org.springframework.transaction.annotation.Transactional
    public void createUnlessOneRuns(UUID id, String pipeline, int version, String trigger, UUID firstJobId,
                                    Map<String, Object> parameters, List<String> steps, String startedBy) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:k))").param("k", "pipeline-run:" + pipeline).query().singleRow();
        List<UUID> running = jdbc.sql("SELECT id FROM pipeline_runs WHERE pipeline_name = :n AND status = 'running' AND id <> :id")
                .param("n", pipeline).param("id", id).query(UUID.class).list();
        for (UUID other : running) {
            List<String> jobIds = steps.stream().map(s -> StepIds.of(other, s).toString()).toList();
            boolean active = jdbc.sql("SELECT EXISTS (SELECT 1 FROM jobrunr_jobs WHERE id::text IN (:ids) "
                            + "AND state IN ('AWAITING', 'SCHEDULED', 'ENQUEUED', 'PROCESSING'))")
                    .param("ids", jobIds).query(Boolean.class).single();
            if (active) {
                throw new RunInProgressException(pipeline, other);
            }
        }
        create(id, pipeline, version, trigger, firstJobId, parameters, startedBy);
    }

    public Optional<PipelineRun> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(PipelineRuns::map).optional();
    }

    public List<PipelineRun> recent(String pipeline, int limit) {
        return jdbc.sql(SELECT + " WHERE (CAST(:name AS text) IS NULL OR pipeline_name = :name) ORDER BY started_at DESC LIMIT :limit")
                .param("name", pipeline).param("limit", limit).query(PipelineRuns::map).list();
    }

    @Override
    public Run run(UUID id) {
        PipelineRun r = find(id).orElseThrow(() -> new IllegalStateException("no pipeline run " + id));
        return new Run(r.id(), r.pipelineName(), r.pipelineVersion(), r.result());
    }

    @Override
    public void merge(UUID id, Map<String, Object> result) {
        jdbc.sql("UPDATE pipeline_runs SET result = COALESCE(result, '{}'::jsonb) || CAST(:r AS jsonb) WHERE id = :id")
                .param("id", id).param("r", Json.write(result)).update();
    }

    @Override
    public void finish(UUID id, RunStatus status, String error) {
        jdbc.sql("UPDATE pipeline_runs SET status = :status, error = :error, finished_at = :now WHERE id = :id "
                        + "RETURNING pipeline_name, trigger")
                .param("id", id).param("now", java.sql.Timestamp.from(clock.instant())).param("status", status.dbName()).param("error", error)
                .query((rs, i) -> new RunFinished(id, rs.getString(1), rs.getString(2), status)).optional()
                .ifPresent(events::publishEvent);
    }

    private static final String SELECT = "SELECT id, pipeline_name, pipeline_version, trigger, status, job_id, started_at, "
            + "finished_at, parameters::text, result::text, error, started_by FROM pipeline_runs";

    private static PipelineRun map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new PipelineRun(rs.getObject(1, UUID.class), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                rs.getString(5), rs.getObject(6, UUID.class), rs.getTimestamp(7).toInstant(),
                rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(), Json.readMap(rs.getString(9)),
                Json.readMap(rs.getString(10)), rs.getString(11), rs.getString(12));
    }
}
