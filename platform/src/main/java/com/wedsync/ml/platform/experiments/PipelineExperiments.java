package com.wedsync.ml.platform.experiments;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.wedsync.ml.pipelines.definition.PipelineDefinition;
import com.wedsync.ml.pipelines.run.ExperimentStarter;
import com.wedsync.ml.pipelines.run.ModelVersions;

/** Experiments as a pipeline run whose promotion policy is {@code experiment} starts them ({@link ExperimentStarter}). */
@Component
class PipelineExperiments implements ExperimentStarter {

    private final Experiments experiments;
    private final ExperimentEvaluator evaluator;

    PipelineExperiments(Experiments experiments, ExperimentEvaluator evaluator) {
        this.experiments = experiments;
        this.evaluator = evaluator;
    }

    @Override
    public Optional<String> running(String model) {
        return experiments.running(model).map(Experiments.Experiment::name);
    }

    @Override
    public Started start(String model, ModelVersions.Version challenger, ModelVersions.Version champion,
                         PipelineDefinition.Experiment x, double significance) {
        Experiments.Experiment e = experiments.create(new Experiments.Request(
                model + " v" + challenger.version() + " vs v" + champion.version(), model, challenger.version(), x.metric(),
                x.mode(), x.trafficToB(), x.minSampleSize(), significance, x.maxDurationDays(),
                x.decision() == null ? "auto" : x.decision()));
        evaluator.schedule(e.id());
        return new Started(e.id().toString(), e.name() + " (" + e.id() + ", " + e.mode().dbName() + ", " + e.metric() + ")");
    }
}
