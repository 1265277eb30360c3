package com.wedsync.ml.platform.startup;

import java.net.BindException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Recognises the JobRunr dashboard failing to bind its port (Spring Boot already explains the
 * web server's own port) and says how to choose another.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class DashboardPortInUseFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    public DashboardPortInUseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        DashboardPortPreflight.DashboardPortInUseException preflight =
                Causes.find(failure, DashboardPortPreflight.DashboardPortInUseException.class);
        BindException bind = Causes.find(failure, BindException.class);
        if (preflight == null && (bind == null || !Causes.stackMentions(failure, "org.jobrunr.dashboard"))) {
            return null;
        }
        String port = preflight != null ? Integer.toString(preflight.port)
                : environment.getProperty("jobrunr.dashboard.port", "8000");
        return new FailureAnalysis(
                "the JobRunr dashboard could not listen on port " + port + ": it is already in use.",
                "stop the process listening on port " + port + " (e.g. another platform instance), or set "
                        + "JOBRUNR_DASHBOARD_PORT to a free port.",
                failure);
    }
}
