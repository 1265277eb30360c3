#!/usr/bin/env bash
# Runs every test of the platform: installs MLflow's Python virtual environment if it is missing
# (tests start a real MLflow server from it and a real PostgreSQL: a Testcontainers container where
# Docker runs, else an embedded one) and headless Chromium for the dashboard test (installed with apt
# when missing and run as root), then `mvn verify` on all modules.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -x ops/mlflow/install.sh ]]; then
  ops/mlflow/install.sh
fi
# The dashboard test drives a real headless Chromium (Debian's chromium and chromium-driver).
if [[ ! -x "${WEDSYNC_CHROMIUM:-/usr/bin/chromium}" || ! -x "${WEDSYNC_CHROMEDRIVER:-/usr/bin/chromedriver}" ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium and chromium-driver for the dashboard test..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null; }
  else
    echo "ops/test.sh: the dashboard test needs headless Chromium: sudo apt-get install chromium chromium-driver" >&2
    echo "  (or set WEDSYNC_CHROMIUM and WEDSYNC_CHROMEDRIVER to a Chromium and its matching ChromeDriver)" >&2
    exit 1
  fi
fi
exec mvn -B verify "$@"
