package com.wedsync.ml.pipelines.promotion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;

/** The definition's absolute gates on held-out metrics. */
public final class Gates {

    private Gates() {
    }

    /**
     * Every gate that does not hold, as a sentence naming the metric, its value and its bounds; a metric the
     * model did not report (or reported as NaN) fails its gate. Empty: all hold (and for {@code gates: none}).
     */
    public static List<String> failures(Map<String, PipelineDefinition.Gate> gates, Map<String, Double> metrics) {
        List<String> failures = new ArrayList<>();
        gates.entrySet().stream().filter(e -> e.getValue() != null).sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Double value = metrics.get(e.getKey());
            if (value == null || value.isNaN() || !e.getValue().admits(value)) {
                failures.add(e.getKey() + " = " + value + " outside " + bounds(e.getValue()));
            }
        });
        return failures;
    }

    static String bounds(PipelineDefinition.Gate g) {
        return "[" + (g.min() == null ? "-inf" : g.min()) + ", " + (g.max() == null ? "+inf" : g.max()) + "]";
    }
}
