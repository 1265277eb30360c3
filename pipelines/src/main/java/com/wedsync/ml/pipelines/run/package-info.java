/**
 * A pipeline run, framework-free: its steps ({@link com.wedsync.ml.pipelines.run.Step}), what each does
 * ({@link com.wedsync.ml.pipelines.run.PipelineRunner}) and the ports it does it through, split by role:
 * feature snapshots, model versions (with the one promotion path), definitions, the run log, the step
 * scheduler, experiments and training events. The platform adapts them to PostgreSQL, JobRunr and MLflow;
 * a test adapts them in memory and runs a whole pipeline in milliseconds.
 */
package com.wedsync.ml.pipelines.run;
