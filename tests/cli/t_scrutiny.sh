# The independent scrutiny plan: items added and changed, reported, each
# finding made a challenge on scrutiny:REF or an action in the same
# change; refusals that name the item and the field and change nothing;
# the change log; and the plan through export and load unchanged.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-12-01T10:00:00Z
demo=$(new_db demo.db)
expect_status 0 "$VITALS" --db "$demo" demo
expect_status 0 "$VITALS" --db "$demo" export demo.json
jq 'del(.scrutiny) | .meetings |= map(if .received then .received |= map(select(.subject | startswith("scrutiny:") | not)) else . end)' demo.json >base.json
db=$(new_db scrutiny.db)
expect_status 0 "$VITALS" --db "$db" init
expect_status 0 "$VITALS" --db "$db" load base.json
expect_status 0 "$VITALS" --db "$db" scrutiny list
expect_contains out "no scrutiny items"

# --- the plan ----------------------------------------------------------------
expect_status 0 "$VITALS" --db "$db" scrutiny add SCR-2026-01 --year 2026-27 \
	--theme neglect --method case-audit --planned 2026Q3
expect_contains out "scrutiny item SCR-2026-01 added"
expect_status 0 "$VITALS" --db "$db" scrutiny add SCR-2026-02 --year 2026-27 \
	--theme thresholds --method observation --planned 2027-02-10
expect_status 0 "$VITALS" --db "$db" scrutiny add SCR-2026-03 --year 2026-27 \
	--theme voice-of-the-child --method survey --planned 2026Q4 --status in-progress
expect_status 0 "$VITALS" --db "$db" scrutiny add SCR-2025-01 --year 2025-26 \
	--theme early-help --method meeting-attendance --planned 2026-03-31
expect_status 0 "$VITALS" --db "$db" scrutiny update SCR-2026-02 --status dropped
expect_status 0 "$VITALS" --db "$db" scrutiny update SCR-2026-01 --status in-progress --method data-review
expect_contains out "scrutiny item SCR-2026-01 updated"
expect_status 0 "$VITALS" --db "$db" scrutiny show SCR-2026-01 --json
[ "$(jq -c '[.ref, .year, .theme, .method, .planned, .status, .reported, .findings]' out)" = \
  '["SCR-2026-01","2026-27","neglect","data-review","2026Q3","in-progress",null,[]]' ] ||
	fail "show SCR-2026-01: $(cat out)"
expect_status 0 "$VITALS" --db "$db" scrutiny list --year 2026-27 --json
[ "$(jq -c '[.[] | [.ref, .status]]' out)" = \
  '[["SCR-2026-01","in-progress"],["SCR-2026-02","dropped"],["SCR-2026-03","in-progress"]]' ] ||
	fail "list 2026-27: $(cat out)"

# --- reported, and its findings made a challenge and an action ------------
expect_status 0 "$VITALS" --db "$db" scrutiny report SCR-2026-01 --date 2026-10-12 \
	--summary "twelve neglect cases audited with the quality assurance sub-group"
expect_contains out "scrutiny item SCR-2026-01 reported"
challenges_before=$(jq '.challenges // [] | length' base.json)
expect_status 0 "$VITALS" --db "$db" scrutiny finding SCR-2026-01 --challenge \
	--text "chronologies were missing in half the cases audited" --date 2026-10-14
want_id=$((challenges_before + 1))
expect_contains out "finding of SCR-2026-01 made challenge $want_id"
expect_status 0 "$VITALS" --db "$db" scrutiny finding SCR-2026-01 --action \
	--text "refresh chronology training for social workers" --agency scc-csc \
	--due 31/03/2027 --owner "head of service" --plan neglect-2017-20
expect_contains out "finding of SCR-2026-01 made action SCR-2026-01-F1"
expect_status 0 "$VITALS" --db "$db" scrutiny show SCR-2026-01 --json
[ "$(jq -c '[.status, .reported, [.findings[] | [.becomes, .challenge, .action]]]' out)" = \
  "[\"reported\",\"2026-10-12\",[[\"challenge\",\"$want_id\",null],[\"action\",null,\"SCR-2026-01-F1\"]]]" ] ||
	fail "findings: $(cat out)"
