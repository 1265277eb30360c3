/**
 * Pipeline definitions: what an ML engineer declares to get a scheduled, tracked, promotable model
 * (model kind, features, algorithms and hyper-parameters, windows, schedule, gates, promotion and
 * drift policy), how they are read from YAML or JSON, and how they are validated field by field.
 */
package com.wedsync.ml.pipelines.definition;
