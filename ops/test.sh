#!/usr/bin/env bash
# Runs every test of the platform: installs MLflow's Python virtual environment if it is missing
# (tests start a real MLflow server from it and a real PostgreSQL: a Testcontainers container where
# Docker runs, else an embedded one), then `mvn verify` on all modules.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -x ops/mlflow/install.sh ]]; then
  ops/mlflow/install.sh
fi
exec mvn -B verify "$@"
