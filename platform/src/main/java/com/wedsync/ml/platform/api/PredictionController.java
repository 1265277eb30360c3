package com.wedsync.ml.platform.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.pipelines.spi.DataLayout;
import com.wedsync.ml.pipelines.spi.Detector;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.platform.registry.ModelRegistry;
import com.wedsync.ml.platform.registry.ModelVersion;
import com.wedsync.ml.platform.scoring.LoadedModels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scores feature rows that the caller sends with one model version, in MLflow's scoring protocol
 * ({@code dataframe_split} or {@code dataframe_records} in, {@code predictions} out): what the version's MLflow
 * model ({@code mlflow.pyfunc.load_model("models:/churn@production")}) calls, so a data scientist scores with
 * exactly the artifact the platform serves. Nothing is written: these predictions are not the prediction log's.
 */
@RestController
@RequestMapping("/api/models")
@Tag(name = "models", description = "Model versions, their state changes, and scoring rows with one version")
class PredictionController {

    /** At most this many rows per request: a caller with more sends them in chunks (the MLflow flavor does). */
    static final int MAX_ROWS = 10_000;

    private final ModelRegistry registry;
    private final LoadedModels models;
    private final java.time.Clock clock;

    PredictionController(ModelRegistry registry, LoadedModels models, java.time.Clock clock) {
        this.registry = registry;
        this.models = models;
        this.clock = clock;
    }

    /** Rows as pandas' {@code orient="split"} writes them: column names, then one list of values per row. */
    record DataFrameSplit(List<String> columns, List<List<Object>> data) {
    }

    /** Either form of MLflow's scoring request (exactly one of them). */
    record PredictionRequest(DataFrameSplit dataframe_split, List<Map<String, Object>> dataframe_records) {
    }

    /**
     * One score per row, in row order, named {@code output} (e.g. {@code churn_probability}), and which version
     * scored them ({@code id} is the registry's, so a caller can check it scored with the version it meant).
     */
    record PredictionResponse(String model, String version, UUID id, String output, List<Double> predictions) {
    }

    @PostMapping("/{name}/versions/{version}/predictions")
    @Operation(summary = "Score feature rows with one model version (MLflow's scoring protocol: dataframe_split or "
            + "dataframe_records in, predictions out); every feature the version was trained on is required, numbers for "
            + "numeric features, text for categorical ones; at most 10,000 rows. Writes nothing. Role: ml-engineer")
    PredictionResponse predict(@PathVariable String name, @PathVariable String version, @RequestBody PredictionRequest body) {
        ModelVersion v = registry.find(name, version);
        LoadedModels.Loaded m = models.get(v);
        if (m.kind().layout() != DataLayout.PANEL || m.model() instanceof Detector) {
            throw new BadRequestException("name", "model '" + name + "' (kind " + m.kind().name() + ") forecasts or detects over "
                    + "a whole history, it does not score rows: see /api/forecasts, /api/growth and /api/anomalies");
        }
        List<Map<String, Object>> rows = rows(body);
        FeatureTable table = table(m.kind().featureSet(), m.features(), rows, LocalDate.now(clock));
        double[] scores = m.model().score(table);
        List<Double> out = new ArrayList<>(scores.length);
        for (double s : scores) {
            out.add(Double.isFinite(s) ? s : null);
        }
        return new PredictionResponse(v.getModelName(), v.getVersion(), v.getId(), m.kind().scoreName(), out);
    }

