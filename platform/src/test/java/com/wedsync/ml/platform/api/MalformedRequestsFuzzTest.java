package com.wedsync.ml.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.support.Api;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Hundreds of malformed requests, generated from Spring's own route table (so a new endpoint is covered
 * without touching this test), sent as an admin so that authentication is not what refuses them: no
 * answer is a 5xx, every 4xx is a bounded problem detail with an {@code errors} list, and no stored row
 * changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"jobrunr.background-job-server.enabled=false", "wedsync.pipelines.run-on-startup=false"})
class MalformedRequestsFuzzTest extends PostgresIntegrationTest {

    /** Tables whose rows a malformed request must leave as they are. */
    static final List<String> TABLES = List.of("pipeline_definitions", "pipeline_runs", "ml_models", "ml_model_state_history",
            "ml_experiments", "ml_alerts", "ml_anomalies", "ml_predictions", "market_sizes", "platform_users", "api_tokens");

    /** Operations that do work without a body, where any request is a well-formed one. */
    static final List<String> NO_BODY_ACTIONS = List.of("/api/anomalies/detections");

    static final List<String> SEGMENTS = List.of("not-a-uuid", "-1", "0x10", "%00", "%2e%2e%2f", "%5C", "x".repeat(300),
            "00000000-0000-0000-0000-000000000000", "%F0%9F%92%A5", "NaN");
    static final List<String> QUERIES = List.of("limit=abc", "limit=-1", "limit=0", "limit=99999999999", "horizon=0x10", "horizon=-3",
            "confidence=2", "confidence=NaN", "type=meteor", "status=closed", "model=" + "m".repeat(500), "timeframe=1e9",
            "vendorType=%00", "region=..%2F");
    static final List<String> BODIES = List.of("", "{", "[]", "null", "42", "\"text\"", "{\"name\":" + "[".repeat(2000) + "}",
            "{\"name\":\"" + "n".repeat(50_000) + "\"}", "{\"to\":7,\"reason\":[],\"version\":\"one\"}", "{\"unknown\":true}",
            "{\"name\":null,\"version\":-1,\"modelKind\":\"\"}");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void malformedRequestsAcrossTheRouteTableAreRefusedCleanlyAndChangeNothing() {
        Api api = Api.on(port);
        Map<String, Long> before = counts();
        Random random = new Random(20261203);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (String[] route : routes()) {
            String method = route[0];
            String pattern = route[1];
            for (int i = 0; i < 8; i++) {
                String path = pattern.replaceAll("\\{[^}]+}", SEGMENTS.get(random.nextInt(SEGMENTS.size())));
                if (i % 2 == 0 || !pattern.contains("{")) {
                    path = path + "?" + QUERIES.get(random.nextInt(QUERIES.size())) + "&" + QUERIES.get(random.nextInt(QUERIES.size()));
                }
                String body = BODIES.get(random.nextInt(BODIES.size()));
                HttpRequest.Builder b = api.request(path);
                b = switch (method) {
                    case "GET" -> b.GET();
                    case "DELETE" -> b.DELETE();
                    default -> b.header("Content-Type", i % 3 == 0 ? "text/csv" : "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(body));
                };
                HttpResponse<String> r = api.send(b);
                sent++;
                String what = method + " " + cut(path) + " " + cut(body) + " -> " + r.statusCode() + " " + cut(r.body());
                if (r.statusCode() >= 500) {
                    failures.add("5xx: " + what);
                } else if (r.statusCode() >= 400) {
                    if (!r.headers().firstValue("Content-Type").orElse("").contains("application/problem+json")) {
                        failures.add("not a problem detail: " + what);
                    } else {
                        Map<String, Object> p = Json.readMap(r.body());
                        if (!(p.get("errors") instanceof List<?> errors) || errors.isEmpty() || p.get("title") == null || p.get("detail") == null) {
                            failures.add("problem without title, detail or errors: " + what);
                        }
                    }
                    if (r.body().length() > 20_000) {
                        failures.add("unbounded answer (" + r.body().length() + " characters): " + what);
                    }
                }
            }
        }
        assertThat(sent).as("requests sent").isGreaterThanOrEqualTo(200);
        assertThat(failures).as(sent + " malformed requests").isEmpty();
        assertThat(counts()).as("stored rows").isEqualTo(before);
    }

    /** Every (method, pattern) of the API, from Spring's request mappings. */
    private List<String[]> routes() {
        TreeSet<String> seen = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            mapping.getHandlerMethods().keySet().forEach(info -> {
                var methods = info.getMethodsCondition().getMethods().isEmpty() ? java.util.Set.of(RequestMethod.GET)
                        : info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (pattern.startsWith("/api/") && !NO_BODY_ACTIONS.contains(pattern)) {
                        methods.forEach(m -> seen.add(m.name() + " " + pattern));
                    }
                }
            });
        }
        assertThat(seen).as("the API's routes").hasSizeGreaterThan(20);
        return seen.stream().map(s -> s.split(" ", 2)).toList();
    }

    private Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String t : TABLES) {
            m.put(t, jdbc.sql("SELECT count(*) FROM " + t).query(Long.class).single());
        }
        return m;
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
