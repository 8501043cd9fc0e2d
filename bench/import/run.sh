#!/usr/bin/env bash
# Benchmark `vitals returns import` against the sqlite3 shell's `.import`
# of the same CSV into a plain table, side by side, in one run.
#
#   bench/import/run.sh [ROWS]          (default 1000000)
#
# Environment:
#   SHAPES="2000 10000 200000"
#                   the number of measures of each shape of return: ROWS
#                   rows are ROWS/MEASURES quarters of every measure
#                   (1,000,000 rows: 500, 100 and 5 quarters)
#   QUICK=1         for development: 100,000 rows of 200, 1,000 and 20,000
#                   measures (the same quarters), REPS=1, no profile
#   REPS=3          repetitions of each import per size (the median is shown)
#   TREND=""        smaller sizes run first for the first shape, to show how
#                   peak memory and time follow the file size (say
#                   "100000 300000")
#   PROFILE=1       after the timings, one more vitals import of ROWS rows
#                   under stmtprof.so: seconds per SQL statement (0 to skip)
#   VITALS=path     the vitals binary (default build/vitals; built if absent)
#   WORKDIR=dir     where the files go (default a new directory in
#                   ${TMPDIR:-/tmp}, removed at the end unless KEEP=1)
#
# Both imports write to the same directory, so to the same disk.  Each
# vitals import goes into a fresh copy of a database that holds only the
# definition (init + load); each sqlite3 import into a new database file.
# The sqlite3 database is put in WAL mode with synchronous=NORMAL, as
# vitals sets its own, and the table is created first with typed columns
# and no key or constraint.  The two alternate (A B, then B A, ...).
# Wall time, CPU time and peak RSS come from GNU time (/usr/bin/time).
#
# Needs cc, sqlite3 and GNU time; when sqlite3 or time is missing and
# apt-get can be run, it installs the Debian packages `sqlite3` and `time`.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rows=${1:-1000000}
reps=${REPS:-3}
trend=${TREND-}
profile=${PROFILE:-1}
shapes=${SHAPES:-2000 10000 200000}
if [ "${QUICK:-0}" = 1 ]; then
	rows=${1:-100000}
	reps=${REPS:-1}
	profile=${PROFILE:-0}
	shapes=${SHAPES:-200 1000 20000}
fi
vitals=${VITALS:-$root/build/vitals}

case $rows in ''|*[!0-9]*) echo "usage: $0 [ROWS]" >&2; exit 2;; esac

# --- tools ---------------------------------------------------------------
missing=()
command -v sqlite3 >/dev/null || missing+=(sqlite3)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
	if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
		echo "installing ${missing[*]} with apt-get" >&2
		apt-get update -qq >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			"${missing[@]}" >/dev/null
	else
		echo "$0: needs ${missing[*]} (Debian: apt-get install" \
			"${missing[*]})" >&2
		exit 1
	fi
fi
command -v cc >/dev/null || { echo "$0: needs a C compiler (cc)" >&2; exit 1; }
if [ ! -x "$vitals" ]; then
	echo "building vitals in $root/build" >&2
	(mkdir -p "$root/build" && cd "$root/build" && cmake .. >/dev/null &&
		cmake --build . -j2 >/dev/null)
fi

