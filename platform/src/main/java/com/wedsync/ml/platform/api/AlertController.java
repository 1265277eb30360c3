package com.wedsync.ml.platform.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.wedsync.ml.platform.alerts.Alert;
import com.wedsync.ml.platform.alerts.AlertType;
import com.wedsync.ml.platform.alerts.Alerts;

/** Drift, health, anomaly, retraining and experiment alerts, newest first. */
@RestController
@RequestMapping("/api/alerts")
class AlertController {

    private final Alerts alerts;
    private final com.wedsync.ml.platform.security.CurrentUser current;
    private final com.wedsync.ml.platform.security.AuditLog audit;

    AlertController(Alerts alerts, com.wedsync.ml.platform.security.CurrentUser current, com.wedsync.ml.platform.security.AuditLog audit) {
        this.alerts = alerts;
        this.current = current;
        this.audit = audit;
    }

    /** Acknowledges an alert under the signed-in user (the first acknowledgement stays). */
    @org.springframework.web.bind.annotation.PostMapping("/{id}/acknowledge")
    Alert acknowledge(@org.springframework.web.bind.annotation.PathVariable java.util.UUID id) {
        String actor = current.actor().orElseThrow();
        Alert before = alerts.find(id).orElseThrow(() -> new NotFoundException("no alert " + id));
        Alert after = alerts.acknowledge(id, actor).orElseThrow();
        if (before.acknowledgedAt() == null) {
            audit.record(actor, "alert.acknowledged", "alert:" + id, java.util.Map.of("type", after.type()));
        }
        return after;
    }

    @GetMapping
    List<Alert> list(@RequestParam(required = false) String type, @RequestParam(required = false) String model,
                     @RequestParam(defaultValue = "100") int limit) {
        AlertType t = type == null ? null : AlertType.parse(type).orElseThrow(() -> new BadRequestException("type",
                "type must be one of " + String.join(", ", AlertType.names()) + " (got '" + type + "')"));
        return alerts.recent(t, model, BadRequestException.inRange("limit", limit, 1, 1000));
    }
}
