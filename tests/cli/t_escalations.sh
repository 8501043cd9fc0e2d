# The escalations register: stage clocks over Christmas and Easter (met,
# missed, open with working days left, flagged past the timescale), the
# partnership's own protocol and themes, who sees what, the causes by
# quarter, refusals that name their field and change nothing, and the
# register through export and load unchanged.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2027-05-04T10:00:00Z
# The demo partnership without its illustrative escalations: this test
# counts its own.
demo=$(new_db demo.db)
expect_status 0 "$VITALS" --db "$demo" demo
expect_status 0 "$VITALS" --db "$demo" export demo.json
jq 'del(.escalations)' demo.json >base.json
db=$(new_db escalations.db)
expect_status 0 "$VITALS" --db "$db" init
expect_status 0 "$VITALS" --db "$db" load base.json
expect_status 0 "$VITALS" --db "$db" escalations list
expect_contains out "no escalations"

# --- stage 1 over Christmas: raised Friday 18 December 2026 ----------------
# Five working days: 21, 22, 23, 24 December, then (25 and 26 December
# and the substitute Boxing Day, Monday 28, being bank holidays) the 29th.
expect_status 0 "$VITALS" --db "$db" escalations add ESC-2026-01 \
	--raised-by police --role "designated safeguarding lead" \
	--about scc-csc --theme thresholds --date 2026-12-18 \
	--summary "threshold for a strategy discussion"
expect_contains out "escalation ESC-2026-01 raised on 2026-12-18"
show() {
	expect_status 0 "$VITALS" --db "$db" escalations show "$@" --json
}
show ESC-2026-01 --today 2026-12-23
[ "$(jq -c '[.stage, .stage_name, .clock.due, .clock.state, .clock.working_days_left, .past_timescale]' out)" = \
  '[1,"Practitioner to practitioner","2026-12-29","open",2,false]' ] ||
	fail "stage 1 before Christmas: $(cat out)"
show ESC-2026-01 --today 2026-12-30
[ "$(jq -c '[.clock.state, .clock.working_days_left, .past_timescale]' out)" = '["missed",-1,true]' ] ||
	fail "stage 1 past its timescale: $(cat out)"
expect_status 0 "$VITALS" --db "$db" escalations list --open --today 2026-12-30
expect_contains out "past its stage's timescale"

# Escalated after New Year: stage 1 missed, stage 2 (five working days to
# Monday 11 January) open, then past it on the 12th.
expect_status 0 "$VITALS" --db "$db" escalations escalate ESC-2026-01 \
	--date 2027-01-04 --note "managers to meet"
show ESC-2026-01 --today 2027-01-06
[ "$(jq -c '[.steps[0].state, .steps[0].done, .stage, .clock.due, .clock.working_days_left, .past_timescale]' out)" = \
  '["missed","2027-01-04",2,"2027-01-11",3,false]' ] ||
	fail "stage 2 open: $(cat out)"
show ESC-2026-01 --today 2027-01-12
[ "$(jq -c '[.past_timescale, .steps[1].note]' out)" = '[true,"managers to meet"]' ] ||
	fail "stage 2 past: $(cat out)"

# --- over Easter: raised Wednesday 24 March 2027; Good Friday 26 March and
# Easter Monday 29 March are bank holidays, so stage 1 is due 2 April. -------
expect_status 0 "$VITALS" --db "$db" escalations add ESC-2027-01 \
	--raised-by health-heartlands --role "named nurse" --about police \
	--theme attendance --date 2027-03-24
expect_status 0 "$VITALS" --db "$db" escalations resolve ESC-2027-01 \
	--date 2027-04-02 --outcome agreed --resolution "attendance at strategy meetings agreed"
show ESC-2027-01
[ "$(jq -c '[.state, .stage, .clock.due, .clock.state, .past_timescale, .outcome]' out)" = \
  '["resolved",1,"2027-04-02","met",false,"agreed"]' ] ||
	fail "resolved over Easter: $(cat out)"

# --- refusals: each names its field and changes nothing ---------------------
before=$(db_state "$db")
refuse() {
	local want=$1
	shift
	expect_status 1 "$VITALS" --db "$db" escalations "$@"
	expect_contains err "$want"
	expect_contains err "nothing was changed"
	[ "$(db_state "$db")" = "$before" ] || fail "'escalations $*' changed the database"
}
refuse "date 2027-01-03 (stage 3) comes before stage 2's date 2027-01-04" \
	escalate ESC-2026-01 --date 2027-01-03
refuse "about: there is no agency 'nobody'" add ESC-2027-02 --raised-by police \
	--role lead --about nobody --theme plans --date 2027-04-05
refuse "raised_by: there is no agency 'nobody'" add ESC-2027-02 --raised-by nobody \
	--role lead --about police --theme plans --date 2027-04-05
