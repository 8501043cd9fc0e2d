# The action tracker: summary and red list from the data, filters, derived
# states on a fixed day, CSV that a spreadsheet cannot run.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db tracker.db)
expect_status 0 "$VITALS" --db "$db" demo

# The police improvement plan's tracker, as its report counts it.
expect_status 0 "$VITALS" --db "$db" actions summary --plan ppip --json
expect_contains out '"total": 71'
expect_contains out '"red": 10'
expect_contains out '"amber": 32'
expect_contains out '"green": 29'
expect_contains out '"blue": 0'
[ "$(grep -c '"ref": ' out)" = 10 ] || fail "the red list has $(grep -c '"ref": ' out) actions, not 10"
expect_status 0 "$VITALS" --db "$db" actions summary --plan ppip
expect_contains out "71 actions: 29 green, 32 amber, 10 red, 0 blue (complete)"
expect_contains out "red list:"

# The counts come from the data: one amber action rated red moves them.
expect_status 0 "$VITALS" --db "$db" actions list --plan ppip --rag A --csv
ref=$(sed -n 2p out | cut -d, -f1)
[ -n "$ref" ] || fail "no amber action listed"
cat >red.json <<JSON
{"vitals": 1, "actions": [{"code": "$ref", "plan": "ppip", "agency": "police",
  "title": "Rated red in a test", "rag": "red",
  "updates": [{"date": "2026-11-20", "rag": "red", "note": "Slipped; needs scrutiny"}]}]}
JSON
expect_status 0 "$VITALS" --db "$db" load red.json
expect_status 0 "$VITALS" --db "$db" actions summary --plan ppip --json
expect_contains out '"total": 71'
expect_contains out '"red": 11'
expect_contains out '"amber": 31'
expect_contains out '"ref": "'"$ref"'"'
expect_contains out '"last_note": "Slipped; needs scrutiny"'

# Overdue and stale are worked out on the day asked for.
expect_status 0 "$VITALS" --db "$db" actions list --overdue --today 2026-11-23 --csv
overdue_now=$(($(wc -l <out) - 1))
expect_status 0 "$VITALS" --db "$db" actions list --overdue --today 2030-01-01 --csv
overdue_later=$(($(wc -l <out) - 1))
[ "$overdue_later" -gt "$overdue_now" ] ||
	fail "nothing fell due between 2026 and 2030 ($overdue_now, $overdue_later)"
if grep -q ',blue,' out; then fail "a complete action is listed as overdue"; fi
# On 1 December only the action updated on 20 November is not stale, of
# those neither complete nor discharged (the tracker's 29 green are).
open=$("$VITALS" --db "$db" export - | jq '[.actions[] | select(.plan == "ppip"
	and .rag != "blue" and .discharged == null)] | length')
[ "$open" -gt 30 ] || fail "only $open open actions in the tracker"
expect_status 0 "$VITALS" --db "$db" actions summary --plan ppip --today 2026-12-01 --json
expect_contains out "\"stale\": $((open - 1))"
expect_status 0 "$VITALS" --db "$db" actions list --plan ppip --stale --today 2026-12-01 --csv
if grep -q "^$ref," out; then fail "$ref is stale 11 days after its update"; fi
expect_status 0 "$VITALS" --db "$db" actions list --plan ppip --stale --today 2026-12-26 --csv
expect_contains out "$ref,"
# The partnership sets its own interval: at ten days the update of 20
# November is stale on 1 December too.
expect_status 0 "$VITALS" --db "$db" actions summary --plan ppip --today 2026-12-01
expect_contains out "$((open - 1)) without an update in 35 days"
expect_status 0 "$VITALS" --db "$db" export all.json
jq '{vitals: 1, partnership: (.partnership + {action_update_days: 10})}' all.json >interval.json
expect_status 0 "$VITALS" --db "$db" load interval.json
expect_status 0 "$VITALS" --db "$db" actions summary --plan ppip --today 2026-12-01
expect_contains out "$open without an update in 10 days"
jq '{vitals: 1, partnership: (.partnership + {action_update_days: 35})}' all.json >interval.json
expect_status 0 "$VITALS" --db "$db" load interval.json
# A priority by the number its plan gives it, as by its code.
expect_status 0 "$VITALS" --db "$db" actions list --plan ppip --priority "$(jq -r '[.priorities[] | select(.plan == "ppip")][0].number' all.json)" --csv
by_number=$(wc -l <out)
expect_status 0 "$VITALS" --db "$db" actions list --plan ppip --priority "$(jq -r '[.priorities[] | select(.plan == "ppip")][0].code' all.json)" --csv
[ "$(wc -l <out)" = "$by_number" ] || fail "--priority by number lists $by_number lines, by code $(wc -l <out)"
[ "$by_number" -gt 1 ] || fail "--priority by number lists no action"

