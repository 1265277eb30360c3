package com.wedsync.ml.pipelines.run;

import java.util.Optional;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;

/** A/B experiments, as a run whose promotion policy is {@code experiment} starts them. */
public interface ExperimentStarter {

    /** The name of the experiment running on this model, if one is. */
    Optional<String> running(String model);

    /**
     * Starts an experiment of the staged challenger against the champion and schedules its evaluation.
     *
     * @return a line that says what started (id, name, mode, metric)
     */
    Started start(String model, ModelVersions.Version challenger, ModelVersions.Version champion,
                  PipelineDefinition.Experiment spec, double significance);

    record Started(String id, String description) {
    }
}
