package com.wedsync.ml.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.wedsync.ml.platform.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Flyway migrations, applied to an empty real PostgreSQL database. */
class MigrationsTest {

    private static TestPostgres.Database db;
    private static MigrateResult first;
    private static MigrateResult second;

    @BeforeAll
    static void migrateTwice() {
        db = TestPostgres.freshDatabase();
        first = flyway().migrate();
        second = flyway().migrate();
    }

    private static Flyway flyway() {
        return Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/migration").load();
    }

    @Test
    void everyMigrationAppliesToAnEmptyDatabase() {
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(4);
        assertThat(first.initialSchemaVersion).isNull();
    }

    @Test
    void migratingASecondTimeIsANoOp() {
        assertThat(second.success).isTrue();
        assertThat(second.migrationsExecuted).isZero();
        assertThat(second.initialSchemaVersion).isEqualTo(first.targetSchemaVersion);
    }

    @Test
    void theSpecsMlSchemaExistsAsTheSpecNamesIt() throws SQLException {
        assertThat(columns("ml_feature_store")).startsWith("id", "entity_type", "entity_id", "feature_set",
                "features", "feature_version", "calculated_at", "expires_at");
        assertThat(columns("ml_models")).startsWith("id", "model_name", "model_type", "version", "algorithm",
                "hyperparameters", "training_metrics", "validation_metrics", "feature_importance",
                "training_data_snapshot", "trained_at", "deployed_at", "retired_at", "status");
        assertThat(columns("ml_predictions")).startsWith("id", "model_id", "prediction_type", "entity_id",
                "entity_type", "prediction", "confidence", "features_used", "predicted_at", "prediction_for_date",
                "actual_outcome", "outcome_recorded_at");
        assertThat(columns("ml_experiments")).startsWith("id", "experiment_name", "model_a_id", "model_b_id",
                "metric_name", "started_at", "ended_at", "sample_size", "model_a_performance",
                "model_b_performance", "statistical_significance", "winner", "decision", "notes");
        assertThat(columns("ml_anomalies")).startsWith("id", "anomaly_type", "severity", "detected_at", "metrics",
                "description", "auto_action_taken", "action_taken", "resolved_at", "false_positive",
                "impact_assessment");
        assertThat(columns("ml_model_performance")).startsWith("id", "model_id", "evaluation_date", "metric_type",
                "metric_value", "sample_size", "data_drift_detected", "drift_severity", "performance_degradation");
        assertThat(indexes()).contains("idx_feature_store_lookup", "idx_feature_store_expiry", "idx_predictions_model",
                "idx_predictions_entity", "idx_predictions_evaluation", "idx_anomalies_unresolved",
                "idx_model_performance");
    }

    @Test
    void theMarketplaceSourceTablesExist() throws SQLException {
        for (String table : List.of("suppliers", "forms", "clients", "couples", "couple_suppliers", "couple_invites",
                "activity_logs", "support_tickets", "payments", "subscription_events", "enquiries")) {
            assertThat(columns(table)).as(table).isNotEmpty();
        }
        assertThat(columns("suppliers")).contains("vendor_type", "region", "subscription_tier", "mrr", "created_at",
                "last_login");
        assertThat(columns("couple_invites")).contains("direction", "activated");
        assertThat(columns("activity_logs")).contains("session_duration", "activity_date");
        assertThat(columns("support_tickets")).contains("sentiment", "content", "created_at");
        assertThat(columns("payments")).contains("status", "failed_at");
    }

    @Test
    void theDatabaseAllowsAtMostOneProductionVersionPerModelName() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO ml_models (model_name, model_type, version, algorithm, status) VALUES "
                    + "('one-prod', 'churn', '1', 'ensemble', 'production'), "
                    + "('one-prod', 'churn', '2', 'ensemble', 'staged')");
            assertThatThrownBy(() -> st.execute(
                    "UPDATE ml_models SET status = 'production' WHERE model_name = 'one-prod' AND version = '2'"))
                    .hasMessageContaining("ux_ml_models_one_production");
            assertThat(count(st, "SELECT count(*) FROM ml_models WHERE model_name = 'one-prod' AND status = 'production'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aModelStatusOutsideTheFiveStatesIsRefused() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("INSERT INTO ml_models (model_name, model_type, version, algorithm, status) "
                    + "VALUES ('bad-state', 'churn', '1', 'x', 'deployed')"))
                    .hasMessageContaining("ml_models_status_check");
        }
    }

    @Test
    void theStateHistoryIsAppendOnly() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO ml_models (id, model_name, model_type, version, algorithm) VALUES "
                    + "('00000000-0000-0000-0000-000000000001', 'history', 'churn', '1', 'x')");
            st.execute("INSERT INTO ml_model_state_history (model_id, from_status, to_status, actor, reason) VALUES "
                    + "('00000000-0000-0000-0000-000000000001', NULL, 'training', 'test', 'created')");
            assertThatThrownBy(() -> st.execute("UPDATE ml_model_state_history SET reason = 'rewritten'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.execute("DELETE FROM ml_model_state_history"))
                    .hasMessageContaining("append-only");
            assertThat(count(st, "SELECT count(*) FROM ml_model_state_history WHERE reason = 'created'")).isEqualTo(1);
        }
    }

    private static List<String> columns(String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                     + "AND table_name = '" + table + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static List<String> indexes() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