# Bad options are usage errors and name the value.
expect_status 2 "$VITALS" --db "$db" actions list --rag purple
expect_contains err "'purple' is not a RAG rating"
expect_status 2 "$VITALS" --db "$db" actions summary --today 23/11/2026
expect_contains err "'23/11/2026' is not a date"
expect_status 2 "$VITALS" --db "$db" actions list --json --csv
expect_status 2 "$VITALS" --db "$db" actions frobnicate

# A title a spreadsheet would run as a formula is written as text.
cat >formula.json <<'JSON'
{"vitals": 1, "actions": [{"code": "x-1", "plan": "ppip", "agency": "police",
  "title": "=HYPERLINK(\"http://example.invalid\",\"click\")", "rag": "green"}]}
JSON
expect_status 0 "$VITALS" --db "$db" load formula.json
expect_status 0 "$VITALS" --db "$db" actions list --agency police --closed --csv
expect_contains out "x-1,ppip,police,\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\""
# --- monthly updates: the rules, and history kept ---------------------------
expect_status 0 "$VITALS" --db "$db" export before.json
expect_status 1 "$VITALS" --db "$db" actions update "$ref" --rag red
expect_contains err "red needs a note"
expect_status 1 "$VITALS" --db "$db" actions update "$ref" --rag B
expect_contains err "complete (blue) needs evidence"
# A note or evidence of only spaces (or no-break spaces) says nothing.
expect_status 1 "$VITALS" --db "$db" actions update "$ref" --rag red --note "   "
expect_contains err "red needs a note"
expect_status 1 "$VITALS" --db "$db" actions update "$ref" --rag red --note "$(printf ' \302\240\t ')"
expect_contains err "red needs a note"
expect_status 1 "$VITALS" --db "$db" actions update "$ref" --rag B --evidence "  " --note " "
expect_contains err "complete (blue) needs evidence"
if grep -q -- '--note\|--evidence' err; then fail "the library's message names a command-line flag: $(cat err)"; fi
expect_status 1 "$VITALS" --db "$db" actions update "$ref" --rag G --note "fine" --date 2026-12-01
expect_contains err "after today"
expect_status 1 "$VITALS" --db "$db" actions update "$ref" --rag G --note "fine" --date 19/11/2026
expect_contains err "before the update of 2026-11-20"
expect_status 1 "$VITALS" --db "$db" actions update "$ref" --rag G --date 31/02/2026
expect_contains err "'31/02/2026' is not a date"
expect_status 1 "$VITALS" --db "$db" actions update no-such --rag G
expect_contains err "there is no action 'no-such'"
expect_status 2 "$VITALS" --db "$db" actions update "$ref" --rag purple
expect_status 2 "$VITALS" --db "$db" actions update --rag G
expect_status 0 "$VITALS" --db "$db" export after.json
cmp -s before.json after.json || fail "a refused update changed the database"

expect_status 0 "$VITALS" --db "$db" --as "ppip-lead" actions update "$ref" --rag b \
	--evidence "https://example.invalid/closure-report" --date 21/11/2026
expect_contains out "is now blue"
expect_status 0 "$VITALS" --db "$db" actions summary --plan ppip --json
expect_contains out '"red": 10'
expect_contains out '"blue": 1'
expect_status 0 "$VITALS" --db "$db" export after.json
expect_contains after.json '"note": "Slipped; needs scrutiny"'
expect_contains after.json '"evidence": "https://example.invalid/closure-report"'
expect_contains after.json '"by": "ppip-lead"'
expect_status 0 "$VITALS" --db "$db" log verify
# --- the actions meant to move a measure ------------------------------------
expect_status 0 "$VITALS" --db "$db" measures actions pol-m2
expect_contains out "every linked action is green or complete"
expect_status 0 "$VITALS" --db "$db" measures actions pol-m1
expect_contains out "pol-a1"
expect_contains out "amber"
if grep -q "every linked action" out; then fail "pol-m1 has an amber action, yet all green is said"; fi
expect_status 1 "$VITALS" --db "$db" measures actions no-such
expect_contains err "there is no measure 'no-such'"
expect_status 2 "$VITALS" --db "$db" measures frobnicate x
finish
