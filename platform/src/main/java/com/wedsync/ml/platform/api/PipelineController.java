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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.wedsync.ml.pipelines.definition.DefinitionReader;
import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.platform.orchestration.PipelineRun;
import com.wedsync.ml.platform.orchestration.PipelineRuns;
import com.wedsync.ml.platform.orchestration.PipelineStarter;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.pipeline.StoredDefinition;

/** Pipeline definitions and runs. */
@RestController
@RequestMapping("/api/pipelines")
class PipelineController {

    private final PipelineDefinitions definitions;
    private final PipelineStarter steps;
    private final PipelineRuns runs;
    private final DefinitionReader reader = new DefinitionReader();

    PipelineController(PipelineDefinitions definitions, PipelineStarter steps, PipelineRuns runs) {
        this.definitions = definitions;
        this.steps = steps;
        this.runs = runs;
    }

    /** Every registered definition, every version. */
    @GetMapping
    List<StoredDefinition> list() {
        return definitions.all();
    }

    /**
     * Registers a definition (JSON; unknown fields refused). 201 when created, 200 when the identical
     * definition was registered already; 400 naming every bad field otherwise, with nothing stored.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StoredDefinition> register(@RequestBody String body,
                                              @RequestHeader(name = "X-Actor", required = false) String actor) {
        PipelineDefinition d = reader.fromJson(body);
        PipelineDefinitions.Registration r = definitions.register(d, "api", actor == null ? "api" : actor);
        return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).body(r.stored());
    }

    /** Starts a run of the pipeline's latest version now; answers with the run id and its first JobRunr job id. */
    @PostMapping("/{name}/runs")
    ResponseEntity<Map<String, Object>> run(@PathVariable String name) {
        PipelineStarter.StartedRun started = steps.start(name, "api", Map.of());
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
