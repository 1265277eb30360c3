#!/usr/bin/env bash
# Growth benchmark: the viral and demand forecasts against the simulator truth over seeds x fixed end dates.
# Summary line: growth-bench: marketplaces=... k_within_0_1=... demand_mape=... coverage_80=...

#   ops/bench/growth-bench.sh [suppliers] [seeds]
# Builds in the reactor (no mvn install: the local repository's SNAPSHOTs stay untouched).
set -euo pipefail
cd "$(dirname "$0")/../.."
source ops/bench/reactor-classpath.sh
exec java ${BENCH_JAVA_OPTS:--Xmx8g} -cp "$BENCH_CP" com.wedsync.ml.platform.bench.GrowthBenchmark "$@"
