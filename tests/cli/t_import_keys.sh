# An import checks every figure's measure against the definition itself,
# so the engine's own check of each new row may be left out for its write
# (SQLite: foreign keys off for the import; PostgreSQL: the key trigger off
# for the import's COPY, where the role may).  A return naming a measure
# the definition lacks is still refused, the place named, nothing written;
# and every other writer still meets the key.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-11-23T10:00:00Z
cat >def.json <<'JSON'
{"vitals": 1,
 "partnership": {"code": "p", "name": "Northtown partnership", "fy_start_month": 4},
 "agencies": [{"code": "la", "name": "LA", "sector": "local-authority", "kind": "statutory-partner"}],
 "plans": [{"code": "pl", "title": "Plan", "kind": "single-agency", "agency": "la"}],
 "measures": [
  {"code": "m1", "title": "First measure", "plan": "pl", "agency": "la",
   "direction": "increase", "unit": "count", "frequency": "quarterly"},
  {"code": "m2", "title": "Second measure", "plan": "pl", "agency": "la",
   "direction": "increase", "unit": "count", "frequency": "quarterly"}]}
JSON
{
	echo "agency,measure,period,value"
	for q in 2025Q1 2025Q2 2025Q3; do
		for m in m1 m2; do echo "la,$m,$q,$((RANDOM % 100))"; done
	done
} >good.csv
good_rows=$(($(wc -l <good.csv) - 1))
# A later quarter, one of whose rows names a measure that is not defined.
{
	echo "agency,measure,period,value"
	echo "la,m1,2025Q4,5"
	echo "la,m2,2025Q4,6"
	echo "la,nosuch,2025Q4,7"
} >bad.csv

# imports_into DB: the good file in, the bad one refused.
imports_into() {
	local db=$1 before after
	expect_status 0 "$VITALS" --db "$db" init
	expect_status 0 "$VITALS" --db "$db" load def.json
	expect_status 0 "$VITALS" --db "$db" returns import good.csv
	expect_contains out "$good_rows added"
	before=$(db_state "$db")
	expect_status 1 "$VITALS" --db "$db" returns import bad.csv
	expect_contains err "bad.csv:4"
	expect_contains err "nosuch"
	after=$(db_state "$db")
	[ "$before" = "$after" ] || fail "the refused import changed the database"
	expect_status 0 "$VITALS" --db "$db" export all.json
	[ "$(jq '.values | length' all.json)" = "$good_rows" ] ||
		fail "$(jq '.values | length' all.json) figures stored, not $good_rows"
}

db=$(new_db keys.db)
imports_into "$db"

if on_postgresql; then
	# Another writer, plain SQL after the imports: the key still holds,
	# for a row and for a COPY.
	psql -X -q "$db" -c "INSERT INTO measure_value (measure, period, version,
		value, status, illustrative) VALUES ('nosuch', '2025Q4', 1, 7,
		'submitted', 0)" >sql.out 2>&1 &&
		fail "a plain INSERT of a figure of an unknown measure was taken"
	grep -q 'violates foreign key constraint' sql.out ||
		fail "the plain INSERT was refused for another reason: $(cat sql.out)"
	printf 'nosuch\t2025Q4\t1\t7\tsubmitted\t0\n' >copy.tsv
	psql -X -q "$db" -c "\\copy measure_value (measure, period, version,
		value, status, illustrative) FROM 'copy.tsv'" >sql.out 2>&1 &&
		fail "a plain COPY of a figure of an unknown measure was taken"
	grep -q 'violates foreign key constraint' sql.out ||
		fail "the plain COPY was refused for another reason: $(cat sql.out)"
	# A measure holding figures cannot be deleted under them.
	psql -X -q "$db" -c "DELETE FROM measure WHERE code = 'm1'" >sql.out 2>&1 &&
		fail "a measure holding figures was deleted"
	grep -q 'violates foreign key constraint' sql.out ||
		fail "the DELETE was refused for another reason: $(cat sql.out)"

	# The returns' rows are sent without waiting for each answer: one
	# the database refuses still fails the import, with nothing written.
	psql -X -q "$db" -c "ALTER TABLE agency_return ADD CONSTRAINT
		t_import_keys_no_q4 CHECK (period <> '2025Q4')"
	printf 'agency,measure,period,value\nla,m1,2025Q4,5\nla,m2,2025Q4,6\n' >q4.csv
	before=$(db_state "$db")
	expect_status 3 "$VITALS" --db "$db" returns import q4.csv
	expect_contains err "cannot import 'q4.csv'"
	[ "$before" = "$(db_state "$db")" ] ||
		fail "an import whose return the database refused changed it"
	psql -X -q "$db" -c "ALTER TABLE agency_return DROP CONSTRAINT
		t_import_keys_no_q4"
	expect_status 0 "$VITALS" --db "$db" returns import q4.csv
	expect_contains out "2 added"

	# A role that may not turn the check off (not a superuser, no grant)
	# imports with PostgreSQL's own check, and refuses the same.
	role="vt_keys_$$"
	vt_psql -c "CREATE ROLE $role LOGIN" >/dev/null
	rdb=$(new_db role.db)
	vt_psql -c "ALTER DATABASE ${rdb##*/} OWNER TO $role" >/dev/null
	imports_into "postgresql://$role@${rdb#*@}"
	vt_psql -c "DROP DATABASE ${rdb##*/} WITH (FORCE)" >/dev/null
	# The same role granted the setting (PostgreSQL 15 on), as
	# docs/postgresql.md tells a deployer.
	if [ "$(vt_psql -At -c 'SHOW server_version_num')" -ge 150000 ]; then
		vt_psql -c "GRANT SET ON PARAMETER session_replication_role TO $role" >/dev/null
		rdb=$(new_db granted.db)
		vt_psql -c "ALTER DATABASE ${rdb##*/} OWNER TO $role" >/dev/null
		imports_into "postgresql://$role@${rdb#*@}"
		vt_psql -c "DROP DATABASE ${rdb##*/} WITH (FORCE)" \
			-c "REVOKE SET ON PARAMETER session_replication_role FROM $role" >/dev/null
	fi
	vt_psql -c "DROP ROLE $role" >/dev/null
elif command -v sqlite3 >/dev/null; then
	# SQLite checks keys on every other connection.
	sqlite3 "$db" 'PRAGMA foreign_keys = ON' "INSERT INTO measure_value
		(measure, period, version, value, status, illustrative) VALUES
		('nosuch', '2025Q4', 1, 7, 'submitted', 0)" >sql.out 2>&1 &&
		fail "a plain INSERT of a figure of an unknown measure was taken"
	grep -q 'FOREIGN KEY constraint failed' sql.out ||
		fail "the plain INSERT was refused for another reason: $(cat sql.out)"
fi

finish
