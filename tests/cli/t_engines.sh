# Both engines: moving a partnership between them, imports killed half way,
# two processes at once.  Runs under scripts/pg-test (make check does).
. "$(dirname "$0")/lib.sh"

[ -n "${VT_TEST_PG_ADMIN:-}" ] ||
	{ fail "VT_TEST_PG_ADMIN is not set: run under scripts/pg-test"; finish; }
export VITALS_NOW=2027-01-05T10:00:00Z

# A fresh PostgreSQL database; prints its address.
n=0
pg_db() {
	n=$((n + 1))
	local name="vt_engines_$$_$n"
	psql -q "$VT_TEST_PG_ADMIN" -c "DROP DATABASE IF EXISTS $name" \
		-c "CREATE DATABASE $name" >/dev/null 2>&1 ||
		fail "cannot create database $name"
	echo "${VT_TEST_PG_ADMIN%/*}/$name"
}

# Whether an import into $1 is writing its figures (not still reading).
writing() {
	case "$1" in
	postgresql://*)
		[ -n "$(psql -At "$VT_TEST_PG_ADMIN" -c "SELECT 1 FROM pg_stat_activity WHERE datname = '${1##*/}' AND query LIKE 'COPY measure_value%'" 2>/dev/null)" ] ;;
	*)
		[ "$(stat -c %s "$1-wal" 2>/dev/null || echo 0)" -gt 1048576 ] ;;
	esac
}

# --- SQLite -> PostgreSQL -> SQLite gives the same export -------------------
expect_status 0 "$VITALS" --db demo.db demo
expect_status 0 "$VITALS" --db demo.db export sqlite-1.json
pg=$(pg_db)
expect_status 0 "$VITALS" --db "$pg" init
expect_status 0 "$VITALS" --db "$pg" load sqlite-1.json
expect_status 0 "$VITALS" --db "$pg" export pg.json
expect_status 0 "$VITALS" --db back.db init
expect_status 0 "$VITALS" --db back.db load pg.json
expect_status 0 "$VITALS" --db back.db export sqlite-2.json
cmp -s sqlite-1.json pg.json || fail "PostgreSQL export differs: $(diff sqlite-1.json pg.json | head)"
cmp -s sqlite-1.json sqlite-2.json || fail "the round trip changed the export"
for db in demo.db "$pg" back.db; do
	expect_status 0 "$VITALS" --db "$db" log verify
done

# The same return gives the same result on either engine.
cat >ret.csv <<'CSV'
agency,measure,period,value,breakdown
scc-csc,csc-m8,2026Q4,31,u11
scc-csc,csc-m8,2026Q4,17,11plus
scc-csc,csc-m2,2026Q4,12.5,
police,pol-m1,2026Q4,c,
CSV
expect_status 0 "$VITALS" --db demo.db --as lead returns import ret.csv
mv out sqlite.out
expect_status 0 "$VITALS" --db "$pg" --as lead returns import ret.csv
cmp -s sqlite.out out || fail "imports differ: $(diff sqlite.out out)"
expect_status 0 "$VITALS" --db demo.db returns status --period 2026Q4 --json
mv out sqlite.status
expect_status 0 "$VITALS" --db "$pg" returns status --period 2026Q4 --json
cmp -s sqlite.status out || fail "status differs: $(diff sqlite.status out)"

# --- an import killed half way leaves the database as it was ---------------
cc -O2 -o gen "$VT_SOURCE_DIR/bench/import/gen.c" || fail "cannot build the generator"
./gen 200000 big.json big.csv >/dev/null
for db in big.db "$(pg_db)"; do
	expect_status 0 "$VITALS" --db "$db" init
	expect_status 0 "$VITALS" --db "$db" load big.json
	"$VITALS" --db "$db" export before.json >/dev/null
	# A pipe for the file holds the import inside its transaction, half
	# read, for as long as the test needs: no race with a fast import.
	rm -f feed.csv && mkfifo feed.csv
	"$VITALS" --db "$db" returns import feed.csv >/dev/null 2>&1 &
	pid=$!
	exec 3>feed.csv
	head -n 100001 big.csv >&3
	kill -KILL "$pid" 2>/dev/null || fail "the import of $db ended before it could be killed"
	exec 3>&-
	wait "$pid" 2>/dev/null || true
	expect_status 0 "$VITALS" --db "$db" export after.json
	cmp -s before.json after.json || fail "a killed import changed $db"
	expect_status 0 "$VITALS" --db "$db" log verify

	# ... and one killed while it writes the new versions: caught when
	# SQLite's log has grown, or when PostgreSQL shows the COPY.
	"$VITALS" --db "$db" returns import big.csv >/dev/null 2>&1 &
	pid=$!
	caught=
	for _ in $(seq 1 3000); do
		if writing "$db"; then
			kill -KILL "$pid" 2>/dev/null && caught=1
			break
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.01
	done
	wait "$pid" 2>/dev/null || true
	[ -n "$caught" ] || fail "the import of $db ended before it was seen writing"
	expect_status 0 "$VITALS" --db "$db" export after.json
	cmp -s before.json after.json || fail "an import killed while writing changed $db"
	expect_status 0 "$VITALS" --db "$db" log verify

	# A big import sorts on disk: with nowhere to write, it says where
	# it tried and what to do, and changes nothing.
	TMPDIR="$work/no-such-dir" expect_status 3 "$VITALS" --db "$db" returns import big.csv
	expect_contains err "cannot write its sort files in '$work/no-such-dir' (set TMPDIR"
	expect_status 0 "$VITALS" --db "$db" export after.json
	cmp -s before.json after.json || fail "an import without room to sort changed $db"

	# --- a long import blocks no reader; two writers queue, nothing lost ---
	rm -f feed.csv && mkfifo feed.csv
	"$VITALS" --db "$db" returns import feed.csv >import.out 2>&1 &
	pid=$!
	exec 3>feed.csv
	head -n 100001 big.csv >&3
	start=$(date +%s%N)
	expect_status 0 "$VITALS" --db "$db" returns status --period 1900Q1 --json
	took=$(( ($(date +%s%N) - start) / 1000000 ))
	kill -0 "$pid" 2>/dev/null || fail "the import ended before the reader ran: nothing measured"
	[ "$took" -lt 2000 ] || fail "a reader waited ${took} ms for an import on $db"
	# The reader sees none of an import that has not committed.
	got=$(grep -c '"received": 100' out || true)
	[ "$got" = 0 ] || fail "a reader saw part of an open import ($got of 20 agencies)"
	printf 'agency,measure,period,value\na001,m00001,2025Q1,7\n' >one.csv
	"$VITALS" --db "$db" --as second returns import one.csv >second.out 2>&1 3>&- &
	second=$!
	sleep 0.5
	kill -0 "$second" 2>/dev/null || fail "a second writer did not wait for the first on $db: $(cat second.out)"
	tail -n +100002 big.csv >&3
	exec 3>&-
	wait "$pid" || fail "the long import failed: $(tail -3 import.out)"
	wait "$second" || fail "the second import failed: $(tail -3 second.out)"
	expect_status 0 "$VITALS" --db "$db" export done.json
	expect_contains done.json '"period": "2025Q1"'
	grep -q '"period": "1900Q1"' done.json || fail "the long import's figures are missing from $db"
	expect_status 0 "$VITALS" --db "$db" log verify
done
finish
