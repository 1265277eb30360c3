/**
 * Training data without leakage: which as-of dates to snapshot, and how to split them by time into
 * training, validation and test periods with an embargo of one label horizon between them.
 */
package com.wedsync.ml.pipelines.training;
