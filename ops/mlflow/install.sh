#!/usr/bin/env bash
# Installs MLflow's tracking server in a Python virtual environment under ops/mlflow/.venv.
# Idempotent: does nothing when the pinned version is already there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="${MLFLOW_VERSION:-3.17.2}"
venv="$here/.venv"
if [[ -x "$venv/bin/mlflow" ]] && "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(0 if m.version('mlflow') == '$version' else 1)" 2>/dev/null; then
  echo "MLflow $version already installed in $venv"
  exit 0
fi
python="${PYTHON:-python3}"
echo "Creating $venv with $($python --version) and installing mlflow==$version (a few minutes the first time)..."
start=$(date +%s)
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet "mlflow==$version"
echo "MLflow $version installed in $(( $(date +%s) - start )) s"
