# The multi-agency audit programme: audits added, graded (a grade replaced,
# the change log keeping the old one), completed, their recommendations
# made actions of the tracker, a re-audit; grades by agency and by theme
# counted from what was entered; the programme planned, done and late on a
# fixed day; refusals that name the record and field and change nothing;
# the partnership's own grade scale and themes; export, load, export the
# same.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2027-05-04T10:00:00Z
# The demo partnership without its illustrative audits or audit themes:
# this test counts its own, and any theme code is taken while there are
# none.
demo=$(new_db demo.db)
expect_status 0 "$VITALS" --db "$demo" demo
expect_status 0 "$VITALS" --db "$demo" export demo.json
jq 'del(.audits) | .themes |= map(select(.register != "audit"))
    | .actions |= map(select(has("audit") | not))
    | .meetings |= map(if .received then .received |= map(select(.subject | startswith("audit:") | not)) else . end)' demo.json >base.json
db=$(new_db audits.db)
expect_status 0 "$VITALS" --db "$db" init
expect_status 0 "$VITALS" --db "$db" load base.json
expect_status 0 "$VITALS" --db "$db" audits list
expect_contains out "no audits"
expect_status 0 "$VITALS" --db "$db" audits grades
expect_contains out "no grades"

# --- adding ----------------------------------------------------------------
# The lead takes part without being listed; the quarter may be its label.
expect_status 0 "$VITALS" --db "$db" audits add MAA-2026-01 --theme neglect \
	--planned "2026-27 Q2" --lead scc-csc \
	--agencies police,health-heartlands,education --sample 4
expect_contains out "audit MAA-2026-01 added"
expect_status 0 "$VITALS" --db "$db" audits add MAA-2026-02 --theme exploitation \
	--planned 2026Q4 --lead police --agencies police,scc-csc --sample 3
expect_status 0 "$VITALS" --db "$db" audits add MAA-2027-01 --theme neglect \
	--planned 2027Q3 --lead scc-csc --agencies police,health-heartlands \
	--sample 4 --reaudit-of MAA-2026-01
expect_status 0 "$VITALS" --db "$db" audits show MAA-2026-01 --json
[ "$(jq -c '[.planned, .lead, .agencies, .sample, .state, .reaudits]' out)" = \
  '["2026Q3","scc-csc",["scc-csc","police","health-heartlands","education"],4,"late",["MAA-2027-01"]]' ] ||
	fail "added: $(cat out)"
expect_status 0 "$VITALS" --db "$db" audits show MAA-2027-01 --json
[ "$(jq -c '[.reaudit_of, .state]' out)" = '["MAA-2026-01","planned"]' ] ||
	fail "re-audit: $(cat out)"

# --- grading: each line one agency's grade of one case ----------------------
cat >grades.txt <<'EOF'
MAA-2026-01 C-101 scc-csc good
MAA-2026-01 C-101 police requires-improvement
MAA-2026-01 C-101 health-heartlands good
MAA-2026-01 C-101 education outstanding
MAA-2026-01 C-102 scc-csc inadequate
MAA-2026-01 C-102 police requires-improvement
MAA-2026-01 C-102 health-heartlands requires-improvement
MAA-2026-01 C-103 scc-csc good
MAA-2026-01 C-103 education good
MAA-2026-02 C-201 police good
MAA-2026-02 C-201 scc-csc inadequate
EOF
while read -r ref case agency grade; do
	expect_status 0 "$VITALS" --db "$db" audits grade "$ref" --case "$case" \
		--agency "$agency" --grade "$grade" --findings "chronology kept"
	expect_contains out "graded by $agency as $grade"
done <grades.txt
# A grade given again replaces it, and the change log keeps the old one.
expect_status 0 "$VITALS" --db "$db" audits grade MAA-2026-01 --case C-102 \
	--agency scc-csc --grade requires-improvement --findings "plan reviewed late"
