#!/usr/bin/env bash
# Benchmark `vitals returns import` into PostgreSQL against `psql \copy` of
# the same CSV into a plain table on the same server, side by side.
#
#   bench/import/run-pg.sh [ROWS]        (default 1000000)
#
# Environment: REPS=3 (repetitions, alternating; medians shown), VITALS
# (default build/vitals, built if absent), WORKDIR and KEEP=1 as run.sh.
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
admin() { psql -X -q -v ON_ERROR_STOP=1 "$VT_TEST_PG_ADMIN" "$@" >/dev/null; }
timed() {	# results-file command...
	local out=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@"
	cat "$work/time.txt" >>"$out"
}

"$work/gen" "$rows" "$work/def.json" "$work/data.csv"
admin -c "CREATE DATABASE bench_base"
"$vitals" --db "$server/bench_base" init >/dev/null
"$vitals" --db "$server/bench_base" load "$work/def.json" >/dev/null

run_vitals() {
	admin -c "DROP DATABASE IF EXISTS bench_a" \
		-c "CREATE DATABASE bench_a TEMPLATE bench_base"
	timed "$work/a.txt" "$vitals" --db "$server/bench_a" returns import \
		"$work/data.csv" >"$work/a.out"
	grep -q "^rows: $rows (0 empty rows skipped); $rows added," "$work/a.out" || {
		echo "$0: vitals did not import $rows rows:" >&2
		tail -3 "$work/a.out" >&2
		exit 1
	}
}

run_copy() {
	admin -c "DROP DATABASE IF EXISTS bench_b" -c "CREATE DATABASE bench_b"
	psql -X -q "$server/bench_b" -c \
		'CREATE TABLE t (agency text, measure text, period text, value integer)'
	timed "$work/b.txt" psql -X -q "$server/bench_b" -c \
		"\\copy t FROM '$work/data.csv' WITH (FORMAT csv, HEADER true)"
	local n
	n=$(psql -X -At "$server/bench_b" -c 'SELECT count(*) FROM t')
	[ "$n" = "$rows" ] || { echo "$0: \\copy loaded $n rows, not $rows" >&2; exit 1; }
}

median() { cut -d' ' -f"$2" "$1" | sort -g | sed -n "$(( ($(wc -l <"$1") + 1) / 2 ))p"; }

echo "machine: $(nproc) CPUs; $(psql -X -At "$VT_TEST_PG_ADMIN" -c 'SHOW server_version' | cut -d' ' -f1) PostgreSQL; $("$vitals" --version | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$work/a.txt"
: >"$work/b.txt"
for r in $(seq 1 "$reps"); do
	if [ $((r % 2)) = 1 ]; then run_vitals; run_copy; else run_copy; run_vitals; fi
	printf '%8s rows, rep %s: vitals %s s (%s KB); psql \\copy %s s\n' "$rows" "$r" \
		"$(tail -1 "$work/a.txt" | cut -d' ' -f1)" "$(tail -1 "$work/a.txt" | cut -d' ' -f4)" \
		"$(tail -1 "$work/b.txt" | cut -d' ' -f1)"
done
a=$(median "$work/a.txt" 1)
b=$(median "$work/b.txt" 1)
m=$(median "$work/a.txt" 4)
awk -v n="$rows" -v a="$a" -v b="$b" -v m="$m" 'BEGIN {
	printf "\n%9s %9s %12s %6s %10s\n", "rows", "vitals_s", "psql_copy_s", "ratio", "vitals_MB"
	printf "%9d %9.2f %12.2f %6.1f %10.1f\n", n, a, b, a / b, m / 1024 }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
