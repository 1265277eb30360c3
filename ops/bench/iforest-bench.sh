#!/usr/bin/env bash
# Isolation forest benchmark: 100 trees on sub-samples of 256, fitted on and scoring 3.6M rows x 6 features
# (100,000 suppliers x 36 months; the defaults). The last line is the summary:
#   iforest: rows=... fit_ms=... score_ms=... rows_per_s=...
#   ops/bench/iforest-bench.sh [rows] [features] [trees]
# Only the models module is built (it depends on no other module), its tests skipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -pl models test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java ${BENCH_JAVA_OPTS:--Xmx3g} -cp "models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)" \
  com.wedsync.ml.models.bench.IsolationForestBenchmark "$@"
