package com.wedsync.ml.platform.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import com.wedsync.ml.pipelines.simulator.SimTable;
import com.wedsync.ml.pipelines.simulator.SimulationSink;

/**
 * Loads simulated rows into PostgreSQL with COPY. While the simulator runs, each table's rows are
 * written in COPY text format to a temporary file; {@link #load} then replaces the marketplace and
 * ground-truth tables in ONE transaction (TRUNCATE, COPY parents before children, commit): a crash or a
 * retried job leaves either the old data or the new, never half, and never twice.
 */
public final class CopyLoader implements SimulationSink, AutoCloseable {

    private final Path dir;
    private final Map<SimTable, Writer> writers = new EnumMap<>(SimTable.class);
    private final Map<Long, String> days = new java.util.HashMap<>();
    private final StringBuilder line = new StringBuilder(256);

    public CopyLoader() {
        try {
            this.dir = Files.createTempDirectory("wedsync-sim-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the simulator's rows", e);
        }
    }

    @Override
    public void row(SimTable table, Object... values) {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            append(values[i]);
        }
        line.append('\n');
        try {
            writer(table).append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Writer writer(SimTable table) throws IOException {
        Writer w = writers.get(table);
        if (w == null) {
            w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(dir.resolve(table.table() + ".copy")),
                    StandardCharsets.UTF_8), 1 << 16);
            writers.put(table, w);
        }
        return w;
    }

    private void append(Object v) {
        if (v == null) {
            line.append("\\N");
        } else if (v instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(c);
                }
            }
        } else if (v instanceof Instant t) {
            long sec = t.getEpochSecond();
            long day = Math.floorDiv(sec, 86_400L);
            int sod = (int) (sec - day * 86_400L);
            line.append(days.computeIfAbsent(day, d -> LocalDate.ofEpochDay(d) + " "));
            two(sod / 3600).append(':');
            two(sod / 60 % 60).append(':');
            two(sod % 60).append("+00");
        } else if (v instanceof Boolean b) {
            line.append(b ? 't' : 'f');
        } else {
            line.append(v);
        }
    }

    private StringBuilder two(int n) {
        if (n < 10) {
            line.append('0');
        }
        return line.append(n);
    }

    /**
     * Replaces the marketplace and ground-truth tables with the rows written so far, in one transaction.
     *
     * @param runRow  the sim_runs row to insert with them (id, seed, ...) as a SQL statement's parameters
     * @param progress called after each table with its name and row count
     * @return rows loaded per table
     */
    public Map<String, Long> load(DataSource dataSource, SimRun runRow, BiConsumer<String, Long> progress) {
        closeWriters();
        Map<String, Long> loaded = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("TRUNCATE sim_churn_truth, sim_monthly_truth, sim_demand_truth, sim_planted_events, sim_runs, enquiries, "
                        + "subscription_events, payments, support_tickets, activity_logs, clients, forms, couple_invites, "
                        + "couple_suppliers, couples, suppliers RESTART IDENTITY");
                // Bulk load: drop the secondary indexes and foreign keys, COPY, then rebuild them in one pass each
                // (all in this transaction: if anything fails, the schema and the old data are back as they were).
                java.util.List<String> rebuild = dropSecondaryIndexesAndForeignKeys(c);
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (SimTable t : SimTable.values()) {
                    Path file = dir.resolve(t.table() + ".copy");
                    long n = 0;
                    if (Files.exists(file)) {
                        try (InputStream in = Files.newInputStream(file)) {
                            n = copy.copyIn("COPY " + t.table() + " (" + String.join(", ", t.columns())
                                    + ") FROM STDIN (FORMAT text, FREEZE)", in, 1 << 16);
                        }
                    }
                    loaded.put(t.table(), n);
                    progress.accept(t.table(), n);
                }
                for (String ddl : rebuild) {
                    st.execute(ddl);
                }
                progress.accept("indexes and foreign keys", (long) rebuild.size());
                try (var ps = c.prepareStatement("INSERT INTO sim_runs (id, seed, supplier_count, months, start_date, end_date, "
                        + "parameters, row_counts) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))")) {
                    ps.setObject(1, runRow.id());
                    ps.setLong(2, runRow.seed());
                    ps.setInt(3, runRow.suppliers());
                    ps.setInt(4, runRow.months());
                    ps.setObject(5, runRow.start());
                    ps.setObject(6, runRow.end());
                    ps.setString(7, runRow.parametersJson());
                    ps.setString(8, com.wedsync.ml.platform.json.Json.write(loaded));
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE " + String.join(", ", java.util.Arrays.stream(SimTable.values()).map(SimTable::table).toList()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("loading the simulated marketplace failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loaded;
    }

    /**
     * Drops the foreign keys and the non-unique indexes of the simulator's tables and returns the DDL that
     * recreates them (indexes first, then foreign keys, which PostgreSQL then checks in one pass each).
     */
    private static java.util.List<String> dropSecondaryIndexesAndForeignKeys(Connection c) throws SQLException {
        String tables = java.util.Arrays.stream(SimTable.values()).map(t -> "'" + t.table() + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        java.util.List<String> indexes = new java.util.ArrayList<>();
        java.util.List<String> foreignKeys = new java.util.ArrayList<>();
        java.util.List<String> drops = new java.util.ArrayList<>();
        try (Statement st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    + "WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND conrelid::regclass::text IN (" + tables + ")")) {
                while (rs.next()) {
                    drops.add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + rs.getString(2));
                    foreignKeys.add("ALTER TABLE " + rs.getString(1) + " ADD CONSTRAINT " + rs.getString(2) + " " + rs.getString(3));
                }
            }
            try (var rs = st.executeQuery("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                    + "WHERE NOT i.indisunique AND NOT i.indisprimary AND i.indrelid::regclass::text IN (" + tables + ")")) {
                while (rs.next()) {
                    drops.add("DROP INDEX " + rs.getString(1));
                    indexes.add(rs.getString(2));
                }
            }
            for (String drop : drops) {
                st.execute(drop);
            }
        }
        java.util.List<String> rebuild = new java.util.ArrayList<>(indexes);
        rebuild.addAll(foreignKeys);
        return rebuild;
    }

    /** The sim_runs row of a load. */
    public record SimRun(UUID id, long seed, int suppliers, int months, LocalDate start, LocalDate end, String parametersJson) {
    }

    private void closeWriters() {
        for (Writer w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            closeWriters();
        } catch (UncheckedIOException ignored) {
            // best effort: the files are deleted below
        }
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
