#!/usr/bin/env bash
# Benchmark `vitals extract load` + `vitals extract compute` (ten derived
# measures of def.json over twenty quarters) against the same measures
# written as SQL in the sqlite3 shell and in DuckDB, on the same generated
# extract, side by side in one run; and check that the three agree.
#
#   bench/derive/run.sh
#
# Environment:
#   SCALE=1     the size of the extract (gen.js): 1 is about 600,000
#               referrals (CIN episodes) and 400,000 CP plans of 320,000
#               children, 300,000 CIN plans besides, in five census files
#   REPS=3      repetitions of each of the three (alternating; medians)
#   QUICK=1     for development: SCALE=0.02, REPS=1
#   VITALS=path the vitals binary (default build/vitals; built if absent)
#   WORKDIR=dir where the files go (default a new directory in
#               ${TMPDIR:-/tmp}, removed at the end unless KEEP=1)
#
# (a) vitals: a fresh database (init, load def.json, extract key, retain
#     10 so that all five censuses are kept), then `extract load --format
#     cin` of each census file (timed together: "import") and `extract
#     compute` ("compute").  Each census holds the cases open in its year,
#     so a case open over several years is in several files, as in the
#     real census.
# (b) the sqlite3 shell: sql/sqlite.sql, its part before "@@ compute"
#     (.import of recs.csv into a new database file, WAL, synchronous
#     NORMAL) then the rest (the ten queries), each part one timed run.
# (c) DuckDB (@duckdb/node-api, installed into bench/derive/node_modules
#     by `npm install` here): sql/duckdb.sql run the same way by duckdb.js
#     on a new database file.
# Wall time, CPU time and peak RSS come from GNU time (/usr/bin/time); a
# vitals import is five processes: their times are summed, their peak is
# the largest.  The three run in a different order each repetition.
#
# The check: the figures vitals stores (its `export`, through jq), the
# sqlite3 shell's and DuckDB's are the same for every measure, period and
# breakdown (values to 6 decimal places; numerator and denominator where
# vitals stores them); a figure with no value (a percentage of nothing,
# the median of nothing) is left out on every side.  A disagreement ends
# the run with status 1 and the first differing rows.
#
# Needs node, jq, sqlite3, GNU time and npm (for DuckDB, once).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
scale=${SCALE:-1}
reps=${REPS:-3}
if [ "${QUICK:-0}" = 1 ]; then
	scale=${SCALE:-0.02}
	reps=${REPS:-1}
fi
vitals=${VITALS:-$root/build/vitals}

