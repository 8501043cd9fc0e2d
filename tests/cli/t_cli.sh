# The command-line contract: help, usage errors, exit statuses, init.
. "$(dirname "$0")/lib.sh"

expect_status 0 "$VITALS" --help
cp out help
for c in init load export demo log; do
	expect_contains help "  $c "
	expect_status 0 "$VITALS" "$c" --help
	expect_contains out "usage: vitals [--db DB] $c"
done
expect_status 0 "$VITALS" --version
expect_contains out "vitals "

expect_status 2 "$VITALS"
expect_status 2 "$VITALS" frobnicate
expect_contains err "'frobnicate' is not a command"
expect_status 2 "$VITALS" --bogus init
expect_status 2 "$VITALS" --db x.db load
expect_status 2 "$VITALS" --db x.db export
expect_status 2 "$VITALS" --db x.db log
expect_status 2 "$VITALS" --db x.db init extra

# A database that does not exist is named, with what to do.
if on_postgresql; then
	missing="${VT_TEST_PG_ADMIN%/*}/$(vt_db_name missing.db)"
	expect_status 3 "$VITALS" --db "$missing" export -
	expect_contains err "does not exist"
	[ -z "$(vt_psql -At -c "SELECT 1 FROM pg_database WHERE datname = '${missing##*/}'")" ] ||
		fail "a missing database was created"
else
	expect_status 3 "$VITALS" --db missing.db export -
	expect_contains err "database 'missing.db' does not exist"
	[ ! -e missing.db ] || fail "a missing database was created"
fi

v=$(new_db v.db)

# init is idempotent; $VITALS_DB is the default database.
expect_status 0 "$VITALS" --db "$v" init
expect_contains out "migrated from schema 0"
expect_status 0 "$VITALS" --db "$v" init
expect_contains out "up to date"
VITALS_DB=$v expect_status 0 "$VITALS" log verify
expect_contains out "0 entries, hash chain intact"

# An unreadable file is an I/O failure, not a refusal.
expect_status 3 "$VITALS" --db "$v" load no-such-file.json
expect_contains err "cannot read 'no-such-file.json'"

# A dry run reports and writes nothing; --as names the writer.
cat >one.json <<'JSON'
{"vitals": 1, "agencies": [{"code": "la", "name": "Council",
  "sector": "local-authority", "kind": "statutory-partner"}]}
JSON
expect_status 0 "$VITALS" --db "$v" load --dry-run one.json
expect_contains out "dry run"
expect_contains out "agencies: 1 added"
expect_status 0 "$VITALS" --db "$v" export -
if grep -q '"agencies"' out; then fail "a dry run wrote"; fi
expect_status 0 "$VITALS" --db "$v" --as "analyst@example.invalid" load one.json
expect_status 0 "$VITALS" --db "$v" log verify
expect_contains out "1 entries"

# A return can come through a pipe: it is read as CSV.
cat >plan.json <<'JSON'
{"vitals": 1, "plans": [{"code": "pl", "title": "Plan", "kind": "single-agency",
  "agency": "la"}], "measures": [{"code": "m1", "title": "A count", "plan": "pl",
  "agency": "la", "direction": "reduce", "unit": "count", "frequency": "quarterly"}]}
JSON
expect_status 0 "$VITALS" --db "$v" load plan.json
printf 'agency,measure,period,value\nla,m1,2024Q3,12\nla,m1,2024Q2,11\n' |
	"$VITALS" --db "$v" returns import /dev/stdin >out 2>err ||
	fail "a piped return was refused: $(cat err)"
expect_contains out "2 added"
printf 'agency,measure,period,value\nla,m1,2024Q3,12\nla,m1,2024Q3,13\n' |
	"$VITALS" --db "$v" returns import /dev/stdin >out 2>err &&
	fail "a figure given twice through a pipe was taken"
expect_contains err "stdin:3: error: measure 'm1' for 2024Q3 is given twice (also at /dev/stdin:2)"

# A --today that is no day of the calendar is refused by every command
# that takes one, before anything is read.
cal=$(new_db calendar.db)
expect_status 0 "$VITALS" --db "$cal" demo
for c in "actions summary" "actions list" "challenge list" "returns status --period 2026Q3" \
	"report --period 2026Q3 --format md"; do
	# shellcheck disable=SC2086
	expect_status 2 "$VITALS" --db "$cal" $c --today 2026-02-31
	expect_contains err "--today: '2026-02-31' is not a date of the calendar"
done

# A return form the reader refuses says why, never "0 problems": one
# whose sheet is missing, and a zip that holds no workbook.
expect_status 0 "$VITALS" --db "$cal" returns template --agency police --period 2026Q4 -o form.xlsx
mkdir nosheet && (cd nosheet && unzip -q ../form.xlsx && rm xl/worksheets/sheet1.xml &&
	zip -q -r -X ../nosheet.xlsx '[Content_Types].xml' _rels docProps xl)
expect_status 1 "$VITALS" --db "$cal" returns import nosheet.xlsx
expect_contains err "nosheet.xlsx: error: sheet 'Return': xl/worksheets/sheet1.xml is missing"
expect_contains err "refused: 1 problem;"
echo "not a workbook" >readme.txt && zip -q -X notbook.xlsx readme.txt
expect_status 1 "$VITALS" --db "$cal" returns import notbook.xlsx
expect_contains err "notbook.xlsx: error: not an Excel workbook"

