#!/usr/bin/env bash
# The host operator's way in (no admin password at hand): sets a new password or creates an API token for a
# user, straight in the platform's PostgreSQL (SPRING_DATASOURCE_URL, or the running embedded one under
# ~/.wedsync/pgdata). The secret is printed once; the audit log records host:<your user>.
#   ops/admin.sh reset-password admin          # a generated password (or WEDSYNC_NEW_PASSWORD=... to choose it)
#   ops/admin.sh create-token admin [days]     # a bearer token, 90 days by default
set -euo pipefail
cd "$(dirname "$0")/.."
jar=platform/target/wedsync-ml-platform.jar
if [[ ! -f "$jar" ]]; then
  echo "Building the platform (mvn -DskipTests package)..." >&2
  mvn -q -B -DskipTests package
fi
exec java -cp "$jar" -Dloader.main=com.wedsync.ml.platform.security.AdminCommand \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
