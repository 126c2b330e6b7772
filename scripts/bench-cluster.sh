#!/usr/bin/env bash
# Scale-out through Redis: one generated web crawled by N = 1, 2 and 4 trawl
# processes sharing one frontier (`--frontier unix://SOCK?crawl=NAME`): a
# starter with the seeds and N-1 joiners, started together; REPEAT rounds,
# the Ns interleaved within each round so drift hits them alike. Per run:
# pages, wall, pages/s, speed vs the first N of the round, the trawl
# processes' CPU, and what Redis paid per page (CPU µs, commands, memory).
# The starter's edges.csv must be the web's truth, or the script fails.
# Default web: "many slow connections" (40 hosts × 500 pages of 2 KB at
# 500 ms), so one process at concurrency 500 is latency-bound (Little:
# 500 / 0.5 s = 1,000 pages/s) and more processes can only help.
#
#   scripts/bench-cluster.sh
#   HOSTS=8 PAGES=100 PROCESSES="1 2" REPEAT=2 scripts/bench-cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/median.sh
source scripts/lib/report-field.sh

TRAWL=${TRAWL:-.build/release/trawl}
HOSTS=${HOSTS:-40}
PAGES=${PAGES:-500}
LATENCY=${LATENCY:-500ms}
PAGE_SIZE=${PAGE_SIZE:-2KB}
OUT_DEGREE=${OUT_DEGREE:-8}
CONCURRENCY=${CONCURRENCY:-500}
MODE=${MODE:-async}
PROCESSES=${PROCESSES:-1 2 4}
REPEAT=${REPEAT:-1}
TIMEOUT=${TIMEOUT:-600}
# --per-host is the crawl's, counted in Redis across every process. At the
# largest N all processes together hold N × CONCURRENCY leases; a cap that
# high never binds, even when the work left sits on one host, so the run is
# bounded by --concurrency, latency and CPU: the frontier's cost, not
# politeness. (CONCURRENCY / HOSTS would bind as soon as work is uneven.)
MAX_N=$(printf '%s\n' $PROCESSES | sort -n | tail -1)
PER_HOST=${PER_HOST:-$((CONCURRENCY * MAX_N))}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/trawl-bench-cluster.XXXXXX")}

