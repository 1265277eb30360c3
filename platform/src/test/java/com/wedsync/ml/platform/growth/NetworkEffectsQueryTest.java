package com.wedsync.ml.platform.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.wedsync.ml.models.growth.NetworkEffects;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;

/**
 * The set-based network query against a hand-made marketplace whose answer is known, and against a
 * straightforward reference query (one correlated sub-query per supplier and per couple) that reads like the
 * definitions.
 */
@SpringBootTest
class NetworkEffectsQueryTest extends PostgresIntegrationTest {

    @Autowired
    NetworkEffectsQuery query;
    @Autowired
    JdbcClient jdbc;

    Instant asOf;
    final UUID[] s = new UUID[6];
    final UUID[] c = new UUID[13];

    @BeforeEach
    void marketplace() {
        jdbc.sql("TRUNCATE suppliers, couples, couple_suppliers, subscription_events CASCADE").update();
        asOf = today().atStartOfDay().toInstant(ZoneOffset.UTC);
        // suppliers: 0, 4, 5 old; 1 joined 10 days ago (new); 2 churned 20 days ago; 3 joins after the as-of date
        int[] supplierAge = {400, 10, 300, -5, 200, 100};
        for (int i = 0; i < s.length; i++) {
            s[i] = UUID.randomUUID();
            jdbc.sql("INSERT INTO suppliers (id, business_name, vendor_type, region, subscription_tier, acquisition_channel, "
                            + "created_at) VALUES (:id, 'S', 'photographer', 'london', 'starter', 'paid', :t)")
                    .param("id", s[i]).param("t", ago(supplierAge[i])).update();
        }
        jdbc.sql("INSERT INTO subscription_events (supplier_id, event_type, occurred_at, mrr_delta) VALUES (:id, 'churn', :t, -19)")
                .param("id", s[2]).param("t", ago(20)).update();
        // couples 0-11 old but couple 11 joined 5 days ago; couple 12 joins after the as-of date
        for (int i = 0; i < c.length; i++) {
            c[i] = UUID.randomUUID();
            int age = i == 11 ? 5 : i == 12 ? -2 : 90;
            jdbc.sql("INSERT INTO couples (id, region, wedding_date, created_at) VALUES (:id, 'london', '2027-06-01', :t)")
                    .param("id", c[i]).param("t", ago(age)).update();
        }
        // supplier 0 works for couples 0-10 (11 > 10: high value); couple 0 works with suppliers 0, 1, 4, 5 (4 > 3: high value)
        for (int i = 0; i <= 10; i++) {
            connect(c[i], s[0], 60);
        }
        connect(c[0], s[1], 5);
        connect(c[0], s[4], 60);
        connect(c[0], s[5], 60);
        connect(c[1], s[2], 60);  // to the churned supplier: not in the network
        connect(c[1], s[4], -1);  // made after the as-of date: not yet
        connect(c[11], s[4], 1);
    }

    @Test
    void theNetworkOfAHandMadeMarketplaceIsWhatItsDefinitionsSay() {
        NetworkEffects n = query.at(asOf);
        assertThat(n.totalSuppliers()).isEqualTo(4);   // 0, 1, 4, 5
        assertThat(n.newSuppliers()).isEqualTo(1);     // 1
        assertThat(n.totalCouples()).isEqualTo(12);    // 0-11
        assertThat(n.newCouples()).isEqualTo(1);       // 11
        assertThat(n.connections()).isEqualTo(15);     // 11 + 3 + 1
        assertThat(n.highValueCouples()).isEqualTo(1);
        assertThat(n.highValueSuppliers()).isEqualTo(1);
        assertThat(n.density()).isCloseTo(15.0 / (4 * 12), within(1e-12));
        assertThat(n.avgSuppliersPerCouple()).isCloseTo(15.0 / 12, within(1e-12));
        assertThat(n.avgCouplesPerSupplier()).isCloseTo(15.0 / 4, within(1e-12));
        assertThat(n.growthRate()).isCloseTo((1.0 / 4 + 1.0 / 12) / 2, within(1e-12));
        assertThat(n.qualityScore()).isCloseTo((1.0 / 12 + 1.0 / 4) / 2, within(1e-12));
        assertThat(n.metcalfeValue()).isEqualTo(256.0);
        assertThat(n.reedValue()).isCloseTo(16.0, within(1e-9));
    }

