#!/usr/bin/env bash
# Redis client vs redis-benchmark: starts its own redis-server on a free port,
# runs `redis-benchmark -t get,set -n 100000 -c 50` (plain and -P 16), then our
# client's GET/SET throughput at the same concurrency (the GWS_BENCH-gated
# test in Tests/GWSStoresTests/Redis/RedisBenchmarkTests.swift), and prints a
# Markdown table. Debug build unless GWS_BUILD_CONFIG=release.
#
#   hack/bench-redis.sh            # print the table
#   hack/bench-redis.sh --append   # also append it to docs/benchmarks.md
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${GWS_BENCH_REQUESTS:-100000}
CLIENTS=${GWS_BENCH_CLIENTS:-50}
CONFIG=${GWS_BUILD_CONFIG:-debug}
command -v redis-server >/dev/null || { echo "redis-server missing: apt-get install -y redis-server" >&2; exit 1; }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
WORK=$(mktemp -d)
redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no --loglevel warning \
  >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
trap 'rc=$?; kill -9 $REDIS_PID 2>/dev/null; wait $REDIS_PID 2>/dev/null; rm -rf "$WORK"; exit $rc' EXIT
for _ in $(seq 1 100); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.05; done

echo "== building tests ($CONFIG)" >&2
swift build -c "$CONFIG" --build-tests 2>&1 | grep -E "error|warning: .*Redis" >&2 || true

rb() {  # $1 = extra flags; prints "SET GET" requests per second
  redis-benchmark -h 127.0.0.1 -p "$PORT" -t get,set -n "$REQUESTS" -c "$CLIENTS" $1 -q 2>/dev/null \
    | tr '\r' '\n' | awk '/^SET:/ {s=$2} /^GET:/ {g=$2} END {printf "%d %d\n", s, g}'
}
echo "== redis-benchmark" >&2
read -r RB_SET RB_GET < <(rb "")
read -r RB_SET_P RB_GET_P < <(rb "-P 16")

echo "== our client" >&2
GWS_BENCH=1 GWS_BENCH_PORT=$PORT GWS_BENCH_OUT="$WORK/ours.txt" GWS_BENCH_REQUESTS=$REQUESTS GWS_BENCH_CLIENTS=$CLIENTS \
  swift test -c "$CONFIG" --skip-build --filter "GWSStoresTests.RedisBenchmarkTests" >"$WORK/test.log" 2>&1 \
  || { cat "$WORK/test.log" >&2; exit 1; }
value() { grep "pipeline=$1 " "$WORK/ours.txt" | sed -E "s/.* $2=([0-9]+).*/\1/"; }
OURS_SET=$(value 1 SET); OURS_GET=$(value 1 GET); OURS_SET_P=$(value 16 SET); OURS_GET_P=$(value 16 GET)

pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }
mark() { awk -v a="$1" -v b="$2" 'BEGIN { print (a >= 0.7 * b) ? "✔" : "✘" }'; }
row() { echo "| $1 | $2 | $3 | $(pct "$3" "$2") | $(mark "$3" "$2") |"; }
TABLE=$(cat <<TXT
| operation ($CLIENTS connections, $REQUESTS requests) | redis-benchmark (req/s) | our client, $CONFIG build (req/s) | ours / theirs | ≥ 70 % |
|---|---|---|---|---|
$(row "SET" "$RB_SET" "$OURS_SET")
$(row "GET" "$RB_GET" "$OURS_GET")
$(row "SET, pipelined 16" "$RB_SET_P" "$OURS_SET_P")
$(row "GET, pipelined 16" "$RB_GET_P" "$OURS_GET_P")
TXT
)
echo "$TABLE"
if [[ "${1:-}" == "--append" ]]; then
  printf '\n## Redis client vs redis-benchmark (%s)\n\nMeasured with `hack/bench-redis.sh` (%s build; redis-server %s on 127.0.0.1;\n`redis-benchmark -t get,set -n %s -c %s [-P 16] -q` against our client at the same concurrency).\n\n%s\n' \
    "$(date +%F)" "$CONFIG" "$(redis-server --version | sed -E 's/.*v=([0-9.]+).*/\1/')" "$REQUESTS" "$CLIENTS" "$TABLE" \
    >> docs/benchmarks.md
fi