[ -x "$TRAWL" ] || { echo "build first: make release (or TRAWL=…)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "needs redis-server (apt-get install redis-server)" >&2; exit 1; }
"$TRAWL" crawl --help | grep -q -- '--frontier' || { echo "$TRAWL has no --frontier" >&2; exit 1; }
mkdir -p "$OUT/redis"

# Everything started here ends with the script, however it ends: the
# crawls (timeout signals its whole process group: time and trawl), the
# web server (its group) and Redis.
SERVER="" REDIS="" CRAWLS=()
cleanup() {
    for pid in "${CRAWLS[@]}" $REDIS; do kill "$pid" 2>/dev/null || true; done
    [ -z "$SERVER" ] || kill -- "-$SERVER" 2>/dev/null || true
}
trap cleanup EXIT

# A private Redis, on a unix socket only (no TCP port to collide with), with
# no persistence: a benchmark needs no durability, and an fsync per write
# would measure the disk instead of the frontier.
SOCK="$OUT/redis/redis.sock"
redis-server --port 0 --unixsocket "$SOCK" --unixsocketperm 700 --save '' --appendonly no \
    --dir "$OUT/redis" --logfile "$OUT/redis/redis.log" &
REDIS=$!
rcli() { redis-cli -s "$SOCK" "$@"; }
for _ in $(seq 1 100); do rcli ping >/dev/null 2>&1 && break; sleep 0.05; done
rcli ping >/dev/null || { cat "$OUT/redis/redis.log" >&2; exit 1; }
info() { rcli info "$1" | tr -d '\r'; }
redis_cpu() { info cpu | awk -F: '$1 == "used_cpu_sys" || $1 == "used_cpu_user" {s += $2} END{printf "%.6f", s}'; }

# The web on a free port (--port 0), read back from its "listening on" line;
# in its own process group, so a TRAWL that is a wrapper script dies whole.
setsid "$TRAWL" serve --port 0 --seed 1 --hosts "$HOSTS" --pages "$PAGES" --latency "$LATENCY" --page-size "$PAGE_SIZE" \
    --out-degree "$OUT_DEGREE" --truth "$OUT/truth.csv" --seeds-file "$OUT/seeds.txt" >"$OUT/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do grep -q listening "$OUT/server.log" && break; kill -0 $SERVER || break; sleep 0.1; done
PORT=$(grep -o 'listening on http://[^/]*' "$OUT/server.log" | sed 's/.*://') || { cat "$OUT/server.log" >&2; exit 1; }
LC_ALL=C sort "$OUT/truth.csv" >"$OUT/truth.sorted"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
# Little's bound is N × CONCURRENCY / latency (a range's upper end, for the
# 500 ms or 1s forms; 0 when it cannot be read).
LATENCY_S=$(echo "${LATENCY##*..}" | awk '/ms$/{print $0 / 1000; next} /s$/{print $0 + 0; next} {print 0}')

# One crawl of N processes; appends one line to results.txt:
#   N pages wall pages/s trawl_cpu redis_µs/page cmds/page evalsha/page
#   other/page redis_MiB server_cpu peak_rss_kb start_spread_ms
cluster_run() { # N, round
    local n=$1 round=$2 name="bench-$1-$2" dir="$OUT/n$1-r$2"
    local frontier="unix://$SOCK?crawl=$name"
    mkdir -p "$dir"
    # Each run starts from an empty Redis with zeroed command counters, so
    # INFO's counters are this crawl's alone, and used_memory's growth is
    # what the finished crawl leaves in Redis (records, seen set, counts).
    rcli flushall sync >/dev/null
    rcli config resetstat >/dev/null
    local cpu0 mem0 srv0 t0 spread
    cpu0=$(redis_cpu)
    mem0=$(info memory | awk -F: '$1 == "used_memory" {print $2}')
    srv0=$(ticks $SERVER)
    t0=$EPOCHREALTIME
    CRAWLS=()
    for i in $(seq 0 $((n - 1))); do
        # The starter alone gives the seeds, politeness and limits; joiners
        # read the crawl's settings from Redis. The generated web is
        # numbered on purpose (--max-path-variants 0) and its 500s are
        # permanent, as make bench crawls it; retries are each process's
        # own setting, so every process says --retry-on none.
        local own=()
        [ "$i" -gt 0 ] || own=("$OUT/seeds.txt" --per-host "$PER_HOST" --max-path-variants 0)
        timeout "$TIMEOUT" /usr/bin/time -f '%e %U %S %M' -o "$dir/time-$i.txt" \
            "$TRAWL" crawl "${own[@]}" --frontier "$frontier" --retry-on none \
            --mode "$MODE" --concurrency "$CONCURRENCY" \
            --connect-to "::127.0.0.1:$PORT" --out "$dir/p$i" --quiet >"$dir/p$i.log" 2>&1 &
        CRAWLS+=($!)
        # A joiner needs the stored settings and the seeds: both are in
        # Redis once the starter's pump has beaten (workers key), ~0.1 s.
        if [ "$i" -eq 0 ] && [ "$n" -gt 1 ]; then
            for _ in $(seq 1 300); do [ "$(rcli exists "trawl:{$name}:workers")" = 1 ] && break; sleep 0.01; done
        fi
    done
    spread=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.0f", (b - a) * 1000}')
    local i=0 failed=0
    for pid in "${CRAWLS[@]}"; do
        wait "$pid" || { echo "n=$n round $round: process $i exited $? (124: timeout); $dir/p$i.log:" >&2
                         tail -20 "$dir/p$i.log" >&2; failed=1; }
        i=$((i + 1))
    done
    # Wall: from the starter's start to the last exit, so it includes the
    # starter writing the whole crawl's exports from Redis at the end.
    local wall
    wall=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.2f", b - a}')
    CRAWLS=()
    [ "$failed" = 0 ] || exit 1
    if ! cmp -s "$OUT/truth.sorted" <(LC_ALL=C sort "$dir/p0/edges.csv"); then
        echo "n=$n round $round: $dir/p0/edges.csv DIFFERS from the truth ($OUT/truth.csv)" >&2; exit 1
    fi
    info commandstats >"$dir/commandstats.txt"
    local pages cpu rss evalsha total rcpu mem srv
    pages=$(field pages "$dir/p0/report.json")
    cpu=$(cat "$dir"/time-*.txt | awk '{s += $2 + $3} END{printf "%.2f", s}')
    rss=$(cat "$dir"/time-*.txt | awk '$4 > m {m = $4} END{print m}')
    evalsha=$(sed -n 's/^cmdstat_evalsha:calls=\([0-9]*\),.*/\1/p' "$dir/commandstats.txt")
    total=$(info stats | awk -F: '$1 == "total_commands_processed" {print $2}')
    rcpu=$(redis_cpu)
    mem=$(info memory | awk -F: '$1 == "used_memory" {print $2}')
    srv=$(ticks $SERVER)
    # total_commands_processed counts the commands the Lua scripts run too,
    # so "other" is mostly work inside the EVALSHAs, not round trips.
    awk -v n="$n" -v p="$pages" -v w="$wall" -v c="$cpu" -v r0="$cpu0" -v r1="$rcpu" -v e="${evalsha:-0}" \
        -v t="$total" -v m0="$mem0" -v m1="$mem" -v s="$((srv - srv0))" -v hz="$HZ" -v rss="$rss" -v sp="$spread" \
        'BEGIN{printf "%d %d %.2f %.0f %.2f %.1f %.1f %.2f %.1f %.1f %.2f %d %d\n", n, p, w, p / w, c, (r1 - r0) * 1e6 / p,
               t / p, e / p, (t - e) / p, (m1 - m0) / 1048576, s / hz, rss, sp}' >>"$OUT/results.txt"
    # How the pages were shared: joiners' own counts, the starter's the rest.
    local shares="" own_sum=0
    for i in $(seq 1 $((n - 1))); do
        local k; k=$(field pages "$dir/p$i/report.json"); shares="$shares/$k"; own_sum=$((own_sum + k))
    done
    echo "$(tail -1 "$OUT/results.txt") $((pages - own_sum))$shares" >"$dir/line.txt"
}

