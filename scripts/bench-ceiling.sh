#!/usr/bin/env bash
# trawl's async mode beside the plain-C crawler of ../shared/ceiling/, in one
# sitting, on real-site-sized pages (96 KB, 300 links): REPEAT rounds of C,
# then trawl (then OLD, another trawl binary, if given), each round on the
# same server; wall, CPU and peak RSS from /usr/bin/time. Compare ratios
# from one run of this script only: absolute figures drift 2x between days.
#
#   scripts/bench-ceiling.sh
#   OLD=/path/to/older/trawl REPEAT=5 scripts/bench-ceiling.sh
#   # thousands of slow connections (make bench runs this too):
#   HOSTS=4 PAGES=5000 LATENCY=500ms PAGE_SIZE=2KB OUT_DEGREE=8 CONCURRENCY=2000 scripts/bench-ceiling.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/trawl}
OLD=${OLD:-}
REPEAT=${REPEAT:-3}
CONCURRENCY=${CONCURRENCY:-256}
HOSTS=${HOSTS:-6}
PAGES=${PAGES:-500}
LATENCY=${LATENCY:-50ms}
PAGE_SIZE=${PAGE_SIZE:-96KB}
OUT_DEGREE=${OUT_DEGREE:-300}
# Below Linux's ephemeral range (32768-60999), where the crawl's own
# connections of an earlier run may still hold the port.
PORT=${PORT:-$((20000 + RANDOM % 12000))}
OUT=${OUT:-output/bench-ceiling-$(date +%Y%m%d-%H%M%S)}
CEILING=${CEILING:-../shared/ceiling}
[ -x "$BIN" ] || { echo "build first: make release" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
mkdir -p "$OUT"
C_BIN=$("$CEILING/build.sh" "$OUT/ceiling-crawler")

source scripts/lib/serve.sh
source scripts/lib/median.sh
start_server "$BIN" "$PORT" "$OUT/server.log" --hosts "$HOSTS" --pages "$PAGES" --latency "$LATENCY" \
    --page-size "$PAGE_SIZE" --out-degree "$OUT_DEGREE" --cross-host 0 --seeds-file "$OUT/seeds.txt"

measure() { # label, command…: one line "label wall_s cpu_s rss_kb"
    local label=$1; shift
    /usr/bin/time -f "$label %e %U %S %M" -o "$OUT/time.txt" "$@" >"$OUT/$label.log" 2>&1
    awk '{printf "%s %.2f %.2f %d\n", $1, $2, $3 + $4, $5}' "$OUT/time.txt"
}
crawl() { # label, binary, round
    # The generated web is numbered on purpose and its 500s are permanent:
    # no path-variant cap, no status retried, as make bench runs it.
    measure "$1" "$2" crawl "$OUT/seeds.txt" --concurrency "$CONCURRENCY" --per-host "$CONCURRENCY" --ignore-robots \
        --max-path-variants 0 --retry-on none \
        --connect-to "::127.0.0.1:$PORT" --out "$OUT/$1-$3" --quiet
}
echo "web: $HOSTS hosts x $PAGES pages, $PAGE_SIZE, out-degree $OUT_DEGREE, $LATENCY; concurrency $CONCURRENCY"
for round in $(seq 1 "$REPEAT"); do
    measure c "$C_BIN" -c "$CONCURRENCY" -w 2 --connect-to "::127.0.0.1:$PORT" $(cat "$OUT/seeds.txt")
    crawl trawl "$BIN" "$round"
    [ -z "$OLD" ] || crawl old "$OLD" "$round"
done | tee "$OUT/results.txt"
for label in c trawl ${OLD:+old}; do
    printf '%-6s median wall %s s, CPU %s s, peak RSS %s KB\n' "$label" "$(median $label 2)" "$(median $label 3)" "$(median $label 4)"
done
awk -v cw="$(median c 2)" -v tw="$(median trawl 2)" -v cc="$(median c 3)" -v tc="$(median trawl 3)" \
    -v cr="$(median c 4)" -v tr="$(median trawl 4)" \
    'BEGIN{printf "trawl vs C: speed %.2fx (C wall / trawl wall), CPU %.2fx, peak RSS %.2fx\n", cw/tw, tc/cc, tr/cr}'
