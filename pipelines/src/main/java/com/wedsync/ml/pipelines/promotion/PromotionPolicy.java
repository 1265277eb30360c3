package com.wedsync.ml.pipelines.promotion;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;

/** What happens to a version that passed validation: the definition's {@code promotion.policy}. */
public sealed interface PromotionPolicy {

    /** Straight to production (through the promotion service's check against the champion of the moment). */
    record Auto() implements PromotionPolicy {
    }

    /** It waits, staged, for a person's transition. */
    record Manual() implements PromotionPolicy {
    }

    /**
     * It challenges the champion in an A/B experiment; with no champion to challenge it goes to production
     * as under {@link Auto}.
     */
    record Experiment(PipelineDefinition.Experiment spec, Double significance) implements PromotionPolicy {
    }

    /** The definition's policy; manual when it names none. */
    static PromotionPolicy of(PipelineDefinition d) {
        PipelineDefinition.Promotion p = d.promotion();
        String name = p == null || p.policy() == null ? "manual" : p.policy();
        return switch (name) {
            case "auto" -> new Auto();
            case "manual" -> new Manual();
            case "experiment" -> new Experiment(p.experiment(), p.significance());
            default -> throw new IllegalArgumentException("unknown promotion policy '" + name + "' (the validator admits auto, "
                    + "manual and experiment)");
        };
    }
}
