#!/usr/bin/env bash
# Revenue pipelines benchmark: the MRR backtest over several simulated marketplaces (how much the
# within-10% share and the 80% band coverage vary by seed), then at scale (default 100000 suppliers x
# 36 months): feature refreshes, the MRR fit and backtest, a forecast's latency, LTV training and scoring.
#   ops/bench/revenue-bench.sh [suppliers] [seeds]
set -euo pipefail
cd "$(dirname "$0")/../.."
source ops/bench/classpath.sh
exec java ${BENCH_JAVA_OPTS:--Xmx8g} -cp "$BENCH_CP" com.wedsync.ml.platform.bench.RevenueBenchmark "$@"
