package com.wedsync.ml.platform.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.wedsync.ml.pipelines.definition.InvalidDefinitionException;
import com.wedsync.ml.pipelines.registry.IllegalTransitionException;
import com.wedsync.ml.platform.orchestration.NoSuchPipelineException;
import com.wedsync.ml.platform.registry.MissingProvenanceException;
import com.wedsync.ml.platform.registry.ModelNotFoundException;
import com.wedsync.ml.platform.scoring.InvalidScoringRequestException;
import com.wedsync.ml.platform.scoring.NothingToScoreException;

/** Maps the platform's exceptions to problem details that name what is wrong. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final javax.sql.DataSource dataSource;

    ApiExceptionHandler(javax.sql.DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @ExceptionHandler(InvalidDefinitionException.class)
    ProblemDetail invalidDefinition(InvalidDefinitionException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid pipeline definition", e.getMessage());
        p.setProperty("errors", e.errors().stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
        return p;
    }

    @ExceptionHandler(com.wedsync.ml.platform.experiments.Experiments.InvalidExperimentException.class)
    ProblemDetail invalidExperiment(com.wedsync.ml.platform.experiments.Experiments.InvalidExperimentException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid experiment", e.getMessage());
        p.setProperty("errors", e.errors().stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
        return p;
    }

    @ExceptionHandler(com.wedsync.ml.platform.experiments.Experiments.ExperimentConflictException.class)
    ProblemDetail experimentConflict(RuntimeException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Experiment already running", e.getMessage());
        p.setProperty("errors", List.of(Map.of("field", "model", "message", e.getMessage())));
        return p;
    }

    @ExceptionHandler(com.wedsync.ml.platform.orchestration.RunInProgressException.class)
    ProblemDetail runInProgress(com.wedsync.ml.platform.orchestration.RunInProgressException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Run in progress", e.getMessage());
        p.setProperty("runningRun", e.runningRun().toString());
        p.setProperty("errors", List.of(Map.of("field", "name", "message", e.getMessage())));
        return p;
    }

    @ExceptionHandler(com.wedsync.ml.platform.security.Users.UserExistsException.class)
    ProblemDetail userExists(RuntimeException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "User exists", e.getMessage());
        p.setProperty("errors", List.of(Map.of("field", "username", "message", e.getMessage())));
        return p;
    }

    /** A request whose body asks for more than the caller's role (production by hand, a frequent schedule). */
    @ExceptionHandler(com.wedsync.ml.platform.security.RoleRequiredException.class)
    ProblemDetail roleRequired(com.wedsync.ml.platform.security.RoleRequiredException e) {
        ProblemDetail p = problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
        p.setProperty("requiredRole", e.required().id());
        p.setProperty("errors", List.of(Map.of("field", "role", "message", e.getMessage())));
        return p;
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ProblemDetail illegalTransition(IllegalTransitionException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Transition not allowed", e.getMessage());
        p.setProperty("errors", List.of(Map.of("field", "to", "message", e.getMessage())));
        return p;
    }

    @ExceptionHandler({ModelNotFoundException.class, NoSuchPipelineException.class, NotFoundException.class,
            NothingToScoreException.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(MissingProvenanceException.class)
    ProblemDetail missingProvenance(MissingProvenanceException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Model without provenance", e.getMessage());
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
        p.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return p;
    }

    /** The database does not answer (an outage, a restart): 503 at once, so a caller can retry, not a generic 500. */
    @ExceptionHandler({org.springframework.dao.DataAccessException.class, org.springframework.transaction.TransactionException.class})
    org.springframework.http.ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        if (!connectionLost(e) && databaseAnswers()) {
            String id = java.util.UUID.randomUUID().toString();
            log.error("internal error {} in a database call", id, e);
            return org.springframework.http.ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "an internal error occurred (id " + id + ")"));
        }
        log.warn("database unavailable ({}): {}", e.getClass().getSimpleName(), e.getMessage());
        ProblemDetail p = problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
                "the platform's database does not answer right now; retry in a few seconds");
        return org.springframework.http.ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(org.springframework.http.HttpHeaders.RETRY_AFTER, "10").body(p);
    }

    /**
     * Whether the database answers a new connection now, asked directly (not through the pool, whose
     * connections may be the dead ones) with a two-second limit: the deciding test when an exception's
     * own chain does not say that the connection was lost (a JPA or transaction wrapper that dropped it).
     */
    boolean databaseAnswers() {
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            java.util.Properties props = new java.util.Properties();
            if (hikari.getUsername() != null) {
                props.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                props.setProperty("password", hikari.getPassword());
            }
            props.setProperty("connectTimeout", "2");
            props.setProperty("loginTimeout", "2");
            props.setProperty("socketTimeout", "2");
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(hikari.getJdbcUrl(), props)) {
                return c.isValid(2);
            } catch (java.sql.SQLException unreachable) {
                return false;
            }
        }
        try (java.sql.Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (java.sql.SQLException | RuntimeException unreachable) {
            return false;
        }
    }

    /**
     * Whether an exception says the database connection is gone: Spring's own verdict, or an SQL state of
     * class 08 (connection exception) or 57P01-57P03 (the server shutting down) anywhere in its causes, as
     * when a pooled connection dies in the middle of a transaction's rollback.
     */
    static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof org.springframework.transaction.CannotCreateTransactionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(InvalidScoringRequestException.class)
    ProblemDetail invalidScoringRequest(InvalidScoringRequestException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
        p.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return p;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "Unreadable request body",
                "the request body is not valid JSON for this endpoint: " + e.getMostSpecificCause().getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Missing parameter", e.getMessage());
        p.setProperty("errors", List.of(Map.of("field", e.getParameterName(), "message", "is required")));
        return p;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String message = "'" + e.getValue() + "' is not a valid " + e.getName();
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Bad parameter", message);
        p.setProperty("errors", List.of(Map.of("field", e.getName(), "message", message)));
        return p;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("https://wedsync.example/problems/" + title.toLowerCase().replace(' ', '-')));
        log.debug("{}: {}", title, detail);
        return p;
    }
}
