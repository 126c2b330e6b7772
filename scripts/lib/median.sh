# Sourced by the benchmark scripts that print medians of labelled runs:
#
#   source scripts/lib/median.sh
#   median LABEL COLUMN      the median of COLUMN over the lines of
#                            $OUT/results.txt that start with LABEL
#   ... | median_of          the median of the numbers on standard input
#
# An even count gives the lower of the two middle values.
median_of() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
median() { grep "^$1 " "$OUT/results.txt" | awk -v c="$2" '{print $c}' | median_of; }