refuse "raised_role looks like a person's name" add ESC-2027-02 --raised-by police \
	--role "John Brown" --about scc-csc --theme plans --date 2027-04-05
expect_not_contains err "John Brown"
refuse "escalation 1: ref looks like a person's name or a date of birth" \
	add 12/03/2015 --raised-by police --role lead --about scc-csc \
	--theme plans --date 2027-04-05
expect_not_contains err "12/03/2015"
refuse "summary looks like a person's name or a date of birth" add ESC-2027-02 \
	--raised-by police --role lead --about scc-csc --theme plans \
	--date 2027-04-05 --summary "child born 01/02/2016"
refuse "theme 'weather' is not one of the partnership's escalation themes" \
	add ESC-2027-02 --raised-by police --role lead --about scc-csc \
	--theme weather --date 2027-04-05
refuse "outcome 'won' is not one" resolve ESC-2026-01 --date 2027-01-20 --outcome won
refuse "resolved 2027-01-02 comes before stage 2's date 2027-01-04" \
	resolve ESC-2026-01 --date 2027-01-02 --outcome agreed
refuse "resolved: escalation 'ESC-2027-01' was resolved on 2027-04-02" \
	escalate ESC-2027-01 --date 2027-04-05
refuse "resolved: escalation 'ESC-2027-01' was resolved on 2027-04-02" \
	resolve ESC-2027-01 --date 2027-04-05 --outcome upheld
refuse "ref: there is no escalation 'ESC-1999-01'" escalate ESC-1999-01 --date 2027-04-05
refuse "ref: there is already an escalation 'ESC-2026-01'" add ESC-2026-01 \
	--raised-by police --role lead --about scc-csc --theme plans --date 2027-04-05
# To the executive (stage 4, the default protocol's last), then no further.
expect_status 0 "$VITALS" --db "$db" escalations escalate ESC-2026-01 --date 2027-01-13
expect_status 0 "$VITALS" --db "$db" escalations escalate ESC-2026-01 --date 2027-01-27
before=$(db_state "$db")
refuse "stage: escalation 'ESC-2026-01' is at the last stage of the escalation protocol (4, Safeguarding Executive Group)" \
	escalate ESC-2026-01 --date 2027-02-01
expect_status 2 "$VITALS" --db "$db" escalations escalate ESC-2026-01
expect_status 2 "$VITALS" --db "$db" escalations resolve ESC-2026-01 --date 2027-02-01
expect_status 2 "$VITALS" --db "$db" escalations add ESC-2027-03 --date 2027-02-01

# --- who sees what: raised by or about the agency --------------------------
expect_status 0 "$VITALS" --db "$db" escalations list --agency police --json
[ "$(jq -c '[.[] | .ref]' out)" = '["ESC-2026-01","ESC-2027-01"]' ] || fail "police: $(cat out)"
expect_status 0 "$VITALS" --db "$db" escalations list --agency scc-csc --csv
expect_contains out "ESC-2026-01,2026-12-18,police,scc-csc,thresholds,4,Safeguarding Executive Group,"
expect_not_contains out "ESC-2027-01"
expect_status 0 "$VITALS" --db "$db" escalations list --agency education
expect_contains out "no escalations"
expect_status 0 "$VITALS" --db "$db" escalations list --open --json
[ "$(jq -c '[.[] | .ref]' out)" = '["ESC-2026-01"]' ] || fail "open: $(cat out)"

# --- causes by quarter -------------------------------------------------------
expect_status 0 "$VITALS" --db "$db" escalations causes --json
[ "$(jq -c '[.quarters[] | [.period, .label, .total]]' out)" = \
  '[["2026Q4","2026-27 Q3",1],["2027Q1","2026-27 Q4",1]]' ] || fail "quarters: $(cat out)"
[ "$(jq -c '[.quarters[0].themes.thresholds, .quarters[0].about.police, .quarters[0].about["scc-csc"], .quarters[0].stage_reached["4"], .quarters[1].themes.attendance, .quarters[1].about.police, .quarters[1].stage_reached["1"], .trend]' out)" = \
  '[1,0,1,1,1,1,1,null]' ] || fail "causes: $(cat out)"
expect_status 0 "$VITALS" --db "$db" escalations causes --csv
expect_contains out "2027Q1,2026-27 Q4,theme,attendance,1"
expect_status 0 "$VITALS" --db "$db" log list
expect_contains out "ESC-2026-01"

# --- export, load into a fresh database, export: the same ------------------
expect_status 0 "$VITALS" --db "$db" export first.json
[ "$(jq '.escalations | length' first.json)" = 2 ] || fail "export lacks the escalations"
[ "$(jq '.partnership | has("escalation_stages")' first.json)" = false ] ||
	fail "the default protocol was written out"