work=${WORKDIR:-}
if [ -z "$work" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/vitals-bench.XXXXXX")
	[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
cc -O2 -std=c11 -Wall -Wextra -o "$work/gen" "$here/gen.c"
cc -O2 -Wall -Wextra -shared -fPIC -o "$work/stmtprof.so" \
	"$here/stmtprof.c" -ldl

# --- one timed command: appends "wall user sys maxrss_kb" to $1 ----------
timed() {
	local out=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@"
	cat "$work/time.txt" >>"$out"
}

run_vitals() {	# rows data.csv results-file
	cp "$work/base.db" "$work/a.db"
	rm -f "$work/a.db-wal" "$work/a.db-shm"
	timed "$3" "$vitals" --db "$work/a.db" returns import "$2" \
		>"$work/a.out"
	if ! grep -q "^rows: $1 (0 empty rows skipped); $1 added," \
		"$work/a.out"; then
		echo "$0: vitals did not import $1 rows:" >&2
		tail -3 "$work/a.out" >&2
		exit 1
	fi
}

run_sqlite() {	# rows data.csv results-file
	rm -f "$work/b.db" "$work/b.db-wal" "$work/b.db-shm"
	timed "$3" sqlite3 "$work/b.db" \
		'PRAGMA journal_mode = WAL;' 'PRAGMA synchronous = NORMAL;' \
		'CREATE TABLE t (agency TEXT, measure TEXT, period TEXT, value INTEGER);' \
		".import --csv --skip 1 $2 t" >/dev/null
	local n
	n=$(sqlite3 "$work/b.db" 'SELECT count(*) FROM t')
	if [ "$n" != "$1" ]; then
		echo "$0: sqlite3 imported $n rows, not $1" >&2
		exit 1
	fi
}

median() {	# column of a results file
	cut -d' ' -f"$2" "$1" | sort -g | sed -n "$(( ($(wc -l <"$1") + 1) / 2 ))p"
}
cpu_median() {	# user + sys
	while read -r _ u s _; do echo "$u $s"; done <"$1" |
		awk '{ printf "%.2f\n", $1 + $2 }' | sort -g |
		sed -n "$(( ($(wc -l <"$1") + 1) / 2 ))p"
}

# --- the runs --------------------------------------------------------------
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1); $("$vitals" --version 2>/dev/null | head -1)"
echo "work directory: $work ($(df -P "$work" | awk 'NR==2 { print $1 }'))"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$reps repetitions per size, alternating; medians below"
echo
summary=$work/summary.txt
: >"$summary"
first=${shapes%% *}
for m in $shapes; do
	sizes=$rows
	[ "$m" != "$first" ] || sizes="$trend $rows"
	"$work/gen" 1 "$work/def-$m.json" "$work/one.csv" "$m"
	rm -f "$work/base.db" "$work/base.db-wal" "$work/base.db-shm"
	"$vitals" --db "$work/base.db" init >/dev/null
	"$vitals" --db "$work/base.db" load "$work/def-$m.json" >/dev/null
	for n in $sizes; do
	"$work/gen" "$n" "$work/def-$m.json" "$work/data-$m-$n.csv" "$m"
	: >"$work/a-$m-$n.txt"
	: >"$work/b-$m-$n.txt"
	for r in $(seq 1 "$reps"); do
		if [ $((r % 2)) = 1 ]; then
			run_vitals "$n" "$work/data-$m-$n.csv" "$work/a-$m-$n.txt"
			run_sqlite "$n" "$work/data-$m-$n.csv" "$work/b-$m-$n.txt"
		else
			run_sqlite "$n" "$work/data-$m-$n.csv" "$work/b-$m-$n.txt"
			run_vitals "$n" "$work/data-$m-$n.csv" "$work/a-$m-$n.txt"
		fi
		read -r aw au as am <<<"$(tail -1 "$work/a-$m-$n.txt")"
		read -r bw bu bs bm <<<"$(tail -1 "$work/b-$m-$n.txt")"
		printf '%8s rows of %s measures, rep %s: vitals %s s (cpu %s+%s, %s KB); sqlite3 %s s (cpu %s+%s, %s KB)\n' \
			"$n" "$m" "$r" "$aw" "$au" "$as" "$am" "$bw" "$bu" "$bs" "$bm"
	done
	echo "$n $m $(median "$work/a-$m-$n.txt" 1) $(median "$work/b-$m-$n.txt" 1)" \
		"$(cpu_median "$work/a-$m-$n.txt") $(cpu_median "$work/b-$m-$n.txt")" \
		"$(median "$work/a-$m-$n.txt" 4) $(median "$work/b-$m-$n.txt" 4)" \
		>>"$summary"
	[ "$n" = "$rows" ] && [ "$m" = "$first" ] ||
		rm -f "$work/data-$m-$n.csv"
	done
	[ "$m" = "$first" ] || rm -f "$work/def-$m.json"
done

echo
printf '%9s %8s %8s %9s %10s %6s %9s %10s %8s %10s %11s\n' rows measures \
	quarters vitals_s sqlite3_s ratio vitals_cpu sqlite3_cpu cpu_ratio \
	vitals_MB sqlite3_MB
while read -r n m a b ac bc am bm; do
	awk -v n="$n" -v m="$m" -v a="$a" -v b="$b" -v ac="$ac" -v bc="$bc" \
		-v am="$am" -v bm="$bm" 'BEGIN {
		printf "%9d %8d %8d %9.2f %10.2f %6.1f %9.2f %10.2f %8.1f %10.1f %11.1f\n",
			n, m, (n + m - 1) / m, a, b, a / b, ac, bc, ac / bc,
			am / 1024, bm / 1024 }'
done <"$summary"
echo "(seconds are wall-clock medians; _cpu is user+sys; MB is peak RSS)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- where vitals spends it --------------------------------------------------
if [ "$profile" = 1 ]; then
	# the first shape, whose definition base.db no longer holds
	rm -f "$work/base.db" "$work/base.db-wal" "$work/base.db-shm"
	"$vitals" --db "$work/base.db" init >/dev/null
	"$vitals" --db "$work/base.db" load "$work/def-$first.json" >/dev/null
	cp "$work/base.db" "$work/a.db"
	rm -f "$work/a.db-wal" "$work/a.db-shm"
	STMTPROF_OUT=$work/profile.txt LD_PRELOAD=$work/stmtprof.so \
		"$vitals" --db "$work/a.db" returns import \
		"$work/data-$first-$rows.csv" >/dev/null
	echo
	echo "vitals returns import of $rows rows of $first measures, by SQL statement (stmtprof):"
	head -12 "$work/profile.txt" | cut -c1-140
fi
