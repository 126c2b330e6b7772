#!/usr/bin/env bash
# Benchmark: crawl a generated web (default 20,000 pages over 20 hosts at
# 50 ms latency) at concurrency 256 in async mode, 3 times, and print
# pages/s, CPU seconds per 1,000 pages and peak RSS (min / median / max),
# plus the server's own CPU. Little's-law bound: concurrency / latency.
#
#   scripts/bench.sh                     # defaults
#   HOSTS=20 PAGES=500 LATENCY=50ms CONCURRENCY=256 REPEAT=3 MODE=async scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/serve.sh
# The generated web is numbered on purpose and its 500s are permanent: no
# path-variant cap, no status retried (as `trawl compare` runs it).
GENERATED_WEB_FLAGS="--max-path-variants 0 --retry-on none"

BIN=${BIN:-.build/release/trawl}
HOSTS=${HOSTS:-20}
PAGES=${PAGES:-1000}
LATENCY=${LATENCY:-50ms}
CONCURRENCY=${CONCURRENCY:-256}
PER_HOST=${PER_HOST:-$CONCURRENCY}
REPEAT=${REPEAT:-3}
MODE=${MODE:-async}
# Below Linux's ephemeral range (32768-60999), where the crawl's own
# connections of an earlier run may still hold the port.
PORT=${PORT:-$((20000 + RANDOM % 12000))}
OUT=${OUT:-output/bench-$(date +%Y%m%d-%H%M%S)}

[ -x "$BIN" ] || { echo "build first: make release" >&2; exit 1; }
mkdir -p "$OUT"

start_server "$BIN" "$PORT" "$OUT/server.log" --seed 1 --hosts "$HOSTS" --pages "$PAGES" --latency "$LATENCY" \
    --truth "$OUT/truth.csv" --seeds-file "$OUT/seeds.txt"

# STATE=1 keeps the journal (the default crawl); without it, runs take
# --no-state, so the figures compare with trees before the journal
# (scripts/bench-journal.sh measures the journal itself).
source scripts/lib/no-state.sh
NO_STATE=""
[ -n "${STATE:-}" ] || NO_STATE=$(no_state_flag "$BIN")
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
source scripts/lib/report-field.sh

echo "web: $HOSTS hosts x $PAGES pages, latency $LATENCY; crawl: mode $MODE, concurrency $CONCURRENCY, per-host $PER_HOST"
results=()
for run in $(seq 1 "$REPEAT"); do
    before=$(ticks $SERVER)
    "$BIN" crawl "$OUT/seeds.txt" --mode "$MODE" --concurrency "$CONCURRENCY" --per-host "$PER_HOST" \
        --connect-to "::127.0.0.1:$PORT" $GENERATED_WEB_FLAGS $NO_STATE --out "$OUT/run-$run" --quiet >"$OUT/run-$run.log"
    after=$(ticks $SERVER)
    report="$OUT/run-$run/report.json"
    pps=$(field pages_per_second "$report")
    cpu=$(field cpu_seconds_per1000_pages "$report")
    rss=$(field peak_rss_bytes "$report")
    pages=$(field pages "$report")
    server_cpu=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.2f", t/hz}')
    if cmp -s "$OUT/truth.csv" "$OUT/run-$run/edges.csv"; then truth=match; else truth=DIFFERS; fi
    printf 'run %d: %s pages, %.0f pages/s, %.3f CPU s/1000 pages, peak RSS %.1f MiB, server CPU %s s, edges vs truth: %s\n' \
        "$run" "$pages" "$pps" "$cpu" "$(awk -v r="$rss" 'BEGIN{print r/1048576}')" "$server_cpu" "$truth"
    results+=("$pps $cpu $rss")
done

summarize() { # column index → "min / median / max"
    printf '%s\n' "${results[@]}" | awk -v c="$1" '{print $c}' | sort -g | awk '{a[NR]=$1} END{printf "%s / %s / %s", a[1], a[int((NR+1)/2)], a[NR]}'
}
bound=$(awk -v c="$CONCURRENCY" -v l="${LATENCY%ms}" 'BEGIN{printf "%.0f", c / (l / 1000)}')
echo "pages/s            min/median/max: $(summarize 1)   (Little's bound $bound)"
echo "CPU s/1000 pages   min/median/max: $(summarize 2)"
echo "peak RSS bytes     min/median/max: $(summarize 3)"
