# Plans have a life: a pack for a past quarter rates its actions as they
# stood at the quarter's end; a closed plan leaves the packs after it but
# stays in the ones before and in the export; a draft is in none; a
# quarterly action is not stale when a monthly one is; a discharged green
# action counts green but is neither open, overdue nor stale; refusals
# name their field and change nothing; export, load, export is unchanged.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-03-02T10:00:00Z
db=$(new_db life.db)
expect_status 0 "$VITALS" --db "$db" init
cat >def.json <<'JSON'
{"vitals": 1,
 "partnership": {"code": "p", "name": "Northtown partnership", "fy_start_month": 4},
 "agencies": [
  {"code": "la", "name": "Local authority", "sector": "local-authority", "kind": "statutory-partner"},
  {"code": "police", "name": "Police", "sector": "police", "kind": "statutory-partner"}],
 "plans": [
  {"code": "old", "title": "Priorities 2021-22", "kind": "strategic",
   "starts": "2021-04-01", "ends": "2022-03-31", "status": "closed"},
  {"code": "cur", "title": "Priorities 2025-28", "kind": "strategic",
   "starts": "2025-04-01", "ends": "2028-03-31"},
  {"code": "next", "title": "Priorities 2028-31", "kind": "strategic", "status": "draft"}],
 "priorities": [
  {"code": "old1", "plan": "old", "number": "1", "title": "Neglect then"},
  {"code": "cur1", "plan": "cur", "number": "1", "title": "Neglect now"},
  {"code": "cur2", "plan": "cur", "number": "2", "title": "Exploitation from 2026",
   "starts": "2026-04-01"}],
 "measures": [
  {"code": "m-old", "title": "Old neglect measure", "plan": "old", "priority": "old1",
   "agency": "la", "direction": "reduce", "unit": "count", "frequency": "quarterly"},
  {"code": "m-cur", "title": "Current neglect measure", "plan": "cur", "priority": "cur1",
   "agency": "la", "direction": "reduce", "unit": "count", "frequency": "quarterly"},
  {"code": "m-exp", "title": "Exploitation measure", "plan": "cur", "priority": "cur2",
   "agency": "police", "direction": "reduce", "unit": "count", "frequency": "quarterly"},
  {"code": "m-next", "title": "Draft measure", "plan": "next", "agency": "la",
   "direction": "reduce", "unit": "count", "frequency": "quarterly"}],
 "actions": [
  {"code": "A1", "plan": "cur", "priority": "cur1", "agency": "la", "title": "Neglect toolkit",
   "rag": "green", "measures": ["m-cur"],
   "updates": [{"date": "2025-08-12", "rag": "red", "note": "Slipped"},
               {"date": "2026-02-10", "rag": "green", "note": "Back on track"}]},
  {"code": "A2", "plan": "cur", "priority": "cur1", "agency": "la", "title": "Begun in 2026",
   "rag": "amber", "measures": ["m-cur"], "updates": [{"date": "2026-01-15", "rag": "amber"}]},
  {"code": "Q1", "plan": "cur", "agency": "police", "title": "Reviewed each quarter",
   "rag": "amber", "cadence": "quarterly", "updates": [{"date": "2026-01-01", "rag": "amber"}]},
  {"code": "M1", "plan": "cur", "agency": "police", "title": "Reviewed each month",
   "rag": "amber", "updates": [{"date": "2026-01-01", "rag": "amber"}]},
  {"code": "D1", "plan": "cur", "agency": "police", "title": "Effectively discharged",
   "rag": "green", "due": "2025-12-31", "discharged": "2025-10-01",
   "updates": [{"date": "2025-06-01", "rag": "green"}]},
  {"code": "OLD1", "plan": "old", "priority": "old1", "agency": "la", "title": "Old action",
   "rag": "amber", "measures": ["m-old"], "updates": [{"date": "2021-06-01", "rag": "amber"}]},
  {"code": "N1", "plan": "next", "agency": "la", "title": "Draft action", "rag": "amber",
   "updates": [{"date": "2026-01-01", "rag": "amber"}]}]}
JSON
expect_status 0 "$VITALS" --db "$db" load def.json

