package com.wedsync.ml.platform.security;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import com.wedsync.ml.platform.json.Json;

/**
 * The answers of the security layer as RFC 9457 problem details: 401 (not signed in, or the credentials do
 * not sign anyone in), 403 (signed in, but the role is too low: the body names the role needed), 429 (too
 * many failed sign-ins, with Retry-After). They never repeat a presented password or token.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String CHALLENGE = "Bearer realm=\"wedsync-ml\"";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        if (e instanceof SignInThrottledException t) {
            response.setHeader("Retry-After", Long.toString(t.retryAfterSeconds()));
            write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins", t.getMessage(), Map.of());
            return;
        }
        if (databaseDown(e)) {
            databaseUnavailable(response);
            return;
        }
        // Bearer only in the challenge: a browser that saw "Basic" would offer its own password dialog and then send
        // the cached password with every request, cross-site ones included. Scripts send Basic credentials unasked.
        response.setHeader("WWW-Authenticate", CHALLENGE);
        boolean presented = request.getHeader("Authorization") != null;
        write(response, HttpStatus.UNAUTHORIZED, "Not signed in", presented
                ? "the credentials do not sign anyone in: " + safeMessage(e)
                : "sign in: HTTP Basic (user name and password) or an API token (Authorization: Bearer wst_...)", Map.of());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        var a = SecurityContextHolder.getContext().getAuthentication();
        Role role = a == null ? null : Role.highest(a.getAuthorities());
        String needed = e instanceof RoleRequiredException r ? r.required().id()
                : AccessRules.accessFor(request.getMethod(), request.getRequestURI().substring(request.getContextPath().length()))
                        .role().map(Role::id).orElse("admin");
        String detail = e instanceof RoleRequiredException ? e.getMessage()
                : request.getMethod() + " " + request.getRequestURI() + " needs the role " + needed
                        + (role == null ? "" : "; " + (a == null ? "you" : a.getName()) + " has " + role.id());
        write(response, HttpStatus.FORBIDDEN, "Forbidden", detail, Map.of("requiredRole", needed));
    }

    /** The credentials could not be checked because the database does not answer (not the caller's fault). */
    static boolean databaseDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.dao.DataAccessException || t instanceof org.springframework.transaction.TransactionException
                    || t instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }

    /** 503 with Retry-After, as the API answers any call during a database outage. */
    static void databaseUnavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "10");
        write(response, HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
                "the platform's database does not answer right now, so the credentials cannot be checked; retry in a few seconds",
                Map.of());
    }

    private static String safeMessage(AuthenticationException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static void write(HttpServletResponse response, HttpStatus status, String title, String detail, Map<String, Object> properties)
            throws IOException {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("type", "https://wedsync.example/problems/" + title.toLowerCase().replace(' ', '-'));
        p.put("title", title);
        p.put("status", status.value());
        p.put("detail", detail);
        p.putAll(properties);
        if (status == HttpStatus.FORBIDDEN && properties.containsKey("requiredRole")) {
            p.put("errors", List.of(Map.of("field", "role", "message", detail)));
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(Json.write(p));
    }
}
