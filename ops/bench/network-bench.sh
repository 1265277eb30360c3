#!/usr/bin/env bash
# Network-effects benchmark: simulates and loads N suppliers x M months (default 100000 x 36), then times the
# set-based network query (GET /api/growth/network) and the viral_monthly feature refresh, 5 times each.
# The last line is the summary: network-bench: suppliers=... network_s_median=... within_target=...
#   ops/bench/network-bench.sh [suppliers] [months]
# Builds in the reactor (no mvn install: the local repository's SNAPSHOTs stay untouched).
set -euo pipefail
cd "$(dirname "$0")/../.."
source ops/bench/reactor-classpath.sh
exec java ${BENCH_JAVA_OPTS:--Xmx8g} -cp "$BENCH_CP" com.wedsync.ml.platform.bench.NetworkBenchmark "$@"
