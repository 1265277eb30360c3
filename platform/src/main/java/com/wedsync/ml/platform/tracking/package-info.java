/**
 * MLflow as the registry's mirror: every training run, its held-out metrics and every registry state
 * (as aliases and version tags) go through the PostgreSQL outbox {@code tracking_outbox} to a real
 * MLflow server. If MLflow is down or not configured, nothing is lost: records stay pending and a
 * recurring JobRunr job replays them, each exactly once, when it is back.
 */
package com.wedsync.ml.platform.tracking;
