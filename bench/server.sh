# Sourced by the benchmarks that run the real server jar (card/, ecps/): builds the jar and the test classpath, starts
# the server on 18080 (card listener 18443, management 19180; BENCH_PORT, BENCH_CARD_PORT, BENCH_MANAGEMENT_PORT move
# them) in a temporary data directory with the options given, waits until it is healthy, and stops it cleanly on exit.
# Sets ROOT, WORK, CP, PORT and CARD_PORT; the caller is at "$ROOT".
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PORT="${BENCH_PORT:-18080}"
CARD_PORT="${BENCH_CARD_PORT:-18443}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-19180}"
for port in "$PORT" "$CARD_PORT" "$MANAGEMENT_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use: another server there would be measured in our place" >&2
    exit 1
  fi
done
mvn -q -DskipTests package
mvn -q -pl idp-server -am test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
    -Dmdep.outputFile="$ROOT/idp-server/target/bench.classpath"
CP="idp-server/target/test-classes:idp-server/target/classes:rpps-adapter/target/classes:$(cat idp-server/target/bench.classpath)"
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

# start_server [more server options...]
start_server() {
  (cd "$WORK" && exec java -jar "$ROOT/idp-server/target/idp-server.jar" --server.port="$PORT" \
      --idp.card.port="$CARD_PORT" --idp.card.public-url="https://localhost:$CARD_PORT" \
      --management.server.port="$MANAGEMENT_PORT" "$@" > server.log 2>&1) &
  SERVER=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health" >/dev/null && return 0; sleep 1; done
  echo "the server did not become healthy: $WORK/server.log" >&2
  tail -20 "$WORK/server.log" >&2
  exit 1
}

# issue_card IDNAT: a test card of the server's embedded PKI for the person, as $WORK/card.p12 (password bench-password)
issue_card() {
  (cd "$WORK" && java -jar "$ROOT/idp-server/target/idp-server.jar" pki issue-card --idnat "$1" \
      --password bench-password --out card.p12 --server.port="$PORT" >/dev/null)
}
