#!/usr/bin/env bash
# Fuzz trawl's parsers of hostile input with libFuzzer and AddressSanitizer:
# the HTML link extractor (with link resolution) and the robots.txt parser.
#
#   scripts/fuzz.sh                         # every target, 60 s each
#   scripts/fuzz.sh FuzzRobots 300          # one target for 5 minutes
#   FUZZ_FLAGS="-jobs=2 -workers=2" scripts/fuzz.sh FuzzLinkExtractor 600
#
# The seed corpus is Fuzz/Corpus/<target>/ (committed, never written to),
# and Fuzz/Dictionaries/<target>.dict the tokens mutations splice in;
# what the fuzzer learns goes to Fuzz/.build/corpus/<target>/ and crashing
# inputs to Fuzz/.build/crashes/<target>/, both git-ignored. Reproduce a
# crash with `Fuzz/.build/release/<target> <file>`; minimize it with
# `… -minimize_crash=1 -runs=100000 <file>`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH

ALL_TARGETS=(FuzzLinkExtractor FuzzRobots)
target=${1:-all}
seconds=${2:-60}
case "$target" in
    all) targets=("${ALL_TARGETS[@]}") ;;
    FuzzLinkExtractor | FuzzRobots) targets=("$target") ;;
    *) echo "error: unknown fuzz target '$target' (expected one of: all ${ALL_TARGETS[*]})" >&2; exit 2 ;;
esac
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "error: seconds must be a positive integer, got '$seconds'" >&2; exit 2; }

# -sanitize=fuzzer links libFuzzer and instruments every Swift module for
# coverage (libxml2 and libcurl are the system's, uninstrumented: ASan sees
# their malloc/free and memcpy, not their own reads and writes);
# -parse-as-library is what SwiftPM already does for an executable without
# main.swift, given here so no module emits a top-level main. The targets
# start libFuzzer from their @main (see Fuzz/Sources/FuzzSupport).
BUILD=(swift build --package-path Fuzz -c release
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
"${BUILD[@]}"
bin=$("${BUILD[@]}" --show-bin-path)

failed=()
for t in "${targets[@]}"; do
    mkdir -p "Fuzz/.build/corpus/$t" "Fuzz/.build/crashes/$t"
    echo "== $t for ${seconds}s"
    # -timeout: an input that takes 10 s is a hang worth reporting.
    # shellcheck disable=SC2086
    if ! "$bin/$t" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
        -dict="Fuzz/Dictionaries/$t.dict" -artifact_prefix="Fuzz/.build/crashes/$t/" ${FUZZ_FLAGS:-} \
        "Fuzz/.build/corpus/$t" "Fuzz/Corpus/$t"; then
        failed+=("$t")
    fi
done
if ((${#failed[@]})); then
    echo "fuzzing found failures in: ${failed[*]} (inputs under Fuzz/.build/crashes/)" >&2
    exit 1
fi