    @Test
    void theSetBasedQueryAgreesWithAStraightforwardReferenceQuery() {
        // a second, different marketplace on top: random connections among 40 suppliers and 120 couples
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        UUID[] more = new UUID[40];
        for (int i = 0; i < more.length; i++) {
            more[i] = UUID.randomUUID();
            jdbc.sql("INSERT INTO suppliers (id, business_name, vendor_type, region, subscription_tier, acquisition_channel, "
                            + "created_at) VALUES (:id, 'S', 'venue', 'wales', 'free', 'organic', :t)")
                    .param("id", more[i]).param("t", ago(rnd.nextInt(-10, 200))).update();
            if (rnd.nextDouble() < 0.2) {
                jdbc.sql("INSERT INTO subscription_events (supplier_id, event_type, occurred_at, mrr_delta) VALUES (:id, 'churn', :t, 0)")
                        .param("id", more[i]).param("t", ago(rnd.nextInt(-10, 10))).update();
            }
        }
        for (int j = 0; j < 120; j++) {
            UUID couple = UUID.randomUUID();
            jdbc.sql("INSERT INTO couples (id, region, wedding_date, created_at) VALUES (:id, 'wales', '2027-06-01', :t)")
                    .param("id", couple).param("t", ago(rnd.nextInt(-10, 100))).update();
            int k = rnd.nextInt(0, 7);
            java.util.Set<Integer> chosen = new java.util.HashSet<>();
            for (int x = 0; x < k; x++) {
                int i = rnd.nextInt(more.length);
                if (chosen.add(i)) {
                    connect(couple, more[i], rnd.nextInt(-5, 60));
                }
            }
        }
        Map<String, Object> ref = jdbc.sql("""
                WITH net_suppliers AS (
                  SELECT s.id, s.created_at FROM suppliers s
                  WHERE s.created_at < :t AND NOT EXISTS (
                    SELECT 1 FROM subscription_events e WHERE e.supplier_id = s.id AND e.event_type = 'churn' AND e.occurred_at < :t)),
                net_couples AS (SELECT c.id, c.created_at FROM couples c WHERE c.created_at < :t),
                sup AS (SELECT ns.id, ns.created_at, (SELECT count(*) FROM couple_suppliers cs JOIN net_couples nc ON nc.id = cs.couple_id
                        WHERE cs.supplier_id = ns.id AND cs.created_at < :t) AS couples FROM net_suppliers ns),
                cpl AS (SELECT nc.id, nc.created_at, (SELECT count(*) FROM couple_suppliers cs JOIN net_suppliers ns ON ns.id = cs.supplier_id
                        WHERE cs.couple_id = nc.id AND cs.created_at < :t) AS suppliers FROM net_couples nc)
                SELECT (SELECT count(*) FROM sup) AS total_suppliers,
                       (SELECT count(*) FROM sup WHERE created_at >= CAST(:t AS timestamptz) - INTERVAL '30 days') AS new_suppliers,
                       (SELECT count(*) FROM cpl) AS total_couples,
                       (SELECT count(*) FROM cpl WHERE created_at >= CAST(:t AS timestamptz) - INTERVAL '30 days') AS new_couples,
                       (SELECT sum(couples) FROM sup) AS connections_by_supplier,
                       (SELECT sum(suppliers) FROM cpl) AS connections_by_couple,
                       (SELECT count(*) FROM cpl WHERE suppliers > 3) AS high_value_couples,
                       (SELECT count(*) FROM sup WHERE couples > 10) AS high_value_suppliers
                """).param("t", asOf.atOffset(ZoneOffset.UTC)).query().singleRow();
        NetworkEffects n = query.at(asOf);
        assertThat(((Number) ref.get("connections_by_supplier")).longValue()).isEqualTo(((Number) ref.get("connections_by_couple")).longValue());
        assertThat(n.totalSuppliers()).isEqualTo(((Number) ref.get("total_suppliers")).longValue());
        assertThat(n.newSuppliers()).isEqualTo(((Number) ref.get("new_suppliers")).longValue());
        assertThat(n.totalCouples()).isEqualTo(((Number) ref.get("total_couples")).longValue());
        assertThat(n.newCouples()).isEqualTo(((Number) ref.get("new_couples")).longValue());
        assertThat(n.connections()).isEqualTo(((Number) ref.get("connections_by_supplier")).longValue());
        assertThat(n.highValueCouples()).isEqualTo(((Number) ref.get("high_value_couples")).longValue());
        assertThat(n.highValueSuppliers()).isEqualTo(((Number) ref.get("high_value_suppliers")).longValue());
        assertThat(n.connections()).isGreaterThan(100);
    }

    private OffsetDateTime ago(int days) {
        return asOf.minus(days, ChronoUnit.DAYS).minusSeconds(60).atOffset(ZoneOffset.UTC);
    }

    private void connect(UUID couple, UUID supplier, int daysAgo) {
        jdbc.sql("INSERT INTO couple_suppliers (couple_id, supplier_id, created_at) VALUES (:c, :s, :t)")
                .param("c", couple).param("s", supplier).param("t", ago(daysAgo)).update();
    }
}
