package com.wedsync.ml.platform.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.wedsync.ml.platform.support.PostgresIntegrationTest;

/**
 * The churn matrix's one set-based query on real PostgreSQL against a reference computed row by row in Java from
 * the same latest batch: counts per level, and per vendor type the median, 90th percentile (linear between order
 * statistics, as percentile_cont) and largest probability and the count in the marketplace's riskiest tenth.
 */
@SpringBootTest
class ChurnMatrixQueryTest extends PostgresIntegrationTest {

    @Autowired
    AnalyticsQueries queries;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theSpreadPerVendorTypeIsTheLatestBatchsOwn() {
        java.util.UUID inserted = null;
        try {
            inserted = insertABatchUnlessThereIsOne();
            check();
        } finally {
            // the context (and its database) is shared with other tests: a fake production churn model must not outlive this one
            if (inserted != null) {
                jdbc.sql("DELETE FROM ml_predictions WHERE model_id = :m").param("m", inserted).update();
                jdbc.sql("DELETE FROM ml_models WHERE id = :m").param("m", inserted).update();
            }
        }
    }

    /** @return the model it inserted, or null when a production churn model was already there */
    java.util.UUID insertABatchUnlessThereIsOne() {
        if (jdbc.sql("SELECT count(*) FROM ml_models WHERE model_name = 'churn' AND status = 'production'").query(Long.class).single() == 0) {
            java.util.UUID model = jdbc.sql("INSERT INTO ml_models (model_name, model_type, version, algorithm, status, provenance) "
                    + "VALUES ('churn', 'churn', 'matrix-test', 'test', 'production', '{}') RETURNING id").query(java.util.UUID.class).single();
            // an older batch that must not count, then today's: 1,000 suppliers over three vendor types, probabilities spread out
            for (String day : List.of("2020-01-01", "2020-02-01")) {
                jdbc.sql("""
                        INSERT INTO ml_predictions (model_id, prediction_type, entity_id, entity_type, prediction, features_used, prediction_for_date)
                        SELECT :m, 'churn', gen_random_uuid(), 'supplier',
                               jsonb_build_object('churnProbability', p, 'riskLevel',
                                 CASE WHEN p > 0.7 THEN 'critical' WHEN p > 0.5 THEN 'high' WHEN p > 0.3 THEN 'medium' ELSE 'low' END),
                               jsonb_build_object('vendor_type', (ARRAY['florist', 'venue', 'dj'])[1 + i % 3]), CAST(:d AS date)
                        FROM (SELECT i, CASE WHEN :d = '2020-01-01' THEN 0.99 ELSE power((i % 997) / 997.0, 3) * (1 + i % 3) / 3 END AS p
                              FROM generate_series(1, 1000) i) x""").param("m", model).param("d", day).update();
            }
            return model;
        }
        return null;
    }

    void check() {
        // the reference: the latest batch of the production churn model, row by row
        Map<String, List<Double>> byType = new TreeMap<>();
        Map<String, long[]> levels = new TreeMap<>();
        List<Double> all = new ArrayList<>();
        jdbc.sql("""
                SELECT COALESCE(p.features_used ->> 'vendor_type', '-'), (p.prediction ->> 'churnProbability')::float8, p.prediction ->> 'riskLevel'
                FROM ml_predictions p JOIN ml_models m ON m.id = p.model_id AND m.status = 'production' AND m.model_name = 'churn'
                WHERE p.prediction_type = 'churn' AND p.experiment_id IS NULL
                  AND p.prediction_for_date = (SELECT max(prediction_for_date) FROM ml_predictions q WHERE q.model_id = m.id)""")
                .query(rs -> {
                    byType.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getDouble(2));
                    levels.computeIfAbsent(rs.getString(1), k -> new long[4])[ChurnMatrix.LEVELS.indexOf(rs.getString(3))]++;
                    all.add(rs.getDouble(2));
                });
        assertThat(all).hasSizeGreaterThanOrEqualTo(100);
        double cut = quantile(all, 0.9);

        ChurnMatrix m = queries.churnMatrix();
        assertThat(m.topTenthThreshold()).isCloseTo(cut, within(1e-12));
        assertThat(m.rows()).extracting(ChurnMatrix.Row::vendorType).containsExactlyElementsOf(byType.keySet());
        long inTopTenth = 0;
        for (ChurnMatrix.Row row : m.rows()) {
            List<Double> p = byType.get(row.vendorType());
            assertThat(row.counts()).as(row.vendorType()).containsExactly(java.util.Arrays.stream(levels.get(row.vendorType())).boxed()
                    .toArray(Long[]::new));
            assertThat(row.total()).isEqualTo(p.size());
            assertThat(row.median()).as(row.vendorType() + " median").isCloseTo(quantile(p, 0.5), within(1e-12));
            assertThat(row.p90()).as(row.vendorType() + " p90").isCloseTo(quantile(p, 0.9), within(1e-12));
            assertThat(row.max()).as(row.vendorType() + " max").isEqualTo(p.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            assertThat(row.topTenth()).as(row.vendorType() + " in the riskiest tenth").isEqualTo(p.stream().filter(v -> v >= cut).count());
            inTopTenth += row.topTenth();
        }
        // about a tenth of the marketplace, ties at the cut aside
        assertThat(inTopTenth).isBetween((long) Math.floor(all.size() * 0.1) - 1, (long) Math.ceil(all.size() * 0.1) + 5);
    }

    /** percentile_cont: linear between the order statistics at q (n - 1). */
    static double quantile(List<Double> values, double q) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double pos = q * (v.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(v.length - 1, i + 1);
        return v[i] + (pos - i) * (v[j] - v[i]);
    }
}
