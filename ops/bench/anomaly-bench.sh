#!/usr/bin/env bash
# Anomaly benchmark: the detector against the simulator's planted truth. Over seeds 1..S at two fixed end dates
# (2026-02-28, 2026-08-31), 36 months each, with 6 seeded anomalies in the last 24 months and without any: precision,
# false-positive rate (per day), recall and detection delay per anomaly type; episodes per month with none planted.
# Summary line: anomaly-bench: marketplaces=... precision=... fpr=... recall=... clean_episodes_per_month=...
#   ops/bench/anomaly-bench.sh [suppliers] [seeds] [--cache DIR]   (defaults 3000 and 5; DIR keeps the daily
#                                                                    histories as CSV: a second run needs no simulation)
#   ... --definition FILE                                          (another anomaly definition than the platform's)
#   ops/bench/anomaly-bench.sh --scale 100000                       (one detection run over 100k suppliers x 36 months:
#                                                                    time and peak heap; summary anomaly-bench-scale: ...)
# Builds in the reactor (no mvn install: the local repository's SNAPSHOTs stay untouched).
set -euo pipefail
cd "$(dirname "$0")/../.."
source ops/bench/reactor-classpath.sh
exec java ${BENCH_JAVA_OPTS:--Xmx8g} -cp "$BENCH_CP" com.wedsync.ml.platform.bench.AnomalyBenchmark "$@"
