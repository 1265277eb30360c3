package com.wedsync.ml.platform.startup;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jobrunr.jobs.annotations.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.platform.jobs.Jobs;
import com.wedsync.ml.platform.orchestration.PipelineStarter;
import com.wedsync.ml.platform.orchestration.RunFinished;
import com.wedsync.ml.platform.orchestration.RunInProgressException;
import com.wedsync.ml.platform.pipeline.DefinitionLoader;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.pipeline.PipelineProperties;
import com.wedsync.ml.platform.pipeline.StoredDefinition;
import com.wedsync.ml.platform.registry.ModelRegistry;

/**
 * The default run's pipelines: at start, registers the YAML definitions and, for the built-in pipelines whose
 * model has no production version yet, runs each once, one at a time, once there is marketplace data to learn
 * from: the quick ones first ({@link #ORDER}), so that the first models answer soon, and the next run starts when
 * the previous one has ended (a {@link RunFinished} of a start-up run enqueues {@link #startMissing()} again). On
 * 2 cores, six runs at once took 517 s before the first model was in production. When the simulator is still
 * filling the tables, its job calls {@link #startMissing()} (as a job of its own) when it has finished.
 */
@Component
public class StartupPipelines {

    private static final Logger log = LoggerFactory.getLogger(StartupPipelines.class);

    /** The built-ins' start-up order, quickest first; a built-in not named here runs after these, by name. */
    static final List<String> ORDER = List.of("mrr-forecast", "ltv", "churn", "viral-k", "demand", "anomaly");

    /** The run id of a pipeline version's one start-up run. */
    static UUID startupRunId(PipelineDefinition d) {
        return UUID.nameUUIDFromBytes(("startup-run:" + d.name() + ":" + d.version()).getBytes(StandardCharsets.UTF_8));
    }

    private final DefinitionLoader loader;
    private final PipelineDefinitions definitions;
    private final PipelineStarter steps;
    private final ModelRegistry registry;
    private final PipelineProperties properties;
    private final JdbcClient jdbc;
    private final Jobs jobs;

    StartupPipelines(DefinitionLoader loader, PipelineDefinitions definitions, PipelineStarter steps, ModelRegistry registry,
                     PipelineProperties properties, JdbcClient jdbc, Jobs jobs) {
        this.loader = loader;
        this.definitions = definitions;
        this.steps = steps;
        this.registry = registry;
        this.properties = properties;
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    public void onReady() {
        List<PipelineDefinition> loaded = loader.loadAll();
        log.info("{} pipeline definitions registered from YAML", loaded.size());
        if (properties.runOnStartup()) {
            if (hasMarketplaceData()) {
                startMissing();
            } else {
                log.info("no marketplace data yet: pipelines start when the simulator has filled the tables");
            }
        }
    }

    /** Enqueues {@link #startMissing()} as a durable job (used by the simulator job when it finishes). */
    public void enqueueStartMissing(String reason) {
        UUID id = UUID.nameUUIDFromBytes(("startup-pipelines:" + reason).getBytes(StandardCharsets.UTF_8));
        jobs.enqueueOnce(id, (StartupPipelines s) -> s.startMissing());
    }

    /** A start-up run has ended: the next built-in's turn (a job, so that a crash here loses nothing: a restart resumes). */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    public void onRunFinished(RunFinished finished) {
        if ("startup".equals(finished.trigger()) && properties.runOnStartup()) {
            enqueueStartMissing("after:" + finished.runId());
        }
    }

    /**
     * Starts the start-up run of the first built-in pipeline (in {@link #ORDER}) whose model has no production
     * version and whose start-up run has not ended, unless one is running: one at a time. The run id is derived
     * from the pipeline and version, so calling this again (a restart, a retry, two finished events) starts nothing
     * twice, and a start-up run that ended without a production model (a failed gate, a failure) is not retried:
     * the next pipeline's turn comes. Pipelines registered by people (the API, a definitions directory) are never
     * started here, so a restart cannot start a storm of runs.
     */
    @Job(name = "Start the pipelines that have no production model", labels = {"pipeline:startup"})
    public void startMissing() {
        if (!properties.runOnStartup()) {
            return;
        }
        if (!hasMarketplaceData()) {
            log.info("no marketplace data: no pipeline to start");
            return;
        }
        List<PipelineDefinition> builtIns = new java.util.ArrayList<>(definitions.latestOfEach().stream()
                .filter(s -> DefinitionLoader.isBuiltIn(s.source())).map(StoredDefinition::definition).toList());
        builtIns.sort(java.util.Comparator.comparingInt((PipelineDefinition d) -> ORDER.contains(d.name()) ? ORDER.indexOf(d.name())
                : ORDER.size()).thenComparing(PipelineDefinition::name));
        for (PipelineDefinition d : builtIns) {
            if (registry.production(d.name()).isPresent()) {
                continue;
            }
            UUID runId = startupRunId(d);
            String status = jdbc.sql("SELECT status FROM pipeline_runs WHERE id = :id").param("id", runId).query(String.class)
                    .optional().orElse(null);
            if ("running".equals(status)) {
                log.info("start-up run {} of {} is in progress: the next pipeline waits for it", runId, d.name());
                return;
            }
            if (status != null) {
                continue; // ended without a production model: not retried at start-up
            }
            try {
                PipelineStarter.StartedRun run = steps.start(d, runId, "startup", Map.of());
                log.info("pipeline {} has no production model: start-up run {} started (job {}); the others wait for it",
                        d.name(), run.runId(), run.jobId());
                return;
            } catch (RunInProgressException e) {
                // someone else's run trains it already: no start-up run of it, and the next pipeline's turn
                log.info("pipeline {} has no production model; its run {} is in progress", d.name(), e.runningRun());
            }
        }
    }

    private boolean hasMarketplaceData() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM suppliers)").query(Boolean.class).single();
    }
}
