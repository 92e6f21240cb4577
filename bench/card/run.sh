#!/usr/bin/env bash
# Complete CPS card logins per second against the real server jar, a new TLS handshake for each login.
# Usage: bench/card/run.sh [seconds=30] [concurrency=4]
set -euo pipefail
SECONDS_TO_RUN="${1:-30}"
CONCURRENCY="${2:-4}"
source "$(dirname "$0")/../server.sh"
# one card logs in over and over from one address: the login transactions limit meant for attackers is lifted
start_server --idp.resources.login-transactions-per-minute=1000000
issue_card 819990000010
java -cp "$CP" io.healthid.idp.bench.CardLoginBenchmark "http://localhost:$PORT" "$WORK/card.p12" bench-password \
    "$SECONDS_TO_RUN" "$CONCURRENCY"
