#!/usr/bin/env bash
# Memory at scale: crawl a generated web of ~1.2 million URLs (100 hosts x
# 10,000 pages, plus their redirects and error pages, 1 ms latency) at
# concurrency 256, once with the journal (OUT/state.db, the default) and
# once with --no-state, and print for each: pages/s, CPU s per 1,000 pages,
# peak RSS, RAM bytes per URL seen (peak RSS / the graph's nodes), state.db
# bytes per URL, and whether the edge set equals the ground truth.
# The target: a million URLs within 256 MB peak RSS.
#
#   make release && scripts/bench-million.sh
#   TRAWL=path/to/trawl OLD=path/to/old/trawl scripts/bench-million.sh   # both, interleaved, one sitting
#   HOSTS=20 PAGES=10000 MAX_MINUTES=10 KEEP=1 scripts/bench-million.sh
#
# Builds nothing. Each crawl is cut at MAX_MINUTES (then it reports
# completed: false and its edges differ from the truth); a run's exports
# (gigabytes) are deleted once measured unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/serve.sh
source scripts/lib/report-field.sh
source scripts/lib/no-state.sh
GENERATED_WEB_FLAGS="--max-path-variants 0 --retry-on none"

NEW=${TRAWL:-.build/release/trawl}
OLD=${OLD:-}
HOSTS=${HOSTS:-100}
PAGES=${PAGES:-10000}
LATENCY=${LATENCY:-1ms}
CONCURRENCY=${CONCURRENCY:-256}
MAX_MINUTES=${MAX_MINUTES:-15}
PORT=${PORT:-$((20000 + RANDOM % 12000))}
OUT=${OUT:-output/bench-million-$(date +%Y%m%d-%H%M%S)}

for bin in "$NEW" $OLD; do
    [ -x "$bin" ] || { echo "no trawl binary at $bin (make release, or set TRAWL / OLD)" >&2; exit 1; }
done
mkdir -p "$OUT"
start_server "$NEW" "$PORT" "$OUT/server.log" --seed 1 --hosts "$HOSTS" --pages "$PAGES" --latency "$LATENCY" \
    --truth "$OUT/truth.csv" --seeds-file "$OUT/seeds.txt"
# The truth is written sorted: its rows hash as report.json's edge set does.
truth_hash=$(tail -n +2 "$OUT/truth.csv" | sha256sum | cut -d' ' -f1)
rm -f "$OUT/truth.csv"

run() { # label, binary, journal|nostate
    local label=$1 bin=$2 dir="$OUT/$1-$3" flags=""
    if [ "$3" = nostate ]; then
        flags=$(no_state_flag "$bin")
        [ -n "$flags" ] || { echo "$label nostate: this trawl has no --no-state (it keeps no journal)" >&2; return; }
    fi
    # --max-time stops the crawl cleanly; timeout(1) is the backstop.
    /usr/bin/time -v -o "$dir.time" timeout --signal=KILL "$((MAX_MINUTES * 60 + 600))" \
        "$bin" crawl "$OUT/seeds.txt" --concurrency "$CONCURRENCY" --connect-to "::127.0.0.1:$PORT" \
        $GENERATED_WEB_FLAGS $flags --max-time "${MAX_MINUTES}m" --out "$dir" --quiet >"$dir.log" 2>&1 || true
    local report="$dir/report.json"
    [ -f "$report" ] || { echo "$label $3: no report.json (see $dir.log)" >&2; return; }
    local rss_kib urls db=0 edges=DIFFERS
    rss_kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir.time")
    urls=$(field nodes "$report")
    [ -f "$dir/state.db" ] && db=$(stat -c %s "$dir/state.db")
    grep -q "\"sha256\" : \"$truth_hash\"" "$report" && edges=match
    printf '%-6s %-8s %7.0f %8.3f %9.1f %10d %6.0f %6.0f %s %s\n' "$label" "$3" \
        "$(field pages_per_second "$report")" "$(field cpu_seconds_per1000_pages "$report")" \
        "$(awk -v k="$rss_kib" 'BEGIN{print k/1024}')" "$urls" \
        "$(awk -v k="$rss_kib" -v u="$urls" 'BEGIN{print k*1024/u}')" \
        "$(awk -v d="$db" -v u="$urls" 'BEGIN{print d/u}')" \
        "$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$dir.time")" "$edges"
    cp "$report" "$dir.report.json"
    [ -n "${KEEP:-}" ] || rm -rf "$dir"
}

echo "web: $HOSTS hosts x $PAGES pages at $LATENCY; crawl: concurrency $CONCURRENCY, cut at $MAX_MINUTES min"
echo "new: $NEW${OLD:+; old: $OLD}"
echo "tree   frontier pages/s cpu/1000  peakMiB   urlsSeen  B/URL dbB/URL wall edges"
{
    for kind in journal nostate; do
        run new "$NEW" "$kind"
        [ -z "$OLD" ] || run old "$OLD" "$kind"
    done
} | tee "$OUT/results.txt"
