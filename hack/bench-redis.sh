#!/usr/bin/env bash
# Redis client vs redis-benchmark: starts its own redis-server on a free port,
# runs `redis-benchmark -t get,set -n 100000 -c 50` (plain and -P 16), then our
# client's GET/SET throughput at the same concurrency (the `redis-throughput`
# executable of the Benchmarks/ package), and prints a Markdown table.
# Release build unless GWS_BUILD_CONFIG=debug; only GWSRedis and its
# dependencies are built (`swift build -c release --package-path Benchmarks`).
# Both sides run GWS_BENCH_RUNS times (default 3), interleaved; the table
# shows each column's median (a 2-core machine shared with builds is noisy).
#
#   hack/bench-redis.sh            # print the table
#   hack/bench-redis.sh --append   # also append it to docs/benchmarks.md
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${GWS_BENCH_REQUESTS:-100000}
CLIENTS=${GWS_BENCH_CLIENTS:-50}
CONFIG=${GWS_BUILD_CONFIG:-release}
RUNS=${GWS_BENCH_RUNS:-3}
command -v redis-server >/dev/null || { echo "redis-server missing: apt-get install -y redis-server" >&2; exit 1; }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
WORK=$(mktemp -d)
redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no --loglevel warning \
  >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
trap 'rc=$?; kill -9 $REDIS_PID 2>/dev/null; wait $REDIS_PID 2>/dev/null; rm -rf "$WORK"; exit $rc' EXIT
for _ in $(seq 1 100); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.05; done

echo "== building redis-throughput ($CONFIG)" >&2
swift build -c "$CONFIG" --package-path Benchmarks --product redis-throughput >"$WORK/build.log" 2>&1 \
  || { cat "$WORK/build.log" >&2; exit 1; }
BENCH="$(swift build -c "$CONFIG" --package-path Benchmarks --show-bin-path)/redis-throughput"

rb() {  # $1 = extra flags; prints "SET GET" requests per second
  redis-benchmark -h 127.0.0.1 -p "$PORT" -t get,set -n "$REQUESTS" -c "$CLIENTS" $1 -q 2>/dev/null \
    | tr '\r' '\n' | awk '/^SET:/ {s=$2} /^GET:/ {g=$2} END {printf "%d %d\n", s, g}'
}
value() { grep "pipeline=$1 " "$WORK/ours.txt" | sed -E "s/.* $2=([0-9]+).*/\1/"; }
for run in $(seq 1 "$RUNS"); do
  echo "== run $run/$RUNS: redis-benchmark, then our client" >&2
  read -r set get < <(rb ""); echo "$set" >>"$WORK/rb_set"; echo "$get" >>"$WORK/rb_get"
  read -r set get < <(rb "-P 16"); echo "$set" >>"$WORK/rb_set_p"; echo "$get" >>"$WORK/rb_get_p"
  "$BENCH" --host 127.0.0.1 --port "$PORT" --requests "$REQUESTS" --clients "$CLIENTS" --pipeline 1,16 \
    >"$WORK/ours.txt" 2>&1 || { cat "$WORK/ours.txt" >&2; exit 1; }
  value 1 SET >>"$WORK/ours_set"; value 1 GET >>"$WORK/ours_get"
  value 16 SET >>"$WORK/ours_set_p"; value 16 GET >>"$WORK/ours_get_p"
done
median() { sort -n "$WORK/$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
RB_SET=$(median rb_set); RB_GET=$(median rb_get); RB_SET_P=$(median rb_set_p); RB_GET_P=$(median rb_get_p)
OURS_SET=$(median ours_set); OURS_GET=$(median ours_get); OURS_SET_P=$(median ours_set_p); OURS_GET_P=$(median ours_get_p)
echo "== all runs (req/s): redis-benchmark SET GET SET-P16 GET-P16 | ours SET GET SET-P16 GET-P16" >&2
paste -d' ' "$WORK/rb_set" "$WORK/rb_get" "$WORK/rb_set_p" "$WORK/rb_get_p" >"$WORK/rb_all"
paste -d' ' "$WORK/ours_set" "$WORK/ours_get" "$WORK/ours_set_p" "$WORK/ours_get_p" >"$WORK/ours_all"
paste -d'|' "$WORK/rb_all" "$WORK/ours_all" | sed 's/|/ | /' >&2

pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }
mark() { awk -v a="$1" -v b="$2" 'BEGIN { print (a >= 0.7 * b) ? "✔" : "✘" }'; }
row() { echo "| $1 | $2 | $3 | $(pct "$3" "$2") | $(mark "$3" "$2") |"; }
TABLE=$(cat <<TXT
| operation ($CLIENTS connections, $REQUESTS requests; median of $RUNS) | redis-benchmark (req/s) | our client, $CONFIG build (req/s) | ours / theirs | ≥ 70 % |
|---|---|---|---|---|
$(row "SET" "$RB_SET" "$OURS_SET")
$(row "GET" "$RB_GET" "$OURS_GET")
$(row "SET, pipelined 16" "$RB_SET_P" "$OURS_SET_P")
$(row "GET, pipelined 16" "$RB_GET_P" "$OURS_GET_P")
TXT
)
echo "$TABLE"
if [[ "${1:-}" == "--append" ]]; then
  printf '\n## Redis client vs redis-benchmark (%s)\n\nMeasured with `hack/bench-redis.sh` (%s build; redis-server %s on 127.0.0.1;\n`redis-benchmark -t get,set -n %s -c %s [-P 16] -q` against our client, `Benchmarks/` `redis-throughput`, at the same\nconcurrency; %s interleaved runs each, medians; %s cores).\n\n%s\n' \
    "$(date +%F)" "$CONFIG" "$(redis-server --version | sed -E 's/.*v=([0-9.]+).*/\1/')" "$REQUESTS" "$CLIENTS" "$RUNS" "$(nproc)" "$TABLE" \
    >> docs/benchmarks.md
fi