# --- a past quarter's pack rates its actions as at the quarter's end ------
# A1 was red in August 2025 and green in February 2026: the pack for
# 2025Q3 (July to September 2025), built in March 2026, shows it red.
expect_status 0 "$VITALS" --db "$db" report --period 2025Q3 --format md -o q3.md
expect_contains q3.md "Actions meant to move it: A1 (red)"
expect_contains q3.md "| A1 | Neglect toolkit |"
expect_contains q3.md "as at 2025-09-30"
# A2's first update came after the quarter: it is not in that pack.
expect_not_contains q3.md "A2"
# D1 was discharged on 1 October, after the quarter: then still open,
# and 121 days without an update, so stale; A1 was updated 49 days
# before the quarter's end, so stale too at 35 days.
a1_days=$(( ($(date -ud 2025-09-30 +%s) - $(date -ud 2025-08-12 +%s)) / 86400 ))
[ "$a1_days" -gt 35 ] || fail "A1's last update is $a1_days days before the quarter's end"
expect_contains q3.md "Actions: 2: 1 green, 0 amber, 1 red, 0 complete; 0 overdue, 2 stale, 0 discharged"
# The current quarter's pack shows today's ratings: A1 green, no red list.
expect_status 0 "$VITALS" --db "$db" report --period 2026Q1 --format md -o q1.md
expect_contains q1.md "A1 (green)"
expect_contains q1.md "A2 (amber)"
expect_not_contains q1.md "| A1 | Neglect toolkit |"
expect_contains q1.md "as at 2026-03-02"
# The same in the HTML pack.
expect_status 0 "$VITALS" --db "$db" report --period 2025Q3 --format html -o q3.html
expect_contains q3.html "A1 (red): Neglect toolkit"

# --- which plans a pack shows ----------------------------------------------
# The closed 2021-22 plan is in the pack for 2021Q3 and in no later one; the
# draft is in none; the priority from April 2026 is not yet in 2026Q1's.
expect_status 0 "$VITALS" --db "$db" report --period 2021Q3 --format md -o old.md
expect_contains old.md "Old neglect measure"
expect_contains old.md "OLD1 (amber)"
expect_not_contains old.md "Current neglect measure"
for f in q3.md q1.md; do
	expect_not_contains "$f" "Old neglect measure"
	expect_not_contains "$f" "OLD1"
	expect_not_contains "$f" "Draft measure"
	expect_not_contains "$f" "N1"
	expect_not_contains "$f" "Exploitation measure"
done
expect_status 0 "$VITALS" --db "$db" report --period 2026Q2 --format md -o q2.md
expect_contains q2.md "Exploitation measure"
expect_not_contains q2.md "Old neglect measure"
# The closed plan stays in the export, with its dates and status.
expect_status 0 "$VITALS" --db "$db" export all.json
[ "$(jq -c '.plans[] | select(.code == "old") | [.status, .starts, .ends]' all.json)" = \
  '["closed","2021-04-01","2022-03-31"]' ] || fail "the closed plan's export: $(jq -c .plans all.json)"
[ "$(jq -c '.plans[] | select(.code == "next") | .status' all.json)" = '"draft"' ] ||
	fail "the draft plan's status is not exported"
# A current plan leaves its status out: current is the default.
[ "$(jq -c '.plans[] | select(.code == "cur") | has("status")' all.json)" = false ] ||
	fail "a current plan's status is written out"
[ "$(jq -c '.priorities[] | select(.code == "cur2") | .starts' all.json)" = '"2026-04-01"' ] ||
	fail "a priority's own starts is not exported"

# The tracker shows the plans in force today; --closed the rest too.
expect_status 0 "$VITALS" --db "$db" actions list --csv
expect_contains out "A1,cur,"
expect_not_contains out "OLD1,"
expect_not_contains out "N1,"
expect_status 0 "$VITALS" --db "$db" actions list --closed --csv
expect_contains out "OLD1,old,"
expect_contains out "N1,next,"

# --- cadence: quarterly is not stale at 60 days, monthly is ---------------
# Q1 and M1 were last updated on 1 January 2026; on 2 March that is 60 days.
expect_status 0 "$VITALS" --db "$db" actions list --plan cur --today 2026-03-02 --csv
expect_contains out "Q1,cur,police,Reviewed each quarter,,,amber,2026-01-01,no,no,"
expect_contains out "M1,cur,police,Reviewed each month,,,amber,2026-01-01,no,yes,"
# A quarterly action is stale once more than 96 days (35 + 61) have gone by.
day96=$(date -ud "2026-01-01 + 96 days" +%F)
day97=$(date -ud "2026-01-01 + 97 days" +%F)
expect_status 0 "$VITALS" --db "$db" actions list --plan cur --stale --today "$day96" --csv
expect_not_contains out "Q1,"
expect_status 0 "$VITALS" --db "$db" actions list --plan cur --stale --today "$day97" --csv
expect_contains out "Q1,"

