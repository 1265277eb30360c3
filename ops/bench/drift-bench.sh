#!/usr/bin/env bash
# Drift benchmark: KS + PSI for 40 features, 1M reference rows against 1M current rows (the defaults).
#   ops/bench/drift-bench.sh [features] [rows]
# With SciPy at hand (e.g. ops/mlflow/.venv), ops/bench/drift_scipy.py times the same computation in Python.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B install -DskipTests >/dev/null
mvn -q -B -pl models test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java ${BENCH_JAVA_OPTS:--Xmx6g} -cp "models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)" \
  com.wedsync.ml.models.bench.DriftBenchmark "$@"
