#!/usr/bin/env bash
# Several machines on one box: one crawl shared through Redis by three trawl
# processes that each sit in a network namespace of their own, so every byte
# between them, Redis and the web server crosses a (virtual) network:
#
#   trawl-lan    bridge br0, the switch: every veth below is plugged into it
#   trawl-redis  10.77.0.2   redis-server :6379 (AOF on, no RDB)
#   trawl-web    10.77.0.3   trawl serve :8080, the generated web
#   trawl-w1..3  10.77.0.11-13  trawl crawl: w1 starts with the seeds, w2, w3 join
#
# The starter's edges.csv must equal the web's ground truth. Needs root and
# iproute2; leaves the root namespace's networking alone (each veth is made
# straight into the namespaces it joins). Outputs stay in OUT.
#   HOSTS=20 PAGES=500 LATENCY=50ms CONCURRENCY=32 TIMEOUT=600 scripts/cluster-demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

HOSTS=${HOSTS:-10}
PAGES=${PAGES:-300}
LATENCY=${LATENCY:-20ms}
# Per process: low enough that one process alone could not drain the web in
# the moment before the joiners arrive, so the three really share it.
CONCURRENCY=${CONCURRENCY:-16}
TIMEOUT=${TIMEOUT:-300}          # seconds, for each crawl process
PREFIX=${PREFIX:-trawl}          # namespace names: $PREFIX-lan, $PREFIX-redis, …
NET=10.77.0
OUT=${OUT:-output/cluster-demo-$(date +%Y%m%d-%H%M%S)}

[ "$(id -u)" = 0 ] || { echo "cluster-demo: needs root (it creates network namespaces with ip netns)" >&2; exit 1; }
command -v ip >/dev/null || { echo "cluster-demo: needs ip (apt-get install iproute2)" >&2; exit 1; }
command -v redis-server >/dev/null && command -v redis-cli >/dev/null \
    || { echo "cluster-demo: needs redis-server and redis-cli (apt-get install redis-server)" >&2; exit 1; }

# The binary: TRAWL, else the release build, else the debug one; build only
# when there is neither (swift build waits for a build another process runs).
if [ -z "${TRAWL:-}" ]; then
    TRAWL=.build/release/trawl
    [ -x "$TRAWL" ] || TRAWL=.build/debug/trawl
    [ -x "$TRAWL" ] || PATH=/opt/swift/usr/bin:$PATH swift build
fi
[ -x "$TRAWL" ] || { echo "cluster-demo: no trawl binary at $TRAWL" >&2; exit 1; }
TRAWL=$(realpath "$TRAWL")
mkdir -p "$OUT"
OUT=$(realpath "$OUT")

LAN=$PREFIX-lan
MACHINES=(redis web w1 w2 w3)
declare -A ADDR=([redis]=$NET.2 [web]=$NET.3 [w1]=$NET.11 [w2]=$NET.12 [w3]=$NET.13)
ALL_NS=("$LAN"); for m in "${MACHINES[@]}"; do ALL_NS+=("$PREFIX-$m"); done

# Namespaces left by a run that was SIGKILLed are deleted; namespaces with
# processes inside belong to a run still going, and are not ours to take.
for ns in "${ALL_NS[@]}"; do
    [ -e "/run/netns/$ns" ] || continue
    [ -z "$(ip netns pids "$ns" 2>/dev/null)" ] \
        || { echo "cluster-demo: namespace $ns is in use (pids: $(ip netns pids "$ns" | xargs)): another demo" \
                  "running, or one killed with SIGKILL? Try PREFIX=other" >&2; exit 1; }
    ip netns del "$ns"
done

