#!/usr/bin/env bash
# Calendar sweep: the built-in pipelines on simulated marketplaces ending on the last day of each month of
# 2026 (default 1500 suppliers x 36 months, 3 seeds): churn AUC / accuracy / ECE against sim_churn_truth,
# the MRR backtest's within-10% share and 80% band coverage, LTV cohort_error_median, the drift verdict on
# a marketplace without planted drift; one table, the rows pooled per month, one summary line at the end.
#   ops/bench/calendar-sweep.sh [suppliers] [seeds] [kinds]     kinds: comma-separated of churn,mrr,ltv,drift
set -euo pipefail
cd "$(dirname "$0")/../.."
source ops/bench/classpath.sh
exec java ${BENCH_JAVA_OPTS:--Xmx6g} -cp "$BENCH_CP" com.wedsync.ml.platform.bench.CalendarSweepBenchmark "$@"
