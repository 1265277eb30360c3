/**
 * The pipeline SPI (ports) and the built-in pipelines, plus the marketplace simulator.
 *
 * <p>Code here talks to the world only through ports (interfaces) that the platform implements
 * with PostgreSQL, JobRunr and MLflow adapters. No Spring, no JDBC.
 */
package com.wedsync.ml.pipelines;
