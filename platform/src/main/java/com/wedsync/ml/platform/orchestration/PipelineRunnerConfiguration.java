package com.wedsync.ml.platform.orchestration;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.wedsync.ml.pipelines.run.ExperimentStarter;
import com.wedsync.ml.pipelines.run.FeatureSnapshots;
import com.wedsync.ml.pipelines.run.ModelVersions;
import com.wedsync.ml.pipelines.run.PipelineRunner;
import com.wedsync.ml.pipelines.run.StepScheduler;
import com.wedsync.ml.pipelines.run.TrainingEvents;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.pipelines.spi.ModelKinds;
import com.wedsync.ml.platform.config.CodeVersion;
import com.wedsync.ml.platform.features.FeatureSnapshot;
import com.wedsync.ml.platform.features.FeatureStore;
import com.wedsync.ml.platform.jobs.Jobs;
import com.wedsync.ml.platform.pipeline.PipelineDefinitions;
import com.wedsync.ml.platform.pipeline.StoredDefinition;

/**
 * The pipeline run of {@code pipelines}, wired to the platform: the feature store, the registry's
 * versions and promotion, the definitions, the {@code pipeline_runs} table, JobRunr as the step
 * scheduler, experiments, and the training listeners (MLflow tracking).
 */
@Configuration
class PipelineRunnerConfiguration {

    @Bean
    PipelineRunner pipelineRunner(PipelineDefinitions definitions, ModelKinds kinds, FeatureStore features,
                                  ModelVersions versions, PipelineRuns runs, Jobs jobs, ExperimentStarter experiments,
                                  List<TrainingEvents> listeners, Clock clock) {
        StepScheduler scheduler = (step, pipeline, runId) -> jobs.createOnce(PipelineStep.of(step, pipeline, runId).job());
        return new PipelineRunner((name, version) -> definitions.find(name, version).map(StoredDefinition::definition),
                kinds, snapshots(features), versions, runs, scheduler, experiments, listeners, clock, CodeVersion.get());
    }

    private static FeatureSnapshots snapshots(FeatureStore store) {
        return new FeatureSnapshots() {
            @Override
            public Optional<Snapshot> existing(FeatureSetSpec set, LocalDate asOf) {
                return store.snapshot(set, asOf).map(PipelineRunnerConfiguration::view);
            }

            @Override
            public Snapshot refresh(FeatureSetSpec set, LocalDate asOf, Instant expires, UUID jobId) {
                return view(store.refresh(set, asOf, expires, jobId));
            }

            @Override
            public FeatureTable load(FeatureSetSpec set, List<LocalDate> asOfs, List<String> features, Integer labelHorizonDays) {
                return store.load(set, asOfs, features, labelHorizonDays, null);
            }
        };
    }

    private static FeatureSnapshots.Snapshot view(FeatureSnapshot s) {
        return new FeatureSnapshots.Snapshot(s.id(), s.asOf(), s.entityCount(), s.durationMs());
    }
}
