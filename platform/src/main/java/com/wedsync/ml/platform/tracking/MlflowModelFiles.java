package com.wedsync.ml.platform.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.run.ModelVersions;
import com.wedsync.ml.pipelines.spi.DataLayout;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.ModelKind;
import com.wedsync.ml.platform.json.Json;
import org.springframework.core.io.ClassPathResource;

/**
 * The files that make a version's MLflow artifact directory {@code model/} an MLflow model: the {@code MLmodel}
 * file with its signature (the version's features, typed, in its order, and the score it returns), an input
 * example (rows of the validation table it was trained against), and a {@code python_function} flavor
 * ({@code code/wedsync_pyfunc.py}) that scores through the platform's
 * {@code POST /api/models/{name}/versions/{version}/predictions}, beside the Java artifact {@code model.bin}.
 * A kind that scores rows (a panel kind that is not a detector) gets the flavor; a forecaster or detector is
 * logged with its {@code wedsync} flavor only (its answers are whole-history forecasts, served by their own
 * endpoints). No secret goes here: the flavor takes the platform's address and credential from the environment.
 */
final class MlflowModelFiles {

    /** The MLflow client version the flavor's environment names (the tests' and {@code ops/mlflow}'s). */
    static final String MLFLOW_VERSION = "3.17.2";

    private MlflowModelFiles() {
    }

    static boolean scoresRows(ModelKind kind) {
        return kind.layout() == DataLayout.PANEL && kind.findingTypes().isEmpty();
    }

    /** Path (under the run's artifacts) to text, for the given version; empty for a kind this cannot describe. */
    static Map<String, String> of(PipelineDefinition d, ModelVersions.Version v, ModelKind kind, FeatureTable example, Instant now) {
        Map<String, String> files = new LinkedHashMap<>();
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (String f : d.features().include()) {
            FeatureSetSpec.Type type = kind.featureSet().features().stream().filter(x -> x.name().equals(f))
                    .map(FeatureSetSpec.Feature::type).findFirst().orElse(FeatureSetSpec.Type.NUMERIC);
            // every column is required: the platform refuses a row without one, or with a numeric value missing
            inputs.add(Map.of("type", type == FeatureSetSpec.Type.NUMERIC ? "double" : "string", "name", f, "required", true));
        }
        boolean rows = scoresRows(kind);
        String scoringPath = "/api/models/" + v.model() + "/versions/" + v.version() + "/predictions";

        StringBuilder mlmodel = new StringBuilder();
        mlmodel.append("artifact_path: model\n");
        mlmodel.append("flavors:\n");
        if (rows) {
            mlmodel.append("  python_function:\n");
            mlmodel.append("    loader_module: wedsync_pyfunc\n");
            mlmodel.append("    code: code\n");
            mlmodel.append("    data: wedsync.json\n");
            mlmodel.append("    env:\n      virtualenv: python_env.yaml\n");
            mlmodel.append("    python_version: 3.11.7\n");
        }
        mlmodel.append("  wedsync:\n");
        mlmodel.append("    kind: ").append(q(kind.name())).append('\n');
        mlmodel.append("    artifact: model.bin\n");
        mlmodel.append("    artifact_sha256: ").append(q(v.artifactSha256())).append('\n');
        mlmodel.append("    registry_model: ").append(q(v.model())).append('\n');
        mlmodel.append("    registry_version: ").append(q(v.version())).append('\n');
        mlmodel.append("    registry_model_id: ").append(q(v.id().toString())).append('\n');
        mlmodel.append("    pipeline: ").append(q(d.name() + "@" + d.version())).append('\n');
        if (rows) {
            mlmodel.append("    scoring_path: ").append(q(scoringPath)).append('\n');
        }
        mlmodel.append("mlflow_version: ").append(MLFLOW_VERSION).append('\n');
        mlmodel.append("model_uuid: ").append(q(v.id().toString().replace("-", ""))).append('\n');
        if (rows) {
            mlmodel.append("saved_input_example_info:\n");
            mlmodel.append("  artifact_path: input_example.json\n");
            mlmodel.append("  pandas_orient: split\n");
            mlmodel.append("  type: dataframe\n");
            mlmodel.append("signature:\n");
            mlmodel.append("  inputs: ").append(q(Json.write(inputs))).append('\n');
            mlmodel.append("  outputs: ").append(q(Json.write(List.of(Map.of("type", "double", "name", kind.scoreName(),
                    "required", true))))).append('\n');
            mlmodel.append("  params: null\n");
        }
        mlmodel.append("utc_time_created: ").append(q(now.toString())).append('\n');
        files.put("model/MLmodel", mlmodel.toString());
        if (!rows) {
            return files;
        }
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("registry_model", v.model());
        conf.put("registry_version", v.version());
        conf.put("registry_model_id", v.id().toString());
        conf.put("kind", kind.name());
        conf.put("scoring_path", scoringPath);
        conf.put("inputs", inputs);
        conf.put("output", kind.scoreName());
        files.put("model/wedsync.json", Json.write(conf));
        files.put("model/code/wedsync_pyfunc.py", resource("mlflow/wedsync_pyfunc.py"));
        files.put("model/python_env.yaml", "python: 3.11.7\nbuild_dependencies:\n  - pip\ndependencies:\n  - -r requirements.txt\n");
        files.put("model/requirements.txt", "mlflow==" + MLFLOW_VERSION + "\npandas\n");
        files.put("model/input_example.json", Json.write(inputExample(d.features().include(), example)));
        return files;
    }

    /** The example rows in pandas' split orient, the version's features in its order, missing numbers as null. */
    static Map<String, Object> inputExample(List<String> features, FeatureTable t) {
        List<List<Object>> data = new ArrayList<>();
        for (int i = 0; t != null && i < t.size(); i++) {
            List<Object> row = new ArrayList<>();
            for (String f : features) {
                int n = t.numericNames().indexOf(f);
                if (n >= 0) {
                    double x = t.numeric()[i][n];
                    row.add(Double.isFinite(x) ? x : null);
                } else {
                    int c = t.categoricalNames().indexOf(f);
                    row.add(c >= 0 ? t.categorical()[i][c] : null);
                }
            }
            data.add(row);
        }
        return Map.of("columns", features, "data", data);
    }

    /** A YAML double-quoted scalar: a JSON string is one. */
    private static String q(String s) {
        return Json.write(s == null ? "" : s);
    }

    private static String resource(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
