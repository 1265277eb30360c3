package com.wedsync.ml.platform.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The simulator loaded into real PostgreSQL: its ground truth agrees with the rows it wrote. */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatorLoadTest extends PostgresIntegrationTest {

    @Autowired
    MarketplaceLoader loader;
    @Autowired
    JdbcClient jdbc;

    SimulationParameters params = SimulationParameters.of(5, 600, 24, LocalDate.of(2026, 11, 24));
    Map<String, Object> firstLoad;
    long constraintsBefore;
    long indexesBefore;

    @BeforeAll
    void loadTwice() {
        constraintsBefore = count("SELECT count(*) FROM pg_constraint WHERE connamespace = 'public'::regnamespace");
        indexesBefore = count("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'");
        loader.simulateAndLoad(params, ProgressListener.NONE);
        firstLoad = loader.simulateAndLoad(params, ProgressListener.NONE);
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void loadingTwiceReplacesInsteadOfDoubling() {
        @SuppressWarnings("unchecked")
        Map<String, Long> rows = (Map<String, Long>) firstLoad.get("rows");
        assertThat(count("SELECT count(*) FROM suppliers")).isEqualTo(600).isEqualTo(rows.get("suppliers"));
        assertThat(count("SELECT count(*) FROM activity_logs")).isEqualTo(rows.get("activity_logs")).isGreaterThan(10_000);
        assertThat(count("SELECT count(*) FROM sim_runs")).isEqualTo(1);
        assertThat(loader.loaded(params)).isTrue();
    }

    @Test
    void theLoadLeavesEveryIndexAndForeignKeyInPlace() {
        assertThat(count("SELECT count(*) FROM pg_constraint WHERE connamespace = 'public'::regnamespace")).isEqualTo(constraintsBefore);
        assertThat(count("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'")).isEqualTo(indexesBefore);
        assertThat(count("SELECT count(*) FROM pg_constraint WHERE conname = 'activity_logs_user_id_fkey'")).isEqualTo(1);
    }

    @Test
    void everyChurnedSupplierHasItsChurnEventAndNothingAfterIt() {
        assertThat(count("SELECT count(*) FROM sim_churn_truth")).isGreaterThan(50);
        assertThat(count("""
                SELECT count(*) FROM sim_churn_truth t
                WHERE (SELECT count(*) FROM subscription_events e WHERE e.supplier_id = t.supplier_id
                       AND e.event_type = 'churn' AND e.occurred_at = t.churned_at) <> 1
                   OR (SELECT status FROM suppliers s WHERE s.id = t.supplier_id) <> 'churned'
                """)).isZero();
        assertThat(count("SELECT count(*) FROM suppliers WHERE status = 'churned'")).isEqualTo(count("SELECT count(*) FROM sim_churn_truth"));
        for (String activity : new String[] {
                "SELECT a.user_id AS s, a.activity_date AS at FROM activity_logs a",
                "SELECT f.supplier_id, f.created_at FROM forms f",
                "SELECT p.user_id, p.created_at FROM payments p",
                "SELECT t.user_id, t.created_at FROM support_tickets t",
                "SELECT c.supplier_id, c.created_at FROM clients c",
                "SELECT i.supplier_id, i.created_at FROM couple_invites i WHERE i.direction = 'supplier_to_couple'",
                "SELECT e.supplier_id, e.occurred_at FROM subscription_events e WHERE e.event_type <> 'churn'"}) {
            assertThat(count("SELECT count(*) FROM (" + activity + ") x(s, at) JOIN sim_churn_truth t ON t.supplier_id = x.s "
                    + "WHERE x.at > t.churned_at")).as(activity).isZero();
        }
    }

    @Test
    void eachSuppliersMrrIsTheSumOfItsSubscriptionEvents() {
        assertThat(count("""
                SELECT count(*) FROM suppliers s
                WHERE s.mrr <> (SELECT COALESCE(SUM(e.mrr_delta), 0) FROM subscription_events e WHERE e.supplier_id = s.id)
                """)).isZero();
    }

    @Test
    void theMonthlyTruthMatchesTheRows() {
        // active suppliers at the end of each month, counted from the rows, equal the recorded truth
        assertThat(count("""
                SELECT count(*) FROM sim_monthly_truth m
                WHERE m.active_suppliers <> (
                  SELECT count(*) FROM suppliers s
                  WHERE s.created_at < LEAST((m.month + INTERVAL '1 month'), (SELECT end_date FROM sim_runs)::timestamp)
                    AND NOT EXISTS (SELECT 1 FROM sim_churn_truth t WHERE t.supplier_id = s.id
                                    AND t.churned_at < LEAST((m.month + INTERVAL '1 month'), (SELECT end_date FROM sim_runs)::timestamp)))
                """)).isZero();
        assertThat(count("""
                SELECT count(*) FROM sim_monthly_truth m
                WHERE m.churned_suppliers <> (SELECT count(*) FROM sim_churn_truth t
                                              WHERE t.churned_at >= m.month AND t.churned_at < m.month + INTERVAL '1 month')
                """)).isZero();
    }

    @Test
    void nothingIsDatedOnOrAfterTheSimulationsEnd() {
        assertThat(count("SELECT count(*) FROM activity_logs WHERE activity_date >= '2026-11-24'")).isZero();
        assertThat(count("SELECT count(*) FROM subscription_events WHERE occurred_at >= '2026-11-24'")).isZero();
        assertThat(count("SELECT count(*) FROM couples WHERE created_at >= '2026-11-24'")).isZero();
    }

    @Test
    void thePlantedInvitationDropShowsInTheRows() {
        Double ratio = jdbc.sql("""
                WITH monthly AS (
                  SELECT date_trunc('month', created_at) AS m, count(*) AS n FROM couple_invites
                  WHERE direction = 'supplier_to_couple' GROUP BY 1)
                SELECT (SELECT n FROM monthly WHERE m = e.starts_on)::float8
                       / (SELECT avg(n) FROM monthly WHERE m BETWEEN e.starts_on - INTERVAL '3 months' AND e.starts_on - INTERVAL '1 month')
                FROM sim_planted_events e WHERE e.event_type = 'anomaly_invitation_drop'
                """).query(Double.class).single();
        assertThat(ratio).isBetween(0.25, 0.6);
    }
}
