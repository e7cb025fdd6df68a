#!/usr/bin/env bash
# PostgreSQL round trip: pgbench -S versus GWSStores' PostgresStore pool, same query, same concurrency.
#
# Starts its own throw-away PostgreSQL server on a free port in a temp dir, runs
#   pgbench -i (scale 1, 100,000 accounts), then pgbench -S -c 8 -j 2 -T 10,
# then the GWS_BENCH-gated Swift Testing benchmark (debug build) that sends
#   SELECT abalance FROM pgbench_accounts WHERE aid = $1
# from 8 concurrent tasks through one PostgresStore for 10 s.
# Usage: hack/bench-postgres.sh [seconds=10] [clients=8]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN="${1:-10}"
CLIENTS="${2:-8}"

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$BIN" || ! -x "$BIN/postgres" ]] || ! command -v pgbench >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
  BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
PGBENCH="$BIN/pgbench"

ROOT=$(mktemp -d /tmp/gws-pgbench-XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
RUN=()
if [[ $(id -u) == 0 ]]; then chown postgres "$ROOT"; RUN=(runuser -u postgres --); fi
PG_PID=""
cleanup() {
  if [[ -n "$PG_PID" ]] && kill -0 "$PG_PID" 2>/dev/null; then
    kill -INT -- "-$PG_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$PG_PID" 2>/dev/null || true
  fi
  rm -rf "$ROOT"
}
trap cleanup EXIT

"${RUN[@]}" "$BIN/initdb" -D "$ROOT/data" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
mkdir -p "$ROOT/sock" && [[ ${#RUN[@]} -gt 0 ]] && chown postgres "$ROOT/sock"
setsid "${RUN[@]}" "$BIN/postgres" -D "$ROOT/data" -p "$PORT" -c listen_addresses=127.0.0.1 -k "$ROOT/sock" -c fsync=on \
  >"$ROOT/postgres.log" 2>&1 &
PG_PID=$!
for _ in $(seq 100); do "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break; sleep 0.1; done

"$BIN/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres -c "CREATE DATABASE bench"
echo "== $PGBENCH -i -h 127.0.0.1 -p $PORT -U postgres bench"
"$PGBENCH" -i -q -h 127.0.0.1 -p "$PORT" -U postgres bench 2>&1 | tail -1
echo "== $PGBENCH -S -c $CLIENTS -j 2 -T $SECONDS_RUN -h 127.0.0.1 -p $PORT -U postgres bench"
"$PGBENCH" -S -c "$CLIENTS" -j 2 -T "$SECONDS_RUN" -h 127.0.0.1 -p "$PORT" -U postgres bench \
  | grep -E "number of transactions actually processed|latency average|tps ="

echo "== PostgresStore (debug build): GWS_BENCH=1 swift test --skip-build --filter selectRoundTripAtPgbenchConcurrency"
swift build --build-tests >/dev/null
GWS_BENCH=1 GWS_BENCH_PORT="$PORT" GWS_BENCH_SECONDS="$SECONDS_RUN" GWS_BENCH_CLIENTS="$CLIENTS" \
  swift test --skip-build --filter selectRoundTripAtPgbenchConcurrency 2>&1 | grep -E "GWS_BENCH_RESULT|passed|failed" | head -5
