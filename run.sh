#!/usr/bin/env bash
# One command for newcomers: builds if needed, then starts the identity provider (embedded PostgreSQL and Redis,
# sample directory, test PKI; port 8080, card listener 8443) and the demo client (port 8081) together. The identity
# provider sends its e-CPS activation codes to the demo's outbox (SMTP on 127.0.0.1:2525, SMS gateway on the demo).
# Ctrl-C stops both. Ports can be moved when taken: IDP_PORT, CARD_PORT, MANAGEMENT_PORT, DEMO_PORT, SMTP_PORT.
set -uo pipefail
cd "$(dirname "$0")"

idp_port=${IDP_PORT:-8080}
card_port=${CARD_PORT:-8443}
management_port=${MANAGEMENT_PORT:-9180}
demo_port=${DEMO_PORT:-8081}
smtp_port=${SMTP_PORT:-2525}
issuer="http://localhost:$idp_port/auth/realms/esante-wallet"
demo="http://localhost:$demo_port"

idp_jar=idp-server/target/idp-server/idp-server.jar # unpacked by the build, beside its class-data-sharing archive
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

idp_args=(--server.port="$idp_port" --idp.card.port="$card_port" --management.server.port="$management_port"
    # the demo's outbox: its embedded SMTP server and its SMS gateway endpoint
    --spring.mail.host=127.0.0.1 --spring.mail.port="$smtp_port" --idp.ecps.sms.url="$demo/outbox/sms")
if [ "$demo_port" != 8081 ]; then
    # the demo client's registration, moved with the demo (a list is replaced whole, not merged)
    idp_args+=(--idp.clients[0].client-id=client-demo --idp.clients[0].client-secret=client-demo-secret
        "--idp.clients[0].client-name=Démo Pro Santé Connect"
        --idp.clients[0].grant-types=authorization_code,refresh_token,urn:openid:params:grant-type:ciba
        --idp.clients[0].scopes=openid,profile,scope_all
        --idp.clients[0].redirect-uris[0]="$demo/login/oauth2/code/psc"
        --idp.clients[0].post-logout-redirect-uris[0]="$demo/"
        --idp.clients[0].backchannel-logout-uri="$demo/logout/connect/back-channel/psc")
fi
# README's command: memory options, and the class-data-sharing archive the build wrote (ADR 0016)
MALLOC_ARENA_MAX=2 java @idp-server/jvm.options -XX:SharedArchiveFile=idp-server/target/idp-server/idp-server.jsa \
    -jar "$idp_jar" "${idp_args[@]}" > target/idp-server.log 2>&1 &
pids+=($!)
java -jar "$demo_jar" --server.port="$demo_port" --demo.issuer="$issuer" --demo.outbox.smtp-port="$smtp_port" \
    --demo.phone.card-activation-url="https://localhost:$card_port/auth/realms/esante-wallet/ecps/activation" \
    > target/client-demo.log 2>&1 &
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
    if curl -fs -o /dev/null "$issuer/.well-known/openid-configuration" && curl -fs -o /dev/null "$demo/"; then
        cat <<READY

  Ready. Open $demo

  1. Test cards page ($demo/test-cards): download a card, import it into the browser.
  2. Sign in with Pro Santé Connect: the browser presents the card to https://localhost:$card_port.
  Or e-CPS without a card: activate a phone in the simulator (http://127.0.0.1:$demo_port/phone, e.g.
  819990000028) with the codes shown in http://127.0.0.1:$demo_port/outbox, then sign in and choose e-CPS.
  identity provider: $issuer

  Ctrl-C stops both.
READY
        wait
        exit 0
    fi
    sleep 1
done
echo "Not ready after 10 minutes; see target/idp-server.log and target/client-demo.log" >&2
exit 1
