# Sourced by the benchmark scripts, from the repository root:
#
#   source scripts/lib/serve.sh
#   start_server BIN PORT LOGFILE [more `trawl serve` arguments...]
#
# Starts `BIN serve --port PORT ...` in the background with its output in
# LOGFILE, sets SERVER to its pid, kills it when the script exits, and waits
# up to 30 s for "listening" in LOGFILE. If the server dies first, prints
# LOGFILE to stderr and exits 1.
start_server() {
    local bin=$1 port=$2 log=$3
    shift 3
    "$bin" serve --port "$port" "$@" >"$log" 2>&1 &
    SERVER=$!
    trap 'kill $SERVER 2>/dev/null || true' EXIT
    for _ in $(seq 1 300); do
        grep -q "listening" "$log" 2>/dev/null && break
        kill -0 "$SERVER" 2>/dev/null || { cat "$log" >&2; exit 1; }
        sleep 0.1
    done
}
