/**
 * The model registry: model versions in {@code ml_models} with their artifact, checksum, metrics and
 * lineage, and every state change in the append-only {@code ml_model_state_history}. Transitions are
 * decided by {@link com.wedsync.ml.pipelines.registry.ModelState}; the database keeps at most one
 * production version per model name. Every way to production goes through {@link
 * com.wedsync.ml.platform.registry.Promotion}, which compares the challenger with the champion of the
 * moment of promotion under a lock on the model name.
 */
package com.wedsync.ml.platform.registry;
