package com.wedsync.ml.platform.support;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of integration tests that track to MLflow: besides {@link PostgresIntegrationTest}'s real
 * PostgreSQL, a real MLflow server of the test class's own (see {@link MlflowServer}), started with the
 * application context and stopped after the class.
 */
public abstract class MlflowIntegrationTest extends PostgresIntegrationTest {

    protected static MlflowServer mlflow;

    @DynamicPropertySource
    static void mlflowServer(DynamicPropertyRegistry registry) {
        mlflow = MlflowServer.start();
        registry.add("wedsync.mlflow.tracking-uri", mlflow::uri);
    }

    @AfterAll
    static void stopMlflow() {
        mlflow.close();
    }
}
