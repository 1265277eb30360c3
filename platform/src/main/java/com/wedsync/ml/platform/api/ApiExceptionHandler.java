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
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.wedsync.ml.pipelines.definition.InvalidDefinitionException;
import com.wedsync.ml.pipelines.registry.IllegalTransitionException;
import com.wedsync.ml.platform.orchestration.NoSuchPipelineException;
import com.wedsync.ml.platform.registry.MissingProvenanceException;
import com.wedsync.ml.platform.registry.ModelNotFoundException;
import com.wedsync.ml.platform.scoring.InvalidScoringRequestException;
import com.wedsync.ml.platform.scoring.NothingToScoreException;

/** Maps the platform's exceptions to problem details that name what is wrong. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** The longest value of a caller's that an answer repeats, and the longest message: input is cut, never echoed unbounded. */
    static final int MAX_ECHO = 200;
    static final int MAX_MESSAGE = 500;
    static final int MAX_DETAIL = 2_000;

    private final javax.sql.DataSource dataSource;

    ApiExceptionHandler(javax.sql.DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @ExceptionHandler(InvalidDefinitionException.class)
    ProblemDetail invalidDefinition(InvalidDefinitionException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid pipeline definition", e.getMessage());
        withErrors(p, e.errors().stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
        return p;
    }

    @ExceptionHandler(com.wedsync.ml.platform.experiments.Experiments.InvalidExperimentException.class)
    ProblemDetail invalidExperiment(com.wedsync.ml.platform.experiments.Experiments.InvalidExperimentException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid experiment", e.getMessage());
        withErrors(p, e.errors().stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
        return p;
    }

    @ExceptionHandler(com.wedsync.ml.platform.experiments.Experiments.ExperimentConflictException.class)
    ProblemDetail experimentConflict(RuntimeException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Experiment already running", e.getMessage());
        withErrors(p, List.of(Map.of("field", "model", "message", e.getMessage())));
        return p;
    }

    @ExceptionHandler(com.wedsync.ml.platform.orchestration.RunInProgressException.class)
    ProblemDetail runInProgress(com.wedsync.ml.platform.orchestration.RunInProgressException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Run in progress", e.getMessage());
        p.setProperty("runningRun", e.runningRun().toString());
        withErrors(p, List.of(Map.of("field", "name", "message", e.getMessage())));
        return p;
    }

    @ExceptionHandler(com.wedsync.ml.platform.security.Users.UserExistsException.class)
    ProblemDetail userExists(RuntimeException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "User exists", e.getMessage());
        withErrors(p, List.of(Map.of("field", "username", "message", e.getMessage())));
        return p;
    }

    /** A request whose body asks for more than the caller's role (production by hand, a frequent schedule). */
    @ExceptionHandler(com.wedsync.ml.platform.security.RoleRequiredException.class)
    ProblemDetail roleRequired(com.wedsync.ml.platform.security.RoleRequiredException e) {
        ProblemDetail p = problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
        p.setProperty("requiredRole", e.required().id());
        return withErrors(p, List.of(Map.of("field", "role", "message", e.getMessage())));
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ProblemDetail illegalTransition(IllegalTransitionException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Transition not allowed", e.getMessage());
        return withErrors(p, List.of(Map.of("field", "to", "message", e.getMessage())));
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
        withErrors(p, List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return p;
    }

    /** The database does not answer (an outage, a restart): 503 at once, so a caller can retry, not a generic 500. */
    @ExceptionHandler({org.springframework.dao.DataAccessException.class, org.springframework.transaction.TransactionException.class})
    org.springframework.http.ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        if (!connectionLost(e) && databaseAnswers()) {
            return internalError(e, " in a database call");
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
        withErrors(p, List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return p;
    }

    /**
     * Anything else, an internal {@link IllegalArgumentException} included (a caller's bad input is refused by
     * the controllers and services with their own exceptions, each mapped above): 500 with an id that the log
     * line, with its stack trace, carries too; the answer says nothing of the internals.
     */
    @ExceptionHandler(com.wedsync.ml.platform.growth.MarketSizes.InvalidMarketSizesException.class)
    ProblemDetail invalidMarketSizes(com.wedsync.ml.platform.growth.MarketSizes.InvalidMarketSizesException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
        withErrors(p, e.problems().stream().map(x -> Map.of("row", x.row(), "field", x.field(), "message", x.message()))
                .toList());
        return p;
    }

    @ExceptionHandler(Exception.class)
    org.springframework.http.ResponseEntity<ProblemDetail> internal(Exception e) {
        return internalError(e, "");
    }

    /** A 500 whose id the log line (with the stack trace) carries too; the answer says nothing of the internals. */
    private static org.springframework.http.ResponseEntity<ProblemDetail> internalError(Exception e, String where) {
        String id = java.util.UUID.randomUUID().toString();
        log.error("internal error {}{}", id, where, e);
        return org.springframework.http.ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "an internal error occurred (id " + id + ")"));
    }



    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String message = "'" + cut(String.valueOf(e.getValue())) + "' is not a valid " + e.getName();
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Bad parameter", message);
        withErrors(p, List.of(Map.of("field", e.getName(), "message", message)));
        return p;
    }

    /** An unreadable body: what could not be read, and where, without the body itself. */
    @Override
    protected org.springframework.http.ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            org.springframework.http.HttpHeaders headers, org.springframework.http.HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Unreadable request body",
                "the request body is not valid JSON for this endpoint: " + e.getMostSpecificCause().getMessage(), "body");
        return handleExceptionInternal(e, p, headers, status, request);
    }

    @Override
    protected org.springframework.http.ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Missing parameter", e.getMessage(), e.getParameterName());
        return handleExceptionInternal(e, p, headers, status, request);
    }

    @Override
    protected org.springframework.http.ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException e,
            org.springframework.http.HttpHeaders headers, org.springframework.http.HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Bad parameter", "'" + cut(String.valueOf(e.getValue())) + "' is not a valid "
                + name, name);
        return handleExceptionInternal(e, p, headers, status, request);
    }

    /**
     * Every answer Spring MVC words itself (wrong method, media type, missing path, too large, ...) gets the
     * platform's shape: a title, a bounded detail and an {@code errors} list.
     */
    @Override
    protected org.springframework.http.ResponseEntity<Object> handleExceptionInternal(Exception e, Object body,
            org.springframework.http.HttpHeaders headers, org.springframework.http.HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        ProblemDetail p = body instanceof ProblemDetail pd ? pd : ProblemDetail.forStatusAndDetail(status, e.getMessage());
        normalise(p, null);
        return super.handleExceptionInternal(e, p, headers, status, request);
    }

    /** Sets a problem's errors list (each entry cut to the bounds, as every answer's). */
    private static ProblemDetail withErrors(ProblemDetail p, List<?> errors) {
        p.setProperty("errors", errors);
        normalise(p, null);
        return p;
    }

    /** A problem as the JSON the API writes, for answers given outside Spring MVC (filters, Tomcat's valve). */
    static String toJson(ProblemDetail p) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", p.getType().toString());
        body.put("title", p.getTitle());
        body.put("status", p.getStatus());
        body.put("detail", p.getDetail());
        if (p.getProperties() != null) {
            body.putAll(p.getProperties());
        }
        return com.wedsync.ml.platform.json.Json.write(body);
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        return problem(status, title, detail, null);
    }

    /** A problem in the platform's shape; {@code field} names what was wrong, when a field was. */
    static ProblemDetail problem(HttpStatus status, String title, String detail, String field) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        normalise(p, field);
        log.debug("{}: {}", title, p.getDetail());
        return p;
    }

    /**
     * The shape every problem answer has: a type URI from its title, a detail cut to a bounded length, and
     * an {@code errors} list (one entry naming the field, or the request, when the answer set none).
     */
    static void normalise(ProblemDetail p, String field) {
        HttpStatus status = HttpStatus.resolve(p.getStatus());
        if (p.getTitle() == null) {
            p.setTitle(status == null ? "Error" : status.getReasonPhrase());
        }
        if (p.getType() == null || "about:blank".equals(p.getType().toString())) {
            p.setType(URI.create("https://wedsync.example/problems/" + p.getTitle().toLowerCase(java.util.Locale.ROOT).replace(' ', '-')));
        }
        String detail = cut(p.getDetail() == null ? p.getTitle() : p.getDetail(), MAX_DETAIL);
        p.setDetail(detail);
        Object errors = p.getProperties() == null ? null : p.getProperties().get("errors");
        if (errors instanceof List<?> list) {
            p.setProperty("errors", list.stream().map(ApiExceptionHandler::cutError).toList());
        } else {
            p.setProperty("errors", List.of(Map.of("field", field == null ? "request" : cut(field), "message", cut(detail, MAX_MESSAGE))));
        }
    }

    private static Object cutError(Object e) {
        if (e instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v instanceof String s ? cut(s, "message".equals(k) ? MAX_MESSAGE : MAX_ECHO) : v));
            return out;
        }
        return e;
    }

    /** A caller's text, cut to {@link #MAX_ECHO} characters (the cut says how much was left out). */
    static String cut(String s) {
        return cut(s, MAX_ECHO);
    }

    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "... (" + (s.length() - max) + " more characters)";
    }
}