    /** The request's rows as maps from column to value, whichever form it came in. */
    static List<Map<String, Object>> rows(PredictionRequest body) {
        if (body == null || (body.dataframe_split() == null) == (body.dataframe_records() == null)) {
            throw new BadRequestException("body", "send exactly one of dataframe_split {columns, data} or dataframe_records "
                    + "[{feature: value, ...}]");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (body.dataframe_records() != null) {
            checkSize(body.dataframe_records().size());
            for (int i = 0; i < body.dataframe_records().size(); i++) {
                Map<String, Object> r = body.dataframe_records().get(i);
                if (r == null) {
                    throw new BadRequestException("dataframe_records[" + i + "]", "row " + i + " is null, not an object of features");
                }
                rows.add(r);
            }
            return rows;
        }
        DataFrameSplit split = body.dataframe_split();
        if (split.columns() == null || split.data() == null) {
            throw new BadRequestException("dataframe_split", "dataframe_split needs both 'columns' and 'data'");
        }
        checkSize(split.data().size());
        List<String> columns = split.columns();
        if (columns.stream().anyMatch(c -> c == null) || columns.stream().distinct().count() != columns.size()) {
            throw new BadRequestException("dataframe_split.columns", "column names must be distinct and not null");
        }
        for (int i = 0; i < split.data().size(); i++) {
            List<Object> values = split.data().get(i);
            if (values == null || values.size() != columns.size()) {
                throw new BadRequestException("dataframe_split.data[" + i + "]", "row " + i + " has " + (values == null ? 0 : values.size())
                        + " values for " + columns.size() + " columns");
            }
            Map<String, Object> r = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                r.put(columns.get(c), values.get(c));
            }
            rows.add(r);
        }
        return rows;
    }

    private static void checkSize(int n) {
        if (n == 0) {
            throw new BadRequestException("data", "no rows to score");
        }
        if (n > MAX_ROWS) {
            throw new BadRequestException("data", "at most " + MAX_ROWS + " rows per request, got " + n + ": send them in chunks");
        }
    }

    /**
     * The rows as the feature table the version scores: its features in its order, split numeric and categorical
     * as the feature store splits them; every feature present in every row; a numeric value a number (the models
     * refuse a missing one), a categorical one text (or null). Columns the version does not use are ignored,
     * as MLflow's own scoring server ignores them.
     */
    static FeatureTable table(FeatureSetSpec set, List<String> features, List<Map<String, Object>> rows, LocalDate day) {
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        for (String f : features) {
            FeatureSetSpec.Feature spec = set.features().stream().filter(x -> x.name().equals(f)).findFirst().orElseThrow();
            (spec.type() == FeatureSetSpec.Type.NUMERIC ? numeric : categorical).add(f);
        }
        List<String> missing = features.stream().filter(f -> !rows.get(0).containsKey(f)).toList();
        if (!missing.isEmpty()) {
            throw new BadRequestException("columns", "missing feature" + (missing.size() == 1 ? " " : "s ") + missing
                    + "; the version needs " + features);
        }
        int n = rows.size();
        double[][] num = new double[n][numeric.size()];
        String[][] cat = new String[n][categorical.size()];
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = rows.get(i);
            for (int j = 0; j < numeric.size(); j++) {
                String f = numeric.get(j);
                if (!r.containsKey(f)) {
                    throw new BadRequestException(f, "row " + i + " has no value for '" + f + "'");
                }
                Object x = r.get(f);
                if (x == null) {
                    throw new BadRequestException(f, "row " + i + ": '" + f + "' is null; the model needs a number for every numeric feature");
                } else if (x instanceof Number number) {
                    num[i][j] = number.doubleValue();
                } else {
                    throw new BadRequestException(f, "row " + i + ": '" + f + "' is numeric, got '" + ApiExceptionHandler.cut(String.valueOf(x)) + "'");
                }
            }
            for (int j = 0; j < categorical.size(); j++) {
                String f = categorical.get(j);
                if (!r.containsKey(f)) {
                    throw new BadRequestException(f, "row " + i + " has no value for '" + f + "'");
                }
                Object x = r.get(f);
                if (x != null && !(x instanceof String)) {
                    throw new BadRequestException(f, "row " + i + ": '" + f + "' is categorical (text), got '" + ApiExceptionHandler.cut(String.valueOf(x)) + "'");
                }
                cat[i][j] = (String) x;
            }
            ids.add("row-" + i);
        }
        LocalDate[] asOf = new LocalDate[n];
        java.util.Arrays.fill(asOf, day);
        return new FeatureTable(ids, asOf, numeric, num, categorical, cat, null);
    }
}
