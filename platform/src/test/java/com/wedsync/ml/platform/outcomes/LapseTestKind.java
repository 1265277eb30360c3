package com.wedsync.ml.platform.outcomes;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.wedsync.ml.pipelines.churn.ChurnModelKind;
import com.wedsync.ml.pipelines.spi.Comparison;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.ModelKind;
import com.wedsync.ml.pipelines.spi.OutcomeSpec;
import com.wedsync.ml.pipelines.spi.Prediction;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.pipelines.spi.ScoringModel;
import com.wedsync.ml.pipelines.spi.TrainedModel;
import com.wedsync.ml.pipelines.spi.TrainingRequest;

/**
 * A second model kind with outcomes, for tests only (listed in this module's test
 * {@code META-INF/services}): "will a supplier lapse", trained like churn, but its predictions carry their
 * probability as {@code lapseProbability} and its outcomes, recorded by its own SQL, as {@code lapsed}
 * (churned or contracted within the horizon). Health checks and A/B experiments must work for it through
 * its {@link OutcomeSpec} alone: no platform code knows its name or fields.
 */
public final class LapseTestKind implements ModelKind {

    static final OutcomeSpec OUTCOMES = new OutcomeSpec("features/test_lapse.outcomes.sql", "lapseProbability", "lapsed");

    private final ChurnModelKind churn = new ChurnModelKind();

    @Override
    public String name() {
        return "lapse_test";
    }

    @Override
    public FeatureSetSpec featureSet() {
        return churn.featureSet();
    }

    @Override
    public Optional<OutcomeSpec> outcomes() {
        return Optional.of(OUTCOMES);
    }

    @Override
    public Map<String, Set<String>> algorithms() {
        return churn.algorithms();
    }

    @Override
    public Map<String, MetricRange> metrics() {
        return churn.metrics();
    }

    @Override
    public TrainedModel train(TrainingRequest request, ProgressListener progress) {
        return churn.train(request, progress);
    }

    @Override
    public ScoringModel load(byte[] artifact) {
        ScoringModel inner = churn.load(artifact);
        return new ScoringModel() {
            @Override
            public double[] score(FeatureTable rows) {
                return inner.score(rows);
            }

            @Override
            public LapsePrediction explain(FeatureTable rows, int row, double score) {
                return new LapsePrediction(score);
            }
        };
    }

    /** The test kind's own prediction record: its score under its own field name. */
    public record LapsePrediction(double lapseProbability) implements Prediction {
    }

    @Override
    public Map<String, Double> evaluate(ScoringModel model, FeatureTable heldOut) {
        return churn.evaluate(model, heldOut);
    }

    @Override
    public Comparison compare(ScoringModel challenger, ScoringModel champion, FeatureTable heldOut, double significance) {
        return churn.compare(challenger, champion, heldOut, significance);
    }
}
