#!/usr/bin/env bash
# Stops the MLflow server that start.sh started on port $1 (else $MLFLOW_PORT, else 5000).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${1:-${MLFLOW_PORT:-5000}}"
data="${MLFLOW_DATA_DIR:-$here/data}"
pidfile="$data/server-$port.pid"
if [[ -f "$pidfile" ]]; then
  pid="$(cat "$pidfile")"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$pidfile"
fi
for _ in $(seq 1 40); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 || exit 0
  sleep 0.25
done
echo "something still answers on port $port" >&2
exit 1
