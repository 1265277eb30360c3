#!/usr/bin/env bash
# Runs the WedSync ML platform on its embedded default: builds the jar if needed, then starts it.
# An embedded PostgreSQL is started (data in ~/.wedsync/pgdata) unless SPRING_DATASOURCE_URL is set;
# the simulator fills the marketplace tables on the first start; the JobRunr dashboard is on :8000,
# the API and /actuator/health on :8080. Extra arguments go to the application (e.g. --server.port=9090).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=platform/target/wedsync-ml-platform.jar
newest_source=$(find pom.xml models pipelines platform migrations -newer "$jar" \( -name '*.java' -o -name '*.sql' -o -name '*.yml' -o -name '*.yaml' -o -name 'pom.xml' -o -name '*.html' \) -print -quit 2>/dev/null || true)
if [[ ! -f "$jar" || -n "$newest_source" ]]; then
  echo "Building the platform (mvn -DskipTests package)..."
  mvn -q -B -DskipTests package
fi
if [[ -x ops/mlflow/.venv/bin/mlflow && -z "${MLFLOW_TRACKING_URI:-}" && "${WEDSYNC_MLFLOW:-auto}" != "off" ]]; then
  # MLflow is installed (ops/mlflow/install.sh): start it and track runs there.
  export MLFLOW_TRACKING_URI
  MLFLOW_TRACKING_URI=$(ops/mlflow/start.sh | tail -n 1)
fi
cat >&2 <<'INFO'
Signing in: the first start prints the generated password of user 'admin' once ("first start: created user
'admin' ..."; or set WEDSYNC_ADMIN_PASSWORD beforehand), and every start the JobRunr dashboard's ("JobRunr
dashboard on port 8000: user 'admin', generated password ..."; or set WEDSYNC_DASHBOARD_PASSWORD).
Then: curl -u admin:<password> http://localhost:8080/api/models, or http://localhost:8080/analytics in a browser.
Lost it? ops/admin.sh reset-password admin
INFO
exec java ${JAVA_OPTS:--Xmx4g} -jar "$jar" "$@"
