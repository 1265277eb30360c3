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

    AlertController(Alerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping
    List<Alert> list(@RequestParam(required = false) String type, @RequestParam(required = false) String model,
                     @RequestParam(defaultValue = "100") int limit) {
        AlertType t = type == null ? null : AlertType.parse(type).orElseThrow(() -> new BadRequestException("type",
                "type must be one of " + String.join(", ", AlertType.names()) + " (got '" + type + "')"));
        return alerts.recent(t, model, BadRequestException.inRange("limit", limit, 1, 1000));
    }
}
