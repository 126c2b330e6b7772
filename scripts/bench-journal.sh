#!/usr/bin/env bash
# What durability costs: the same crawl of a generated web with the journal
# (OUT/state.db, the default) and with --no-state, alternated REPEAT times
# against one server, in one sitting. Prints both medians and their ratio
# (the target is at most 5 % fewer pages/s with the journal).
#
#   scripts/bench-journal.sh
#   HOSTS=20 PAGES=1000 LATENCY=50ms CONCURRENCY=256 REPEAT=5 MODE=async scripts/bench-journal.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/serve.sh
source scripts/lib/median.sh
GENERATED_WEB_FLAGS="--max-path-variants 0 --retry-on none"

BIN=${BIN:-.build/release/trawl}
HOSTS=${HOSTS:-20}
PAGES=${PAGES:-1000}
LATENCY=${LATENCY:-50ms}
CONCURRENCY=${CONCURRENCY:-256}
REPEAT=${REPEAT:-5}
MODE=${MODE:-async}
PORT=${PORT:-$((20000 + RANDOM % 12000))}
OUT=${OUT:-output/bench-journal-$(date +%Y%m%d-%H%M%S)}

[ -x "$BIN" ] || { echo "build first: make release" >&2; exit 1; }
mkdir -p "$OUT"
start_server "$BIN" "$PORT" "$OUT/server.log" --seed 1 --hosts "$HOSTS" --pages "$PAGES" --latency "$LATENCY" \
    --truth "$OUT/truth.csv" --seeds-file "$OUT/seeds.txt"
source scripts/lib/report-field.sh

run() { # label, round, extra flags...
    local dir="$OUT/$1-$2"
    "$BIN" crawl "$OUT/seeds.txt" --mode "$MODE" --concurrency "$CONCURRENCY" --per-host "$CONCURRENCY" \
        --connect-to "::127.0.0.1:$PORT" $GENERATED_WEB_FLAGS --out "$dir" --quiet "${@:3}" >"$dir.log"
    local truth=DIFFERS
    cmp -s "$OUT/truth.csv" "$dir/edges.csv" && truth=match
    local db=0
    [ -f "$dir/state.db" ] && db=$(stat -c %s "$dir/state.db")
    echo "$1 $(field pages_per_second "$dir/report.json") $(field cpu_seconds_per1000_pages "$dir/report.json") $(field peak_rss_bytes "$dir/report.json") $(field pages "$dir/report.json") $db $truth"
}

echo "web: $HOSTS hosts x $PAGES pages at $LATENCY; mode $MODE, concurrency $CONCURRENCY"
echo "label pages_per_s cpu_s_per_1000 peak_rss_bytes pages state_db_bytes edges"
for round in $(seq 1 "$REPEAT"); do
    run journal "$round"
    run nostate "$round" --no-state
done | tee "$OUT/results.txt"
for label in journal nostate; do
    printf '%-8s median %s pages/s, %s CPU s per 1,000 pages, peak RSS %s bytes\n' "$label" \
        "$(median "$label" 2)" "$(median "$label" 3)" "$(median "$label" 4)"
done
awk -v j="$(median journal 2)" -v n="$(median nostate 2)" -v jc="$(median journal 3)" -v nc="$(median nostate 3)" \
    -v db="$(median journal 6)" -v p="$(median journal 5)" \
    'BEGIN{printf "journal vs none: pages/s %.3fx (target >= 0.95), CPU per page %.3fx; state.db %.0f bytes per page\n", j/n, jc/nc, db/p}'
