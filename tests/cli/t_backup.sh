# Backups: SQLite copies taken while imports write, portable dumps, restores
# and what a restore refuses.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { fail "sqlite3 (scripts/deps installs it) is missing"; finish; }

# The PPIP's actions in an export (one "plan" member per action).
ppip_actions() {
	awk '/^  "actions": \[/ {on = 1} on && /^  \]/ {on = 0} on' "$1" |
		grep -c '^      "plan": "ppip",' || true
}

# "change log: N entries, ..." -> N, from the file 'out'.
log_entries() { sed -n 's/^change log: \([0-9]*\) entries.*/\1/p' out | head -n 1; }

expect_status 0 "$VITALS" --db a.db demo
expect_status 0 "$VITALS" --db a.db export demo.json
[ "$(ppip_actions demo.json)" = 71 ] || fail "the demo has $(ppip_actions demo.json) PPIP actions, not 71"

# --- SQLite backups while imports write to the same database ---------------
# Every quarterly figure of the demo's four reporting agencies for 20 years:
# each import writes ~2600 figures (a new version of each) in one
# transaction; after each, the writer records the export's checksum, so the
# states the database passed through are known.
for agency in scc-csc police education health-heartlands; do
	expect_status 0 "$VITALS" --db a.db returns template --agency "$agency" \
		--period 2000Q1 -o "form-$agency.csv"
done
# (The parts of the multi-agency percentage ns-m8 need a numerator and
# denominator, which a lone value of 1 lacks: they are left out.)
cat form-*.csv | grep -v '^agency,' | grep -v '^[^,]*,ns-m8,' >figures.txt || true
gen() {
	awk -F, -v OFS=, -v val="$1" '
		BEGIN { print "agency,measure,period,breakdown,value" }
		{ for (y = 1900; y < 1920; y++) for (q = 1; q <= 4; q++)
			print $1, $2, y "Q" q, $4, val }' figures.txt
}
gen 1 >big-1.csv
rows=$(($(wc -l <big-1.csv) - 1))
[ "$rows" -ge 2500 ] || fail "only $rows generated figures"

# The writer imports round after round until the four backups are taken
# (then finishes the round it is in), so however fast or slow the build
# (the sanitizers' is ten times slower), the backups run while it writes.
sha256sum <demo.json | cut -d' ' -f1 >states
(
	i=0
	while [ ! -e backups.done ] && [ "$i" -lt 40 ]; do
		i=$((i + 1))
		gen "$i" >"big-$i.csv"
		"$VITALS" --db a.db --as writer returns import "big-$i.csv" \
			>import.out 2>&1 || { echo "import $i failed" >&2; exit 1; }
		"$VITALS" --db a.db export state.json >/dev/null ||
			{ echo "export $i failed" >&2; exit 1; }
		sha256sum <state.json | cut -d' ' -f1 >>states
	done
	echo "$i" >rounds
) &
writer=$!
# Start once the first import is in: the database is changing from then on.
for _ in $(seq 1 3000); do
	[ "$(wc -l <states)" -ge 2 ] && break
	sleep 0.1
done
[ "$(wc -l <states)" -ge 2 ] || fail "the first import never finished"
for k in 1 2 3 4; do
	# States 1..N of the file were committed before this backup began.
	eval "known_$k=$(wc -l <states)"
	expect_status 0 "$VITALS" --db a.db backup "b$k.db"
	expect_contains out "one consistent snapshot"
	sleep 0.2
done
kill -0 "$writer" 2>/dev/null ||
	fail "the imports ended before the last backup: nothing ran concurrently"
touch backups.done
wait "$writer" || fail "the background imports failed"
rounds=$(cat rounds)
[ "$rounds" -ge 2 ] || fail "the writer finished only $rounds round(s)"
[ "$(wc -l <states)" = $((rounds + 1)) ] || fail "the writer recorded $(wc -l <states) states in $rounds rounds"

for k in 1 2 3 4; do
	[ "$(head -c 16 "b$k.db" | tr '\0' '@')" = "SQLite format 3@" ] ||
		fail "b$k.db is not a SQLite file"
	for suffix in -wal -journal .tmp; do
		[ ! -e "b$k.db$suffix" ] || fail "b$k.db$suffix was left behind"
	done
	expect_status 0 "$VITALS" --db "b$k.db" log verify
	expect_contains out "hash chain intact"
	expect_status 0 "$VITALS" --db "b$k.db" export "b$k.json"
	[ "$(ppip_actions "b$k.json")" = 71 ] || fail "b$k.db lacks the demo's 71 PPIP actions"
	# One state the database was in, not a mixture of two, and no older
	# than the last one committed before the backup began.
	at=$(grep -nx "$(sha256sum <"b$k.json" | cut -d' ' -f1)" states | cut -d: -f1 || true)
	known=$(eval echo "\$known_$k")
	if [ -z "$at" ]; then
		fail "b$k.db matches no state the database passed through"
	elif [ "$at" -lt "$known" ]; then
		fail "b$k.db holds state $at, older than state $known committed before it began"
	fi
