#!/usr/bin/env bash
# Churn pipeline benchmark at scale (default 100000 suppliers x 36 months): feature refresh time and its
# speed-up over the spec's per-supplier query form, ensemble training time on 100k rows, batch scoring
# rate, and the real-time API's p50/p99 latency.
#   ops/bench/churn-bench.sh [suppliers] [training rows]
set -euo pipefail
cd "$(dirname "$0")/../.."
source ops/bench/classpath.sh
exec java ${BENCH_JAVA_OPTS:--Xmx8g} -cp "$BENCH_CP" com.wedsync.ml.platform.bench.ChurnBenchmark "$@"
