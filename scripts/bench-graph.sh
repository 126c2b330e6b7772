#!/usr/bin/env bash
# Benchmark: `trawl graph` on a synthetic crawl output of NODES pages and
# EDGES distinct links (default 100,000 and 1,000,000): a heavy-tailed
# in-degree, 2 % of pages 404, 1 % 500, 1 % failed with a transport error,
# 2 % redirected (a redirects.csv row each), every tenth title quoted with
# a comma in it. Prints wall seconds and peak RSS under /usr/bin/time -v,
# REPEAT times. The output folder is generated once and kept (delete it or
# set OUT to start over).
#
#   scripts/bench-graph.sh
#   NODES=1000000 EDGES=10000000 REPEAT=1 scripts/bench-graph.sh
set -euo pipefail
cd "$(dirname "$0")/.."

NODES=${NODES:-100000}
EDGES=${EDGES:-1000000}
REPEAT=${REPEAT:-3}
OUT=${OUT:-${TMPDIR:-/tmp}/trawl-bench-graph-$NODES-$EDGES}
BIN=.build/release/trawl

if [ ! -f "$OUT/edges-ids.csv" ]; then
    mkdir -p "$OUT"
    echo "generating $NODES nodes, $EDGES edges in $OUT" >&2
    python3 - "$OUT" "$NODES" "$EDGES" <<'PY'
import random, sys
out, n, m = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(1)
status, error = [""] * n, [""] * n
for i in range(n):
    roll = rng.random()
    if roll < 0.02: status[i] = "404"
    elif roll < 0.03: status[i] = "500"
    elif roll < 0.04: error[i] = rng.choice(["dns", "connect", "timeout", "reset"])
    elif roll < 0.06: status[i] = "301"
    else: status[i] = "200"
url = [f"http://h{i % 500}.bench.test/p/{i}" for i in range(n)]
with open(f"{out}/nodes.csv", "w") as f:
    f.write("id,url,host,status,content_type,bytes,depth,error,title,fetched_at\n")
    for i in range(n):
        fetched = status[i] != ""
        title = f'"Page {i}, ""quoted"""' if i % 10 == 0 else f"Page {i}"
        f.write(f"{i},{url[i]},h{i % 500}.bench.test,{status[i]},{'text/html' if fetched else ''},"
                f"{rng.randrange(500, 90000) if fetched else ''},{i % 7},{error[i]},{title if fetched else ''},"
                f"{'2025-01-02T03:04:05Z' if fetched else ''}\n")
# Links leave 200 pages only; targets lean to low ids (x^3), as links lean
# to home and hub pages, and a quarter are uniform.
sources = [i for i in range(n) if status[i] == "200"]
edges = set()
while len(edges) < m:
    source = rng.choice(sources)
    target = int(n * rng.random() ** 3) if rng.random() < 0.75 else rng.randrange(n)
    edges.add((source, target))
with open(f"{out}/edges-ids.csv", "w") as f:
    f.write("source_id,target_id\n")
    f.writelines(f"{s},{t}\n" for s, t in sorted(edges))
with open(f"{out}/redirects.csv", "w") as f:
    f.write("source,target,status\n")
    for i in range(n):
        if status[i] == "301":
            f.write(f"{url[i]},{url[rng.choice(sources)]},301\n")
PY
fi

swift build -c release --product trawl 2>&1 | tail -1 >&2
ls -l "$OUT" | awk 'NR > 1 { printf "  %-14s %6.1f MB\n", $9, $5 / 1e6 }' >&2
TIMES=$(mktemp)
trap 'rm -f "$TIMES"' EXIT
for run in $(seq "$REPEAT"); do
    /usr/bin/time -v "$BIN" graph "$OUT" >/dev/null 2>"$TIMES" || { cat "$TIMES" >&2; exit 1; }
    awk -v run="$run" '
        /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = (n == 3 ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2]) }
        /Maximum resident set size/ { rss = $NF / 1024 }
        /User time/ { user = $NF } /System time/ { sys = $NF }
        END { printf "run %d: wall %.2f s  user %.2f s  sys %.2f s  peak RSS %.1f MiB\n", run, wall, user, sys, rss }
    ' "$TIMES"
done
