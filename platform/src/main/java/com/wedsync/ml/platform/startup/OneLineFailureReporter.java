package com.wedsync.ml.platform.startup;

import java.io.PrintStream;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports a start-up failure that a failure analyzer recognised as one line on standard error:
 * what went wrong and what to change. Spring Boot's multi-line report is switched off in
 * {@code application.yml}; the stack trace is logged only at debug level.
 */
public final class OneLineFailureReporter implements FailureAnalysisReporter {

    private final PrintStream out;

    public OneLineFailureReporter() {
        this(System.err);
    }

    OneLineFailureReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void report(FailureAnalysis analysis) {
        out.println(format(analysis));
        out.flush();
    }

    static String format(FailureAnalysis analysis) {
        String action = analysis.getAction() == null ? "" : " Fix: " + oneLine(analysis.getAction());
        return "wedsync-ml-platform failed to start: " + oneLine(analysis.getDescription()) + action;
    }

    private static String oneLine(String text) {
        return text.replaceAll("-{3,}", " ").replaceAll("\\s+", " ").trim();
    }
}
