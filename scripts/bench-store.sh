#!/usr/bin/env bash
# Benchmark: the crawl journal's store (TrawlStore, SQLite in WAL mode with
# synchronous=NORMAL). Inserts ROWS rows (default 1,000,000) of
# (url TEXT PRIMARY KEY, depth INT, state INT) through one prepared
# statement in group commits of BATCH rows (default 1,000), and prints
# rows/s, the file's bytes per URL once closed, and peak RSS. Extra
# arguments go to StoreBench (--without-rowid stores the table as its
# primary-key index alone).
#
#   scripts/bench-store.sh
#   ROWS=200000 BATCH=100 scripts/bench-store.sh
#   scripts/bench-store.sh --without-rowid
#
# The file is written in FOLDER (default .build/store-bench, on the same
# disk as the build, not a tmpfs) and removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
BATCH=${BATCH:-1000}
FOLDER=${FOLDER:-.build/store-bench}

mkdir -p "$FOLDER"
swift build -c release --product StoreBench 2>&1 | tail -1 >&2
.build/release/StoreBench --rows "$ROWS" --batch "$BATCH" --folder "$FOLDER" "$@"
