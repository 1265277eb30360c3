/**
 * PostgreSQL, the platform's only store: the embedded server of the default run and the
 * data source configuration. Migrations live in the {@code migrations} module.
 */
package com.wedsync.ml.platform.database;
