# Sourced by the benchmark scripts that read a run's report.json:
#
#   source scripts/lib/report-field.sh
#   field pages_per_second OUT/report.json    # the first number under that key
field() { grep -o "\"$1\" : [0-9.e+-]*" "$2" | head -1 | awk '{print $3}'; }
