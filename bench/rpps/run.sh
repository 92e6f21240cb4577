#!/usr/bin/env bash
# Directory import + lookup benchmark: synthetic 56-column PS_LibreAcces_Personne_activite file, embedded PostgreSQL
# and Redis (or TEST_POSTGRES_JDBC_URL / TEST_REDIS_URL), JVM limited to 512 MB of heap.
# Usage: bench/rpps/run.sh [rows=2000000] [work dir=/tmp]   (HEAP=512m by default)
set -euo pipefail
ROWS="${1:-2000000}"
WORK="${2:-/tmp}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
cd "$ROOT"
mvn -q -pl rpps-adapter -am test-compile -DskipTests
mvn -q -pl rpps-adapter dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="rpps-adapter/target/test-classes:rpps-adapter/target/classes:$(cat rpps-adapter/target/bench.classpath)"
HEAP="${HEAP:-512m}"
exec java -Xmx"$HEAP" -XX:+UseG1GC -cp "$CP" io.healthid.rpps.bench.DirectoryBenchmark "$ROWS" "$WORK"