done
# The imports did land in some backups: they saw writes, not only the demo.
in_flight=0
for k in 1 2 3 4; do
	cmp -s demo.json "b$k.json" || in_flight=$((in_flight + 1))
done
[ "$in_flight" -gt 0 ] || fail "every backup predates the imports"

# --- restore a copy into a new file ----------------------------------------
expect_status 0 "$VITALS" --db b4.db log verify
entries=$(log_entries)
expect_status 0 "$VITALS" --db r4.db restore b4.db
expect_contains out "restored 'b4.db' into 'r4.db'"
expect_contains out "change log: $entries entries, hash chain intact"
expect_status 0 "$VITALS" --db r4.db log verify
expect_contains out "change log: $entries entries"
expect_status 0 "$VITALS" --db r4.db export r4.json
cmp -s b4.json r4.json || fail "the restored copy exports differently from its backup"
[ "$(sqlite3 r4.db 'PRAGMA journal_mode')" = wal ] || fail "r4.db is not in WAL mode"
[ ! -e r4.db.tmp ] || fail "r4.db.tmp was left behind"
# The restored database takes writes like any other.
expect_status 0 "$VITALS" --db r4.db --as after returns import big-1.csv
expect_status 0 "$VITALS" --db r4.db log verify

# --- portable dump -> a fresh SQLite database: byte-identical export ------
expect_status 0 "$VITALS" --db a.db export final.json
expect_status 0 "$VITALS" --db a.db backup --portable dump.json
expect_contains out "portable dump of 'a.db' (sqlite)"
cmp -s final.json dump.json || fail "the portable dump differs from 'vitals export'"
[ ! -e dump.json.tmp ] || fail "dump.json.tmp was left behind"
expect_status 0 "$VITALS" --db fresh.db init
expect_status 0 "$VITALS" --db fresh.db --as restorer restore dump.json
expect_contains out "restored 'dump.json' into 'fresh.db' (sqlite)"
expect_contains out "values: "
expect_status 0 "$VITALS" --db fresh.db export fresh.json
cmp -s final.json fresh.json || fail "a restored dump exports differently: $(diff final.json fresh.json | head -5)"
expect_status 0 "$VITALS" --db fresh.db log verify
# A new log whose first entry records the restore and the dump's checksum.
first=$(sqlite3 fresh.db "SELECT entity || ' ' || key || ' ' || who || ' ' || after FROM change_log ORDER BY id LIMIT 1")
case $first in
"restore dump.json restorer "*"\"sha256\":\"$(sha256sum <dump.json | cut -d' ' -f1)\""*) ;;
*) fail "the first log entry does not record the restore: $first" ;;
esac
# The demo's portable dump restores the same way (the small case).
expect_status 0 "$VITALS" --db small.db init
expect_status 0 "$VITALS" --db small.db restore demo.json
expect_status 0 "$VITALS" --db small.db export small.json
cmp -s demo.json small.json || fail "the demo's dump does not round-trip"

# --- refusals: exit 1, a clear message, nothing changed ---------------------
# Over an existing database.
cp r4.db r4.before
expect_status 1 "$VITALS" --db r4.db restore b1.db
expect_contains err "database 'r4.db' already exists"
cmp -s r4.db r4.before || fail "a refused restore changed r4.db"
# Over a -wal left by another database: SQLite would replay it.
: >ghost.db-wal
expect_status 1 "$VITALS" --db ghost.db restore b1.db
expect_contains err "ghost.db"
[ ! -e ghost.db ] || fail "a refused restore created ghost.db"
# A dump into a database that is not empty.
expect_status 1 "$VITALS" --db small.db restore dump.json
expect_contains err "database 'small.db' is not empty"
expect_status 0 "$VITALS" --db small.db export small-after.json
cmp -s small.json small-after.json || fail "a refused restore changed small.db"
# A dump into a database that does not exist (it must be initialised).
expect_status 3 "$VITALS" --db none.db restore dump.json
expect_contains err "does not exist"
# Neither a SQLite file nor a dump.
printf 'agency,measure\n' >neither.csv
expect_status 1 "$VITALS" --db n.db restore neither.csv
expect_contains err "'neither.csv' is neither a SQLite backup nor a portable dump"
: >empty.file
expect_status 1 "$VITALS" --db n.db restore empty.file
expect_contains err "is neither"
[ ! -e n.db ] || fail "a refused restore created n.db"
# A SQLite file that is not a vitals database.
sqlite3 other.db 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
expect_status 1 "$VITALS" --db o.db restore other.db
expect_contains err "not a vitals one"
# A damaged copy: the header is right, the pages are not.
cp b1.db damaged.db
for page in 3 9 20; do
	printf '\015\000\000\000\011\000\000' |
		dd of=damaged.db bs=1 seek=$((4096 * (page - 1))) conv=notrunc 2>/dev/null
