package com.wedsync.ml.platform.tracking;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;

import com.wedsync.ml.pipelines.tracking.RunTracker;
import com.wedsync.ml.platform.json.Json;

/**
 * {@link RunTracker} on a real MLflow tracking server: runs, params, metrics and tags through the
 * MLflow Java client; artifacts through the server's artifact proxy ({@code --serve-artifacts}) by
 * HTTP PUT, since the client's {@code logArtifact} shells out to Python; the model registry (registered
 * models, versions, aliases, which the Java client only reads) through its REST API. Idempotent: a run
 * is found again by its {@code wedsync.idempotency_key} tag, a version by its run id.
 */
public final class MlflowRunTracker implements RunTracker {

    static final String KEY_TAG = "wedsync.idempotency_key";

    private final String uri;
    private final MlflowClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final java.time.Clock clock;

    public MlflowRunTracker(String trackingUri, java.time.Clock clock) {
        this.clock = clock;
        this.uri = trackingUri.replaceAll("/+$", "");
        this.client = new MlflowClient(uri);
    }

    @Override
    public TrackedRun logRun(RunRecord r) {
        return guard(() -> {
            // searches rather than get-by-name / get: the Java client retries every 4xx, so asking for what
            // may not exist yet would cost seconds of retries
            String experimentId = client.searchExperiments("name = '" + r.experiment().replace("'", "") + "'")
                    .getItems().stream().findFirst().map(Service.Experiment::getExperimentId)
                    .orElseGet(() -> client.createExperiment(r.experiment()));
            List<Service.RunInfo> existing = client.searchRuns(List.of(experimentId),
                    "tags.\"" + KEY_TAG + "\" = '" + r.idempotencyKey().replace("'", "") + "'");
            Service.RunInfo run;
            if (!existing.isEmpty() && existing.get(0).getStatus() == Service.RunStatus.FINISHED) {
                run = existing.get(0);
            } else {
                run = existing.isEmpty() ? client.createRun(Service.CreateRun.newBuilder().setExperimentId(experimentId)
                        .setRunName(r.runName()).setStartTime(r.startMillis()).build()) : existing.get(0);
                List<Service.Param> params = new ArrayList<>();
                r.params().forEach((k, v) -> params.add(Service.Param.newBuilder().setKey(k)
                        .setValue(v.length() > 6000 ? v.substring(0, 6000) : v).build()));
                List<Service.RunTag> tags = new ArrayList<>();
                tags.add(Service.RunTag.newBuilder().setKey(KEY_TAG).setValue(r.idempotencyKey()).build());
                r.tags().forEach((k, v) -> tags.add(Service.RunTag.newBuilder().setKey(k).setValue(v).build()));
                client.logBatch(run.getRunId(), metrics(r.metrics(), r.endMillis()), params, tags);
                for (Artifact a : r.artifacts()) {
                    put(experimentId, run.getRunId(), a);
                }
                client.setTerminated(run.getRunId(), Service.RunStatus.FINISHED, r.endMillis());
            }
            String version = null;
            if (r.registeredModel() != null) {
                version = registerVersion(r.registeredModel(), run, r.modelArtifact());
            }
            return new TrackedRun(experimentId, run.getRunId(), version);
        });
    }

    private String registerVersion(String name, Service.RunInfo run, String modelArtifact) {
        Object models = Json.readMap(client.sendGet("registered-models/search?filter="
                + URLEncoder.encode("name='" + name.replace("'", "") + "'", StandardCharsets.UTF_8))).get("registered_models");
        if (!(models instanceof List<?> list) || list.isEmpty()) {
            client.sendPost("registered-models/create", Json.write(Map.of("name", name,
                    "description", "Mirror of the WedSync registry's model '" + name + "'")));
        }
        String found = client.sendGet("model-versions/search?filter=" + URLEncoder.encode("run_id='" + run.getRunId() + "'",
                StandardCharsets.UTF_8));
        Object versions = Json.readMap(found).get("model_versions");
        if (versions instanceof List<?> list && !list.isEmpty()) {
            return String.valueOf(((Map<?, ?>) list.get(0)).get("version"));
        }
        String created = client.sendPost("model-versions/create", Json.write(Map.of("name", name,
                "source", run.getArtifactUri() + "/" + modelArtifact, "run_id", run.getRunId(),
                "description", "WedSync registry version, logged by the platform")));
        return String.valueOf(((Map<?, ?>) Json.readMap(created).get("model_version")).get("version"));
    }

    @Override
    public void logMetrics(String runId, Map<String, Double> metrics) {
        guard(() -> {
            client.logBatch(runId, metrics(metrics, clock.millis()), List.of(), List.of());
            return null;
        });
    }

    @Override
    public void setAlias(String registeredModel, String alias, String version) {
        guard(() -> {
            if (version != null) {
                client.sendPost("registered-models/alias", Json.write(Map.of("name", registeredModel, "alias", alias,
                        "version", version)));
            } else {
                send("DELETE", "/api/2.0/mlflow/registered-models/alias",
                        Json.write(Map.of("name", registeredModel, "alias", alias)).getBytes(StandardCharsets.UTF_8));
            }
            return null;
        });
    }

    @Override
    public void tagVersion(String registeredModel, String version, String key, String value) {
        guard(() -> {
            client.sendPost("model-versions/set-tag", Json.write(Map.of("name", registeredModel, "version", version,
                    "key", key, "value", value)));
            return null;
        });
    }

    private static List<Service.Metric> metrics(Map<String, Double> metrics, long timestamp) {
        List<Service.Metric> out = new ArrayList<>();
        metrics.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                out.add(Service.Metric.newBuilder().setKey(k).setValue(v).setTimestamp(timestamp).setStep(0).build());
            }
        });
        return out;
    }

    private void put(String experimentId, String runId, Artifact a) {
        send("PUT", "/api/2.0/mlflow-artifacts/artifacts/" + experimentId + "/" + runId + "/artifacts/" + a.path(), a.content());
    }

    private String send(String method, String path, byte[] body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(uri + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", method.equals("PUT") ? "application/octet-stream" : "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                // MLflow's own words, bounded (an artifact store that is full answers 500 here): they end up in the outbox
                throw new TrackerUnavailableException("MLflow answered " + response.statusCode() + " to " + method + " " + path
                        + excerpt(response.body()), null);
            }
            if (response.statusCode() >= 400 && !(method.equals("DELETE") && response.statusCode() == 404)) {
                throw new IllegalStateException("MLflow refused " + method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (ConnectException | HttpTimeoutException e) {
            throw new TrackerUnavailableException("MLflow at " + uri + " is unreachable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TrackerUnavailableException("MLflow at " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackerUnavailableException("interrupted", e);
        }
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        return ": " + (flat.length() > 300 ? flat.substring(0, 300) + "..." : flat);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private <T> T guard(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (MlflowHttpException e) {
            if (e.getStatusCode() >= 500) {
                throw new TrackerUnavailableException("MLflow answered " + e.getStatusCode() + ": " + e.getMessage(), e);
            }
            throw new IllegalStateException("MLflow refused the request: " + e.getStatusCode() + " " + e.getBodyMessage(), e);
        } catch (MlflowClientException e) {
            throw new TrackerUnavailableException("MLflow at " + uri + " is unreachable: " + e.getMessage(), e);
        }
    }
}