# The challenge is a real one, on the item, for the partnership to answer.
expect_status 0 "$VITALS" --db "$db" challenge list --on scrutiny:SCR-2026-01 --json
[ "$(jq -c '[.challenges[] | [(.id | tostring), .on, .by, .raised, .status]]' out)" = \
  "[[\"$want_id\",\"scrutiny:SCR-2026-01\",\"independent scrutineer\",\"2026-10-14\",\"open\"]]" ] ||
	fail "challenge: $(cat out)"
expect_status 0 "$VITALS" --db "$db" challenge respond "$want_id" --by "head of service" \
	--text "chronology guidance reissued"
# The action is a real one, in the tracker, amber.
# Every plan's actions: the plan that holds them may have ended.
expect_status 0 "$VITALS" --db "$db" actions list --closed --csv
expect_contains out "SCR-2026-01-F1,neglect-2017-20,scc-csc,refresh chronology training for social workers,head of service,2027-03-31,amber"
# Without --plan: the first strategic plan in force today (else the
# first strategic plan), as a case review's recommendation.
first_plan=$(jq -r --arg day "${VITALS_NOW%%T*}" '[.plans[] | select(.kind == "strategic")] as $s
	| ([$s[] | select((.status // "current") == "current"
		and (.starts == null or .starts <= $day)
		and (.ends == null or .ends >= $day))] + $s)[0].code' base.json)
expect_status 0 "$VITALS" --db "$db" scrutiny finding SCR-2026-01 --action \
	--text "audit chronologies again in a year" --agency scc-csc --due 2027-10-01
expect_contains out "made action SCR-2026-01-F2"
# Every plan's actions: the plan that holds them may have ended.
expect_status 0 "$VITALS" --db "$db" actions list --closed --csv
expect_contains out "SCR-2026-01-F2,$first_plan,scc-csc,"

# --- refusals: each names the item and the field, and changes nothing ------
expect_status 0 "$VITALS" --db "$db" export before.json
before=$(db_state "$db")
refuse() {
	local want=$1
	shift
	expect_status 1 "$VITALS" --db "$db" scrutiny "$@"
	expect_contains err "$want"
	expect_contains err "nothing was changed"
	[ "$(db_state "$db")" = "$before" ] || fail "'scrutiny $*' changed the database"
}
add4() {
	local want=$1
	shift
	refuse "$want" add SCR-2026-04 "$@"
}
add4 "scrutiny item 'SCR-2026-04': year '2026-28' is not a financial year (2026-27)" \
	--year 2026-28 --theme neglect --method survey --planned 2026Q3
add4 "scrutiny item 'SCR-2026-04': planned 2026-03-31 is not in the plan's year 2026-27" \
	--year 2026-27 --theme neglect --method survey --planned 2026-03-31
add4 "scrutiny item 'SCR-2026-04': planned 'soon' is neither a date (YYYY-MM-DD) nor a quarter" \
	--year 2026-27 --theme neglect --method survey --planned soon
add4 "scrutiny item 'SCR-2026-04': method 'gossip' is not one of observation, case-audit" \
	--year 2026-27 --theme neglect --method gossip --planned 2026Q3
add4 "scrutiny item 'SCR-2026-04': status 'done' is not one of planned, in-progress, reported, dropped" \
	--year 2026-27 --theme neglect --method survey --planned 2026Q3 --status done
add4 "scrutiny item 'SCR-2026-04': status: an item is reported with its date and summary" \
	--year 2026-27 --theme neglect --method survey --planned 2026Q3 --status reported
add4 "scrutiny item 'SCR-2026-04': planned: say when" \
	--year 2026-27 --theme neglect --method survey
refuse "scrutiny item 1: ref looks like a person's name or a date of birth" \
	add 12.03.2015 --year 2026-27 --theme neglect --method survey --planned 2026Q3
expect_not_contains err "12.03.2015"
refuse "ref: there is already a scrutiny item 'SCR-2026-01'" add SCR-2026-01 \
	--year 2026-27 --theme neglect --method survey --planned 2026Q3
refuse "ref: there is no scrutiny item 'SCR-1999-01'" update SCR-1999-01 --status dropped
refuse "scrutiny item 'SCR-2026-01': status: it was reported on 2026-10-12" \
	update SCR-2026-01 --theme thresholds
refuse "scrutiny item 'SCR-2026-01': status: it is reported on 2026-10-12" \
	report SCR-2026-01 --date 2026-11-01 --summary "again"
refuse "scrutiny item 'SCR-2026-02': status: it is dropped" \
	report SCR-2026-02 --date 2026-11-01 --summary "a report"
refuse "scrutiny item 'SCR-2026-03': summary looks like a person's name or a date of birth" \
	report SCR-2026-03 --date 2026-11-01 --summary "met Jane Smith"
expect_not_contains err "Jane Smith"
refuse "scrutiny item 'SCR-2026-03': reported '2026-11-31' is not a date" \
	report SCR-2026-03 --date 2026-11-31 --summary "a report"
refuse "scrutiny item 'SCR-2026-03': status: it is in-progress; findings come from its report" \
	finding SCR-2026-03 --challenge --text "a finding"
refuse "scrutiny item 'SCR-2026-01': date: 2026-10-01 is before the item was reported (2026-10-12)" \
	finding SCR-2026-01 --challenge --text "a finding" --date 2026-10-01
refuse "scrutiny item 'SCR-2026-01': findings[3].text looks like a person's name or a date of birth" \
	finding SCR-2026-01 --challenge --text "seen by Jane Smith"
refuse "scrutiny item 'SCR-2026-01': agency: there is no agency 'nobody'" \
	finding SCR-2026-01 --action --text "a finding" --agency nobody --due 2027-01-01
refuse "scrutiny item 'SCR-2026-01': due: 'soon' is not a date" \
	finding SCR-2026-01 --action --text "a finding" --agency police --due soon
refuse "scrutiny item 'SCR-2026-01': plan: there is no plan 'nope'" \
	finding SCR-2026-01 --action --text "a finding" --agency police --due 2027-01-01 --plan nope
refuse "scrutiny item 'SCR-2026-01': owner looks like a person's name" \
	finding SCR-2026-01 --action --text "a finding" --agency police --due 2027-01-01 --owner "John Brown"
expect_status 2 "$VITALS" --db "$db" scrutiny finding SCR-2026-01 --text "a finding"
expect_status 2 "$VITALS" --db "$db" scrutiny finding SCR-2026-01 --text "a finding" --challenge --action
expect_status 2 "$VITALS" --db "$db" scrutiny finding SCR-2026-01 --text "a finding" --challenge --agency police
expect_status 2 "$VITALS" --db "$db" scrutiny report SCR-2026-03 --date 2026-11-01
expect_status 0 "$VITALS" --db "$db" export after.json
cmp -s before.json after.json || fail "a refusal changed the export: $(diff before.json after.json | head)"

# --- the change log: the plan, the report, each finding with its record ---
expect_status 0 "$VITALS" --db "$db" --as scrutineer@example.org scrutiny report SCR-2026-03 \
	--date 2026-11-20 --summary "children's survey on being heard at conferences"
expect_status 0 "$VITALS" --db "$db" log list --entity "scrutiny item"
[ "$(grep -c "added scrutiny item" out)" = 4 ] || fail "log: $(grep -c "added scrutiny item" out) items added, expected 4"
# Updated once, reported once, three findings: five changes of SCR-2026-01.
[ "$(grep -c "changed scrutiny item 'SCR-2026-01'" out)" = 5 ] ||
	fail "log: $(grep -c "changed scrutiny item 'SCR-2026-01'" out) changes of SCR-2026-01, expected 5"
expect_contains out "scrutineer@example.org  changed scrutiny item 'SCR-2026-03'"
expect_status 0 "$VITALS" --db "$db" log list
expect_contains out "added challenge '$want_id'"
expect_contains out "added action 'SCR-2026-01-F1'"
expect_status 0 "$VITALS" --db "$db" log verify

# --- export, load, export: the same ---------------------------------------
expect_status 0 "$VITALS" --db "$db" export first.json
[ "$(jq '.scrutiny | length' first.json)" = 4 ] || fail "export: $(jq .scrutiny first.json)"
fresh=$(new_db fresh.db)
expect_status 0 "$VITALS" --db "$fresh" init
expect_status 0 "$VITALS" --db "$fresh" load first.json
expect_status 0 "$VITALS" --db "$fresh" export second.json
cmp -s first.json second.json || fail "export, load, export differs: $(diff first.json second.json | head)"

finish
