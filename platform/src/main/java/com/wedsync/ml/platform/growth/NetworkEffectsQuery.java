package com.wedsync.ml.platform.growth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

import com.wedsync.ml.models.growth.NetworkEffects;

/**
 * The marketplace's network effects as of a moment: one set-based query ({@code growth/network_effects.sql})
 * over all suppliers, couples and connections, and the spec's values computed from its counts.
 */
@Service
public class NetworkEffectsQuery {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final String sql;

    NetworkEffectsQuery(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        try (InputStream in = NetworkEffectsQuery.class.getResourceAsStream("/growth/network_effects.sql")) {
            this.sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("growth/network_effects.sql is missing from the classpath", e);
        }
    }

    /** The network effects as the API shows them (spec names; every number finite). */
    public record NetworkEffectsAnswer(String asOf, long totalSuppliers, long totalCouples, long connections, double density,
                                       long newSuppliers, long newCouples, double supplierGrowthRate, double coupleGrowthRate,
                                       double growthRate, double avgSuppliersPerCouple, double avgCouplesPerSupplier,
                                       long highValueCouples, long highValueSuppliers, double highValueCoupleShare,
                                       double highValueSupplierShare, double qualityScore, double metcalfeValue, double reedsValue) {
        static NetworkEffectsAnswer of(Instant asOf, NetworkEffects n) {
            return new NetworkEffectsAnswer(asOf.toString(), n.totalSuppliers(), n.totalCouples(), n.connections(), n.density(),
                    n.newSuppliers(), n.newCouples(), n.supplierGrowthRate(), n.coupleGrowthRate(), n.growthRate(),
                    n.avgSuppliersPerCouple(), n.avgCouplesPerSupplier(), n.highValueCouples(), n.highValueSuppliers(),
                    n.highValueCoupleShare(), n.highValueSupplierShare(), n.qualityScore(), n.metcalfeValue(),
                    Math.rint(n.reedValue()));
        }
    }

    /** As of now (the platform clock). */
    public NetworkEffectsAnswer today() {
        Instant now = clock.instant();
        return NetworkEffectsAnswer.of(now, at(now));
    }

    /** The counts as of a moment. */
    public NetworkEffects at(Instant asOf) {
        return jdbc.queryForObject(sql, new MapSqlParameterSource("as_of", asOf.atOffset(ZoneOffset.UTC)),
                (rs, i) -> new NetworkEffects(rs.getLong("total_suppliers"), rs.getLong("total_couples"), rs.getLong("connections"),
                        rs.getLong("new_suppliers"), rs.getLong("new_couples"), rs.getLong("high_value_couples"),
                        rs.getLong("high_value_suppliers")));
    }
}
