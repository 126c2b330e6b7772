#!/usr/bin/env bash
# Benchmark: the Redis seen set of issue 16 (SCALE-OUT.md §4), int64 URL
# fingerprints in intset buckets. RedisSeenBench starts its own private
# redis-server (RedisServerProcess, in /tmp/trawl-redis-XXXXXX, removed
# afterwards), SADDs URLS (default 1,000,000) random int64s as decimal
# strings into BUCKETS (default 4,096) sets {0}:s:<b>, BATCH (default
# 10,000) commands per pipeline, and prints the growth of INFO's
# used_memory per URL, the time taken and every bucket's encoding (it
# exits 1 unless all are intset).
#
#   scripts/bench-redis-seen.sh
#   URLS=10000000 BUCKETS=65536 scripts/bench-redis-seen.sh
set -euo pipefail
cd "$(dirname "$0")/.."

URLS=${URLS:-1000000}
BUCKETS=${BUCKETS:-4096}
BATCH=${BATCH:-10000}

swift build -c release --product RedisSeenBench 2>&1 | tail -1 >&2
.build/release/RedisSeenBench --urls "$URLS" --buckets "$BUCKETS" --batch "$BATCH" "$@"