# --- discharged: green, but neither open, overdue nor stale ---------------
expect_status 0 "$VITALS" --db "$db" actions summary --plan cur --today 2026-03-02 --json
[ "$(jq -c '[.total, .by_rag.green, .discharged]' out)" = '[5,2,1]' ] ||
	fail "the discharged action's counts: $(cat out)"
# Five actions, one complete none, one discharged: four open.
[ "$(jq '.open' out)" = 4 ] || fail "open is $(jq .open out), not 4"
expect_status 0 "$VITALS" --db "$db" actions list --plan cur --today 2026-03-02 --json
[ "$(jq -c '.[] | select(.ref == "D1") | [.rag, .overdue, .stale, .discharged]' out)" = \
  '["green",false,false,"2025-10-01"]' ] || fail "D1 as listed: $(cat out)"
expect_status 0 "$VITALS" --db "$db" actions list --plan cur --today 2026-03-02
expect_contains out "Effectively discharged (discharged on 2025-10-01)"
# The day before its discharge it was open, and stale (no update since
# June).
expect_status 0 "$VITALS" --db "$db" actions list --plan cur --today 2025-09-30 --json
[ "$(jq -c '.[] | select(.ref == "D1") | [.stale, .discharged]' out)" = '[true,null]' ] ||
	fail "D1 before its discharge: $(cat out)"

# --- set through the change log -------------------------------------------
entries() { "$VITALS" --db "$db" log list --json | jq length; }
logged=$(entries)
expect_status 0 "$VITALS" --db "$db" actions set M1 --cadence quarterly --discharged 2026-02-01
[ "$(entries)" = $((logged + 1)) ] || fail "setting an action's life wrote $(($(entries) - logged)) log entries"
expect_status 0 "$VITALS" --db "$db" actions list --plan cur --today 2026-03-02 --json
[ "$(jq -c '.[] | select(.ref == "M1") | [.cadence, .discharged, .stale]' out)" = \
  '["quarterly","2026-02-01",false]' ] || fail "M1 after set: $(cat out)"
expect_status 0 "$VITALS" --db "$db" actions set M1 --cadence monthly --discharged none
expect_status 0 "$VITALS" --db "$db" export again.json
cmp -s all.json again.json || fail "setting and clearing changed the export"

# --- refusals name the field and change nothing ---------------------------
before=$(db_state "$db")
refused() {
	local text=$1
	shift
	expect_status 1 "$VITALS" --db "$db" "$@"
	expect_contains err "$text"
	[ "$(db_state "$db")" = "$before" ] || fail "'$*' changed the database"
}
refused "action 'A1': discharged 2025-01-01 is before the action's first update, 2025-08-12" \
	actions set A1 --discharged 2025-01-01
refused "cadence 'weekly' is not one of monthly, quarterly" actions set A1 --cadence weekly
refused "action 'A1': discharged 2027-01-01 is after today (2026-03-02)" \
	actions set A1 --discharged 2027-01-01
refused "discharged: '31/31/2025' is not a date" actions set A1 --discharged 31/31/2025
refused "there is no action 'NOPE'" actions set NOPE --cadence quarterly
jq '.plans[1].status = "archived"' def.json >bad.json
refused "plan 'cur': status 'archived' is not one of draft, current, closed" load bad.json
jq '.priorities[2].status = "paused"' def.json >bad.json
refused "priority 'cur2': status 'paused' is not one of draft, current, closed" load bad.json
jq '.priorities[2].ends = "2026-01-01"' def.json >bad.json
refused "priority 'cur2': ends 2026-01-01 is before starts 2026-04-01" load bad.json
jq '.actions[5].updates = [] | .actions[5].discharged = "2021-07-01"' def.json >bad.json
refused "action 'OLD1': discharged 2021-07-01 but the action has no update" load bad.json
jq '.actions[5].discharged = "1 July"' def.json >bad.json
refused "discharged" load bad.json

# --- export, load, export is unchanged ------------------------------------
db2=$(new_db life2.db)
expect_status 0 "$VITALS" --db "$db2" init
expect_status 0 "$VITALS" --db "$db2" load all.json
expect_status 0 "$VITALS" --db "$db2" export round.json
cmp -s all.json round.json || fail "export, load, export differs: $(diff all.json round.json | head)"

finish
