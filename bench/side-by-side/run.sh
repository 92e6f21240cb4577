#!/usr/bin/env bash
# healthid and Keycloak 26.7.3 side by side on this machine, one after the other; writes bench/results/side-by-side-*.md
# and .png. Usage: bench/side-by-side/run.sh [scale=1] [ours-only]
#   scale multiplies every phase's duration (1 = about 9.5 minutes on a 2-core machine, build included);
#   ours-only: our server alone at half its own peak, no report (with BENCH_JFR=/path/file.jfr: a profile)
set -euo pipefail
SCALE="${1:-1}"
MODE="${2:-}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
KEYCLOAK_VERSION=26.7.3
KEYCLOAK_JAVA="${KEYCLOAK_JAVA:-$(ls -d /usr/lib/jvm/temurin-*-jdk-* 2>/dev/null | sort -V | tail -1)}"
[ -x "$KEYCLOAK_JAVA/bin/java" ] || { echo "Keycloak needs Java 21+: set KEYCLOAK_JAVA to a JDK home" >&2; exit 2; }
command -v wrk >/dev/null || { echo "The load generator is wrk: apt-get install wrk (Debian's, with LuaJIT)" >&2; exit 2; }
CACHE="$ROOT/bench/side-by-side/target"
mkdir -p "$CACHE"
if [ ! -x "$CACHE/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ]; then
  mvn -q dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip -DoutputDirectory="$CACHE"
  (cd "$CACHE" && unzip -q -o "keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip")
fi
# the server and what it is built from, in one Maven run (the demo is not measured)
mvn -q -pl idp-server -am -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$ROOT/idp-server/target/bench.classpath"
CP="idp-server/target/test-classes:idp-server/target/classes:rpps-adapter/target/classes:$(cat idp-server/target/bench.classpath)"
BENCH_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- idp-server rpps-adapter || echo '+changes')" \
  java -Djava.awt.headless=true -Xlog:gc:file="$CACHE/load-generator-gc.log":time \
    -Dbench.generator-gc-log="$CACHE/load-generator-gc.log" -cp "$CP" io.healthid.idp.bench.SideBySideBenchmark "$ROOT" \
    "$([ "$MODE" = ours-only ] && echo none || echo "$CACHE/keycloak-$KEYCLOAK_VERSION")" "$KEYCLOAK_JAVA" "$ROOT/bench/results" "$SCALE"
