package com.wedsync.ml.pipelines.simulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Keeps every simulated row in memory, for tests. */
public final class MemorySink implements SimulationSink {

    public final Map<SimTable, List<Object[]>> rows = new EnumMap<>(SimTable.class);

    @Override
    public void row(SimTable table, Object... values) {
        rows.computeIfAbsent(table, t -> new ArrayList<>()).add(values.clone());
    }

    public List<Object[]> of(SimTable t) {
        return rows.getOrDefault(t, List.of());
    }

    public Object value(SimTable t, Object[] row, String column) {
        return row[t.columns().indexOf(column)];
    }
}
