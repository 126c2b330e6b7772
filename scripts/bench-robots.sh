#!/usr/bin/env bash
# Benchmark: µs per robots.txt check (path canonicalization plus the rules'
# walk) for hostile files at RFC 9309's 500 KiB limit against an 8 KiB URL,
# and for a realistic 1,000-rule file against a 2 KiB URL; with the verdict
# and the bytes examined against RobotsRules.workBudget. REPEAT rounds of
# ~50 ms each, min / median / max. BEFORE=1 also times, once per file, the
# backtracking matcher that issue 19 replaced (seconds per hostile URL).
#
#   scripts/bench-robots.sh
#   REPEAT=9 BEFORE=1 scripts/bench-robots.sh
#   scripts/bench-robots.sh tiny-wildcards realistic     # only these files
set -euo pipefail
cd "$(dirname "$0")/.."

REPEAT=${REPEAT:-5}
BEFORE=${BEFORE:-0}

swift build -c release --product RobotsBench 2>&1 | tail -1 >&2
args=("$REPEAT" "$@")
[ "$BEFORE" = 1 ] && args+=(--before)
.build/release/RobotsBench "${args[@]}"
