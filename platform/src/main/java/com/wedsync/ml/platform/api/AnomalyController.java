package com.wedsync.ml.platform.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.wedsync.ml.platform.anomalies.Anomalies;
import com.wedsync.ml.platform.anomalies.AnomalyJobs;
import com.wedsync.ml.platform.anomalies.Episodes;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Anomaly episodes (spec section 6): list them, open ones first; acknowledge or resolve one with who and why;
 * start a detection run now. Roles: GET viewer; POST ml-engineer. Who acts is the signed-in user.
 */
@RestController
@RequestMapping("/api/anomalies")
@Tag(name = "anomalies", description = "Anomaly episodes found by the detection job, and an operator's acknowledge and resolve")
class AnomalyController {

    private final Anomalies anomalies;
    private final AnomalyJobs jobs;
    private final com.wedsync.ml.pipelines.spi.ModelKinds kinds;
    private final com.wedsync.ml.platform.security.CurrentUser current;

    AnomalyController(Anomalies anomalies, AnomalyJobs jobs, com.wedsync.ml.pipelines.spi.ModelKinds kinds,
                      com.wedsync.ml.platform.security.CurrentUser current) {
        this.current = current;
        this.anomalies = anomalies;
        this.jobs = jobs;
        this.kinds = kinds;
    }

    /** Body of acknowledge and resolve: why; for resolve, optionally whether it was a false positive. */
    record TransitionRequest(String reason, Boolean falsePositive) {
    }

    @GetMapping
    @Operation(summary = "Anomaly episodes, unresolved first, then by priority (severity weight x MRR at stake). Role: viewer")
    List<Anomalies.Anomaly> list(
            @Parameter(description = "open, acknowledged or resolved") @RequestParam(required = false) String status,
            @Parameter(description = "an anomaly type a registered detector reports (the built-in one: revenue, usage, viral, support, churn_spike, viral_decline, invitation_drop)")
            @RequestParam(required = false) String type,
            @RequestParam(defaultValue = "100") int limit) {
        if (status != null && !Episodes.STATUSES.contains(status)) {
            throw new BadRequestException("status", "status must be one of " + String.join(", ", Episodes.STATUSES)
                    + " (got '" + status + "')");
        }
        if (type != null) {
            List<String> valid = validTypes();
            if (!valid.contains(type)) {
                throw new BadRequestException("type", "type must be one of " + String.join(", ", valid) + " (got '" + type + "')");
            }
        }
        return anomalies.list(status, type, Math.max(1, Math.min(limit, 1000)));
    }

    private List<String> validTypes() {
        // what the registered kinds' detectors report, and anything stored before
        List<String> valid = new ArrayList<>();
        kinds.names().stream().sorted().flatMap(k -> kinds.get(k).findingTypes().stream()).filter(t -> !valid.contains(t))
                .forEach(valid::add);
        anomalies.typesFound().stream().filter(t -> !valid.contains(t)).forEach(valid::add);
        return valid;
    }

    @GetMapping("/{id}")
    @Operation(summary = "One anomaly episode. Role: viewer")
    Anomalies.Anomaly get(@PathVariable UUID id) {
        return anomalies.find(id).orElseThrow(() -> new NotFoundException("no anomaly " + id));
    }

    @PostMapping("/{id}/acknowledge")
    @Operation(summary = "Acknowledge an open anomaly: {reason}, as the signed-in user. Role: ml-engineer")
    Anomalies.Anomaly acknowledge(@PathVariable UUID id, @RequestBody(required = false) TransitionRequest body) {
        TransitionRequest b = check(body);
        try {
            return anomalies.acknowledge(id, current.actor().orElseThrow(), b.reason());
        } catch (NoSuchElementException e) {
            throw new NotFoundException("no anomaly " + id);
        }
    }

    @PostMapping("/{id}/resolve")
    @Operation(summary = "Resolve an open or acknowledged anomaly: {reason, falsePositive?}, as the signed-in user. Role: ml-engineer")
    Anomalies.Anomaly resolve(@PathVariable UUID id, @RequestBody(required = false) TransitionRequest body) {
        TransitionRequest b = check(body);
        try {
            return anomalies.resolve(id, current.actor().orElseThrow(), b.reason(), b.falsePositive());
        } catch (NoSuchElementException e) {
            throw new NotFoundException("no anomaly " + id);
        }
    }

    @PostMapping("/detections")
    @Operation(summary = "Start a detection run now (the recurring job's work); answers its JobRunr job id. Role: ml-engineer")
    ResponseEntity<Map<String, Object>> detectNow() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("jobId", jobs.startNow().toString()));
    }

    private static TransitionRequest check(TransitionRequest body) {
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            throw new BadRequestException("reason", "'reason' is required: why");
        }
        return body;
    }

    @ExceptionHandler(Anomalies.TransitionRefusedException.class)
    ProblemDetail refused(Anomalies.TransitionRefusedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        p.setTitle("Transition refused");
        return p;
    }
}
