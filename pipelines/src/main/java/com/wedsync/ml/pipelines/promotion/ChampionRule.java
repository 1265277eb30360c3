package com.wedsync.ml.pipelines.promotion;

import java.util.Optional;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.spi.Comparison;

/**
 * Whether a challenger must beat the production champion, at what significance, and whether it did. By
 * default it must ({@code mustBeatChampion} unset), and the test runs at level 1.0 when no significance is
 * given (the point estimate decides).
 */
public record ChampionRule(boolean mustBeat, double significance) {

    public static ChampionRule of(PipelineDefinition d) {
        PipelineDefinition.Promotion p = d.promotion();
        boolean mustBeat = p == null || p.mustBeatChampion() == null || p.mustBeatChampion();
        double significance = p == null || p.significance() == null ? 1.0 : p.significance();
        return new ChampionRule(mustBeat, significance);
    }

    /** Why the challenger may not replace the champion of this version, if it must beat it and did not. */
    public Optional<String> refusal(String championVersion, Comparison c) {
        if (mustBeat && !c.challengerIsBetter()) {
            return Optional.of("does not beat champion version " + championVersion + " on " + c.metric() + " ("
                    + c.challengerValue() + " vs " + c.championValue() + ", " + c.test() + " p = " + c.pValue() + ")");
        }
        return Optional.empty();
    }
}
