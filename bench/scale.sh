#!/usr/bin/env bash
# The demo partnership K times its size, as definition files in DIR, for
# the benchmarks (bench/report/run.sh, bench/http/scale.sh).
#
#   bench/scale.sh K DIR [DEMO.json]
#   for f in DIR/part-*.json; do vitals --db DB load "$f"; done
#
# DIR/part-000.json is the definition without its figures and comparators;
# the parts after it carry these, 40,000 records a file (`vitals load`
# takes files of up to 64 MB).  Loaded in order into an empty database,
# they make the partnership.
# K copies of every agency with its plans, priorities, objectives, measures,
# figures, actions, impact narratives, returns, case reviews and agency
# leads; each measure's series K times as long (extended back in time); and
# published comparators for the rate measures.  bench/scale.jq says exactly
# what is copied and how.  DEMO.json is an export of the demo; left out, one
# is made with $VITALS (default build/vitals).  Environment: PERIODS=P
# makes the series P times as long instead of K; LAS=N local authorities
# a year in the comparators (default 152, as England has); COMPARED="CODE
# ..." the measures given comparators besides the rate measures (ns-m1).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
[ $# -ge 2 ] && [ "$1" -ge 1 ] 2>/dev/null ||
	{ echo "usage: $0 K DIR [DEMO.json]" >&2; exit 2; }
k=$1
out=$2
command -v jq >/dev/null || { echo "$0: needs jq" >&2; exit 1; }
mkdir -p "$out"
rm -f "$out"/part-*.json
if [ $# -ge 3 ]; then
	demo=$3
else
	vitals=${VITALS:-$root/build/vitals}
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-scale.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	"$vitals" --db "$tmp/demo.db" demo >/dev/null
	"$vitals" --db "$tmp/demo.db" export "$tmp/demo.json" >/dev/null
	demo=$tmp/demo.json
fi
jq --argjson k "$k" --argjson p "${PERIODS:-$k}" --argjson las "${LAS:-152}" \
	--arg compared "${COMPARED:-ns-m1}" \
	-c -f "$here/scale.jq" "$demo" |
	split -l 1 -d -a 3 --additional-suffix=.json - "$out/part-"
