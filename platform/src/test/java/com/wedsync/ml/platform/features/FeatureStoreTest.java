package com.wedsync.ml.platform.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.wedsync.ml.pipelines.churn.ChurnFeatures;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureTable;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Point-in-time churn features computed set-based in PostgreSQL, on a few hand-made suppliers. */
@SpringBootTest
class FeatureStoreTest extends PostgresIntegrationTest {

    static final String A = "00000000-0000-0000-0000-00000000000a";
    static final String B = "00000000-0000-0000-0000-00000000000b";
    static final String C = "00000000-0000-0000-0000-00000000000c";
    static final LocalDate T = LocalDate.of(2026, 6, 1);
    static final FeatureSetSpec SET = ChurnFeatures.SPEC;
    static final List<String> ALL = SET.features().stream().map(FeatureSetSpec.Feature::name).toList();

    @Autowired
    FeatureStore store;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void marketplace() {
        jdbc.sql("TRUNCATE suppliers, ml_feature_store, ml_feature_snapshots CASCADE").update();
        sql("INSERT INTO suppliers (id, business_name, vendor_type, region, subscription_tier, mrr, acquisition_channel, created_at) VALUES "
                + "('" + A + "', 'A', 'photographer', 'london', 'professional', 49, 'organic', '2025-01-10'),"
                + "('" + B + "', 'B', 'venue', 'wales', 'starter', 19, 'paid', '2025-03-01'),"
                + "('" + C + "', 'C', 'florist', 'london', 'starter', 19, 'viral', '2026-07-01')");
        sql("INSERT INTO subscription_events (supplier_id, event_type, occurred_at, to_tier, mrr_delta, channel) VALUES "
                + "('" + A + "', 'new', '2025-01-10', 'starter', 19, 'organic'),"
                + "('" + A + "', 'expansion', '2025-06-01', 'professional', 30, NULL),"
                + "('" + B + "', 'new', '2025-03-01', 'professional', 49, 'paid'),"
                + "('" + B + "', 'contraction', '2026-04-15', 'starter', -30, NULL),"
                + "('" + B + "', 'churn', '2026-06-20', NULL, -19, NULL)");
        sql("INSERT INTO activity_logs (user_id, activity_date, session_duration) VALUES "
                + "('" + A + "', '2026-05-30 10:00Z', 600), ('" + A + "', '2026-05-25 10:00Z', 1200),"
                + "('" + A + "', '2026-05-25 15:00Z', 300), ('" + B + "', '2026-04-01 09:00Z', 100)");
        sql("INSERT INTO forms (supplier_id, name, created_at) VALUES ('" + A + "', 'f1', '2025-02-01'),"
                + "('" + A + "', 'f2', '2026-05-20'), ('" + B + "', 'f3', '2025-04-01')");
        sql("INSERT INTO support_tickets (user_id, created_at, sentiment, subject, content) VALUES "
                + "('" + B + "', '2026-05-01', 'negative', 'price', 'Thinking of moving to HoneyBook, cheaper'),"
                + "('" + B + "', '2026-05-10', 'neutral', 'how to', 'How do I export?')");
        sql("INSERT INTO payments (user_id, amount, status, created_at, failed_at) VALUES "
                + "('" + B + "', 49, 'failed', '2026-05-05', '2026-05-05'), ('" + A + "', 49, 'succeeded', '2026-05-05', NULL)");
    }

    void sql(String s) {
        jdbc.sql(s).update();
    }

    @Test
    void aSnapshotHoldsEverySupplierAliveAtTheDateWithTheSpecsFeatures() {
        FeatureSnapshot snap = store.refresh(SET, T, null, null);
        assertThat(snap.entityCount()).as("C signs up after T").isEqualTo(2);

        FeatureTable t = store.load(SET, List.of(T), ALL, null, null);
        Map<String, Integer> row = Map.of(t.entityIds().get(0), 0, t.entityIds().get(1), 1);
        double[] a = t.numeric()[row.get(A)];
        double[] b = t.numeric()[row.get(B)];
        assertThat(a[t.numericIndex("days_since_login")]).isCloseTo(1 + 14.0 / 24, within(1e-6));
        assertThat(a[t.numericIndex("mrr")]).isEqualTo(49);
        assertThat(a[t.numericIndex("total_forms")]).isEqualTo(2);
        assertThat(a[t.numericIndex("recent_forms")]).isEqualTo(1);
        assertThat(a[t.numericIndex("active_days_last_month")]).isEqualTo(2);
        assertThat(a[t.numericIndex("avg_session_duration")]).isEqualTo(700);
        assertThat(b[t.numericIndex("downgrades")]).isEqualTo(1);
        assertThat(b[t.numericIndex("negative_tickets")]).isEqualTo(1);
        assertThat(b[t.numericIndex("competitor_mentions")]).isEqualTo(1);
        assertThat(b[t.numericIndex("failed_payments")]).isEqualTo(1);
        assertThat(b[t.numericIndex("mrr")]).isEqualTo(19);
        assertThat(t.numeric()[0][t.numericIndex("season_factor")]).isEqualTo(1.6);
        assertThat(t.categorical()[row.get(B)]).containsExactly("venue", "starter");
    }