# A definition saved with a byte order mark (Notepad's "UTF-8") loads,
# and its problems are still placed on their lines.
bom=$(new_db bom.db)
expect_status 0 "$VITALS" --db "$bom" init
printf '\357\273\277{"vitals": 1,\n "agencies": [{"code": "la", "name": "LA", "sector": "local-authority", "kind": "statutory-partner"}]}\n' >bom.json
expect_status 0 "$VITALS" --db "$bom" load bom.json
expect_contains out "agencies: 1 added"
printf '\357\273\277{"vitals": 1,\n "agencies": [{"code": "la2", "name": "LA", "sector": "nowhere", "kind": "statutory-partner"}]}\n' >bom-bad.json
expect_status 1 "$VITALS" --db "$bom" load bom-bad.json
expect_contains err "bom-bad.json:2:"

# A figure beyond what its unit could be is refused at its place, and
# nothing is written: no infinite mean, no figure silently rounded.
expect_status 0 "$VITALS" --db "$v" export before-bounds.json
printf 'agency,measure,period,value\nla,m1,2025Q1,1.7e308\nla,m1,2025Q2,9007199254740993\n' >huge.csv
expect_status 1 "$VITALS" --db "$v" returns import huge.csv
expect_contains err "huge.csv:2:"
expect_contains err "is more than measure 'm1' could be: it is a count, at most 1e+09"
expect_contains err "huge.csv:3:"
cat >huge.json <<'JSON'
{"vitals": 1, "values": [{"measure": "m1", "period": "2025Q3", "value": 1e12}]}
JSON
expect_status 1 "$VITALS" --db "$v" load huge.json
expect_contains err "is more than any count could be"
expect_status 0 "$VITALS" --db "$v" export after-bounds.json
cmp -s before-bounds.json after-bounds.json || fail "a refused figure changed the database"
expect_status 0 "$VITALS" --db "$v" spc m1 --json
if grep -qiE 'inf|nan' out; then fail "the chart has a figure that is not finite: $(cat out)"; fi

# A numerator or denominator is a count of people or events: bounded
# like one, never rounded (2^53+1), in a return and a definition alike.
printf 'agency,measure,period,value,numerator,denominator\npolice,pol-m4,2026Q3,50,9007199254740993,18014398509481986\n' >parts.csv
expect_status 1 "$VITALS" --db "$cal" returns import parts.csv
expect_contains err "parts.csv:2:25: error: numerator 9.0072e+15 is more than any count could be: at most 1e+09"
expect_contains err "parts.csv:2:42: error: denominator 1.80144e+16 is more than any count could be"
cat >parts.json <<'JSON'
{"vitals": 1, "values": [{"measure": "ns-m1", "period": "2023Q1", "value": 50,
  "numerator": 1e300, "denominator": 2e300}]}
JSON
expect_status 1 "$VITALS" --db "$cal" load --dry-run parts.json
expect_contains err "numerator 1e+300 is more than any count could be (at most 1e+09)"

# init on another application's database refuses, and adds nothing.
other=$(new_db other.db)
if on_postgresql; then
	psql -X -q -v ON_ERROR_STOP=1 "$other" -c "CREATE TABLE customers (id int)" >/dev/null
else
	sqlite3 "$other" "CREATE TABLE customers (id integer)"
fi
expect_status 1 "$VITALS" --db "$other" init
expect_contains err "1 table of another application and no Vitals schema"
if on_postgresql; then
	[ "$(psql -X -tA "$other" -c "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")" = 1 ] ||
		fail "init added tables to another application's database"
else
	[ "$(sqlite3 "$other" "SELECT group_concat(name) FROM sqlite_schema WHERE type = 'table'")" = customers ] ||
		fail "init added tables to another application's database"
	# A file that is no database says so, rather than "database error".
	echo "not a database" >notdb.db
	expect_status 3 "$VITALS" --db notdb.db export -
	expect_contains err "cannot open database 'notdb.db':"
	expect_contains err "file is not a database"
	# A file this user may not read, or may not write, is named with the
	# system's reason.  Root may do both, so root tries it as nobody.
	as_other() {
		if [ "$(id -u)" = 0 ]; then
			setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
		else
			"$@"
		fi
	}
	if [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null; then
		# Under /tmp: the user tried as must reach the folder, whatever
		# the modes of the folders above the scratch directory.
		locked=$(mktemp -d /tmp/vitals-locked.XXXXXX)
		cp "$v" "$locked/ro.db"
		chmod 755 "$locked"
		[ "$(id -u)" != 0 ] || chown -R 65534:65534 "$locked"
		chmod 444 "$locked/ro.db"
		sed 's/"la"/"la2"/' one.json >two.json
		chmod 644 two.json
		cp two.json "$locked/two.json"
		expect_status 3 as_other "$VITALS" --db "$locked/ro.db" load "$locked/two.json"
		expect_contains err "'$locked/ro.db' may not be written: Permission denied"
		chmod 000 "$locked/ro.db"
		expect_status 3 as_other "$VITALS" --db "$locked/ro.db" export -
		expect_contains err "cannot open database '$locked/ro.db': cannot open the file: unable to open database file (Permission denied)"
		rm -rf "$locked"
	else
		echo "note: a file another user may not read or write is not tried (no setpriv)"
	fi
fi
finish
