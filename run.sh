#!/usr/bin/env bash
# One command for newcomers: builds if needed, then starts the identity provider (embedded PostgreSQL and Redis,
# sample directory, test PKI; port 8080, card listener 8443) and the demo client (port 8081) together.
# Ctrl-C stops both.
set -uo pipefail
cd "$(dirname "$0")"

idp_jar=idp-server/target/idp-server.jar
demo_jar=client-demo/target/client-demo.jar
mkdir -p target
stale() {
    [ ! -f "$idp_jar" ] || [ ! -f "$demo_jar" ] && return 0
    [ -n "$(find pom.xml rpps-adapter/pom.xml rpps-adapter/src idp-server/pom.xml idp-server/src client-demo/pom.xml client-demo/src \
        -newer "$1" -type f -print -quit 2>/dev/null)" ]
}
if stale "$idp_jar" || stale "$demo_jar"; then
    echo "Building (mvn -q -DskipTests package)..."
    mvn -q -DskipTests package || exit 1
fi

pids=()
stop() {
    trap - INT TERM EXIT
    echo
    echo "Stopping..."
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait
    exit 0
}
trap stop INT TERM EXIT

java -Xmx256m -jar "$idp_jar" > target/idp-server.log 2>&1 &
pids+=($!)
java -jar "$demo_jar" > target/client-demo.log 2>&1 &
pids+=($!)

echo "Starting the identity provider and the demo (logs in target/idp-server.log and target/client-demo.log)..."
for _ in $(seq 1 600); do
    for pid in "${pids[@]}"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "A server stopped during start-up; the end of its log:" >&2
            tail -n 30 target/idp-server.log target/client-demo.log >&2
            exit 1
        fi
    done
    if curl -fs -o /dev/null http://localhost:8080/auth/realms/esante-wallet/.well-known/openid-configuration \
        && curl -fs -o /dev/null http://localhost:8081/; then
        cat <<'READY'

  Ready. Open http://localhost:8081

  1. Test cards page (http://localhost:8081/test-cards): download a card, import it into the browser.
  2. Sign in with Pro Santé Connect: the browser presents the card to https://localhost:8443.
  identity provider: http://localhost:8080/auth/realms/esante-wallet

  Ctrl-C stops both.
READY
        wait
        exit 0
    fi
    sleep 1
done
echo "Not ready after 10 minutes; see target/idp-server.log and target/client-demo.log" >&2
exit 1
