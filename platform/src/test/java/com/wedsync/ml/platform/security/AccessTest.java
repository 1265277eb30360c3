package com.wedsync.ml.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.support.Api;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;

/**
 * Every route of the application (Spring's request mappings, the actuator's included, so a new endpoint cannot be
 * forgotten) called by every kind of caller, against the access table: anonymous 401 everywhere but health and the
 * sign-in page; a role below the route's 403; at or above it neither 401 nor 403; a wrong password, an expired or
 * a revoked token 401.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    record Route(String method, String path) {
    }

    /** Every (method, path) of every request mapping, path variables filled with values that name nothing. */
    List<Route> routes() {
        TreeSet<String> seen = new TreeSet<>();
        List<Route> routes = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            mapping.getHandlerMethods().keySet().forEach(info -> {
                var methods = info.getMethodsCondition().getMethods().isEmpty() ? java.util.Set.of(RequestMethod.GET)
                        : info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    String path = pattern.replaceAll("\\{\\*[^}]+}", "x").replace("**", "x")
                            .replaceAll("\\{(id)}", UUID.randomUUID().toString()).replaceAll("\\{[^}]+}", "no-such-thing");
                    for (RequestMethod m : methods) {
                        if (seen.add(m + " " + path)) {
                            routes.add(new Route(m.name(), path));
                        }
                    }
                }
            });
        }
        return routes;
    }

    HttpResponse<String> call(Api api, Route r) {
        HttpRequest.Builder b = api.request(r.path()).header("Content-Type", "application/json");
        return api.send(switch (r.method()) {
            case "GET" -> b.GET();
            case "DELETE" -> b.DELETE();
            default -> b.method(r.method(), HttpRequest.BodyPublishers.ofString("{}"));
        });
    }

    @Test
    void everyRouteAnswersEachCallerAsTheAccessTableSays() {
        Api admin = Api.on(port);
        Map<String, Api> signedIn = new LinkedHashMap<>();
        signedIn.put("viewer", admin.as("viewer"));
        signedIn.put("ml-engineer", admin.as("ml-engineer"));
        signedIn.put("ml-engineer's token", admin.withToken(token(admin, "ml-engineer", 30)));
        signedIn.put("admin", admin);
        Map<String, Role> roles = Map.of("viewer", Role.VIEWER, "ml-engineer", Role.ML_ENGINEER, "ml-engineer's token", Role.ML_ENGINEER,
                "admin", Role.ADMIN);

        String expired = token(admin, "viewer", 1);
        // expired by the platform's clock (tests run at a fixed date): a day before its today
        jdbc.sql("UPDATE api_tokens SET created_at = created_at - INTERVAL '3 days', expires_at = created_at - INTERVAL '1 day' "
                + "WHERE token_sha256 = :h").param("h", Secrets.sha256(expired)).update();
        String revoked = token(admin, "admin", 30);
        UUID revokedId = jdbc.sql("SELECT id FROM api_tokens WHERE token_sha256 = :h").param("h", Secrets.sha256(revoked))
                .query(UUID.class).single();
        assertThat(admin.delete("/api/tokens/" + revokedId).statusCode()).isEqualTo(200);
        Map<String, Api> refused = Map.of("anonymous", admin.anonymous(), "expired token", admin.withToken(expired),
                "revoked token", admin.withToken(revoked), "unknown token", admin.withToken(Secrets.token()));

        List<Route> routes = routes();
        assertThat(routes).extracting(Route::path).contains("/api/models", "/api/pipelines", "/analytics", "/v3/api-docs",
                "/actuator/health", "/actuator/metrics", "/api/users", "/api/tokens", "/api/audit");
        List<String> wrong = new ArrayList<>();
        int wrongPasswords = 0;
        for (Route r : routes) {
            AccessRules.Access access = AccessRules.accessFor(r.method(), r.path());
            boolean open = access == AccessRules.Access.OPEN;
            // the table's open routes are exactly these: health's status and the sign-in machinery
            if (open && !List.of("/actuator/health", "/login", "/logout", "/error").contains(r.path())) {
                wrong.add(r + " is open to anonymous callers");
            }
            for (var e : refused.entrySet()) {
                int status = call(e.getValue(), r).statusCode();
                // presented credentials that sign nobody in are refused wherever they are presented, open routes included
                boolean ok = open ? e.getKey().equals("anonymous") ? status != 401 && status != 403 : status != 403 : status == 401;
                if (!ok) {
                    wrong.add(e.getKey() + " " + r + " -> " + status + " (table: " + access + ")");
                }
            }
            // a wrong password: 401 (a name of its own per route: five failures on one name throttle it, see below)
            String name = "guesser-" + wrongPasswords++;
            HttpResponse<String> guess = call(admin.withPassword(name, "wrong-password-123"), r);
            if (!(open || guess.statusCode() == 401)) {
                wrong.add("wrong password " + r + " -> " + guess.statusCode());
            }
            for (var e : signedIn.entrySet()) {
                int status = call(e.getValue(), r).statusCode();
                boolean allowed = open || roles.get(e.getKey()).atLeast(access.role().orElseThrow());
                if (allowed ? status == 401 || status == 403 : status != 403) {
                    wrong.add(e.getKey() + " " + r + " -> " + status + " (table: " + access + ")");
                }
            }
        }
        assertThat(wrong).as("routes answering against the table").isEmpty();
        // nothing a viewer may change, whatever the table says: no POST, PUT or DELETE route lets a viewer through
        routes.stream().filter(r -> !r.method().equals("GET") && r.path().startsWith("/api/"))
                .forEach(r -> assertThat(call(signedIn.get("viewer"), r).statusCode()).as(r.toString()).isEqualTo(403));
    }

    @Test
    void fiveWrongPasswordsOnOneNameThrottleItEvenForTheRightPasswordUntilTheWaitIsOver() throws Exception {
        Api admin = Api.on(port);
        admin.as("ml-engineer");
        Api wrong = admin.withPassword("ml-engineer", "wrong-password-123");
        for (int i = 0; i < 5; i++) {
            assertThat(wrong.get("/api/models").statusCode()).as("failure " + (i + 1)).isEqualTo(401);
        }
        HttpResponse<String> throttled = admin.as("ml-engineer").get("/api/models");
        assertThat(throttled.statusCode()).as("the right password while the name is throttled").isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(throttled.body()).contains("too many failed sign-ins");
        assertThat(admin.get("/api/models").statusCode()).as("another name is not affected").isEqualTo(200);
        Thread.sleep(1100);
        assertThat(wrong.get("/api/models").statusCode()).as("the sixth failure").isEqualTo(401);
        HttpResponse<String> longer = wrong.get("/api/models");
        assertThat(longer.statusCode()).isEqualTo(429);
        assertThat(longer.headers().firstValue("Retry-After")).as("the wait doubles").hasValue("2");
        Thread.sleep(2100);
        assertThat(admin.as("ml-engineer").get("/api/models").statusCode()).as("the right password after the wait").isEqualTo(200);
        assertThat(wrong.get("/api/models").statusCode()).as("a success clears the count").isEqualTo(401);
    }

    String token(Api admin, String user, int days) {
        admin.as(user);
        HttpResponse<String> r = admin.post("/api/tokens", "{\"name\": \"access-test\", \"username\": \"" + user
                + "\", \"expiresInDays\": " + days + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return (String) Json.readMap(r.body()).get("secret");
    }
}
