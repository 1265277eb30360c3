#!/usr/bin/env bash
# Starts an MLflow tracking server on 127.0.0.1 (port $1, else $MLFLOW_PORT, else 5000) with a SQLite
# backend store and the artifact proxy, data under $MLFLOW_DATA_DIR (default ops/mlflow/data).
# Waits until it answers /health; the last line printed is the tracking URI.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${1:-${MLFLOW_PORT:-5000}}"
data="${MLFLOW_DATA_DIR:-$here/data}"
mkdir -p "$data/artifacts"
uri="http://127.0.0.1:$port"
pidfile="$data/server-$port.pid"
if [[ ! -x "$here/.venv/bin/mlflow" ]]; then
  echo "MLflow is not installed: run ops/mlflow/install.sh first" >&2
  exit 1
fi
if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null && curl -sf "$uri/health" >/dev/null; then
  echo "MLflow already running at $uri" >&2
  echo "$uri"
  exit 0
fi
extra=()
if "$here/.venv/bin/mlflow" server --help 2>/dev/null | grep -q -- "--allowed-hosts"; then
  extra+=(--allowed-hosts "127.0.0.1:$port,localhost:$port,127.0.0.1,localhost")
fi
# MLflow 3's background job runner (several extra processes) is not needed for tracking: off by default
MLFLOW_SERVER_ENABLE_JOB_EXECUTION="${MLFLOW_SERVER_ENABLE_JOB_EXECUTION:-false}" \
  setsid nohup "$here/.venv/bin/mlflow" server --host 127.0.0.1 --port "$port" --workers 1 \
  --backend-store-uri "sqlite:///$data/mlflow.db" --serve-artifacts --artifacts-destination "$data/artifacts" \
  "${extra[@]}" > "$data/server-$port.log" 2>&1 < /dev/null &
echo $! > "$pidfile"
for _ in $(seq 1 180); do
  if curl -sf "$uri/health" >/dev/null; then
    echo "MLflow tracking server up at $uri (data in $data)" >&2
    echo "$uri"
    exit 0
  fi
  if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    break
  fi
  sleep 0.5
done
echo "MLflow did not start on $uri; last lines of $data/server-$port.log:" >&2
tail -n 20 "$data/server-$port.log" >&2 || true
exit 1
