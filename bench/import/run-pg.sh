#!/usr/bin/env bash
# Benchmark `vitals returns import` into PostgreSQL against `psql \copy` of
# the same CSV into a plain table on the same server, side by side, for
# three shapes of the same number of rows.
#
#   bench/import/run-pg.sh [ROWS]        (default 1000000)
#
# Environment: REPS=3 (repetitions, alternating; medians shown); SHAPES
# (default "2000 10000 200000": the numbers of measures, each shape ROWS
# rows, so 500, 100 and 5 quarters at 1,000,000 rows); FLOOR=1 (default)
# also times, in each repetition, the floor: psql's \copy of the very versions
# vitals wrote into measure_value of a database holding the definition,
# with the key trigger off as vitals has it, no check at all; VITALS
# (default build/vitals, built if absent), WORKDIR and KEEP=1 as run.sh.
# Quick: REPS=1 bench/import/run-pg.sh 100000
#
# It runs itself under scripts/pg-test, which installs PostgreSQL when it
# is missing and starts a throwaway server on 127.0.0.1 (with fsync,
# full_page_writes and synchronous_commit off: the same for both sides).
# Each vitals import goes into a fresh database copied from one that holds
# only the definition (CREATE DATABASE ... TEMPLATE, not timed); each
# \copy into a fresh database with one table of four typed columns and no
# key.  The server does most of the work, so wall time is the measure; the
# peak RSS is vitals' own (the client).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ -z "${VT_TEST_PG_ADMIN:-}" ]; then
	exec "$root/scripts/pg-test" run "$0" "$@"
fi

rows=${1:-1000000}
reps=${REPS:-3}
shapes=${SHAPES:-2000 10000 200000}
floor=${FLOOR:-1}
vitals=${VITALS:-$root/build/vitals}
case $rows in ''|*[!0-9]*) echo "usage: $0 [ROWS]" >&2; exit 2;; esac
[ -x /usr/bin/time ] || { echo "$0: needs GNU time (apt-get install time)" >&2; exit 1; }
if [ ! -x "$vitals" ]; then
	(mkdir -p "$root/build" && cd "$root/build" && cmake .. >/dev/null &&
		cmake --build . -j2 >/dev/null)
fi

