# The case review register: the clocks over Christmas (met, missed, open with
# working days left), refusals that name their field and change nothing,
# recommendations made actions of the tracker (their RAG on the review, the
# review closing only once they are complete), and the register through
# export and load unchanged.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2027-03-01T10:00:00Z
empty=$(new_db empty.db)
expect_status 0 "$VITALS" --db "$empty" init
expect_status 0 "$VITALS" --db "$empty" reviews list
expect_contains out "no case reviews"
db=$(new_db reviews.db)
expect_status 0 "$VITALS" --db "$db" demo
expect_status 0 "$VITALS" --db "$db" export demo.json
# Where a recommendation goes unless a plan is named: the first strategic
# plan in force today, else the first strategic plan.
strategic=$(jq -r --arg day "${VITALS_NOW%%T*}" '[.plans[] | select(.kind == "strategic")] as $s
	| ([$s[] | select((.status // "current") == "current"
		and (.starts == null or .starts <= $day)
		and (.ends == null or .ends >= $day))] + $s)[0].code' demo.json)

# --- notification over Christmas: aware Friday 18 December 2026 -------------
expect_status 0 "$VITALS" --db "$db" reviews add CSPR-2026-01 --aware 2026-12-18 \
	--agency police --agency scc-csc --theme neglect
expect_contains out "case review CSPR-2026-01 added"
expect_status 0 "$VITALS" --db "$db" reviews record CSPR-2026-01 notification \
	--date 2026-12-29 --note "sent to the national panel"

# Before the rapid review is due, it is open with working days left:
# 2027-01-13 to 2027-01-20 is five working days.
VITALS_NOW=2027-01-13T09:00:00Z expect_status 0 "$VITALS" --db "$db" reviews show CSPR-2026-01 --json
[ "$(jq -c '.clocks[0]' out)" = '{"name":"notification","start":"2026-12-18","due":"2026-12-29","done":"2026-12-29","state":"met","working_days_left":null}' ] ||
	fail "notification clock: $(jq -c '.clocks[0]' out)"
[ "$(jq -c '.clocks[1]' out)" = '{"name":"rapid-review","start":"2026-12-29","due":"2027-01-20","done":null,"state":"open","working_days_left":5}' ] ||
	fail "rapid review clock while open: $(jq -c '.clocks[1]' out)"
[ "$(jq -c '{ref, stage, decision, recommendations, n: (.clocks | length)}' out)" = \
  '{"ref":"CSPR-2026-01","stage":"notification","decision":null,"recommendations":[],"n":2}' ] ||
	fail "review head: $(cat out)"

# The rapid review one working day late is missed.
expect_status 0 "$VITALS" --db "$db" reviews record CSPR-2026-01 rapid-review --date 2027-01-21
expect_status 0 "$VITALS" --db "$db" reviews show CSPR-2026-01 --json
[ "$(jq -c '.clocks[1]' out)" = '{"name":"rapid-review","start":"2026-12-29","due":"2027-01-20","done":"2027-01-21","state":"missed","working_days_left":null}' ] ||
	fail "rapid review clock when late: $(jq -c '.clocks[1]' out)"
[ "$(jq -r .stage out)" = rapid-review ] || fail "stage: $(jq -r .stage out)"

# A practice review's publication clock, and the copy to the panel counted
# back from its due date.
expect_status 0 "$VITALS" --db "$db" reviews record CSPR-2026-01 decision \
	--date 2027-02-01 --decision lcspr
expect_status 0 "$VITALS" --db "$db" reviews show CSPR-2026-01 --json
[ "$(jq -c '[.decision, .clocks[2].name, .clocks[2].due, .clocks[2].state, .clocks[3].name, .clocks[3].start, .clocks[3].due]' out)" = \
  '["lcspr","publication","2027-08-01","open","panel-copy","2027-08-01","2027-07-22"]' ] ||
	fail "publication clocks: $(cat out)"
expect_status 0 "$VITALS" --db "$db" reviews record CSPR-2026-01 reviewer \
	--date 2027-02-15 --reviewer "independent reviewer"

# --- refusals: each names its field and changes nothing ---------------------
before=$(db_state "$db")
refuse() {
	local want=$1
	shift
	expect_status 1 "$VITALS" --db "$db" reviews "$@"
	expect_contains err "$want"
	expect_contains err "nothing was changed"
	[ "$(db_state "$db")" = "$before" ] || fail "'reviews $*' changed the database"
}
refuse "decided 2027-01-10 (the decision stage) comes before rapid_review 2027-01-21" \
	record CSPR-2026-01 decision --date 2027-01-10 --decision lcspr
refuse "draft 2027-02-10 (the draft stage) comes before reviewer_appointed 2027-02-15" \
	record CSPR-2026-01 draft --date 2027-02-10
refuse "agency 'nobody' does not exist" add CSPR-2026-02 --aware 2027-01-04 --agency nobody
refuse "case review 1: ref looks like a person's name" add "Jane Smith" --aware 2027-01-04
expect_not_contains err "Jane Smith"
refuse "case review 1: ref looks like a person's name or a date of birth" add 12/03/2015 --aware 2027-01-04
refuse "reviewer looks like a person's name" \
	record CSPR-2026-01 reviewer --date 2027-02-16 --reviewer "John Brown"
refuse "decision 'maybe' is not one" record CSPR-2026-01 decision --date 2027-02-20 --decision maybe
refuse "stage: 'hearing' is not a stage" record CSPR-2026-01 hearing --date 2027-02-20
refuse "ref: there is no case review 'CSPR-1999-01'" record CSPR-1999-01 draft --date 2027-02-20
refuse "ref: there is already a case review 'CSPR-2026-01'" add CSPR-2026-01 --aware 2027-01-04
expect_status 2 "$VITALS" --db "$db" reviews record CSPR-2026-01 draft
expect_status 2 "$VITALS" --db "$db" reviews show CSPR-2026-01

# --- recommendations: actions of the tracker ------------------------------
expect_status 0 "$VITALS" --db "$db" reviews recommend CSPR-2026-01 \
	--text "Review the neglect toolkit with health partners" --agency police \
	--due 2027-06-30
expect_contains out "recommendation CSPR-2026-01-R1 added to the action tracker"
expect_status 0 "$VITALS" --db "$db" reviews recommend CSPR-2026-01 \
	--text "Audit multi-agency referrals for neglect" --agency scc-csc \
	--due 30/09/2027 --owner "head of service" --plan csc-neglect
expect_contains out "recommendation CSPR-2026-01-R2 added"
# Each is one write of the change log: the action added.
expect_status 0 "$VITALS" --db "$db" log list --entity action --key CSPR-2026-01-R1 --json
[ "$(jq -c '[length, .[0].after.review, .[0].after.rag]' out)" = '[1,"CSPR-2026-01","amber"]' ] ||
	fail "the change log of a recommendation: $(cat out)"
# Every plan's actions: the plan that holds them may have ended.
expect_status 0 "$VITALS" --db "$db" actions list --closed
expect_contains out "CSPR-2026-01-R1"
expect_contains out "Review the neglect toolkit with health partners"
# Every plan's actions: the plan that holds them may have ended.
expect_status 0 "$VITALS" --db "$db" actions list --closed --json
[ "$(jq -c '[.[] | select(.review == "CSPR-2026-01") | [.ref, .agency, .plan, .owner, .due, .rag]]' out)" = \
  '[["CSPR-2026-01-R1","police","'"$strategic"'",null,"2027-06-30","amber"],["CSPR-2026-01-R2","scc-csc","csc-neglect","head of service","2027-09-30","amber"]]' ] ||
	fail "the tracker's recommendations: $(jq -c '[.[] | select(.review != null)]' out)"
expect_status 0 "$VITALS" --db "$db" reviews show CSPR-2026-01 --json
[ "$(jq -c .recommendations out)" = \
  '[{"action":"CSPR-2026-01-R1","rag":null},{"action":"CSPR-2026-01-R2","rag":null}]' ] ||
	fail "recommendations before any rating: $(jq -c .recommendations out)"
expect_status 0 "$VITALS" --db "$db" actions update CSPR-2026-01-R1 --rag green \
	--note "toolkit drafted with the designated nurse"
expect_status 0 "$VITALS" --db "$db" reviews show CSPR-2026-01 --json
[ "$(jq -c .recommendations out)" = \
  '[{"action":"CSPR-2026-01-R1","rag":"green"},{"action":"CSPR-2026-01-R2","rag":null}]' ] ||
	fail "recommendations after a rating: $(jq -c .recommendations out)"

before=$(db_state "$db")
refuse "agency: a recommendation needs the agency that owns it" \
	recommend CSPR-2026-01 --text "Train on neglect" --due 2027-06-30
refuse "due: a recommendation needs its due date" \
	recommend CSPR-2026-01 --text "Train on neglect" --agency police
refuse "due: '31/02/2027' is not a date" \
	recommend CSPR-2026-01 --text "Train on neglect" --agency police --due 31/02/2027
refuse "agency: there is no agency 'nobody'" \
	recommend CSPR-2026-01 --text "Train on neglect" --agency nobody --due 2027-06-30
refuse "ref: there is no case review 'CSPR-1999-01'" \
	recommend CSPR-1999-01 --text "Train on neglect" --agency police --due 2027-06-30
refuse "text: the text looks like a person's name" \
	recommend CSPR-2026-01 --text "Jane Smith" --agency police --due 2027-06-30
expect_not_contains err "Jane Smith"
refuse "text: a recommendation needs its text" \
	recommend CSPR-2026-01 --text "  " --agency police --due 2027-06-30
refuse "owner: the owner looks like a person's name" \
	recommend CSPR-2026-01 --text "Train on neglect" --agency police \
	--due 2027-06-30 --owner "John Brown"
refuse "plan: there is no plan 'nowhere'" \
	recommend CSPR-2026-01 --text "Train on neglect" --agency police \
	--due 2027-06-30 --plan nowhere
expect_status 2 "$VITALS" --db "$db" reviews recommend CSPR-2026-01 --text "Train" \
	--agency police --agency scc-csc --due 2027-06-30
expect_status 2 "$VITALS" --db "$db" reviews add CSPR-2026-03 --aware 2027-01-04 --due 2027-06-30
expect_status 2 "$VITALS" --db "$db" reviews recommend CSPR-2026-01 --text "Train" \
	--agency police --due 2027-06-30 --today 2027-03-01

# A review closes only when every recommendation is complete (blue).
expect_status 0 "$VITALS" --db "$db" reviews add CSPR-2027-02 --aware 2027-02-01 --agency police
expect_status 0 "$VITALS" --db "$db" reviews recommend CSPR-2027-02 \
	--text "Share safety plans at discharge" --agency police --due 2027-02-20
expect_contains out "CSPR-2027-02-R1"
before=$(db_state "$db")
refuse "closed: recommendation CSPR-2027-02-R1 of case review 'CSPR-2027-02' is amber, not complete" \
	record CSPR-2027-02 closed --date 2027-02-25
expect_status 0 "$VITALS" --db "$db" actions update CSPR-2027-02-R1 --rag blue \
	--evidence "discharge audit, February 2027"
expect_status 0 "$VITALS" --db "$db" reviews record CSPR-2027-02 closed --date 2027-02-26
expect_status 0 "$VITALS" --db "$db" reviews show CSPR-2027-02 --json
[ "$(jq -c '[.stage, .recommendations]' out)" = '["closed",[{"action":"CSPR-2027-02-R1","rag":"blue"}]]' ] ||
	fail "the closed review: $(cat out)"
before=$(db_state "$db")
refuse "ref: case review 'CSPR-2027-02' is closed" \
	recommend CSPR-2027-02 --text "Train on neglect" --agency police --due 2027-06-30

# --- the register: open reviews, JSON and CSV ------------------------------
expect_status 0 "$VITALS" --db "$db" reviews add CSPR-2027-01 --aware 2027-02-22
expect_status 0 "$VITALS" --db "$db" reviews record CSPR-2027-01 closed --date 2027-02-26
expect_status 0 "$VITALS" --db "$db" reviews list --open --csv
expect_contains out "CSPR-2026-01,2026-12-18,reviewer,lcspr,"
expect_not_contains out "CSPR-2027-01"
expect_status 0 "$VITALS" --db "$db" reviews list --json
# The demo's illustrative reviews first, then these as added.
[ "$(jq -c '[.[] | .ref | select(startswith("CSPR"))]' out)" = '["CSPR-2026-01","CSPR-2027-02","CSPR-2027-01"]' ] || fail "list: $(cat out)"
expect_status 0 "$VITALS" --db "$db" log list
expect_contains out "CSPR-2026-01"

# --- export, load into a fresh database, export: the same ------------------
expect_status 0 "$VITALS" --db "$db" export first.json
[ "$(jq '[.reviews[] | select(.ref | startswith("CSPR"))] | length' first.json)" = 3 ] || fail "export lacks the reviews"
[ "$(jq -c '[.actions[] | select(.review // "" | startswith("CSPR")) | [.code, .review]]' first.json)" = \
  '[["CSPR-2026-01-R1","CSPR-2026-01"],["CSPR-2026-01-R2","CSPR-2026-01"],["CSPR-2027-02-R1","CSPR-2027-02"]]' ] ||
	fail "export lacks the recommendations' reviews"
fresh=$(new_db fresh.db)
expect_status 0 "$VITALS" --db "$fresh" init
expect_status 0 "$VITALS" --db "$fresh" load first.json
expect_status 0 "$VITALS" --db "$fresh" export second.json
cmp -s first.json second.json || fail "export, load, export differs: $(diff first.json second.json | head)"
expect_status 0 "$VITALS" --db "$fresh" reviews show CSPR-2026-01 --json
[ "$(jq -c .recommendations out)" = \
  '[{"action":"CSPR-2026-01-R1","rag":"green"},{"action":"CSPR-2026-01-R2","rag":null}]' ] ||
	fail "recommendations after export and load: $(jq -c .recommendations out)"
finish
