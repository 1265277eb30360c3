package com.wedsync.ml.platform.growth;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.wedsync.ml.pipelines.simulator.Wedding;

/**
 * The market size per vendor type and region (businesses of that type there), as an operator records it. Every
 * write is validated as a whole first: one bad row and nothing is stored.
 */
@Service
public class MarketSizes {

    /** A region name: lower-case words of letters and digits joined by single hyphens, starting with a letter. */
    static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final JdbcClient jdbc;
    private final Clock clock;

    MarketSizes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record MarketSize(String vendorType, String region, Integer businesses, String source) {
    }

    public record Problem(int row, String field, String message) {
    }

    /** Refused input: every problem, by row (0-based in a list, 1-based lines after the header in a CSV). */
    public static class InvalidMarketSizesException extends RuntimeException {
        private final List<Problem> problems;

        InvalidMarketSizesException(List<Problem> problems) {
            super(problems.size() + " invalid market size row(s); nothing was stored: " + problems.stream()
                    .map(p -> "row " + p.row() + " " + p.field() + ": " + p.message()).toList());
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    public List<MarketSize> list() {
        return jdbc.sql("SELECT vendor_type, region, businesses, source FROM market_sizes ORDER BY vendor_type, region")
                .query((rs, i) -> new MarketSize(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4))).list();
    }

    /** The regions in which a vendor type has had enquiries, in order: those a market size of "all" regions must cover. */
    public List<String> regionsOf(String vendorType) {
        return jdbc.sql("SELECT DISTINCT region FROM enquiries WHERE vendor_type = :t ORDER BY region").param("t", vendorType)
                .query(String.class).list();
    }

    /** The businesses of a type in a region, or (region "all") in every region of the type when each of them is known. */
    public Optional<Integer> businesses(String vendorType, String region, List<String> regions) {
        Map<String, Integer> byRegion = new java.util.HashMap<>();
        jdbc.sql("SELECT region, businesses FROM market_sizes WHERE vendor_type = :t").param("t", vendorType)
                .query((rs, i) -> byRegion.put(rs.getString(1), rs.getInt(2))).list();
        if (!"all".equals(region)) {
            return Optional.ofNullable(byRegion.get(region));
        }
        if (regions.isEmpty() || !byRegion.keySet().containsAll(regions)) {
            return Optional.empty();
        }
        return Optional.of(regions.stream().mapToInt(byRegion::get).sum());
    }

    /** Validates every row, then upserts all in one transaction. */
    @Transactional
    public List<MarketSize> put(List<MarketSize> rows, String who, int firstRowNumber) {
        List<Problem> problems = new ArrayList<>();
        if (rows == null || rows.isEmpty()) {
            problems.add(new Problem(firstRowNumber, "body", "no market sizes given"));
        } else {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < rows.size(); i++) {
                MarketSize m = rows.get(i);
                int row = i + firstRowNumber;
                if (m == null) {
                    problems.add(new Problem(row, "row", "empty"));
                    continue;
                }
                if (m.vendorType() == null || !Wedding.VENDOR_TYPES.contains(m.vendorType())) {
                    problems.add(new Problem(row, "vendorType", "'" + m.vendorType() + "' is not a vendor type; valid values: "
                            + String.join(", ", Wedding.VENDOR_TYPES)));
                }
                if (m.region() == null || m.region().length() > 64 || !REGION.matcher(m.region()).matches()) {
                    problems.add(new Problem(row, "region", "'" + cut(m.region()) + "' is not a region name (at most 64 lower case "
                            + "letters and digits, words joined by single '-', e.g. north-west)"));
                }
                if (m.businesses() == null || m.businesses() < 1 || m.businesses() > 10_000_000) {
                    problems.add(new Problem(row, "businesses", "must be a whole number from 1 to 10,000,000, got " + m.businesses()));
                }
                if (!seen.add(m.vendorType() + "|" + m.region())) {
                    problems.add(new Problem(row, "region", m.vendorType() + " in " + m.region() + " is given twice"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMarketSizesException(problems);
        }
        for (MarketSize m : rows) {
            jdbc.sql("INSERT INTO market_sizes (vendor_type, region, businesses, source, updated_at, updated_by) "
                            + "VALUES (:t, :r, :b, :s, :at, :who) ON CONFLICT (vendor_type, region) DO UPDATE SET "
                            + "businesses = EXCLUDED.businesses, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at, "
                            + "updated_by = EXCLUDED.updated_by")
                    .param("t", m.vendorType()).param("r", m.region()).param("b", m.businesses())
                    .param("s", m.source() == null || m.source().isBlank() ? "operator" : m.source())
                    .param("at", clock.instant().atOffset(ZoneOffset.UTC)).param("who", who).update();
        }
        return list();
    }

    /** A CSV with the header {@code vendor_type,region,businesses} (and optionally {@code source}). */
    public List<MarketSize> importCsv(String csv, String who) {
        String[] lines = csv == null ? new String[0] : csv.strip().split("\r?\n");
        if (lines.length < 1 || !lines[0].strip().toLowerCase().replace(" ", "").startsWith("vendor_type,region,businesses")) {
            throw new InvalidMarketSizesException(List.of(new Problem(0, "header",
                    "the first line must be vendor_type,region,businesses[,source]")));
        }
        List<MarketSize> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            if (f.length < 3) {
                problems.add(new Problem(i, "row", "needs vendor_type,region,businesses, got '" + lines[i] + "'"));
                continue;
            }
            Integer b;
            try {
                b = Integer.valueOf(f[2].strip());
            } catch (NumberFormatException e) {
                b = null;
            }
            rows.add(new MarketSize(f[0].strip(), f[1].strip(), b, f.length > 3 ? f[3].strip() : "csv import"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMarketSizesException(problems);
        }
        return put(rows, who, 1);
    }

    /**
     * Seeds the simulated marketplace's market sizes: per vendor type and region the suppliers ever created there
     * over a share that varies by series (15% to 65%, fixed by the names), leaving an operator's values alone.
     */
    public void seedFromSimulation() {
        jdbc.sql("DELETE FROM market_sizes WHERE source = 'simulator'").update();
        jdbc.sql("INSERT INTO market_sizes (vendor_type, region, businesses, source, updated_at, updated_by) "
                        + "SELECT vendor_type, region, GREATEST(1, CEIL(COUNT(*) / (0.15 + 0.5 * (abs(hashtext(vendor_type || ':' || region)) "
                        + "% 100) / 100.0)))::int, 'simulator', :at, 'simulator' FROM suppliers "
                        + "WHERE region ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND length(region) <= 64 "
                        + "GROUP BY vendor_type, region ON CONFLICT (vendor_type, region) DO NOTHING")
                .param("at", clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    /** A value as an error repeats it: at most 80 characters. */
    private static String cut(String v) {
        return v == null || v.length() <= 80 ? v : v.substring(0, 80) + "...";
    }
}