work=${WORKDIR:-}
if [ -z "$work" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/vitals-bench-pg.XXXXXX")
	[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
cc -O2 -std=c11 -Wall -Wextra -o "$work/gen" "$here/gen.c"

server=${VT_TEST_PG_ADMIN%/*}
export PGOPTIONS="-c client_min_messages=warning"	# no "does not exist, skipping"
admin() { psql -X -q -v ON_ERROR_STOP=1 "$VT_TEST_PG_ADMIN" "$@" >/dev/null; }
timed() {	# results-file command...
	local out=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@"
	cat "$work/time.txt" >>"$out"
}
columns="measure, period, breakdown, version, value, suppressed, numerator, denominator, note, status, illustrative, by, at"

run_vitals() {	# measures
	admin -c "DROP DATABASE IF EXISTS bench_a" \
		-c "CREATE DATABASE bench_a TEMPLATE bench_base_$1"
	timed "$work/a-$1.txt" "$vitals" --db "$server/bench_a" returns import \
		"$work/data-$1.csv" >"$work/a.out"
	grep -q "^rows: $rows (0 empty rows skipped); $rows added," "$work/a.out" || {
		echo "$0: vitals did not import $rows rows:" >&2
		tail -3 "$work/a.out" >&2
		exit 1
	}
}

run_copy() {	# measures
	admin -c "DROP DATABASE IF EXISTS bench_b" -c "CREATE DATABASE bench_b"
	psql -X -q "$server/bench_b" -c \
		'CREATE TABLE t (agency text, measure text, period text, value integer)'
	timed "$work/b-$1.txt" psql -X -q "$server/bench_b" -c \
		"\\copy t FROM '$work/data-$1.csv' WITH (FORMAT csv, HEADER true)"
	local n
	n=$(psql -X -At "$server/bench_b" -c 'SELECT count(*) FROM t')
	[ "$n" = "$rows" ] || { echo "$0: \\copy loaded $n rows, not $rows" >&2; exit 1; }
}

# The versions vitals wrote, straight into measure_value: what is left
# when nothing is read, checked or compared.
run_floor() {	# measures
	[ -s "$work/versions.tsv" ] ||
		psql -X -q "$server/bench_a" -c "\\copy (SELECT $columns FROM measure_value ORDER BY id) TO '$work/versions.tsv'"
	admin -c "DROP DATABASE IF EXISTS bench_f" \
		-c "CREATE DATABASE bench_f TEMPLATE bench_base_$1"
	timed "$work/f-$1.txt" psql -X -q -v ON_ERROR_STOP=1 "$server/bench_f" \
		-c "SET session_replication_role = replica" \
		-c "\\copy measure_value ($columns) FROM '$work/versions.tsv'"
}

median() { cut -d' ' -f"$2" "$1" | sort -g | sed -n "$(( ($(wc -l <"$1") + 1) / 2 ))p"; }

echo "machine: $(nproc) CPUs; $(psql -X -At "$VT_TEST_PG_ADMIN" -c 'SHOW server_version' | cut -d' ' -f1) PostgreSQL; $("$vitals" --version | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for m in $shapes; do
	"$work/gen" "$rows" "$work/def-$m.json" "$work/data-$m.csv" "$m"
	admin -c "DROP DATABASE IF EXISTS bench_base_$m" -c "CREATE DATABASE bench_base_$m"
	"$vitals" --db "$server/bench_base_$m" init >/dev/null
	"$vitals" --db "$server/bench_base_$m" load "$work/def-$m.json" >/dev/null
	: >"$work/a-$m.txt"
	: >"$work/b-$m.txt"
	: >"$work/f-$m.txt"
	for r in $(seq 1 "$reps"); do
		if [ $((r % 2)) = 1 ]; then
			run_vitals "$m"; run_copy "$m"
			[ "$floor" != 1 ] || run_floor "$m"
		else
			[ "$floor" != 1 ] || run_floor "$m"
			run_copy "$m"; run_vitals "$m"
		fi
		printf '%7s measures x %s quarters, rep %s: vitals %s s (%s KB); psql \\copy %s s; floor %s s\n' \
			"$m" "$(( (rows + m - 1) / m ))" "$r" \
			"$(tail -1 "$work/a-$m.txt" | cut -d' ' -f1)" \
			"$(tail -1 "$work/a-$m.txt" | cut -d' ' -f4)" \
			"$(tail -1 "$work/b-$m.txt" | cut -d' ' -f1)" \
			"$(tail -1 "$work/f-$m.txt" | cut -d' ' -f1)"
	done
	rm -f "$work/versions.tsv"
	admin -c "DROP DATABASE IF EXISTS bench_base_$m"
	rm -f "$work/data-$m.csv"
done

printf '\n%9s %9s %9s %9s %12s %6s %9s %10s\n' rows measures quarters vitals_s psql_copy_s ratio floor_s vitals_MB
for m in $shapes; do
	a=$(median "$work/a-$m.txt" 1)
	b=$(median "$work/b-$m.txt" 1)
	k=$(median "$work/a-$m.txt" 4)
	f=0
	[ ! -s "$work/f-$m.txt" ] || f=$(median "$work/f-$m.txt" 1)
	awk -v n="$rows" -v m="$m" -v a="$a" -v b="$b" -v k="$k" -v f="$f" 'BEGIN {
		printf "%9d %9d %9d %9.2f %12.2f %6.1f %9.2f %10.1f\n",
			n, m, (n + m - 1) / m, a, b, a / b, f, k / 1024 }'
done
echo "(seconds are wall-clock medians; MB is vitals' peak RSS)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
