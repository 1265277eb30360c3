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
import com.wedsync.ml.platform.orchestration.RunInProgressException;
import com.wedsync.ml.platform.pipeline.DefinitionLoader;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.pipeline.PipelineProperties;
import com.wedsync.ml.platform.pipeline.StoredDefinition;
import com.wedsync.ml.platform.registry.ModelRegistry;

/**
 * The default run's pipelines: at start, registers the YAML definitions and, for each pipeline
 * whose model has no production version yet, starts one run, once there is marketplace data to
 * learn from. When the simulator is still filling the tables, its job calls {@link #startMissing()}
 * (as a job of its own) when it has finished.
 */
@Component
public class StartupPipelines {

    private static final Logger log = LoggerFactory.getLogger(StartupPipelines.class);

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

    /**
     * Starts a run of each built-in pipeline (a definition file shipped with the platform) whose model has no
     * production version. The run id is derived from the pipeline and version, so calling this again (a
     * restart, a retry) starts nothing new; pipelines registered by people (the API, a definitions directory)
     * are never started here, so a restart cannot start a storm of runs.
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
        for (StoredDefinition s : definitions.latestOfEach()) {
            PipelineDefinition d = s.definition();
            if (!DefinitionLoader.isBuiltIn(s.source()) || registry.production(d.name()).isPresent()) {
                continue;
            }
            UUID runId = UUID.nameUUIDFromBytes(("startup-run:" + d.name() + ":" + d.version()).getBytes(StandardCharsets.UTF_8));
            try {
                PipelineStarter.StartedRun run = steps.start(d, runId, "startup", Map.of());
                log.info("pipeline {} has no production model: run {} started (job {})", d.name(), run.runId(), run.jobId());
            } catch (RunInProgressException e) {
                log.info("pipeline {} has no production model; its run {} is in progress", d.name(), e.runningRun());
            }
        }
    }

    private boolean hasMarketplaceData() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM suppliers)").query(Boolean.class).single();
    }
}
