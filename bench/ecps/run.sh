#!/usr/bin/env bash
# The server's share of e-CPS browser logins (push sent -> signature verified -> code issued) with a phone that
# approves at once, against the real server jar; figures written under bench/results/.
# Usage: bench/ecps/run.sh [logins=300] [concurrency=4]
set -euo pipefail
LOGINS="${1:-300}"
CONCURRENCY="${2:-4}"
PERSON=819990000010
source "$(dirname "$0")/../server.sh"
# one person logs in over and over from one address: the limits meant for people and attackers are lifted
start_server --idp.resources.login-transactions-per-minute=1000000 \
    --idp.ecps.challenge.per-person=1000000 --idp.ecps.challenge.per-address=1000000
issue_card "$PERSON"
java -cp "$CP" io.healthid.idp.bench.EcpsLoginBenchmark "http://localhost:$PORT" "https://localhost:$CARD_PORT" "$WORK/card.p12" \
    bench-password "$PERSON" "$LOGINS" "$CONCURRENCY" "$ROOT/bench/results"
