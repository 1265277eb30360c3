/**
 * The run-tracker port: what a training run tells an experiment tracker (MLflow) and its model
 * registry mirror. Implementations must be idempotent on the record's key.
 */
package com.wedsync.ml.pipelines.tracking;