done
expect_status 1 "$VITALS" --db d.db restore damaged.db
expect_contains err "integrity check"
head -c 5000 b1.db >short.db
expect_status 1 "$VITALS" --db d.db restore short.db
expect_contains err "'short.db' cannot be read"
[ ! -e d.db ] && [ ! -e d.db.tmp ] || fail "a refused restore left d.db or d.db.tmp"
# A copy whose change log was altered.
cp b1.db altered.db
sqlite3 altered.db "UPDATE change_log SET who = 'mallory' WHERE id = 3"
expect_status 1 "$VITALS" --db t.db restore altered.db
expect_contains err "does not verify from entry 3"
[ ! -e t.db ] || fail "a restore of an altered log created t.db"
# A dump with a problem: all or nothing.
sed '0,/"fy_start_month": [0-9]*/s//"fy_start_month": 13/' demo.json >bad.json
cmp -s bad.json demo.json && fail "bad.json was not altered"
expect_status 0 "$VITALS" --db empty.db init
expect_status 1 "$VITALS" --db empty.db restore bad.json
expect_contains err "bad.json:"
expect_contains err "nothing was changed"
expect_status 0 "$VITALS" --db empty.db export empty.json
grep -q '"code"' empty.json && fail "a refused dump left records in empty.db"
expect_status 0 "$VITALS" --db empty.db restore demo.json
# A SQLite copy is not restored into PostgreSQL (refused before connecting).
expect_status 1 "$VITALS" --db postgresql://nobody@127.0.0.1:1/none restore b1.db
expect_contains err "a portable dump of it and restore that (--portable)"
# The backup is never written over the database itself.
expect_status 1 "$VITALS" --db a.db backup ./a.db
expect_contains err "is the database itself"
expect_status 0 "$VITALS" --db a.db log verify
expect_status 2 "$VITALS" --db a.db backup
expect_status 2 "$VITALS" --db a.db restore

# --- PostgreSQL, when run under scripts/pg-test -----------------------------
if [ -n "${VT_TEST_PG_ADMIN:-}" ]; then
	pg_db() {
		local name="vt_backup_$$_$1"
		psql -q "$VT_TEST_PG_ADMIN" -c "DROP DATABASE IF EXISTS $name" \
			-c "CREATE DATABASE $name" >/dev/null 2>&1 ||
			fail "cannot create database $name"
		echo "${VT_TEST_PG_ADMIN%/*}/$name"
	}
	pg=$(pg_db 1)
	expect_status 0 "$VITALS" --db "$pg" init
	expect_status 0 "$VITALS" --db "$pg" restore dump.json
	expect_contains out "(postgresql)"
	expect_status 0 "$VITALS" --db "$pg" log verify
	expect_status 0 "$VITALS" --db "$pg" export pg.json
	cmp -s final.json pg.json || fail "a dump restored into PostgreSQL exports differently"
	expect_status 1 "$VITALS" --db "$pg" restore dump.json
	expect_contains err "is not empty"
	# Backup of PostgreSQL is the portable dump, --portable or not.
	expect_status 0 "$VITALS" --db "$pg" backup pg-dump.json
	expect_contains out "portable dump"
	cmp -s final.json pg-dump.json || fail "the PostgreSQL backup differs from the export"
	expect_status 0 "$VITALS" --db back.db init
	expect_status 0 "$VITALS" --db back.db restore pg-dump.json
	expect_status 0 "$VITALS" --db back.db export back.json
	cmp -s final.json back.json || fail "PostgreSQL -> SQLite by dump changed the export"
	expect_status 0 "$VITALS" --db back.db log verify
else
	echo "note: PostgreSQL parts skipped (run under scripts/pg-test)"
fi
finish
