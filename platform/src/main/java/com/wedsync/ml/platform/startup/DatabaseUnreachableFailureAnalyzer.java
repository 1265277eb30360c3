package com.wedsync.ml.platform.startup;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Recognises a database that cannot be reached or refuses us (wrong host, port, database name,
 * user or password) and says which setting to change.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class DatabaseUnreachableFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    public DatabaseUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        SQLException sql = Causes.find(failure, SQLException.class);
        if (sql == null || !isConnectionProblem(sql)) {
            return null;
        }
        String url = environment.getProperty("spring.datasource.url", "(embedded PostgreSQL)");
        String description = "cannot connect to PostgreSQL at " + url + ": " + firstLine(sql.getMessage()) + ".";
        String action = "set SPRING_DATASOURCE_URL (jdbc:postgresql://host:port/database), SPRING_DATASOURCE_USERNAME "
                + "and SPRING_DATASOURCE_PASSWORD to a reachable PostgreSQL, or unset SPRING_DATASOURCE_URL to use "
                + "the embedded PostgreSQL.";
        return new FailureAnalysis(description, action, failure);
    }

    private static boolean isConnectionProblem(SQLException e) {
        String state = e.getSQLState();
        // 08: connection exception; 28: invalid authorization; 3D000: database does not exist
        return state == null
                ? e.getMessage() != null && e.getMessage().toLowerCase().contains("connect")
                : state.startsWith("08") || state.startsWith("28") || state.equals("3D000");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        String line = (nl < 0 ? message : message.substring(0, nl)).trim();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
