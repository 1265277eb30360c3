package com.wedsync.ml.platform.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform's HTTP API as a test calls it: one client, one place that says who is calling. Tests call
 * {@code api.get("/api/models")} or {@code api.post(path, json)} as the first start's {@code admin} (its
 * password is {@link #ADMIN_PASSWORD}, set by {@link PostgresIntegrationTest#register}); {@link #as(String)}
 * gives a client that calls as another user: {@code viewer}, {@code ml-engineer} or {@code admin}, or any
 * name with {@link #as(String, String)}, created through {@code POST /api/users} on first use. {@link #anonymous()},
 * {@link #withPassword} and {@link #withToken} call without, with wrong, or with token credentials.
 */
public final class Api {

    /** The first start's admin password in tests ({@code wedsync.security.admin-password}). */
    public static final String ADMIN_PASSWORD = "test-admin-" + java.util.UUID.randomUUID();

    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String user;
    private final String authorization;

    private Api(String base, String user, String authorization) {
        this.base = base;
        this.user = user;
        this.authorization = authorization;
    }

    /** The API on {@code localhost:port}, calling as the first start's {@code admin}. */
    public static Api on(int port) {
        return new Api("http://localhost:" + port, "admin", basic("admin", ADMIN_PASSWORD));
    }

    /**
     * The same API, calling as {@code user}: a role's name ({@code viewer}, {@code ml-engineer}, {@code admin}) is a
     * user of that role, created on first use; null calls anonymously.
     */
    public Api as(String user) {
        if (user == null) {
            return anonymous();
        }
        if (user.equals("admin")) {
            return new Api(base, "admin", basic("admin", ADMIN_PASSWORD));
        }
        return as(user, switch (user) {
            case "viewer", "ml-engineer" -> user;
            default -> throw new IllegalArgumentException("as(" + user + "): say the role with as(user, role)");
        });
    }

    /** The same API, calling as {@code user} with {@code role}, created (by admin, through the API) on first use. */
    public Api as(String user, String role) {
        String key = base + "/" + user;
        if (!CREATED.contains(key)) {
            HttpResponse<String> r = on(port()).post("/api/users", "{\"username\": \"" + user + "\", \"role\": \"" + role
                    + "\", \"password\": \"" + passwordOf(user) + "\"}");
            if (r.statusCode() != 201 && r.statusCode() != 409) {
                throw new IllegalStateException("creating test user " + user + ": " + r.statusCode() + " " + r.body());
            }
            CREATED.add(key);
        }
        return new Api(base, user, basic(user, passwordOf(user)));
    }

    /** The same API without credentials. */
    public Api anonymous() {
        return new Api(base, null, null);
    }

    /** The same API with HTTP Basic {@code user:password} as given (e.g. a wrong password). */
    public Api withPassword(String user, String password) {
        return new Api(base, user, basic(user, password));
    }

    /** The same API with {@code Authorization: Bearer token}. */
    public Api withToken(String token) {
        return new Api(base, "token", "Bearer " + token);
    }

    /** The password of a test user that {@link #as(String, String)} created. */
    public static String passwordOf(String user) {
        return user.equals("admin") ? ADMIN_PASSWORD : "test-" + user + "-" + ADMIN_PASSWORD.substring(11);
    }

    /** HTTP Basic credentials of a user that {@link #as} created, as {@code user:password} (for a browser). */
    public static String credentials(String user) {
        return user + ":" + passwordOf(user);
    }

    private int port() {
        return URI.create(base).getPort();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
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

    /** Adds this client's credentials: HTTP Basic, a bearer token, or none. */
    private HttpRequest.Builder authenticate(HttpRequest.Builder b) {
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    String user() {
        return user;
    }
}
