#!/usr/bin/env bash
# Complete CPS card logins per second against the real server jar, a new TLS handshake for each login.
# Usage: bench/card/run.sh [seconds=30] [concurrency=4]
set -euo pipefail
SECONDS_TO_RUN="${1:-30}"
CONCURRENCY="${2:-4}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
mvn -q -DskipTests package
mvn -q -pl idp-server -am test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
    -Dmdep.outputFile="$ROOT/idp-server/target/bench.classpath"
WORK="$(mktemp -d)"
SERVER=""
# a clean stop, waited for: the server stops its embedded PostgreSQL and Redis before it exits, and only then does
# the work folder (their data directory) go
stop_server() {
  if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then
    kill "$SERVER"
    wait "$SERVER" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop_server EXIT
(cd "$WORK" && exec java -jar "$ROOT/idp-server/target/idp-server.jar" --server.port=18080 --idp.card.port=18443 \
    --idp.card.public-url=https://localhost:18443 --management.server.port=19180 > server.log 2>&1) &
SERVER=$!
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:19180/actuator/health >/dev/null && break; sleep 1; done
(cd "$WORK" && java -jar "$ROOT/idp-server/target/idp-server.jar" pki issue-card --idnat 819990000010 \
    --password bench-password --out card.p12 --server.port=18080 >/dev/null)
CP="idp-server/target/test-classes:idp-server/target/classes:rpps-adapter/target/classes:$(cat idp-server/target/bench.classpath)"
java -cp "$CP" io.healthid.idp.bench.CardLoginBenchmark http://localhost:18080 "$WORK/card.p12" bench-password \
    "$SECONDS_TO_RUN" "$CONCURRENCY"
