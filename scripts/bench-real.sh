#!/usr/bin/env bash
# trawl's async mode beside the plain-C crawler of ../shared/ceiling/ on a
# real site served offline: Django's documentation as Debian ships it
# (python-django-doc: 692 HTML pages, ~41 KB and ~70 links each, most of
# them the same navigation on every page), as 6 hosts at 50 ms
# (`trawl serve --docroot`). REPEAT rounds of C then trawl (then OLD,
# another trawl binary, if given), interleaved, concurrency 256. Prints
# each run, the medians, their ratios, and CPU ms per parsed HTML page.
# Compare ratios from one run of this script only: absolute figures drift.
#
#   scripts/bench-real.sh
#   DOCROOT=/path/to/site OLD=/path/to/older/trawl REPEAT=5 scripts/bench-real.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/trawl}
OLD=${OLD:-}
# NOSTATE=1: also run trawl with --no-state each round, to measure what
# the journal (OUT/state.db) costs.
NOSTATE=${NOSTATE:-}
REPEAT=${REPEAT:-3}
HOSTS=${HOSTS:-6}
LATENCY=${LATENCY:-50ms}
CONCURRENCY=${CONCURRENCY:-256}
DOCROOT=${DOCROOT:-/usr/share/doc/python-django-doc/html}
# Below Linux's ephemeral range (32768-60999), where the crawl's own
# connections of an earlier run may still hold the port.
PORT=${PORT:-$((20000 + RANDOM % 12000))}
OUT=${OUT:-output/bench-real-$(date +%Y%m%d-%H%M%S)}
CEILING=${CEILING:-../shared/ceiling}
[ -x "$BIN" ] || { echo "build first: make release" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ ! -d "$DOCROOT" ]; then
    if [ "$DOCROOT" = /usr/share/doc/python-django-doc/html ] && [ "$(id -u)" = 0 ]; then
        echo "installing python-django-doc (the benchmark's site)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python-django-doc
    else
        echo "no site at $DOCROOT: apt-get install python-django-doc, or set DOCROOT" >&2; exit 1
    fi
fi
mkdir -p "$OUT"
C_BIN=$("$CEILING/build.sh" "$OUT/ceiling-crawler")

source scripts/lib/serve.sh
source scripts/lib/median.sh
start_server "$BIN" "$PORT" "$OUT/server.log" --docroot "$DOCROOT" --hosts "$HOSTS" --latency "$LATENCY" \
    --seeds-file "$OUT/seeds.txt"

# One line per run: label wall_s cpu_s rss_kb parsed_pages
c_run() {
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$C_BIN" -c "$CONCURRENCY" -w 2 \
        --connect-to "::127.0.0.1:$PORT" $(cat "$OUT/seeds.txt") >"$OUT/c.log" 2>&1
    local pages
    pages=$(grep -o '"pages": [0-9]*' "$OUT/c.log" | awk '{print $2}')
    awk -v p="$pages" '{printf "c %.2f %.2f %d %d\n", $1, $2 + $3, $4, p}' "$OUT/time.txt"
}
trawl_run() { # label, binary, round, extra flags...
    local dir="$OUT/$1-$3"
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$2" crawl "$OUT/seeds.txt" --concurrency "$CONCURRENCY" \
        --per-host "$CONCURRENCY" --ignore-robots --connect-to "::127.0.0.1:$PORT" --out "$dir" --quiet "${@:4}" >"$OUT/$1.log" 2>&1
    local pages
    pages=$(grep -c '"status":200,"content_type":"text/html' "$dir/pages.jsonl" || true)
    awk -v l="$1" -v p="$pages" '{printf "%s %.2f %.2f %d %d\n", l, $1, $2 + $3, $4, p}' "$OUT/time.txt"
}
echo "site: $DOCROOT as $HOSTS hosts at $LATENCY; concurrency $CONCURRENCY"
echo "label wall_s cpu_s peak_rss_kb parsed_pages"
for round in $(seq 1 "$REPEAT"); do
    c_run
    trawl_run trawl "$BIN" "$round"
    [ -z "$OLD" ] || trawl_run old "$OLD" "$round"
    [ -z "$NOSTATE" ] || trawl_run nostate "$BIN" "$round" --no-state
done | tee "$OUT/results.txt"
per_page() { grep "^$1 " "$OUT/results.txt" | awk '{print $3 / $5 * 1000}' | median_of; }
for label in c trawl ${OLD:+old} ${NOSTATE:+nostate}; do
    printf '%-6s median wall %s s, CPU %s s (%.2f ms per parsed page), peak RSS %s KB, %s pages parsed\n' "$label" \
        "$(median "$label" 2)" "$(median "$label" 3)" "$(per_page "$label")" "$(median "$label" 4)" "$(median "$label" 5)"
done
awk -v cw="$(median c 2)" -v tw="$(median trawl 2)" -v cc="$(per_page c)" -v tc="$(per_page trawl)" \
    -v cr="$(median c 4)" -v tr="$(median trawl 4)" \
    'BEGIN{printf "trawl vs C: speed %.2fx (C wall / trawl wall; target >= 1.0), CPU per parsed page %.2fx (target <= 1.1), peak RSS %.2fx (target <= 1.2)\n", cw/tw, tc/cc, tr/cr}'
