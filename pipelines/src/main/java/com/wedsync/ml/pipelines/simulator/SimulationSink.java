package com.wedsync.ml.pipelines.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Where the simulator writes its rows: one {@link #row} call per row, values in the order of
 * {@link SimTable#columns()}. Values are {@code null}, {@link String}, {@link UUID}, {@link Instant},
 * {@link LocalDate}, {@link Boolean}, {@link Integer}, {@link Long} or {@link Double}.
 */
public interface SimulationSink {

    void row(SimTable table, Object... values);
}