echo "web: $HOSTS hosts x $PAGES pages, $PAGE_SIZE, out-degree $OUT_DEGREE, $LATENCY; each process: mode $MODE," \
     "concurrency $CONCURRENCY; crawl: per-host $PER_HOST; $(nproc) cores; outputs in $OUT"
: >"$OUT/results.txt"
base=${PROCESSES%% *}
for round in $(seq 1 "$REPEAT"); do
    for n in $PROCESSES; do
        cluster_run "$n" "$round"
        read -r _ pages wall pps cpu rus cmds ev other mib srv rss spread shares <"$OUT/n$n-r$round/line.txt"
        base_pps=$(awk -v b="$base" '$1 == b {v = $4} END{print v}' "$OUT/results.txt")
        printf 'round %d, %d process(es): %d pages in %.2f s = %d pages/s (%.2fx N=%s; Little %d), trawl CPU %.2f s,' \
            "$round" "$n" "$pages" "$wall" "$pps" "$(awk -v a="$pps" -v b="$base_pps" 'BEGIN{print a / b}')" "$base" \
            "$(awk -v n="$n" -v c="$CONCURRENCY" -v l="$LATENCY_S" 'BEGIN{print (l > 0 ? n * c / l : 0)}')" "$cpu"
        printf ' Redis %.1f µs CPU/page, %.1f commands/page (EVALSHA %.2f, other %.1f), +%.1f MiB; server CPU %.2f s;' \
            "$rus" "$cmds" "$ev" "$other" "$mib" "$srv"
        printf ' pages by process %s; started within %d ms\n' "$shares" "$spread"
    done
done

echo
printf '%-9s %8s %8s %9s %8s %12s %12s %10s %10s %11s\n' processes pages wall_s pages/s scaling trawl_CPU_s \
    redis_us/pg cmds/pg evalsha/pg redis_MiB
base_med=$(median "$base" 4)
for n in $PROCESSES; do
    printf '%-9s %8s %8s %9s %8s %12s %12s %10s %10s %11s\n' "$n" "$(median "$n" 2)" "$(median "$n" 3)" \
        "$(median "$n" 4)" "$(awk -v a="$(median "$n" 4)" -v b="$base_med" 'BEGIN{printf "%.2fx", a / b}')" \
        "$(median "$n" 5)" "$(median "$n" 6)" "$(median "$n" 7)" "$(median "$n" 8)" "$(median "$n" 10)"
done
echo "(medians of $REPEAT round(s); every run's edges.csv matched the truth; per-run lines in $OUT/results.txt)"
# Where scaling stops: the fewest processes within 10 % of the best median
# pages/s (more add nothing), and how many of the machine's cores the
# crawl, Redis and the web server kept busy there: below all of them, the
# limit is not CPU but latency and the crawl's shape.
top=$(for n in $PROCESSES; do median "$n" 4; done | sort -g | tail -1)
stop=$(for n in $PROCESSES; do echo "$n $(median "$n" 4)"; done | awk -v t="$top" '$2 >= 0.9 * t {print $1; exit}')
busy=$(grep "^$stop " "$OUT/results.txt" | awk '{c += ($5 + $6 * $2 / 1e6 + $11) / $3} END{printf "%.2f", c / NR}')
[ "$stop" = "$MAX_N" ] && where="has not stopped by N=$stop, the most tried" || where="stops at N=$stop (within 10 % of the best)"
echo "scaling $where; there trawl + Redis + server keep $busy of $(nproc) cores busy"
