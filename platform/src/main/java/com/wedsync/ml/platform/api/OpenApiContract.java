package com.wedsync.ml.platform.api;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import com.wedsync.ml.platform.config.CodeVersion;

/**
 * The OpenAPI document as a contract a client can be written against: the API's title, the build's version and
 * a description, the one error shape ({@code Problem}: RFC 9457 problem details with the {@code errors} list, as
 * {@link ApiExceptionHandler} writes every 4xx and 5xx) as a schema, and on every operation the error answers it
 * can give (400, 401, 403, 404, 500, and 409 or 413 where they apply) pointing at it. What an operation documents
 * itself is kept.
 */
@Component
class OpenApiContract implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public void customise(OpenAPI openApi) {
        openApi.setInfo(new Info().title("WedSync ML platform API").version(CodeVersion.get())
                .description("Model pipelines (register, run, promote), the model registry, predictions and forecasts (churn, LTV, "
                        + "MRR, viral coefficient, demand), drift, anomalies, alerts and A/B experiments of the WedSync ML platform. "
                        + "Every error is a problem detail (" + PROBLEM_JSON + ") with an errors list naming each bad field."));
        if (openApi.getComponents() == null) {
            openApi.setComponents(new io.swagger.v3.oas.models.Components());
        }
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.readOperationsMap().entrySet()) {
                Operation op = e.getValue();
                if (op.getSummary() == null || op.getSummary().isBlank()) {
                    op.setSummary(summary(e.getKey(), path));
                }
                ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
                error(responses, "400", "Bad input: every bad field named in errors; nothing stored");
                error(responses, "401", "Not signed in (HTTP Basic or a bearer token)");
                error(responses, "403", "Signed in without the role this operation needs");
                if (path.contains("{")) {
                    error(responses, "404", "No such " + path.substring(path.lastIndexOf('{') + 1, path.lastIndexOf('}')));
                }
                if (e.getKey() != PathItem.HttpMethod.GET) {
                    error(responses, "409", "Conflicts with the current state (e.g. a run already in progress, a taken name)");
                    error(responses, "413", "Request body over 1 MiB");
                }
                error(responses, "500", "Internal error: the answer carries an id that the log line also carries");
                op.setResponses(responses);
            }
        });
    }

    /** "GET /api/models/{id}" becomes "get models {id}" when an operation has no summary of its own. */
    static String summary(PathItem.HttpMethod method, String path) {
        String what = path.replaceFirst("^/api/", "").replace('/', ' ').replace('-', ' ').trim();
        return switch (method) {
            case GET -> "Read " + what;
            case POST -> "Create or start: " + what;
            case PUT -> "Replace " + what;
            case DELETE -> "Delete " + what;
            default -> method.name().charAt(0) + method.name().substring(1).toLowerCase(java.util.Locale.ROOT) + " " + what;
        };
    }

    private static void error(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(status, new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        ObjectSchema error = new ObjectSchema();
        error.addProperty("field", new StringSchema().description("the field, parameter or row that is wrong"));
        error.addProperty("message", new StringSchema().description("what is wrong with it, values cut to 200 characters"));
        error.addProperty("row", new IntegerSchema().description("the row, for a list or a CSV import"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details, the one error shape of every 4xx and 5xx answer");
        problem.addProperty("type", new StringSchema().description("a URI naming the kind of problem"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema().description("at most 2,000 characters"));
        problem.addProperty("errors", new ArraySchema().items(error));
        problem.setRequired(List.of("title", "status", "errors"));
        return (Schema) problem;
    }
}