# --- tools -------------------------------------------------------------------
missing=()
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v jq >/dev/null || missing+=(jq)
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
command -v node >/dev/null || { echo "$0: needs node" >&2; exit 1; }
if [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
	echo "installing @duckdb/node-api into $here/node_modules" >&2
	(cd "$here" && npm install --no-audit --no-fund --loglevel=error \
		>/dev/null)
fi
if [ ! -x "$vitals" ]; then
	echo "building vitals in $root/build" >&2
	(cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		>/dev/null && cmake --build "$root/build" -j2 >/dev/null)
fi

work=${WORKDIR:-}
if [ -z "$work" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/vitals-derive.XXXXXX")
	[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/data"
data=$work/data
years="2021 2022 2023 2024 2025"

# The two parts of each SQL file.
for e in sqlite duckdb; do
	sed '/^-- @@ compute/,$d' "$here/sql/$e.sql" >"$work/$e-import.sql"
	sed -n '/^-- @@ compute/,$p' "$here/sql/$e.sql" >"$work/$e-compute.sql"
done

# --- one timed command: appends "wall user sys maxrss_kb" to $1 -------------
timed() {
	local out=$1 rc=0
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" || rc=$?
	tail -1 "$work/time.txt" >>"$out"
	return $rc
}

# Sums the lines of a times file: wall, user, sys summed, RSS the largest.
sum_times() {
	awk '{ w += $1; u += $2; s += $3; if ($4 > m) m = $4 }
	     END { printf "%.2f %.2f %.2f %d\n", w, u, s, m }' "$1"
}

# The figures as "measure period breakdown value numerator denominator",
# tab separated, sorted; values to 6 places, counts whole; rows with no
# value left out.
normalise() {
	awk -F'\t' -v OFS='\t' 'NF >= 6 && $4 != "" {
		n = $5 == "" ? "" : sprintf("%.0f", $5)
		d = $6 == "" ? "" : sprintf("%.0f", $6)
		print $1, $2, $3, sprintf("%.6f", $4), n, d }' "$1" |
		LC_ALL=C sort
}

# Compares two normalised files; the first is vitals' or a baseline,
# the second a baseline.  Numerator and denominator are compared where
# the first gives them.
agree() {	# name-a file-a name-b file-b
	awk -F'\t' -v an="$1" -v bn="$3" '
	FNR == NR { a[$1 "\t" $2 "\t" $3] = $0; next }
	{
		k = $1 "\t" $2 "\t" $3
		if (!(k in a)) { bad("only in " bn ": " $0); next }
		split(a[k], x, "\t")
		if (x[4] != $4 || (x[5] != "" && x[5] != $5) ||
		    (x[6] != "" && x[6] != $6))
			bad(an ": " a[k] "\n    " bn ": " $0)
		delete a[k]
	}
	END {
		for (k in a) bad("only in " an ": " a[k])
		if (nbad) {
			printf "%d rows differ between %s and %s\n", nbad, an, bn
			exit 1
		}
	}
	function bad(s) { if (nbad++ < 10) print "  " s }' "$2" "$4"
}

# --- the three -----------------------------------------------------------------
has_compute=1

run_vitals() {	# rep
	local db=$work/a.db
	rm -f "$db" "$db-wal" "$db-shm" "$db.key" "$work/vi.txt"
	"$vitals" --db "$db" init >/dev/null
	"$vitals" --db "$db" load "$here/def.json" >/dev/null
	"$vitals" --db "$db" extract key >/dev/null
	"$vitals" --db "$db" extract retain 10 >/dev/null
	for y in $years; do
		timed "$work/vi.txt" "$vitals" --db "$db" extract load \
			--format cin "$data/cin-$y.xml" >"$work/a-load.out" 2>&1 || {
			echo "$0: vitals extract load cin-$y.xml failed:" >&2
			tail -5 "$work/a-load.out" >&2
			exit 1
		}
	done
	sum_times "$work/vi.txt" >>"$work/vitals-import.txt"
	[ "$has_compute" = 1 ] || return 0
	if ! timed "$work/vitals-compute.txt" "$vitals" --db "$db" extract \
		compute >"$work/a-compute.out" 2>&1; then
		if grep -q 'usage: vitals .*extract key|load|list|retain' \
			"$work/a-compute.out"; then
			echo "vitals extract compute: not in this build; its rows and the check against vitals are left out"
			has_compute=0
			: >"$work/vitals-compute.txt"
			return 0
		fi
		echo "$0: vitals extract compute failed:" >&2
		tail -5 "$work/a-compute.out" >&2
		exit 1
	fi
	[ "$1" != 1 ] || echo "vitals: $(tail -1 "$work/a-compute.out")"
	"$vitals" --db "$db" export "$work/a-export.json" >/dev/null
	jq -r --slurpfile d "$here/def.json" '
		($d[0].measures | map(.code)) as $codes
		| [.values[]? | select(.measure as $m | $codes | index($m))]
		| group_by([.measure, .period, .breakdown])
		| map(max_by(.version))[]
		| [.measure, .period, (.breakdown // ""), (.value // ""),
		   (.numerator // ""), (.denominator // "")] | @tsv' \
		"$work/a-export.json" >"$work/a.out"
}

run_sqlite() {
	rm -f "$work/b.db" "$work/b.db-wal" "$work/b.db-shm"
	(cd "$data" && timed "$work/sqlite-import.txt" sqlite3 "$work/b.db" \
		<"$work/sqlite-import.sql" >/dev/null)
	(cd "$data" && timed "$work/sqlite-compute.txt" sqlite3 "$work/b.db" \
		<"$work/sqlite-compute.sql" >"$work/b.out")
}

run_duckdb() {
	rm -f "$work/c.duckdb" "$work/c.duckdb.wal"
	(cd "$data" && timed "$work/duckdb-import.txt" node "$here/duckdb.js" \
		"$work/c.duckdb" "$work/duckdb-import.sql" import >/dev/null)
	(cd "$data" && timed "$work/duckdb-compute.txt" node "$here/duckdb.js" \
		"$work/c.duckdb" "$work/duckdb-compute.sql" compute \
		>"$work/c.out")
}

check() {
	normalise "$work/b.out" >"$work/b.norm"
	normalise "$work/c.out" >"$work/c.norm"
	agree sqlite3 "$work/b.norm" duckdb "$work/c.norm" || exit 1
	if [ "$has_compute" = 1 ] && [ -f "$work/a.out" ]; then
		normalise "$work/a.out" >"$work/a.norm"
		agree vitals "$work/a.norm" sqlite3 "$work/b.norm" || exit 1
		agree vitals "$work/a.norm" duckdb "$work/c.norm" || exit 1
	fi
}

median() {	# file column
	cut -d' ' -f"$2" "$1" | sort -g |
		sed -n "$(( ($(wc -l <"$1") + 1) / 2 ))p"
}
cpu_median() {
	awk '{ printf "%.2f\n", $2 + $3 }' "$1" | sort -g |
		sed -n "$(( ($(wc -l <"$1") + 1) / 2 ))p"
}

# --- the runs --------------------------------------------------------------------
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "$("$vitals" --version 2>/dev/null | head -1); sqlite3 $(sqlite3 --version | cut -d' ' -f1);" \
	"DuckDB $(node -p "require('$here/node_modules/@duckdb/node-api/package.json').version"); node $(node --version)"
echo "work directory: $work ($(df -P "$work" | awk 'NR==2 { print $1 }'))"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "generating SCALE=$scale: $(SCALE=$scale node "$here/gen.js" "$data")"
echo "files: $(du -ch "$data"/cin-*.xml | tail -1 | cut -f1) of census XML" \
	"($(cat "$data"/cin-*.xml | grep -c '<CINdetails>') CINdetails in all)," \
	"$(du -h "$data/recs.csv" | cut -f1) of CSV ($(($(wc -l <"$data/recs.csv") - 1)) records)"
echo "$reps repetitions, alternating; medians below"
echo
for f in vitals-import vitals-compute sqlite-import sqlite-compute \
	duckdb-import duckdb-compute; do
	: >"$work/$f.txt"
done
for r in $(seq 1 "$reps"); do
	case $((r % 3)) in
	1) order="vitals sqlite duckdb" ;;
	2) order="duckdb sqlite vitals" ;;
	0) order="sqlite duckdb vitals" ;;
	esac
	for x in $order; do "run_$x" "$r"; done
	check
	line="rep $r ($order):"
	for x in vitals sqlite duckdb; do
		for p in import compute; do
			[ -s "$work/$x-$p.txt" ] || continue
			read -r w _ _ m <<<"$(tail -1 "$work/$x-$p.txt")"
			line="$line $x $p ${w}s ${m}KB;"
		done
	done
	echo "$line"
done
echo "the three agree: $(wc -l <"$work/b.norm") figures with a value" \
	"(10 measures x 20 quarters with their breakdowns)$([ "$has_compute" = 1 ] ||
		echo '; vitals not checked (no extract compute)')"

echo
printf '%-8s %-8s %8s %8s %8s\n' engine part wall_s cpu_s peak_MB
for x in vitals sqlite duckdb; do
	for p in import compute; do
		f=$work/$x-$p.txt
		[ -s "$f" ] || continue
		printf '%-8s %-8s %8.2f %8.2f %8.1f\n' "$x" "$p" "$(median "$f" 1)" \
			"$(cpu_median "$f")" "$(awk -v k="$(median "$f" 4)" 'BEGIN { print k / 1024 }')"
	done
	if [ -s "$work/$x-import.txt" ] && [ -s "$work/$x-compute.txt" ]; then
		paste -d' ' "$work/$x-import.txt" "$work/$x-compute.txt" |
			awk '{ m = $4 > $8 ? $4 : $8
			       printf "%.2f %.2f %.2f %d\n", $1 + $5, $2 + $6, $3 + $7, m }' \
			>"$work/$x-total.txt"
		printf '%-8s %-8s %8.2f %8.2f %8.1f\n' "$x" total \
			"$(median "$work/$x-total.txt" 1)" \
			"$(cpu_median "$work/$x-total.txt")" \
			"$(awk -v k="$(median "$work/$x-total.txt" 4)" 'BEGIN { print k / 1024 }')"
	fi
done
echo
echo "ratios (medians of wall time, then of CPU time): vitals/sqlite3 and vitals/duckdb"
for p in import compute total; do
	a=$work/vitals-$p.txt
	[ -s "$a" ] || { echo "  $p: vitals not measured"; continue; }
	if [ ! -s "$work/sqlite-$p.txt" ] || [ ! -s "$work/duckdb-$p.txt" ]; then
		continue
	fi
	awk -v p="$p" -v a="$(median "$a" 1)" -v b="$(median "$work/sqlite-$p.txt" 1)" \
		-v c="$(median "$work/duckdb-$p.txt" 1)" 'BEGIN {
		printf "  %-8s vitals/sqlite3 %5.2f   vitals/duckdb %5.2f\n", p, a / b, a / c }'
	awk -v p="$p" -v a="$(cpu_median "$a")" -v b="$(cpu_median "$work/sqlite-$p.txt")" \
		-v c="$(cpu_median "$work/duckdb-$p.txt")" 'BEGIN {
		printf "  %-8s (cpu)  sqlite3 %5.2f          duckdb %5.2f\n", p, a / b, a / c }'
done
echo "(seconds are wall-clock medians; cpu is user+sys; MB is peak RSS of the largest process)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
