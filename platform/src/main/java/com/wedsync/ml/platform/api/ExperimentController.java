package com.wedsync.ml.platform.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.wedsync.ml.platform.experiments.ExperimentEvaluator;
import com.wedsync.ml.platform.experiments.Experiments;

/** A/B experiments: champion (production) against a staged challenger. */
@RestController
@RequestMapping("/api/experiments")
class ExperimentController {

    private final Experiments experiments;
    private final ExperimentEvaluator evaluator;
    private final com.wedsync.ml.platform.security.CurrentUser current;
    private final com.wedsync.ml.platform.security.AuditLog audit;

    ExperimentController(Experiments experiments, ExperimentEvaluator evaluator, com.wedsync.ml.platform.security.CurrentUser current,
                         com.wedsync.ml.platform.security.AuditLog audit) {
        this.experiments = experiments;
        this.evaluator = evaluator;
        this.current = current;
        this.audit = audit;
    }

    /**
     * Starts an experiment: {@code {"name", "model", "challenger": "<version>", "metric": "auc"|"accuracy",
     * "mode": "split"|"shadow", "trafficToB": 0.5, "minSampleSize": 1000, "significance": 0.05,
     * "maxDurationDays": 30, "policy": "auto"|"report"}}. Scoring serves the arms from then on; a daily
     * recurring job {@code experiment-<id>} takes a look.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Experiments.Experiment create(@RequestBody Experiments.Request request) {
        String actor = current.actor().orElseThrow();
        Experiments.Experiment x = experiments.create(request, actor);
        evaluator.schedule(x.id());
        audit.record(actor, "experiment.started", "experiment:" + x.id(), Map.of("name", x.name(), "model", x.modelName()));
        return x;
    }

    @GetMapping
    List<Experiments.Experiment> list(@RequestParam(required = false) String model) {
        return experiments.list(model);
    }

    @GetMapping("/{id}")
    Experiments.Experiment get(@PathVariable UUID id) {
        return experiments.find(id).orElseThrow(() -> new NotFoundException("no experiment " + id));
    }

    /** Takes a look now (as the recurring job does) and returns the experiment after it. */
    @PostMapping("/{id}/evaluate")
    Experiments.Experiment evaluate(@PathVariable UUID id) {
        Experiments.Experiment before = experiments.find(id).orElseThrow(() -> new NotFoundException("no experiment " + id));
        String actor = current.actor().orElseThrow();
        Experiments.Experiment after = evaluator.evaluate(id, null, actor, org.jobrunr.jobs.context.JobContext.Null).experiment();
        audit.record(actor, "experiment.evaluated", "experiment:" + id, after.status() == before.status()
                ? Map.of("status", after.status().dbName()) : Map.of("status", after.status().dbName(), "decision", String.valueOf(after.decision())));
        return after;
    }
}
