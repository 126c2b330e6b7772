# Sourced by the benchmark scripts that compare strategies or trees:
#
#   source scripts/lib/no-state.sh
#   flags=$(no_state_flag "$BIN")   # "--no-state", or "" for a trawl before journals
#
# --mode processes keeps no journal, so a strategy comparison runs every
# mode without one; a trawl older than the journal has neither.
no_state_flag() { "$1" crawl --help 2>/dev/null | grep -q -- '--no-state' && echo --no-state || true; }
