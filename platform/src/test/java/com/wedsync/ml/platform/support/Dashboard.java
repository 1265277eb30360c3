package com.wedsync.ml.platform.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The JobRunr dashboard's REST API as its "Requeue" button calls it, and the wait for a requeued job to have run
 * again: what the tests that rerun a step "from the dashboard" share.
 */
public final class Dashboard {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final String password;
    private final JdbcClient jdbc;

    private Dashboard(int port, String password, JdbcClient jdbc) {
        this.port = port;
        this.password = password;
        this.jdbc = jdbc;
    }

    /** The dashboard on {@code port}, signed in as {@code admin} with {@code password}; {@code jdbc} reads JobRunr's tables. */
    public static Dashboard on(int port, String password, JdbcClient jdbc) {
        return new Dashboard(port, password, jdbc);
    }

    /** When the job last changed state (JobRunr's {@code updatedat}). */
    public Timestamp updatedAt(UUID job) {
        return jdbc.sql("SELECT updatedat FROM jobrunr_jobs WHERE id = :id").param("id", job.toString()).query(Timestamp.class).single();
    }

    /** Presses "Requeue" on a job; asserts the dashboard accepted it. */
    public void requeue(UUID job) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/jobs/" + job + "/requeue"))
                .header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("requeue " + job).isBetween(200, 204);
    }

    /** Waits until the job has succeeded again after {@code since}; fails at once if it fails, or after {@code timeout}. */
    public void awaitSucceededAfter(UUID job, Timestamp since, Duration timeout) throws InterruptedException {
        for (long deadline = System.currentTimeMillis() + timeout.toMillis(); ; Thread.sleep(300)) {
            Map<String, Object> j = jdbc.sql("SELECT state, updatedat FROM jobrunr_jobs WHERE id = :id").param("id", job.toString())
                    .query().singleRow();
            if ("SUCCEEDED".equals(j.get("state")) && ((Timestamp) j.get("updatedat")).after(since)) {
                return;
            }
            assertThat(j.get("state")).as("job " + job + " after its requeue").isNotEqualTo("FAILED");
            assertThat(System.currentTimeMillis()).as("job " + job + " succeeds again within " + timeout).isLessThan(deadline);
        }
    }

    /** Requeues a job and waits until it has succeeded again. */
    public void requeueAndAwait(UUID job, Duration timeout) throws Exception {
        Timestamp since = updatedAt(job);
        requeue(job);
        awaitSucceededAfter(job, since, timeout);
    }
}
