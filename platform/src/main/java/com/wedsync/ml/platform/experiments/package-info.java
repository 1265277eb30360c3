/**
 * A/B model experiments: a production champion (A) against a staged challenger (B), stored in
 * {@code ml_experiments}; scoring serves the arms (split) or both (shadow); a daily JobRunr job looks at
 * the predictions whose outcomes are recorded with a group-sequential test and a harm guardrail, and
 * promotes, retires or keeps through the registry's normal transitions.
 */
package com.wedsync.ml.platform.experiments;
