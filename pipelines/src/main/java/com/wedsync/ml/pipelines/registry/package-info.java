/**
 * The model registry's rules, free of storage: the five states of a model version and the one
 * place that says which transitions are allowed. The platform keeps versions and their append-only
 * history in PostgreSQL and asks {@link com.wedsync.ml.pipelines.registry.ModelState} before every change.
 */
package com.wedsync.ml.pipelines.registry;
