package com.wedsync.ml.pipelines.definition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.wedsync.ml.pipelines.spi.Hyperparameter;
import com.wedsync.ml.pipelines.spi.ModelKind;
import com.wedsync.ml.pipelines.spi.ModelKinds;

/**
 * Checks a definition field by field against the model kinds and the scheduler's cron syntax, and
 * reports every problem at once, each naming its field.
 */
public final class DefinitionValidator {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{1,62}$");
    static final int MAX_DESCRIPTION = 2_000;

    private final ModelKinds kinds;
    private final Function<String, Optional<String>> cronProblem;

    /**
     * @param cronProblem the scheduler's verdict on a cron expression: empty if valid, else what is wrong
     */
    public DefinitionValidator(ModelKinds kinds, Function<String, Optional<String>> cronProblem) {
        this.kinds = kinds;
        this.cronProblem = cronProblem;
    }

    /** @throws InvalidDefinitionException naming every bad field */
    public void check(PipelineDefinition d) {
        List<FieldError> errors = problems(d);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
    }

    public List<FieldError> problems(PipelineDefinition d) {
        List<FieldError> errors = new ArrayList<>();
        if (d == null) {
            return List.of(new FieldError("definition", "is empty"));
        }
        if (d.name() == null || !NAME.matcher(d.name()).matches()) {
            errors.add(new FieldError("name", "must be 2-63 characters of a-z, 0-9 and '-', starting with a letter (got "
                    + quote(d.name() != null && d.name().length() > 80 ? d.name().substring(0, 80) + "..." : d.name()) + ")"));
        }
        if (d.description() != null && d.description().length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters (got "
                    + d.description().length() + ")"));
        }
        if (d.schedule() != null && d.schedule().length() > 100) {
            errors.add(new FieldError("schedule", "must be a cron expression of at most 100 characters (got " + d.schedule().length() + ")"));
        }
        if (d.version() == null || d.version() < 1) {
            errors.add(new FieldError("version", "must be a whole number from 1 (got " + d.version() + ")"));
        }
        Optional<ModelKind> kind = kinds.find(d.modelKind());
        if (kind.isEmpty()) {
            errors.add(new FieldError("modelKind", "unknown model kind " + quote(d.modelKind()) + "; known kinds: "
                    + kinds.names()));
        }
        kind.ifPresent(k -> checkAgainstKind(d, k, errors));
        if (d.drift() != null && d.drift().features() != null && d.features() != null) {
            for (int i = 0; i < d.drift().features().size(); i++) {
                if (!d.features().include().contains(d.drift().features().get(i))) {
                    errors.add(new FieldError("drift.features[" + i + "]", "'" + d.drift().features().get(i)
                            + "' is not one of the pipeline's features (features.include)"));
                }
            }
        }
        checkTraining(d.training(), errors);
        if (d.schedule() != null) {
            cronProblem.apply(d.schedule()).ifPresent(p -> errors.add(new FieldError("schedule",
                    "is not a valid cron expression " + quote(d.schedule()) + ": " + p)));
        }
        checkPromotion(d.promotion(), errors);
        checkDrift(d.drift(), errors);
        return errors;
    }

    private void checkAgainstKind(PipelineDefinition d, ModelKind k, List<FieldError> errors) {
        if (d.features() == null) {
            errors.add(new FieldError("features", "is required (the feature set and the features to use)"));
        } else {
            if (!k.featureSet().name().equals(d.features().set())) {
                errors.add(new FieldError("features.set", "model kind '" + k.name() + "' reads feature set '"
                        + k.featureSet().name() + "' (got " + quote(d.features().set()) + ")"));
            }
            if (d.features().include().isEmpty()) {
                errors.add(new FieldError("features.include", "must list at least one feature"));
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < d.features().include().size(); i++) {
                String f = d.features().include().get(i);
                if (!k.featureSet().offers(f)) {
                    errors.add(new FieldError("features.include[" + i + "]", "feature set '" + k.featureSet().name()
                            + "' has no feature " + quote(f)));
                } else if (!seen.add(f)) {
                    errors.add(new FieldError("features.include[" + i + "]", "feature " + quote(f) + " is listed twice"));
                }
            }
        }
        if (d.algorithms().isEmpty()) {
            errors.add(new FieldError("algorithms", "must name at least one of " + k.algorithms().keySet()));
        }
        Map<String, List<Hyperparameter>> specs = k.hyperparameters();
        for (int i = 0; i < d.algorithms().size(); i++) {
            PipelineDefinition.Algorithm a = d.algorithms().get(i);
            List<Hyperparameter> known = a == null ? null : specs.get(a.name());
            if (known == null) {
                errors.add(new FieldError("algorithms[" + i + "].name", "model kind '" + k.name()
                        + "' has no algorithm " + quote(a == null ? null : a.name()) + "; it has " + specs.keySet()));
                continue;
            }
            for (Map.Entry<String, Object> hp : a.hyperparameters().entrySet()) {
                String field = "algorithms[" + i + "].hyperparameters." + hp.getKey();
                Optional<Hyperparameter> spec = known.stream().filter(h -> h.name().equals(hp.getKey())).findFirst();
                if (spec.isEmpty()) {
                    errors.add(new FieldError(field, "is not a hyper-parameter of " + a.name() + "; it takes "
                            + known.stream().map(Hyperparameter::name).toList()));
                } else {
                    spec.get().problem(hp.getValue()).ifPresent(problem -> errors.add(new FieldError(field, problem)));
                }
            }
        }
        if (d.features() != null) {
            List<String> missing = k.requiredFeatures().stream().filter(f -> !d.features().include().contains(f)).sorted().toList();
            if (!missing.isEmpty()) {
                errors.add(new FieldError("features.include", "model kind '" + k.name() + "' needs " + missing
                        + " (it cannot train or explain without them)"));
            }
        }
        if (d.gates().isEmpty()) {
            errors.add(new FieldError("gates", "must name at least one quality gate (one of " + k.metrics().keySet()
                    + "), or say 'gates: none' to register a pipeline whose models are promoted ungated"));
        }
        for (Map.Entry<String, PipelineDefinition.Gate> gate : d.gates().entrySet()) {
            if (d.ungated()) {
                break;
            }
            String field = "gates." + gate.getKey();
            ModelKind.MetricRange range = k.metrics().get(gate.getKey());
            if (range == null) {
                errors.add(new FieldError(field, "model kind '" + k.name() + "' reports no metric " + quote(gate.getKey())
                        + "; it reports " + k.metrics().keySet()));
                continue;
            }
            PipelineDefinition.Gate g = gate.getValue();
            if (g == null || (g.min() == null && g.max() == null)) {
                errors.add(new FieldError(field, "needs a min or a max"));
                continue;
            }
            checkBound(field + ".min", g.min(), range, errors);
            checkBound(field + ".max", g.max(), range, errors);
            if (g.min() != null && g.max() != null && g.min() > g.max()) {
                errors.add(new FieldError(field, "min " + g.min() + " is above max " + g.max()));
            }
        }
    }

    private static void checkBound(String field, Double v, ModelKind.MetricRange range, List<FieldError> errors) {
        if (v != null && (v.isNaN() || !range.contains(v))) {
            errors.add(new FieldError(field, "must be within [" + range.min() + ", " + range.max() + "] (got " + v + ")"));
        }
    }

    private static void checkTraining(PipelineDefinition.Training t, List<FieldError> errors) {
        if (t == null) {
            errors.add(new FieldError("training", "is required (windowMonths, labelHorizonDays, snapshotIntervalDays)"));
            return;
        }
        range(errors, "training.windowMonths", t.windowMonths(), 1, 120, true);
        range(errors, "training.labelHorizonDays", t.labelHorizonDays(), 1, 730, true);
        range(errors, "training.snapshotIntervalDays", t.snapshotIntervalDays(), 1, 365, true);
        fraction(errors, "training.validationFraction", t.validationFraction(), 0.05, 0.5);
        fraction(errors, "training.testFraction", t.testFraction(), 0.05, 0.5);
        if (t.validationFraction() != null && t.testFraction() != null && t.validationFraction() + t.testFraction() >= 0.8) {
            errors.add(new FieldError("training", "validationFraction + testFraction must leave at least 20% for training"));
        }
    }

    private static void checkPromotion(PipelineDefinition.Promotion p, List<FieldError> errors) {
        if (p == null) {
            return;
        }
        if (p.policy() != null && !Set.of("auto", "manual", "experiment").contains(p.policy())) {
            errors.add(new FieldError("promotion.policy", "must be 'auto', 'manual' or 'experiment' (got " + quote(p.policy()) + ")"));
        }
        fraction(errors, "promotion.significance", p.significance(), 0.0001, 0.5);
        PipelineDefinition.Experiment x = p.experiment();
        if ("experiment".equals(p.policy()) && x == null) {
            errors.add(new FieldError("promotion.experiment", "is required with policy 'experiment' (mode, metric, minSampleSize, ...)"));
        }
        if (x != null) {
            String mode = x.mode() == null ? "split" : x.mode();
            if (!Set.of("split", "shadow").contains(mode)) {
                errors.add(new FieldError("promotion.experiment.mode", "must be 'split' or 'shadow' (got " + quote(x.mode()) + ")"));
            }
            if (x.metric() != null && !Set.of("auc", "accuracy").contains(x.metric())) {
                errors.add(new FieldError("promotion.experiment.metric", "must be 'auc' or 'accuracy' (got " + quote(x.metric()) + ")"));
            } else if ("auc".equals(x.metric() == null ? "auc" : x.metric()) && mode.equals("split")) {
                errors.add(new FieldError("promotion.experiment.metric", "auc compares both models on the same suppliers: it needs "
                        + "mode 'shadow' (in split mode use 'accuracy')"));
            }
            if (x.trafficToB() != null && !(x.trafficToB() > 0 && x.trafficToB() < 1)) {
                errors.add(new FieldError("promotion.experiment.trafficToB", "must be strictly between 0 and 1 (got " + x.trafficToB() + ")"));
            }
            range(errors, "promotion.experiment.minSampleSize", x.minSampleSize(), 1, 10_000_000, true);
            range(errors, "promotion.experiment.maxDurationDays", x.maxDurationDays(), 1, 365, false);
            if (x.decision() != null && !Set.of("auto", "report").contains(x.decision())) {
                errors.add(new FieldError("promotion.experiment.decision", "must be 'auto' or 'report' (got " + quote(x.decision()) + ")"));
            }
        }
    }

    private void checkDrift(PipelineDefinition.Drift dr, List<FieldError> errors) {
        if (dr == null) {
            return;
        }
        if (dr.schedule() != null) {
            cronProblem.apply(dr.schedule()).ifPresent(p -> errors.add(new FieldError("drift.schedule",
                    "is not a valid cron expression " + quote(dr.schedule()) + ": " + p)));
        }
        fraction(errors, "drift.pValue", dr.pValue(), 1e-9, 0.5);
        if (dr.psi() != null && (dr.psi().isNaN() || dr.psi() <= 0 || dr.psi() > 10)) {
            errors.add(new FieldError("drift.psi", "must be in (0, 10] (got " + dr.psi() + ")"));
        }
        if (dr.minKsStatistic() != null && !(dr.minKsStatistic() >= 0 && dr.minKsStatistic() < 1)) {
            errors.add(new FieldError("drift.minKsStatistic", "must be in [0, 1) (got " + dr.minKsStatistic() + ")"));
        }
        range(errors, "drift.minRows", dr.minRows(), 2, 10_000_000, false);
        fraction(errors, "drift.healthThreshold", dr.healthThreshold(), 0.0, 1.0);
        range(errors, "drift.cooldownDays", dr.cooldownDays(), 0, 365, false);
    }

    private static void range(List<FieldError> errors, String field, Integer v, int min, int max, boolean required) {
        if (v == null) {
            if (required) {
                errors.add(new FieldError(field, "is required (" + min + " to " + max + ")"));
            }
        } else if (v < min || v > max) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max + " (got " + v + ")"));
        }
    }

    private static void fraction(List<FieldError> errors, String field, Double v, double min, double max) {
        if (v != null && (v.isNaN() || v < min || v > max)) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max + " (got " + v + ")"));
        }
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }
}
