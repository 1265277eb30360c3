package com.wedsync.ml.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.support.Api;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's promise, "errors are RFC 9457 problem details with an errors list", for every kind of 4xx
 * a caller can cause: conversion failures, unreadable bodies, wrong method or media type, unknown paths,
 * paths Tomcat refuses before Spring sees them, oversized input. Each answer is bounded: the caller's
 * input is never echoed back in full.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorShapeTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = Api.on(port);
    }

    @Test
    void aParameterThatIsNotANumberIsAProblemNamingTheParameter() {
        HttpResponse<String> r = api.get("/api/alerts?limit=abc");
        Map<String, Object> p = assertProblem(r, 400);
        assertThat(errors(p)).anySatisfy(e -> assertThat(e).containsEntry("field", "limit"));
    }

    @Test
    void anUnreadableBodyIsAProblemNamingTheBody() {
        HttpResponse<String> r = api.post("/api/models/churn/versions/1/transitions", "{not json");
        Map<String, Object> p = assertProblem(r, 400);
        assertThat(errors(p)).anySatisfy(e -> assertThat(e).containsEntry("field", "body"));
    }

    @Test
    void aWrongMethodAWrongMediaTypeAndAnUnknownPathAreProblems() {
        assertProblem(api.send(api.request("/api/models").DELETE()), 405);
        assertProblem(api.send(api.request("/api/pipelines").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name: x"))), 415);
        assertProblem(api.get("/api/no-such-thing"), 404);
        assertProblem(api.send(api.request("/api/models").method("TRACE", HttpRequest.BodyPublishers.noBody())), 405);
    }

    @Test
    void pathsTomcatRefusesAreProblemsToo() {
        for (String path : List.of("/api/models/a%2Fb", "/api/models/%2e%2e%2fetc", "/api/models/a%00b", "/api/models/a%5Cb")) {
            HttpResponse<String> r = api.get(path);
            assertThat(r.statusCode()).as(path).isBetween(400, 499);
            assertProblem(r, r.statusCode());
        }
        HttpResponse<String> longPath = api.get("/api/models/" + "x".repeat(20_000));
        assertThat(longPath.statusCode()).isBetween(400, 499);
        assertProblem(longPath, longPath.statusCode());
    }

    @Test
    void aHugeInputIsNotEchoedBack() {
        String name = "n".repeat(100_000);
        HttpResponse<String> r = api.post("/api/pipelines", "{\"name\":\"" + name + "\",\"version\":1}");
        assertThat(r.statusCode()).isBetween(400, 499);
        assertProblem(r, r.statusCode());
        assertThat(r.body().length()).as("a bounded answer").isLessThan(10_000);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeItIsRead() {
        HttpResponse<String> r = api.post("/api/pipelines", "{\"description\":\"" + "d".repeat(2_000_000) + "\"}");
        Map<String, Object> p = assertProblem(r, 413);
        assertThat((String) p.get("detail")).contains("at most 1048576");
    }

    /** A problem detail with type, title, status, detail and a non-empty errors list, and no stack trace. */
    static Map<String, Object> assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.body()).contains("application/problem+json");
        Map<String, Object> p = Json.readMap(r.body());
        assertThat(p).containsKeys("type", "title", "status", "detail", "errors").containsEntry("status", status);
        assertThat(errors(p)).isNotEmpty().allSatisfy(e -> assertThat(e).containsKeys("field", "message"));
        assertThat(r.body()).doesNotContain("Exception", "at com.", "at org.");
        assertThat(r.body().length()).isLessThan(10_000);
        return p;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> errors(Map<String, Object> p) {
        return (List<Map<String, Object>>) p.get("errors");
    }
}