    @Test
    void rowsDatedAfterTheSnapshotDateDoNotMoveIt() {
        store.refresh(SET, T, null, null);
        FeatureTable before = store.load(SET, List.of(T), ALL, null, null);

        sql("INSERT INTO activity_logs (user_id, activity_date, session_duration) VALUES ('" + A + "', '2026-06-01 00:00:01Z', 9999)");
        sql("INSERT INTO forms (supplier_id, name, created_at) VALUES ('" + A + "', 'late', '2026-06-03')");
        sql("INSERT INTO payments (user_id, amount, status, created_at, failed_at) VALUES ('" + A + "', 49, 'failed', '2026-06-02', '2026-06-02')");
        sql("INSERT INTO subscription_events (supplier_id, event_type, occurred_at, to_tier, mrr_delta) VALUES ('" + A + "', 'contraction', '2026-06-05', 'starter', -30)");
        sql("UPDATE suppliers SET mrr = 19, last_login = '2026-06-01 00:00:01Z', subscription_tier = 'starter' WHERE id = '" + A + "'");
        store.refresh(SET, T, null, null);
        FeatureTable after = store.load(SET, List.of(T), ALL, null, null);

        assertThat(after.entityIds()).isEqualTo(before.entityIds());
        assertThat(after.numeric()).isDeepEqualTo(before.numeric());
        assertThat(after.categorical()).isDeepEqualTo(before.categorical());
    }

    @Test
    void labelsSayWhoChurnedWithinTheHorizonAfterTheDate() {
        store.refresh(SET, T, null, null);
        FeatureTable in30 = store.load(SET, List.of(T), List.of("mrr"), 30, null);
        FeatureTable in10 = store.load(SET, List.of(T), List.of("mrr"), 10, null);
        int b = in30.entityIds().indexOf(B);
        int a = in30.entityIds().indexOf(A);
        assertThat(in30.labels()[b]).as("B churns 19 days after T").isEqualTo(1.0);
        assertThat(in10.labels()[b]).isEqualTo(0.0);
        assertThat(in30.labels()[a]).isEqualTo(0.0);
    }

    @Test
    void aChurnedSupplierIsNotInLaterSnapshots() {
        LocalDate later = LocalDate.of(2026, 7, 1);
        FeatureSnapshot snap = store.refresh(SET, later, null, null);
        FeatureTable t = store.load(SET, List.of(later), List.of("mrr"), null, null);
        assertThat(t.entityIds()).containsExactlyInAnyOrder(A, C);
        assertThat(snap.entityCount()).isEqualTo(2);
    }

    @Test
    void oneSuppliersLiveFeaturesEqualItsRowInTheSnapshot() {
        store.refresh(SET, T, null, null);
        FeatureTable snapshot = store.load(SET, List.of(T), ALL, null, List.of(java.util.UUID.fromString(B)));
        FeatureTable live = store.live(SET, T.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                java.util.UUID.fromString(B), ALL);
        assertThat(live.entityIds()).containsExactly(B);
        assertThat(live.numeric()[0]).containsExactly(snapshot.numeric()[0], within(1e-9));
        assertThat(live.categorical()[0]).containsExactly(snapshot.categorical()[0]);
        assertThat(store.live(SET, T.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                java.util.UUID.fromString(C), ALL).size()).as("C signs up after T").isZero();
    }

    @Test
    void recomputingASnapshotReplacesItInsteadOfDuplicating() {
        store.refresh(SET, T, null, null);
        store.refresh(SET, T, null, null);
        assertThat(jdbc.sql("SELECT count(*) FROM ml_feature_store WHERE as_of = :t").param("t", T).query(Long.class).single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM ml_feature_snapshots").query(Long.class).single()).isEqualTo(1);
    }
}
