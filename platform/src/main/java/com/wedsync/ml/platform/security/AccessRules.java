package com.wedsync.ml.platform.security;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The whole access policy of port 8080 in one table: method and path pattern, the least role that may
 * call it. The first rule that matches decides; a request that no rule names is refused to everyone but
 * an admin, so an endpoint added without a rule is closed, not open. {@code AccessTest} walks every
 * request mapping of the application against this table.
 *
 * <p>Two decisions depend on the request's body and are made where the body is read: a transition to
 * {@code production} by hand needs {@code admin} ({@code ModelController}), and a pipeline schedule more
 * frequent than {@code wedsync.pipelines.minimum-schedule-interval} needs {@code admin}
 * ({@code PipelineController}).
 */
public final class AccessRules implements AuthorizationManager<RequestAuthorizationContext> {

    /** Who may call a rule's requests: nobody needs to sign in ({@link #OPEN}), or at least this role. */
    public enum Access {
        OPEN(null), VIEWER(Role.VIEWER), ML_ENGINEER(Role.ML_ENGINEER), ADMIN(Role.ADMIN);

        private final Role role;

        Access(Role role) {
            this.role = role;
        }

        /** The least role, or empty for {@link #OPEN}. */
        public Optional<Role> role() {
            return Optional.ofNullable(role);
        }
    }

    /** One line of the table: a method (null: any) and a path pattern (Spring's {@link PathPattern} syntax). */
    public record Rule(HttpMethod method, String pattern, Access access, PathPattern compiled) {

        boolean matches(String method, PathContainer path) {
            return (this.method == null || this.method.matches(method)) && compiled.matches(path);
        }

        @Override
        public String toString() {
            return (method == null ? "ANY" : method.name()) + " " + pattern + " -> " + access;
        }
    }

    private static final HttpMethod ANY = null;
    private static final HttpMethod GET = HttpMethod.GET;
    private static final HttpMethod POST = HttpMethod.POST;
    private static final HttpMethod PUT = HttpMethod.PUT;

    /** The policy. Read it top to bottom: the first match wins. */
    public static final List<Rule> RULES = List.of(
            // health: status only for everyone (details need admin: management.endpoint.health.show-details)
            rule(GET, "/actuator/health", Access.OPEN),
            rule(ANY, "/actuator/**", Access.ADMIN),
            // signing in and out, the sign-in page's stylesheet, the error page the container forwards to
            rule(ANY, "/login", Access.OPEN),
            rule(POST, "/logout", Access.OPEN),
            rule(GET, "/css/**", Access.OPEN),
            rule(ANY, "/error", Access.OPEN),
            // users, tokens and the audit log
            rule(ANY, "/api/users/**", Access.ADMIN),
            rule(ANY, "/api/tokens/**", Access.ADMIN),
            rule(ANY, "/api/audit/**", Access.ADMIN),
            // changing what runs and what serves (production by hand: admin, checked in ModelController;
            // a schedule more frequent than the minimum: admin, checked in PipelineController)
            rule(POST, "/api/pipelines", Access.ML_ENGINEER),
            rule(POST, "/api/pipelines/{name}/runs", Access.ML_ENGINEER),
            rule(POST, "/api/experiments", Access.ML_ENGINEER),
            rule(POST, "/api/experiments/{id}/evaluate", Access.ML_ENGINEER),
            rule(POST, "/api/models/{name}/versions/{version}/transitions", Access.ML_ENGINEER),
            rule(POST, "/api/alerts/{id}/acknowledge", Access.ML_ENGINEER),
            rule(POST, "/api/alerts/{id}/resolve", Access.ML_ENGINEER),
            rule(POST, "/api/anomalies/{id}/acknowledge", Access.ML_ENGINEER),
            rule(POST, "/api/anomalies/{id}/resolve", Access.ML_ENGINEER),
            rule(POST, "/api/anomalies/detections", Access.ML_ENGINEER),
            rule(PUT, "/api/market-sizes", Access.ML_ENGINEER),
            // scoring rows a caller sends (what a version's MLflow model calls): writes nothing, but answers for any
            // rows, so it is the model itself on offer (who can probe it at will): ML engineers, not viewers, who
            // read the predictions of real suppliers (and no POST lets a viewer through, AccessTest)
            rule(POST, "/api/models/{name}/versions/{version}/predictions", Access.ML_ENGINEER),
            rule(POST, "/api/market-sizes/import", Access.ML_ENGINEER),
            // reading: models, runs, forecasts (MRR, demand), predictions, growth, drift, alerts, anomalies
            rule(GET, "/api/**", Access.VIEWER),
            rule(GET, "/analytics", Access.VIEWER),
            rule(GET, "/analytics/**", Access.VIEWER),
            rule(GET, "/v3/api-docs", Access.VIEWER),
            rule(GET, "/v3/api-docs.yaml", Access.VIEWER),
            rule(GET, "/v3/api-docs/**", Access.VIEWER));

    /** What a request that no rule names needs. */
    public static final Access UNNAMED = Access.ADMIN;

    private static Rule rule(HttpMethod method, String pattern, Access access) {
        return new Rule(method, pattern, access, PathPatternParser.defaultInstance.parse(pattern));
    }

    /** The rule that decides a request, or empty when none names it (then {@link #UNNAMED} applies). */
    public static Optional<Rule> ruleFor(String method, String path) {
        PathContainer p = PathContainer.parsePath(path);
        return RULES.stream().filter(r -> r.matches(method, p)).findFirst();
    }

    /** What a request needs. */
    public static Access accessFor(String method, String path) {
        return ruleFor(method, path).map(Rule::access).orElse(UNNAMED);
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Access access = accessFor(request.getMethod(), path);
        if (access == Access.OPEN) {
            return new AuthorizationDecision(true);
        }
        Authentication a = authentication.get();
        if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken) {
            return new AuthorizationDecision(false);
        }
        Role role = Role.highest(a.getAuthorities());
        return new AuthorizationDecision(role != null && role.atLeast(access.role().orElseThrow()));
    }
}
