#!/usr/bin/env bash
# The async frame sizes of a binary's async functions, largest first: what
# each call reserves in its task's allocator for as long as it is
# suspended. A crawl holds one job's chain of these frames per in-flight
# transfer (the driver's child task, the worker's perform, the fetch), so
# their sum is memory per connection (README, "Where the memory goes").
# Read from each function's async function pointer (mangled suffix "Tu":
# a relative function offset, then the initial context size, 4 bytes
# each), so the figures are exact and need no run.
#
#   scripts/async-frames.sh [BIN] [PATTERN] [COUNT]
#   scripts/async-frames.sh .build/release/trawl 'AsyncWorker|CurlMultiFetcher|InProcessDriver' 20
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/release/trawl}
PATTERN=${2:-Trawl}
COUNT=${3:-25}
[ -f "$BIN" ] || { echo "no binary at $BIN: make release" >&2; exit 1; }
# LOAD segments: file offset, virtual address, file size (hex).
mapfile -t segments < <(readelf -lW "$BIN" | awk '$1 == "LOAD" {print $2, $3, $5}')
file_offset() { # virtual address (decimal) -> file offset, or nothing
    local offset vaddr size
    for segment in "${segments[@]}"; do
        read -r offset vaddr size <<<"$segment"
        if (( $1 >= vaddr && $1 < vaddr + size )); then echo $(( $1 - vaddr + offset )); return; fi
    done
}
symbols=$(nm --defined-only "$BIN" | awk '$3 ~ /Tu$/ {print $1, $3}')
paste -d ' ' <(cut -d ' ' -f 1 <<<"$symbols") <(cut -d ' ' -f 2 <<<"$symbols" | swift demangle --simplified) |
while read -r address name; do
    [[ "$name" =~ $PATTERN ]] || continue
    offset=$(file_offset $((16#$address)))
    [ -n "$offset" ] || continue
    size=$(od -An -t u4 -j $((offset + 4)) -N 4 "$BIN" | tr -d ' ')
    printf '%6d %s\n' "$size" "${name#async function pointer to }"
done | sort -rn | head -n "$COUNT"
