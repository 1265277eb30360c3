/**
 * The marketplace simulator: months of WedSync history generated from a seed, with the spec's
 * seasonality (section 2's monthly factors, section 4's vendor patterns), a two-way viral loop, MRR
 * movements by stream, churn driven by the spec's signals, planted anomalies and a planted drift,
 * and its ground truth. It writes rows through the {@link com.wedsync.ml.pipelines.simulator.SimulationSink}
 * port; the platform loads them into PostgreSQL with COPY.
 */
package com.wedsync.ml.pipelines.simulator;