expect_contains out "case C-102 regraded by scc-csc as requires-improvement"
sed -i 's/^MAA-2026-01 C-102 scc-csc inadequate$/MAA-2026-01 C-102 scc-csc requires-improvement/' grades.txt
expect_status 0 "$VITALS" --db "$db" audits show MAA-2026-01 --json
[ "$(jq -c '[.cases, ([.grades[] | select(.case == "C-102" and .agency == "scc-csc")] | map([.grade, .findings]))]' out)" = \
  '[3,[["requires-improvement","plan reviewed late"]]]' ] || fail "regraded: $(cat out)"
[ "$(jq '.grades | length' out)" = "$(grep -c '^MAA-2026-01 ' grades.txt)" ] ||
	fail "a grade was lost or doubled: $(cat out)"
expect_status 0 "$VITALS" --db "$db" log list --entity audit --key MAA-2026-01 --json
[ "$(jq -c '[.[] | select(.change == "changed") | .before.grades[]? | select(.case == "C-102" and .agency == "scc-csc") | .grade] | unique' out)" = \
  '["inadequate"]' ] || fail "the change log lost the old grade: $(cat out)"

# --- completing, recommending ----------------------------------------------
expect_status 0 "$VITALS" --db "$db" audits complete MAA-2026-01 --date 2026-09-25 \
	--summary "plans drift where neglect is long-standing"
expect_contains out "audit MAA-2026-01 completed on 2026-09-25"
expect_status 0 "$VITALS" --db "$db" audits recommend MAA-2026-01 \
	--text "Review child in need plans at three months" --agency scc-csc \
	--due 2027-06-30 --owner "head of service"
expect_contains out "recommendation MAA-2026-01-R1 added to the action tracker"
expect_status 0 "$VITALS" --db "$db" audits recommend MAA-2026-01 \
	--text "Share chronologies at strategy discussions" --agency police --due 2027-09-30
# Every plan's actions: the plan that holds them may have ended.
expect_status 0 "$VITALS" --db "$db" actions list --closed --json
[ "$(jq -c '[.[] | select(.audit != null) | [.ref, .audit, .agency, .rag, .review]]' out)" = \
  '[["MAA-2026-01-R1","MAA-2026-01","scc-csc","amber",null],["MAA-2026-01-R2","MAA-2026-01","police","amber",null]]' ] ||
	fail "the tracker's audit recommendations: $(cat out)"
expect_status 0 "$VITALS" --db "$db" actions update MAA-2026-01-R1 --rag green \
	--note "three-month reviews in the procedures"
expect_status 0 "$VITALS" --db "$db" audits show MAA-2026-01 --json
[ "$(jq -c '[.state, .done, .recommendations]' out)" = \
  '["done","2026-09-25",[{"action":"MAA-2026-01-R1","rag":"green"},{"action":"MAA-2026-01-R2","rag":null}]]' ] ||
	fail "done with recommendations: $(cat out)"
expect_status 0 "$VITALS" --db "$db" audits show MAA-2026-01
expect_contains out "recommendation MAA-2026-01-R2: not yet rated"
expect_contains out "completed 2026-09-25"

