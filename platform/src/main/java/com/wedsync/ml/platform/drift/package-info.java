/**
 * Drift monitoring of production models: a recurring JobRunr job per production model compares the
 * current feature snapshot with a season-aware reference, stores the report and its per-feature
 * detail, and on drift opens an episode that enqueues exactly one retraining (its run and job ids are
 * derived from the episode), unless a retraining ran within the pipeline's cooldown.
 */
package com.wedsync.ml.platform.drift;
