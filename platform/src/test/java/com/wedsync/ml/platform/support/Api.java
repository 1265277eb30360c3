package com.wedsync.ml.platform.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The platform's HTTP API as a test calls it: one client, one place that says who is calling. Tests call
 * {@code api.get("/api/models")} or {@code api.post(path, json)}; {@link #as(String)} gives a client that
 * calls as another user (the security layer decides what that user may do).
 */
public final class Api {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String user;

    private Api(String base, String user) {
        this.base = base;
        this.user = user;
    }

    /** The API on {@code localhost:port}, calling as the default test user. */
    public static Api on(int port) {
        return new Api("http://localhost:" + port, null);
    }

    /** The same API, calling as {@code user} (a name the test's set-up created), or anonymously for null. */
    public Api as(String user) {
        return new Api(base, user);
    }

    public String base() {
        return base;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    public HttpResponse<String> put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    /** A request to {@code path} with this client's credentials, for what the methods above do not cover. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        return authenticate(b);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Adds this client's credentials (none until the platform asks for them). */
    private HttpRequest.Builder authenticate(HttpRequest.Builder b) {
        return b;
    }

    String user() {
        return user;
    }
}
