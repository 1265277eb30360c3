package com.wedsync.ml.platform.api;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.wedsync.ml.pipelines.definition.DefinitionReader;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.platform.orchestration.PipelineRun;
import com.wedsync.ml.platform.orchestration.PipelineRuns;
import com.wedsync.ml.platform.orchestration.PipelineStarter;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.pipeline.PipelineProperties;
import com.wedsync.ml.platform.pipeline.ScheduleInterval;
import com.wedsync.ml.platform.security.AuditLog;
import com.wedsync.ml.platform.security.CurrentUser;
import com.wedsync.ml.platform.security.Role;
import com.wedsync.ml.platform.pipeline.StoredDefinition;

/** Pipeline definitions and runs. */
@RestController
@RequestMapping("/api/pipelines")
class PipelineController {

    private final PipelineDefinitions definitions;
    private final PipelineStarter steps;
    private final PipelineRuns runs;
    private final DefinitionReader reader = new DefinitionReader();
    private final CurrentUser current;
    private final AuditLog audit;
    private final PipelineProperties properties;

    PipelineController(PipelineDefinitions definitions, PipelineStarter steps, PipelineRuns runs, CurrentUser current, AuditLog audit,
                       PipelineProperties properties) {
        this.definitions = definitions;
        this.steps = steps;
        this.runs = runs;
        this.current = current;
        this.audit = audit;
        this.properties = properties;
    }

    /** Every registered definition, every version. */
    @GetMapping
    List<StoredDefinition> list() {
        return definitions.all();
    }

    /**
     * Registers a definition (JSON; unknown fields refused). 201 when created, 200 when the identical
     * definition was registered already; 400 naming every bad field otherwise, with nothing stored. A schedule
     * more frequent than {@code wedsync.pipelines.minimum-schedule-interval} (its shortest real gap) needs an
     * admin: 403 naming the rule otherwise. Recorded under the signed-in user.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StoredDefinition> register(@RequestBody String body) {
        PipelineDefinition d = reader.fromJson(body);
        String actor = current.actor().orElseThrow();
        if (d.schedule() != null && !d.schedule().isBlank()) {
            java.util.Optional<java.time.Duration> gap;
            try {
                gap = ScheduleInterval.gapBelow(d.schedule(), properties.minimumScheduleInterval());
            } catch (RuntimeException invalid) {
                gap = java.util.Optional.empty(); // an invalid cron: the definition's validation names it
            }
            if (gap.isPresent()) {
                current.require(Role.ADMIN, "schedule '" + d.schedule() + "' runs " + gap.get().toSeconds()
                        + " s apart, more often than wedsync.pipelines.minimum-schedule-interval ("
                        + properties.minimumScheduleInterval() + "): registering it");
            }
        }
        PipelineDefinitions.Registration r = definitions.register(d, "api", actor);
        if (r.created()) {
            audit.record(actor, "pipeline.registered", "pipeline:" + d.name() + "@" + d.version(),
                    d.schedule() == null ? Map.of() : Map.of("schedule", d.schedule()));
        }
        return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).body(r.stored());
    }

    /** Starts a run of the pipeline's latest version now; answers with the run id and its first JobRunr job id. */
    @PostMapping("/{name}/runs")
    ResponseEntity<Map<String, Object>> run(@PathVariable String name) {
        String actor = current.actor().orElseThrow();
        PipelineStarter.StartedRun started = steps.start(name, "api", Map.of(), actor);
        audit.record(actor, "run.started", "pipeline:" + name, Map.of("runId", started.runId().toString()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("runId", started.runId(), "jobId", started.jobId(),
                "dashboard", "http://localhost:8000/dashboard/jobs/" + started.jobId()));
    }

    @GetMapping("/{name}/runs")
    List<PipelineRun> runs(@PathVariable String name, @RequestParam(defaultValue = "20") int limit) {
        if (definitions.latest(name).isEmpty()) {
            throw new NotFoundException("no pipeline named '" + name + "' is registered");
        }
        return runs.recent(name, BadRequestException.inRange("limit", limit, 1, 500));
    }
}
