#!/usr/bin/env bash
# Strategy benchmark: one generated web (default 20 hosts x 500 pages = 10,000
# pages, 50 ms latency) crawled in every mode at several concurrencies, runs
# interleaved across modes (A B C A B C ...) so machine drift hits all alike.
# Prints one line per run and a median table: pages/s, CPU s per 1,000 pages,
# peak RSS, peak threads (for processes: the whole tree, coordinator and
# WORKERS workers running WORKER_MODE).
#
#   scripts/bench-modes.sh
#   MODES="async pool" CONCURRENCIES="16 256" REPEAT=1 scripts/bench-modes.sh
#   MODES=processes WORKERS=4 WORKER_MODE=pool scripts/bench-modes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/serve.sh
# The generated web is numbered on purpose and its 500s are permanent: no
# path-variant cap, no status retried (as `trawl compare` runs it).
GENERATED_WEB_FLAGS="--max-path-variants 0 --retry-on none"

BIN=${BIN:-.build/release/trawl}
HOSTS=${HOSTS:-20}
PAGES=${PAGES:-500}
LATENCY=${LATENCY:-50ms}
MODES=${MODES:-async threads pool processes}
WORKERS=${WORKERS:-2}
WORKER_MODE=${WORKER_MODE:-async}
CONCURRENCIES=${CONCURRENCIES:-16 256 1024}
REPEAT=${REPEAT:-3}
# Below Linux's ephemeral range (32768-60999), where the crawl's own
# connections of an earlier run may still hold the port.
PORT=${PORT:-$((20000 + RANDOM % 12000))}
OUT=${OUT:-output/bench-modes-$(date +%Y%m%d-%H%M%S)}

[ -x "$BIN" ] || { echo "build first: make release" >&2; exit 1; }
mkdir -p "$OUT"

start_server "$BIN" "$PORT" "$OUT/server.log" --seed 1 --hosts "$HOSTS" --pages "$PAGES" --latency "$LATENCY" \
    --truth "$OUT/truth.csv" --seeds-file "$OUT/seeds.txt"

source scripts/lib/no-state.sh
NO_STATE=$(no_state_flag "$BIN")
source scripts/lib/report-field.sh

echo "web: $HOSTS hosts x $PAGES pages, latency $LATENCY; modes: $MODES (processes: $WORKERS x $WORKER_MODE); concurrency: $CONCURRENCIES; $REPEAT repeats"
: >"$OUT/results.tsv"
for concurrency in $CONCURRENCIES; do
    for run in $(seq 1 "$REPEAT"); do
        for mode in $MODES; do
            dir="$OUT/$mode-c$concurrency-r$run"
            extra=()
            [ "$mode" = processes ] && extra=(--workers "$WORKERS" --worker-mode "$WORKER_MODE")
            "$BIN" crawl "$OUT/seeds.txt" --mode "$mode" "${extra[@]}" --concurrency "$concurrency" --per-host "$concurrency" \
                --connect-to "::127.0.0.1:$PORT" $GENERATED_WEB_FLAGS $NO_STATE --out "$dir" --quiet >"$dir.log" 2>&1 || { echo "run failed: $dir.log" >&2; cat "$dir.log" >&2; continue; }
            report="$dir/report.json"
            pps=$(field pages_per_second "$report")
            cpu=$(field cpu_seconds_per1000_pages "$report")
            rss=$(field peak_rss_bytes "$report")
            threads=$(field peak_threads "$report")
            if cmp -s "$OUT/truth.csv" "$dir/edges.csv"; then truth=match; else truth=DIFFERS; fi
            printf '%-9s c=%-5s run %d: %6.0f pages/s  %.3f CPU s/1000  RSS %6.1f MiB  threads %4d  edges %s\n' \
                "$mode" "$concurrency" "$run" "$pps" "$cpu" "$(awk -v r="$rss" 'BEGIN{print r/1048576}')" "$threads" "$truth"
            printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$concurrency" "$pps" "$cpu" "$rss" "$threads" >>"$OUT/results.tsv"
        done
    done
done

echo
echo "median over $REPEAT runs"
printf '%-9s %6s %10s %12s %10s %8s\n' mode conc pages/s "CPU s/1000" "RSS MiB" threads
for concurrency in $CONCURRENCIES; do
    for mode in $MODES; do
        awk -F'\t' -v m="$mode" -v c="$concurrency" '$1==m && $2==c' "$OUT/results.tsv" | sort -t$'\t' -k3 -g |
            awk -F'\t' '{a[NR]=$0} END{ if (NR==0) exit; split(a[int((NR+1)/2)], f, "\t");
                printf "%-9s %6s %10.0f %12.3f %10.1f %8d\n", f[1], f[2], f[3], f[4], f[5]/1048576, f[6] }'
    done
done
