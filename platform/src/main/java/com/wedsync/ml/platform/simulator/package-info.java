/**
 * The simulator on the platform: loading its rows into PostgreSQL with COPY in one transaction, the
 * JobRunr job that runs it with a progress bar, and the default run's start-up load.
 */
package com.wedsync.ml.platform.simulator;