# --- grades by agency and by theme: counted here from grades.txt ------------
# Every grade of an audit falls in the quarter the audit was done (null
# while not done): MAA-2026-01 in 2026Q3, MAA-2026-02 not yet.
quarter_of() { [ "$1" = MAA-2026-01 ] && echo 2026Q3 || echo null; }
theme_of() { [ "$1" = MAA-2026-02 ] && echo exploitation || echo neglect; }
expected() {	# by: agency or theme
	while read -r ref case agency grade; do
		key=$agency
		[ "$1" = theme ] && key=$(theme_of "$ref")
		echo "$key $(quarter_of "$ref") $grade"
	done <grades.txt | sort | uniq -c | awk '{ print $2, $3, $4, $1 }' | sort
}
for by in agency theme; do
	expect_status 0 "$VITALS" --db "$db" audits grades --by "$by" --json
	got=$(jq -r --arg by "$by" '.rows[] | . as $r | .counts | to_entries[]
		| select(.value > 0) | "\($r[$by]) \($r.quarter) \(.key) \(.value)"' out | sort)
	[ "$got" = "$(expected "$by")" ] || fail "grades by $by: $got, not $(expected "$by")"
	[ "$(jq '[.rows[].total] | add' out)" = "$(wc -l <grades.txt | tr -d ' ')" ] ||
		fail "grades by $by: the totals are not every grade"
done
expect_status 0 "$VITALS" --db "$db" audits grades --by agency --csv
expect_contains out "agency,quarter,grade,count"
expect_contains out "police,2026Q3,requires-improvement,$(grep -c ' police requires-improvement$' grades.txt)"
expect_status 0 "$VITALS" --db "$db" audits grades --by theme
expect_contains out "neglect, 2026-27 Q2: $(grep -c '^MAA-2026-01 ' grades.txt) graded"

# --- the programme on a fixed day -------------------------------------------
# Today (4 May 2027): MAA-2026-01 done, MAA-2026-02's quarter over and not
# done (late), MAA-2027-01 still to come.
expect_status 0 "$VITALS" --db "$db" audits list --json
[ "$(jq -c '[.[] | [.ref, .state]]' out)" = \
  '[["MAA-2026-01","done"],["MAA-2026-02","late"],["MAA-2027-01","planned"]]' ] ||
	fail "states: $(cat out)"
jq '.' out >all.json
# 2026-27 runs from 2026Q2 to 2027Q1: counted here from the list.
in_year='[.[] | select(.planned >= "2026Q2" and .planned <= "2027Q1")]'
want=$(jq -c "$in_year | [length, (map(select(.state == \"done\")) | length),
	(map(select(.state == \"late\")) | length), (map(select(.state == \"planned\")) | length)]" all.json)
expect_status 0 "$VITALS" --db "$db" audits programme --year 2026 --json
[ "$(jq -c '[.planned, .done, .late, .to_come]' out)" = "$want" ] ||
	fail "programme 2026-27: $(cat out), not $want"
[ "$(jq -c '[.from, .to, [.audits[].ref]]' out)" = '["2026Q2","2027Q1",["MAA-2026-01","MAA-2026-02"]]' ] ||
	fail "programme range: $(cat out)"
expect_status 0 "$VITALS" --db "$db" audits programme --json
[ "$(jq -c '[.planned, .done, .late, .to_come]' out)" = \
  "$(jq -c '[length, (map(select(.state == "done")) | length), (map(select(.state == "late")) | length), (map(select(.state == "planned")) | length)]' all.json)" ] ||
	fail "whole programme: $(cat out)"
# A range of quarters, either given as its label.
want=$(jq -c '[.[] | select(.planned >= "2026Q4")] | [length, (map(select(.state == "late")) | length)]' all.json)
expect_status 0 "$VITALS" --db "$db" audits programme --from "2026-27 Q3" --json
[ "$(jq -c '[.planned, .late]' out)" = "$want" ] || fail "from 2026Q4: $(cat out), not $want"
[ "$(jq -c '[.from, .to]' out)" = '["2026Q4",null]' ] || fail "from 2026Q4: $(cat out)"
expect_status 0 "$VITALS" --db "$db" audits programme --from 2026Q3 --to 2026Q3
expect_contains out "the programme from 2026Q3 to 2026Q3: 1 planned, 1 done, 0 late, 0 to come"
expect_status 2 "$VITALS" --db "$db" audits programme --from 2026-07
expect_status 2 "$VITALS" --db "$db" audits programme --year 2026 --to 2026Q3
# Before MAA-2026-02's quarter ended it was not late.
expect_status 0 "$VITALS" --db "$db" audits programme --year 2026 --json --today 2026-12-31
[ "$(jq -c '[.done, .late, .to_come]' out)" = '[1,0,1]' ] || fail "on 31 December: $(cat out)"
expect_status 0 "$VITALS" --db "$db" audits programme --year 2026 --today 2027-01-01
expect_contains out "2 planned, 1 done, 1 late, 0 to come"
# The filters of the list.
expect_status 0 "$VITALS" --db "$db" audits list --state late --json
[ "$(jq -c '[.[].ref]' out)" = '["MAA-2026-02"]' ] || fail "late: $(cat out)"
expect_status 0 "$VITALS" --db "$db" audits list --theme neglect --csv
expect_contains out "ref,theme,planned,lead,agencies,sample,cases,state,done,reaudit_of"
expect_contains out "MAA-2027-01,neglect,2027Q3,scc-csc,scc-csc;police;health-heartlands,4,0,planned,,MAA-2026-01"
expect_not_contains out "MAA-2026-02"
expect_status 0 "$VITALS" --db "$db" audits list --agency education
expect_contains out "MAA-2026-01"
expect_not_contains out "MAA-2026-02"
expect_status 0 "$VITALS" --db "$db" audits list --state done --agency education --theme exploitation
expect_contains out "no audits"

# --- refusals: each names the record and field, and changes nothing ---------
before=$(db_state "$db")
refuse() {
	local want=$1
	shift
	expect_status 1 "$VITALS" --db "$db" audits "$@"
	expect_contains err "$want"
	expect_contains err "nothing was changed"
	[ "$(db_state "$db")" = "$before" ] || fail "'audits $*' changed the database"
}
n=$(grep -c '^MAA-2026-02 ' grades.txt)
refuse "audit 'MAA-2026-02': grades[$n].grade: 'great' is not one of outstanding, good, requires-improvement or inadequate" \
	grade MAA-2026-02 --case C-202 --agency police --grade great
refuse "audit 'MAA-2026-02': grades[$n].agency: 'education' is not one of the agencies taking part" \
	grade MAA-2026-02 --case C-202 --agency education --grade good
refuse "audit 'MAA-2026-02': grades[$n].case looks like a person's name" \
	grade MAA-2026-02 --case "Jane Smith" --agency police --grade good
expect_not_contains err "Jane Smith"
refuse "audit 'MAA-2026-02': grades[$n].findings looks like a person's name or a date of birth" \
	grade MAA-2026-02 --case C-202 --agency police --grade good --findings "born 01/02/2016"
refuse "grade: give the grade" grade MAA-2026-02 --case C-202 --agency police --grade " "
refuse "ref: there is no audit 'MAA-1999-01'" grade MAA-1999-01 --case C-1 --agency police --grade good
refuse "audit 'MAA-2026-02': done: 2026-09-30 comes before the planned quarter 2026Q4 begins (2026-10-01)" \
	complete MAA-2026-02 --date 2026-09-30
refuse "done: audit 'MAA-2026-01' was completed on 2026-09-25" complete MAA-2026-01 --date 2026-10-01
refuse "audit 'MAA-2026-02': summary looks like a person's name" \
	complete MAA-2026-02 --date 2027-01-10 --summary "Tom Jones was seen"
expect_not_contains err "Tom Jones"
refuse "planned: '2026-07' is not a quarter" add MAA-2027-02 --theme neglect \
	--planned 2026-07 --lead police --sample 2
refuse "lead: there is no agency 'nobody'" add MAA-2027-02 --theme neglect \
	--planned 2027Q2 --lead nobody --sample 2
refuse "audit 'MAA-2027-02': agencies[2]: agency 'police' is listed twice" add MAA-2027-02 \
	--theme neglect --planned 2027Q2 --lead scc-csc --agencies police,police --sample 2
refuse "agencies: there is no agency 'nobody'" add MAA-2027-02 \
	--theme neglect --planned 2027Q2 --lead scc-csc --agencies nobody --sample 2
refuse "sample: '0' is not a number of cases" add MAA-2027-02 --theme neglect \
	--planned 2027Q2 --lead police --sample 0
refuse "ref: there is already an audit 'MAA-2026-01'" add MAA-2026-01 --theme neglect \
	--planned 2027Q2 --lead police --sample 2
refuse "audit 1: ref looks like a person's name or a date of birth" add "Jane Smith" \
	--theme neglect --planned 2027Q2 --lead police --sample 2
refuse "reaudit_of: there is no audit 'MAA-1999-01'" add MAA-2027-02 --theme neglect \
	--planned 2027Q2 --lead police --sample 2 --reaudit-of MAA-1999-01
refuse "audit 'MAA-2026-00': reaudit_of: audit 'MAA-2026-02' is planned for 2026Q4, not before 2026Q1" \
	add MAA-2026-00 --theme neglect --planned 2026Q1 --lead police --sample 2 \
	--reaudit-of MAA-2026-02
refuse "ref: there is no audit 'MAA-1999-01'" recommend MAA-1999-01 --text "Train" \
	--agency police --due 2027-06-30
refuse "text: the text looks like a person's name" recommend MAA-2026-01 \
	--text "Jane Smith" --agency police --due 2027-06-30
refuse "due: a recommendation needs its due date" recommend MAA-2026-01 \
	--text "Train" --agency police
expect_status 2 "$VITALS" --db "$db" audits grade MAA-2026-01 --case C-1 --agency police --grade good --date 2027-01-01
expect_status 2 "$VITALS" --db "$db" audits list --state lost
expect_status 2 "$VITALS" --db "$db" audits grades --by case
[ "$(db_state "$db")" = "$before" ] || fail "a refused command changed the database"

# --- export, load into a fresh database, export: the same ------------------
expect_status 0 "$VITALS" --db "$db" export first.json
[ "$(jq '.audits | length' first.json)" = 3 ] || fail "export lacks the audits"
[ "$(jq '.partnership | has("audit_grades")' first.json)" = false ] ||
	fail "the default grade scale was written out"
fresh=$(new_db fresh.db)
expect_status 0 "$VITALS" --db "$fresh" init
expect_status 0 "$VITALS" --db "$fresh" load first.json
expect_status 0 "$VITALS" --db "$fresh" export second.json
cmp -s first.json second.json || fail "export, load, export differs: $(diff first.json second.json | head)"

# --- the partnership's own grade scale and audit themes ---------------------
jq '.partnership.audit_grades = ["met", "partly-met", "not-met"]
    | .themes += [{"code": "neglect-practice", "name": "Neglect", "register": "audit"},
		  {"code": "exploitation-practice", "name": "Exploitation", "register": "audit"}]' \
	base.json >own.json
own=$(new_db own.db)
expect_status 0 "$VITALS" --db "$own" init
expect_status 0 "$VITALS" --db "$own" load own.json
expect_status 0 "$VITALS" --db "$own" audits add MAA-2027-05 --theme neglect-practice \
	--planned 2027Q2 --lead police --agencies scc-csc --sample 2
expect_status 0 "$VITALS" --db "$own" audits grade MAA-2027-05 --case C-501 \
	--agency scc-csc --grade partly-met
before=$(db_state "$own")
expect_status 1 "$VITALS" --db "$own" audits grade MAA-2027-05 --case C-501 --agency police --grade good
expect_contains err "grades[1].grade: 'good' is not one of met, partly-met or not-met"
expect_status 1 "$VITALS" --db "$own" audits add MAA-2027-06 --theme neglect \
	--planned 2027Q2 --lead police --sample 2
expect_contains err "audit 'MAA-2027-06': theme: 'neglect' is not one of the partnership's audit themes"
[ "$(db_state "$own")" = "$before" ] || fail "a refusal changed the database with its own scale"
# The scale cannot then drop a grade an audit gave.
jq '{vitals, partnership} | .partnership.audit_grades = ["met", "not-met"]' own.json >short.json
expect_status 1 "$VITALS" --db "$own" load short.json
expect_contains err "partnership 'sscp'"
expect_contains err "audit_grades: audit 'MAA-2027-05' gave the grade 'partly-met', which the scale must keep"
[ "$(db_state "$own")" = "$before" ] || fail "a refused scale changed the database"
expect_status 0 "$VITALS" --db "$own" audits grades --json
[ "$(jq -c '[.grades, .rows]' out)" = \
  '[["met","partly-met","not-met"],[{"agency":"scc-csc","quarter":null,"counts":{"met":0,"partly-met":1,"not-met":0},"total":1}]]' ] ||
	fail "own scale counts: $(cat out)"
expect_status 0 "$VITALS" --db "$own" export third.json
third=$(new_db third.db)
expect_status 0 "$VITALS" --db "$third" init
expect_status 0 "$VITALS" --db "$third" load third.json
expect_status 0 "$VITALS" --db "$third" export fourth.json
cmp -s third.json fourth.json || fail "with its own scale, export, load, export differs: $(diff third.json fourth.json | head)"
[ "$(jq -c '.partnership.audit_grades' fourth.json)" = '["met","partly-met","not-met"]' ] ||
	fail "own scale not kept"
finish
