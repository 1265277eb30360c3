#!/usr/bin/env bash
# Simulator benchmark: generate and load N suppliers x M months (default 100000 x 36) into a fresh
# embedded PostgreSQL; prints rows, seconds, rows/s and peak memory.
#   ops/bench/simulator-bench.sh [suppliers] [months]
set -euo pipefail
cd "$(dirname "$0")/../.."
source ops/bench/classpath.sh
exec java ${BENCH_JAVA_OPTS:--Xmx6g} -cp "$BENCH_CP" com.wedsync.ml.platform.bench.SimulatorBenchmark "$@"