# However the script ends (success, failure, Ctrl-C): SIGTERM to the crawls
# first (their `timeout` passes it on; trawl then writes its exports, the
# starter's from Redis), up to 10 s; then to Redis and the web; SIGKILL 5 s
# later to anything left in our namespaces, which then go with their veths.
CREATED=() PIDS=() REDIS="" WEB=""
in_namespaces() { local ns; for ns in "${CREATED[@]}"; do ip netns pids "$ns" 2>/dev/null; done; }
stop() { # seconds, pids: SIGTERM, then wait until they are gone or time is up
    local limit=$1 pid alive; shift
    for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 $((limit * 10))); do
        alive=""; for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ -n "$alive" ] || return 0
        sleep 0.1
    done
}
cleanup() {
    local status=$? ns pid
    # A second Ctrl-C must not cut this (bounded) cleanup short.
    trap '' INT TERM
    trap - EXIT
    stop 10 "${PIDS[@]}"
    stop 5 $WEB $REDIS
    for pid in $(in_namespaces); do kill -9 "$pid" 2>/dev/null || true; done
    for ns in "${CREATED[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The LAN: a bridge in its own namespace, one veth pair per machine, its
# "eth0" end in the machine and its other end in the bridge.
ip netns add "$LAN"; CREATED+=("$LAN")
ip -n "$LAN" link add br0 type bridge
ip -n "$LAN" link set br0 up
for m in "${MACHINES[@]}"; do
    ns=$PREFIX-$m
    ip netns add "$ns"; CREATED+=("$ns")
    ip -n "$LAN" link add "$m" type veth peer name eth0 netns "$ns"
    ip -n "$LAN" link set "$m" master br0 up
    ip -n "$ns" addr add "${ADDR[$m]}/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
done
on() { local m=$1; shift; ip netns exec "$PREFIX-$m" "$@"; }   # run a command on machine $1
# The background services and crawls go through `setsid ip netns exec`, not
# `on`: both exec, so $! is the program's own pid (a function would leave a
# subshell's there), and in a session of its own a terminal's Ctrl-C reaches
# the script alone, which then stops each with one SIGTERM (a second would
# make trawl quit without its exports).

# Redis, reachable only on the LAN; the AOF (fsync every second, Redis's
# default) is what would let the crawl outlive a Redis restart.
mkdir -p "$OUT/redis"
setsid ip netns exec "$PREFIX-redis" redis-server --bind "${ADDR[redis]}" --port 6379 --protected-mode no \
    --save '' --appendonly yes --dir "$OUT/redis" --logfile "$OUT/redis/redis.log" &
REDIS=$!
# Asked from a worker's namespace, so a PONG also proves the LAN carries it.
for _ in $(seq 1 100); do on w1 redis-cli -h "${ADDR[redis]}" ping >/dev/null 2>&1 && break; sleep 0.1; done
on w1 redis-cli -h "${ADDR[redis]}" ping >/dev/null \
    || { echo "cluster-demo: Redis did not answer" >&2; cat "$OUT/redis/redis.log" >&2; exit 1; }

setsid ip netns exec "$PREFIX-web" "$TRAWL" serve --hosts "$HOSTS" --pages "$PAGES" --latency "$LATENCY" \
    --port 8080 --bind "${ADDR[web]}" --truth "$OUT/truth.csv" --seeds-file "$OUT/seeds.txt" >"$OUT/web.log" 2>&1 &
WEB=$!
for _ in $(seq 1 300); do grep -q listening "$OUT/web.log" && break; kill -0 $WEB 2>/dev/null || break; sleep 0.1; done
grep -q listening "$OUT/web.log" \
    || { echo "cluster-demo: trawl serve did not start" >&2; cat "$OUT/web.log" >&2; exit 1; }

FRONTIER=redis://${ADDR[redis]}:6379/demo
# Every worker sends each hK.trawl.test to the web machine; the starter
# alone gives the seeds and the crawl's limits (the generated web is
# numbered on purpose: no path-variant cap). Its 500s are permanent, so no
# retries, as make bench crawls it; retries are each process's own setting.
crawl() { # machine, extra arguments
    local m=$1; shift
    setsid ip netns exec "$PREFIX-$m" timeout -k 10 "$TIMEOUT" "$TRAWL" crawl "$@" --frontier "$FRONTIER" \
        --retry-on none --concurrency "$CONCURRENCY" --connect-to "::${ADDR[web]}:8080" \
        --out "$OUT/$m" --quiet >"$OUT/$m.log" 2>&1 &
}
echo "web: $HOSTS hosts x $PAGES pages at $LATENCY on ${ADDR[web]}; Redis on ${ADDR[redis]}; 3 workers," \
     "concurrency $CONCURRENCY each; outputs in $OUT"
t0=$EPOCHREALTIME
# Launched together, as a cluster's machines are: the joiners wait for the
# starter to store the crawl and add its seeds.
crawl w1 "$OUT/seeds.txt" --max-path-variants 0; PIDS=($!)
crawl w2; PIDS+=($!)
crawl w3; PIDS+=($!)

failed=0
for i in 0 1 2; do
    m=w$((i + 1)) rc=0
    wait "${PIDS[$i]}" || rc=$?
    [ "$rc" = 0 ] || { echo "cluster-demo: $m exited $rc (124: timed out after ${TIMEOUT}s); $OUT/$m.log:" >&2
                       tail -20 "$OUT/$m.log" >&2; failed=1; }
done
wall=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.2f", b - a}')
[ "$failed" = 0 ] || exit 1

pages=$(wc -l <"$OUT/w1/pages.jsonl")
joined=0
for m in w2 w3; do
    n=$(wc -l <"$OUT/$m/pages.jsonl"); joined=$((joined + n))
    echo "$m (${ADDR[$m]}, joined): fetched $n pages"
done
echo "w1 (${ADDR[w1]}, started): the crawl's $pages pages in its exports, $((pages - joined)) fetched itself; ${wall}s"
if ! cmp -s <(LC_ALL=C sort "$OUT/truth.csv") <(LC_ALL=C sort "$OUT/w1/edges.csv"); then
    echo "cluster-demo: $OUT/w1/edges.csv DIFFERS from the truth ($OUT/truth.csv)" >&2
    diff <(LC_ALL=C sort "$OUT/truth.csv") <(LC_ALL=C sort "$OUT/w1/edges.csv") | head -10 >&2
    exit 1
fi
echo "cluster demo: OK, $pages pages, edges equal the ground truth across 3 machines"