fresh=$(new_db fresh.db)
expect_status 0 "$VITALS" --db "$fresh" init
expect_status 0 "$VITALS" --db "$fresh" load first.json
expect_status 0 "$VITALS" --db "$fresh" export second.json
cmp -s first.json second.json || fail "export, load, export differs: $(diff first.json second.json | head)"

# --- the partnership's own protocol and themes -----------------------------
jq '.partnership.escalation_stages = [
	{"name": "Team managers", "days": 3},
	{"name": "Heads of service", "days": 10},
	{"name": "Partnership executive", "days": 15},
	{"name": "Independent scrutineer", "days": 20},
	{"name": "Statutory partners", "days": 20}]
    | .themes = [
	{"code": "thresholds", "name": "Thresholds", "register": "escalation"},
	{"code": "attendance", "name": "Attendance at meetings", "register": "escalation"},
	{"code": "transitions", "name": "Transitions to adult services", "register": "escalation"},
	{"code": "neglect", "name": "Neglect", "register": "review"},
	{"code": "working-together", "name": "Working together", "register": "review"},
	{"code": "professional-curiosity", "name": "Professional curiosity", "register": "review"}]' \
	first.json > own.json
# A database of its own: loading merges, and the demo's themes would stay.
db=$(new_db own.db)
expect_status 0 "$VITALS" --db "$db" init
expect_status 0 "$VITALS" --db "$db" load own.json
expect_status 0 "$VITALS" --db "$db" escalations add ESC-2027-04 --raised-by scc-csc \
	--role "team manager" --about education --theme transitions --date 2027-04-07
show ESC-2027-04 --today 2027-04-07
[ "$(jq -c '[.stage_name, .clock.due]' out)" = '["Team managers","2027-04-12"]' ] ||
	fail "own protocol: $(cat out)"
# A fifth stage now exists for the escalation at stage 4.
expect_status 0 "$VITALS" --db "$db" escalations escalate ESC-2026-01 --date 2027-02-01
show ESC-2026-01 --today 2027-02-01
[ "$(jq -c '[.stage, .stage_name]' out)" = '[5,"Statutory partners"]' ] || fail "stage 5: $(cat out)"
# The protocol cannot then be cut back below the stage it reached.
jq '{vitals, partnership}' first.json > short.json
before=$(db_state "$db")
expect_status 1 "$VITALS" --db "$db" load short.json
expect_contains err "escalation 'ESC-2026-01' has reached stage 5; the protocol cannot have fewer stages (it has 4)"
[ "$(db_state "$db")" = "$before" ] || fail "a refused protocol changed the database"
before=$(db_state "$db")
refuse "theme 'plans' is not one of the partnership's escalation themes" \
	add ESC-2027-05 --raised-by police --role lead --about scc-csc \
	--theme plans --date 2027-04-07
expect_status 1 "$VITALS" --db "$db" reviews add CSPR-2027-09 --aware 2027-04-07 --theme domestic-abuse
expect_contains err "theme 'domestic-abuse' is not one of the partnership's case review themes"
[ "$(db_state "$db")" = "$before" ] || fail "a refused review changed the database"
expect_status 0 "$VITALS" --db "$db" reviews add CSPR-2027-09 --aware 2027-04-07 --theme neglect
expect_status 0 "$VITALS" --db "$db" export third.json
third=$(new_db third.db)
expect_status 0 "$VITALS" --db "$third" init
expect_status 0 "$VITALS" --db "$third" load third.json
expect_status 0 "$VITALS" --db "$third" export fourth.json
cmp -s third.json fourth.json || fail "with its own protocol, export, load, export differs: $(diff third.json fourth.json | head)"
[ "$(jq -c '[(.partnership.escalation_stages | length), (.themes | length)]' fourth.json)" = '[5,6]' ] ||
	fail "own protocol and themes not kept"

# --- the trend of the causes: none with five quarters, limits with six ----
add_on() {
	expect_status 0 "$VITALS" --db "$third" escalations add "$1" --raised-by police \
		--role "detective sergeant" --about education --theme transitions --date "$2"
}
add_on ESC-2027-10 2027-07-05
add_on ESC-2027-11 2027-10-04
add_on ESC-2027-12 2027-10-05
expect_status 0 "$VITALS" --db "$third" escalations causes --json
[ "$(jq -c '[[.quarters[] | .total], .trend]' out)" = '[[1,1,1,1,2],null]' ] ||
	fail "five quarters: $(cat out)"
add_on ESC-2028-01 2028-01-10
expect_status 0 "$VITALS" --db "$third" escalations causes --json
[ "$(jq -c '[[.quarters[] | .total], .trend.quarters, (.trend.mean * 100 | round), .trend.provisional, .quarters[4].themes.transitions, .quarters[4].about.education]' out)" = \
  '[[1,1,1,1,2,1],6,117,true,2,2]' ] || fail "six quarters: $(cat out)"
expect_status 0 "$VITALS" --db "$third" escalations causes
expect_contains out "trend over 6 quarters"
finish
