# An analyst may open a running quarter's return early for one agency,
# with a reason: that agency's figures are then taken before the quarter
# ends, no other agency's; the opening is in the change log once, and
# in the definition that export and load carry.
. "$(dirname "$0")/lib.sh"

# Inside 2026-27 Q3 (2026Q4): October to December 2026.
export VITALS_NOW=2026-12-10T10:00:00Z
db=$(new_db early.db)
expect_status 0 "$VITALS" --db "$db" init
cat >def.json <<'JSON'
{"vitals": 1,
 "partnership": {"code": "p", "name": "Northtown partnership", "fy_start_month": 4},
 "agencies": [
  {"code": "la", "name": "Local authority", "sector": "local-authority", "kind": "statutory-partner"},
  {"code": "police", "name": "Police", "sector": "police", "kind": "statutory-partner"}],
 "plans": [{"code": "pl", "title": "Plan", "kind": "strategic"}],
 "measures": [
  {"code": "cin", "title": "Children in need", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "count", "frequency": "quarterly"},
  {"code": "dv", "title": "Domestic abuse incidents", "plan": "pl", "agency": "police",
   "direction": "reduce", "unit": "count", "frequency": "quarterly"}]}
JSON
expect_status 0 "$VITALS" --db "$db" load def.json
printf 'agency,measure,period,value\nla,cin,2026Q4,120\n' >la.csv
printf 'agency,measure,period,value\npolice,dv,2026Q4,30\n' >police.csv
entries() { "$VITALS" --db "$db" log list --json | jq length; }

# Before it is opened: refused, nothing changed.
before=$(db_state "$db")
expect_status 1 "$VITALS" --db "$db" returns import la.csv
expect_contains err "la.csv:2:8: error: 2026-27 Q3 has not ended: its return opens on 1 January 2027"
[ "$(db_state "$db")" = "$before" ] || fail "a refused early import changed the database"

# Each refusal names what is wrong and changes nothing.
refused() {
	local want=$1 text=$2
	shift 2
	expect_status "$want" "$VITALS" --db "$db" returns open-early "$@"
	expect_contains err "$text"
	[ "$(db_state "$db")" = "$before" ] || fail "'open-early $*' changed the database"
}
refused 1 "agency 'nope' does not exist; nothing was changed" \
	--agency nope --period 2026Q4 --reason "Final"
refused 2 "'2026Q5' is not a period" --agency la --period 2026Q5 --reason "Final"
refused 2 "'2026-27 Q9' is not a period" --agency la --period "2026-27 Q9" --reason "Final"
refused 1 "2026-27 Q2 has ended: its return is open already; nothing was changed" \
	--agency la --period "2026-27 Q2" --reason "Final"
refused 1 "agency 'la' owes no figures for 2026-27: it has no measure of that frequency" \
	--agency la --period 2026 --reason "Final"
refused 2 "returns open-early needs --reason" --agency la --period 2026Q4
refused 1 "opening a return early needs a reason; nothing was changed" \
	--agency la --period 2026Q4 --reason "  "
refused 2 "usage" --period 2026Q4 --reason "Final"

# Opened for the local authority, by its label: logged once.
n=$(entries)
expect_status 0 "$VITALS" --db "$db" --as analyst@example.invalid returns open-early \
	--agency la --period "2026-27 Q3" --reason "The quarter's figures are final"
expect_contains out "the return of 'la' for 2026Q4 is open early"
[ "$(entries)" = $((n + 1)) ] || fail "opening early did not add one entry to the change log"
expect_status 0 "$VITALS" --db "$db" log list --json
[ "$(jq -c '[.[] | select(.entity == "return" and .key == "la/2026Q4")] | map(.after | {opened_early_by, opened_early_at, opened_early_reason})' out)" = \
  '[{"opened_early_by":"analyst@example.invalid","opened_early_at":"2026-12-10T10:00:00Z","opened_early_reason":"The quarter'"'"'s figures are final"}]' ] ||
	fail "the change log does not say who, when and why: $(jq -c '[.[] | select(.entity == "return")]' out)"
expect_status 0 "$VITALS" --db "$db" log list
expect_contains out "Local authority return 2026-27 Q3 opened early"

# Again: harmless, said so, not logged twice.
expect_status 0 "$VITALS" --db "$db" returns open-early --agency la --period 2026Q4 --reason "Again"
expect_contains out "the return of 'la' for 2026Q4 was opened early already; nothing was changed"
[ "$(entries)" = $((n + 1)) ] || fail "opening early twice logged twice"

# Now the local authority's figures are taken; the police's are not.
expect_status 0 "$VITALS" --db "$db" returns import la.csv
expect_contains out "la 2026Q4: 1 added"
before=$(db_state "$db")
expect_status 1 "$VITALS" --db "$db" returns import police.csv
expect_contains err "police.csv:2:11: error: 2026-27 Q3 has not ended: its return opens on 1 January 2027"
[ "$(db_state "$db")" = "$before" ] || fail "the refused import of another agency changed the database"
# Submitting keeps the opening on the return.
expect_status 0 "$VITALS" --db "$db" export all.json
[ "$(jq -c '.returns[] | select(.agency == "la") | [.status, .opened_early_by, .opened_early_reason]' all.json)" = \
  '["submitted","analyst@example.invalid","The quarter'"'"'s figures are final"]' ] ||
	fail "the submitted return lost its opening: $(jq -c .returns all.json)"

# Export, load into a fresh database, export: the same.
db2=$(new_db early2.db)
expect_status 0 "$VITALS" --db "$db2" init
expect_status 0 "$VITALS" --db "$db2" load all.json
expect_status 0 "$VITALS" --db "$db2" export again.json
cmp -s all.json again.json || fail "export, load, export differ: $(diff all.json again.json | head -6 | tr '\n' ' ')"
# ... and the loaded copy takes the local authority's figures early too.
printf 'agency,measure,period,value\nla,cin,2026Q4,121\n' >la2.csv
expect_status 0 "$VITALS" --db "$db2" returns import la2.csv
expect_status 1 "$VITALS" --db "$db2" returns import police.csv
finish
