#!/usr/bin/env bash
# Benchmark `vitals report` on the demo partnership at 1x, 4x and 16x its
# size (bench/scale.sh: K times the agencies, plans, measures, actions and
# case reviews, each measure's series K times as long, so K * K the
# figures), side by side with `vitals export` of the same database (reading
# everything, writing one file) as the baseline, in one run.
#
#   bench/report/run.sh [SCALES]        (default "1 4 16")
#
# Environment:
#   REPS=3          repetitions of each command per scale (median shown)
#   FORMATS="html pdf"
#                   the report's formats to time
#   VITALS=path     the vitals binary (default build/vitals; built if absent)
#   WORKDIR=dir     where the databases go (default a new directory in
#                   ${TMPDIR:-/tmp}, removed at the end unless KEEP=1)
#
# Wall time and peak RSS come from GNU time.  Each command runs on the
# same database file, alternating (export, then each format, repeated).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
scales=${1:-1 4 16}
reps=${REPS:-3}
formats=${FORMATS:-html pdf}
vitals=${VITALS:-$root/build/vitals}

for tool in jq /usr/bin/time; do
	command -v "$tool" >/dev/null ||
		{ echo "$0: needs $tool (Debian: jq, time)" >&2; exit 1; }
done
if [ ! -x "$vitals" ]; then
	echo "building vitals in $root/build" >&2
	(mkdir -p "$root/build" && cd "$root/build" && cmake .. >/dev/null &&
		cmake --build . -j2 >/dev/null)
fi
work=${WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/bench-report.XXXXXX")}
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
cd "$work"

rm -f demo.db
"$vitals" --db demo.db demo >/dev/null
"$vitals" --db demo.db export demo.json

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# run NAME CMD...: one timed run; appends "seconds kilobytes" to NAME.t
run() {
	local name=$1
	shift
	/usr/bin/time -f '%e %M' -o time.out "$@" >/dev/null
	cat time.out >>"$name.t"
}

echo "load average before: $(cat /proc/loadavg)"
printf '%-6s %8s %8s %8s %8s %7s %10s %8s %9s\n' scale agencies measures \
	figures actions reviews command seconds "peak MB"
for k in $scales; do
	"$here/../scale.sh" "$k" "def$k" demo.json
	rm -f "s$k.db"
	"$vitals" --db "s$k.db" init >/dev/null
	for f in "def$k"/part-*.json; do
		"$vitals" --db "s$k.db" load "$f" >/dev/null
	done
	rm -f ./*.t
	for _ in $(seq "$reps"); do
		run export "$vitals" --db "s$k.db" export out.json
		for f in $formats; do
			run "$f" "$vitals" --db "s$k.db" report --period 2026Q3 \
				--format "$f" -o "out.$f"
		done
	done
	g=$(jq '.agencies | length' "def$k/part-000.json")
	m=$(jq '.measures | length' "def$k/part-000.json")
	v=$(cat "def$k"/part-*.json | jq -s 'map(.values // [] | length) | add')
	a=$(jq '.actions | length' "def$k/part-000.json")
	r=$(jq '.reviews | length' "def$k/part-000.json")
	for c in export $formats; do
		secs=$(cut -d' ' -f1 "$c.t" | median)
		kb=$(cut -d' ' -f2 "$c.t" | median)
		printf '%-6s %8s %8s %8s %8s %7s %10s %8s %9.1f\n' "${k}x" \
			"$g" "$m" "$v" "$a" "$r" "$c" "$secs" \
			"$(echo "$kb / 1024" | bc -l)"
		echo "$k $c $secs $kb" >>"$work/all.txt"
	done
done

# Growth: time at the largest scale over time at the smallest, per command.
first=$(echo "$scales" | awk '{print $1}')
last=$(echo "$scales" | awk '{print $NF}')
echo
for c in export $formats; do
	awk -v c="$c" -v f="$first" -v l="$last" '
		$2 == c && $1 == f { t0 = $3; m0 = $4 }
		$2 == c && $1 == l { t1 = $3; m1 = $4 }
		END { printf "%-7s %sx data: %.1fx the time, %.1fx the memory\n",
			c, l / f, (t0 > 0 ? t1 / t0 : 0), (m0 > 0 ? m1 / m0 : 0) }
	' "$work/all.txt"
done
echo "load average after: $(cat /proc/loadavg)"
