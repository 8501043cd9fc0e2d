# Section 11 self-assessments: rating and submitting (and the refusals of
# an incomplete one), a challenge session changing a rating (from -> to,
# logged), an action in the tracker with its source, the heat map's counts
# against the ratings entered, the change since the previous cycle, the
# agencies that have not returned, refusals that name record and field
# and change nothing, and the register through export and load unchanged.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-06-01T10:00:00Z
# The demo partnership without its illustrative self-assessments: this
# test counts its own.
demo=$(new_db demo.db)
expect_status 0 "$VITALS" --db "$demo" demo
expect_status 0 "$VITALS" --db "$demo" export demo.json
jq 'del(.s11) | .actions |= map(select(has("s11") | not))' demo.json >base.json
db=$(new_db s11.db)
expect_status 0 "$VITALS" --db "$db" init
expect_status 0 "$VITALS" --db "$db" load base.json
expect_status 0 "$VITALS" --db "$db" s11 list
expect_contains out "no section 11 self-assessments"

# ratings.txt: agency cycle standard rating, every rating this test enters
# (a challenge's change is applied to it below); the heat map is checked
# against counts computed from it.
: >ratings.txt
rate() {	# rate AGENCY CYCLE STANDARD RATING [more options]
	local agency=$1 cycle=$2 standard=$3 rating=$4
	shift 4
	expect_status 0 "$VITALS" --db "$db" s11 rate "$agency" "$cycle" \
		--standard "$standard" --rating "$rating" "$@"
	expect_contains out "s11 $agency $cycle: $standard rated $rating"
	grep -v "^$agency $cycle $standard " ratings.txt >r.tmp || true
	echo "$agency $cycle $standard $rating" >>r.tmp
	mv r.tmp ratings.txt
}
rate_all() {	# rate_all AGENCY CYCLE R1 .. R8 (met, partly-met, not-met)
	local agency=$1 cycle=$2 n=1 r
	shift 2
	for r in "$@"; do
		if [ "$r" = met ]; then
			rate "$agency" "$cycle" "S$n" "$r" --evidence "policy reviewed by the board"
		else
			rate "$agency" "$cycle" "S$n" "$r" --action "improvement plan for standard $n"
		fi
		n=$((n + 1))
	done
}

# --- the previous cycle: two agencies, submitted ---------------------------
rate_all police 2024-25 met met met partly-met met met met partly-met
rate_all scc-csc 2024-25 met met met met met partly-met met met
expect_status 0 "$VITALS" --db "$db" s11 submit police 2024-25 --date 2025-03-20
expect_contains out "s11 police 2024-25 submitted on 2025-03-20"
expect_status 0 "$VITALS" --db "$db" s11 submit scc-csc 2024-25 --date 2025-03-28

# --- this cycle -------------------------------------------------------------
rate_all police 2025-26 met met met partly-met met met met met
rate_all scc-csc 2025-26 met not-met met met met met met met
# A draft: rated in part, not submitted.
rate health-heartlands 2025-26 S1 met
rate health-heartlands 2025-26 S2 partly-met
expect_status 0 "$VITALS" --db "$db" s11 submit police 2025-26
expect_contains out "s11 police 2025-26 submitted on 2026-06-01"

# Submitting an incomplete self-assessment: every gap named.
before=$(db_state "$db")
expect_status 0 "$VITALS" --db "$db" export before.json
refuse() {
	local want=$1
	shift
	expect_status 1 "$VITALS" --db "$db" s11 "$@"
	expect_contains err "$want"
	expect_contains err "nothing was changed"
	[ "$(db_state "$db")" = "$before" ] || fail "'s11 $*' changed the database"
}
refuse "s11 self-assessment 'health-heartlands/2025-26': ratings: not submitted: standards not rated S3, S4, S5, S6, S7, S8; standards not met without an action S2 partly-met (ratings[1].action)" \
	submit health-heartlands 2025-26
refuse "s11 self-assessment 'police/2025-26': rating: 'good' is not one of met, partly-met, not-met" \
	rate police 2025-26 --standard S1 --rating good
refuse "s11 self-assessment 'scc-csc/2025-26': ratings[8].standard: standard 'S9' is not one of the partnership's section 11 standards" \
	rate scc-csc 2025-26 --standard S9 --rating met
refuse "s11 self-assessment 'health-heartlands/2025-26': ratings[0].evidence looks like a person's name" \
	rate health-heartlands 2025-26 --standard S1 --rating met --evidence "Jane Smith said so"
refuse "s11 self-assessment 'police/2025-26': submitted: it was submitted on 2026-06-01; a rating changes only at its challenge session" \
	rate police 2025-26 --standard S1 --rating not-met --action "recruit"
refuse "s11 self-assessment 'police/2025-27': cycle: '2025-27' is not a year (2025) or a financial year (2025-26)" \
	rate police 2025-27 --standard S1 --rating met
refuse "s11 self-assessment 'nobody/2025-26': agency: there is no agency 'nobody'" \
	rate nobody 2025-26 --standard S1 --rating met
refuse "s11 self-assessment 'health-heartlands/2025-26': challenged: a draft is not challenged" \
	challenge health-heartlands 2025-26 --date 2026-06-10 --outcome agreed
refuse "s11 self-assessment 'police/2025-26': challenge_outcome: 'maybe' is not one (agreed or rating-changed)" \
	challenge police 2025-26 --date 2026-06-10 --outcome maybe
refuse "s11 self-assessment 'police/2025-26': changes: the outcome rating-changed needs the ratings it changed" \
	challenge police 2025-26 --date 2026-06-10 --outcome rating-changed
refuse "s11 self-assessment 'police/2025-26': changes[0].to: 'great' is not one of met, partly-met, not-met" \
	challenge police 2025-26 --date 2026-06-10 --outcome rating-changed --standard S1 --rating great
refuse "s11 self-assessment 'police/2025-26': ratings[0].action: standard 'S1' is partly-met: it needs the action the agency will take" \
	challenge police 2025-26 --date 2026-06-10 --outcome rating-changed --standard S1 --rating partly-met
refuse "s11 self-assessment 'police/2025-26': challenged: 2025-03-01 comes before submitted 2026-06-01" \
	challenge police 2025-26 --date 2025-03-01 --outcome agreed
refuse "s11: agency 'police' has no section 11 self-assessment for cycle '2023-24'" \
	action police 2023-24 --standard S1 --text "refresh training" --due 2026-09-30
refuse "s11 self-assessment 'police/2025-26': standard: 'S9' is not one of the partnership's section 11 standards" \
	action police 2025-26 --standard S9 --text "refresh training" --due 2026-09-30
refuse "s11 self-assessment 'police/2025-26': text: the text looks like a person's name" \
	action police 2025-26 --standard S4 --text "Ask John Brown" --due 2026-09-30
expect_status 0 "$VITALS" --db "$db" export after.json
cmp -s before.json after.json || fail "a refusal changed the export"

expect_status 0 "$VITALS" --db "$db" s11 submit scc-csc 2025-26 --date 2026-05-29

# --- a challenge session that changed a rating -------------------------------
# The action the new rating needs is given first (its rating unchanged).
rate scc-csc 2025-26 S4 met --action "children's views in service design"
expect_status 0 "$VITALS" --db "$db" s11 challenge scc-csc 2025-26 \
	--date 2026-06-15 --outcome rating-changed --standard S4 --rating partly-met \
	--note "evidence did not show children's views informing change"
expect_contains out "s11 scc-csc 2025-26 challenged on 2026-06-15: rating-changed"
sed -i 's/^scc-csc 2025-26 S4 met$/scc-csc 2025-26 S4 partly-met/' ratings.txt
expect_status 0 "$VITALS" --db "$db" s11 show scc-csc 2025-26 --json
[ "$(jq -c '[.state, .challenged, .challenge_outcome, .changes, (.ratings[] | select(.standard == "S4") | .rating)]' out)" = \
  '["challenged","2026-06-15","rating-changed",[{"standard":"S4","from":"met","to":"partly-met"}],"partly-met"]' ] ||
	fail "the challenge's change: $(cat out)"
expect_status 0 "$VITALS" --db "$db" log list --entity "s11 self-assessment" --key scc-csc/2025-26 --json
[ "$(jq -c '[.[-1].before.challenged, .[-1].after.challenged, (.[-1].after.ratings[] | select(.standard == "S4") | .rating), .[-1].after.changes[0].from]' out)" = \
  '[null,"2026-06-15","partly-met","met"]' ] ||
	fail "the change log of the challenge: $(cat out)"
# One session: a second is refused.
before=$(db_state "$db")
refuse "s11 self-assessment 'scc-csc/2025-26': challenged: its challenge session was on 2026-06-15" \
	challenge scc-csc 2025-26 --date 2026-06-20 --outcome agreed
expect_status 0 "$VITALS" --db "$db" s11 challenge police 2025-26 \
	--date 2026-06-16 --outcome agreed
expect_status 0 "$VITALS" --db "$db" s11 show police 2025-26
expect_contains out "challenged 2026-06-16: agreed"

# --- an action in the tracker -------------------------------------------------
expect_status 0 "$VITALS" --db "$db" s11 action police 2025-26 --standard S4 \
	--text "young people's panel to review service changes" --due 2026-12-31 \
	--owner "head of public protection"
expect_contains out "action S11-police-2025-26-1 made from s11 police 2025-26 (S4)"
# Every plan's actions: the plan that holds them may have ended.
expect_status 0 "$VITALS" --db "$db" actions list --closed --json
[ "$(jq -c '[.[] | select(.s11 != null) | [.ref, .s11, .agency, .rag, .due, .owner, .title]]' out)" = \
  '[["S11-police-2025-26-1","police/2025-26","police","amber","2026-12-31","head of public protection","S4: young people'"'"'s panel to review service changes"]]' ] ||
	fail "the action from a self-assessment: $(cat out)"
expect_status 0 "$VITALS" --db "$db" log list --entity action --key S11-police-2025-26-1 --json
[ "$(jq -c '[length, .[0].after.s11]' out)" = '[1,"police/2025-26"]' ] ||
	fail "the change log of the action: $(cat out)"
expect_status 0 "$VITALS" --db "$db" s11 show police 2025-26 --json
[ "$(jq -c '[.actions[].ref]' out)" = '["S11-police-2025-26-1"]' ] ||
	fail "show lacks its action: $(cat out)"
expect_status 0 "$VITALS" --db "$db" s11 show police 2025-26
expect_contains out "action S11-police-2025-26-1 (amber): S4: young people's panel to review service changes"

# --- the heat map ---------------------------------------------------------------
expect_status 0 "$VITALS" --db "$db" s11 heatmap --cycle 2025-26 --json
cp out heat.json
# Counts per standard from the ratings entered, in the heat map's form.
want=$(awk '$2 == "2025-26" { k = $3 " " $4; n[k]++ }
	END { for (s = 1; s <= 8; s++)
		printf "%s[\"S%d\",%d,%d,%d]", (s > 1 ? "," : "["), s,
		       n["S" s " met"], n["S" s " partly-met"], n["S" s " not-met"]
	      print "]" }' ratings.txt)
got=$(jq -c '[.standards[] | [.code, .met, .partly_met, .not_met]]' heat.json)
[ "$got" = "$want" ] || fail "heat map counts $got, entered $want"
# Their total is every rating entered for the cycle.
[ "$(jq '[.standards[] | .met + .partly_met + .not_met] | add' heat.json)" = \
  "$(awk '$2 == "2025-26"' ratings.txt | wc -l | tr -d ' ')" ] || fail "heat map total"
# Each cell as entered.
while read -r agency cycle standard rating; do
	[ "$cycle" = 2025-26 ] || continue
	got=$(jq -r --arg a "$agency" --arg s "$standard" \
		'.agencies[] | select(.agency == $a) | .cells[] | select(.standard == $s) | .rating' heat.json)
	[ "$got" = "$rating" ] || fail "cell $agency $standard: $got, entered $rating"
done <ratings.txt
# The change since the previous cycle: police S8 partly-met -> met,
# scc-csc S2 met -> not-met, S6 partly-met -> met, health-heartlands new.
[ "$(jq -c '[.agencies[] | [.agency, .previous_cycle, ([.cells[] | .change] | join(","))]]' heat.json)" = \
  '[["scc-csc","2024-25","same,worse,same,worse,same,better,same,same"],["police","2024-25","same,same,same,same,same,same,same,better"],["health-heartlands",null,"new,new,,,,,,"]]' ] ||
	fail "change since the previous cycle: $(jq -c .agencies heat.json)"
expect_status 0 "$VITALS" --db "$db" s11 heatmap --cycle 2025-26
expect_contains out "M=   M=   M=   P=   M=   M=   M=   M+"
expect_contains out "S2: $(jq -r '.standards[1] | "\(.met) met, \(.partly_met) partly met, \(.not_met) not met"' heat.json)"
expect_contains out "(draft)"
expect_status 0 "$VITALS" --db "$db" s11 heatmap --cycle 2025-26 --csv
[ "$(grep -c '^police,2025-26,' out)" = 8 ] || fail "heat map CSV: $(cat out)"
expect_contains out "scc-csc,2025-26,S2,not-met,met,worse"

# --- who has not returned: every agency but the two submitted ---------------
expect_status 0 "$VITALS" --db "$db" s11 missing --cycle 2025-26 --json
agencies=$(jq '.agencies | length' base.json)
[ "$(jq length out)" = $((agencies - 2)) ] || fail "missing: $(jq length out) of $agencies"
[ "$(jq -c '[.[] | select(.agency == "police" or .agency == "scc-csc")]' out)" = '[]' ] ||
	fail "a submitted agency is missing"
[ "$(jq -r '.[] | select(.agency == "health-heartlands") | .state' out)" = draft ] ||
	fail "the draft is not among the missing"
expect_status 0 "$VITALS" --db "$db" s11 missing --cycle 2025-26
expect_contains out "health-heartlands  NHS Surrey Heartlands CCG (a draft, not submitted)"
expect_status 0 "$VITALS" --db "$db" s11 list --cycle 2025-26 --csv
[ "$(sed 1d out | wc -l | tr -d ' ')" = 3 ] || fail "list --cycle: $(cat out)"
expect_contains out "scc-csc,2025-26,challenged,2026-05-29,6,1,1,2026-06-15,rating-changed"

# --- export, load into a fresh database, export: the same ------------------
expect_status 0 "$VITALS" --db "$db" export first.json
[ "$(jq '.s11 | length' first.json)" = 5 ] || fail "export lacks the self-assessments"
[ "$(jq '.partnership | has("s11_standards")' first.json)" = false ] ||
	fail "the default framework was written out"
fresh=$(new_db fresh.db)
expect_status 0 "$VITALS" --db "$fresh" init
expect_status 0 "$VITALS" --db "$fresh" load first.json
expect_status 0 "$VITALS" --db "$fresh" export second.json
cmp -s first.json second.json || fail "export, load, export differs: $(diff first.json second.json | head)"

# --- the partnership's own framework ------------------------------------------
# A framework without a standard the stored self-assessments rated is
# refused, naming it.
jq '{vitals, partnership: (.partnership + {s11_standards: [{"code": "S1", "name": "Leadership"}]})}' \
	first.json >narrow.json
before=$(db_state "$db")
expect_status 1 "$VITALS" --db "$db" load narrow.json
expect_contains err "partnership 'sscp': s11_standards: the self-assessment 'police/2024-25' rates standard 'S2'; the framework must keep it"
[ "$(db_state "$db")" = "$before" ] || fail "a refused framework changed the database"
jq '.partnership.s11_standards = [
	{"code": "L1", "name": "Leadership"},
	{"code": "L2", "name": "Safer workforce"}] | .s11 = [] |
    .actions |= map(select(has("s11") | not))' first.json >own.json
third=$(new_db third.db)
expect_status 0 "$VITALS" --db "$third" init
expect_status 0 "$VITALS" --db "$third" load own.json
expect_status 0 "$VITALS" --db "$third" s11 rate police 2026-27 --standard L2 --rating met
expect_status 1 "$VITALS" --db "$third" s11 rate police 2026-27 --standard S1 --rating met
expect_contains err "ratings[1].standard: standard 'S1' is not one of the partnership's section 11 standards"
expect_status 0 "$VITALS" --db "$third" s11 heatmap --cycle 2026-27 --json
[ "$(jq -c '[.standards[].code, .agencies[0].cells[1].rating]' out)" = '["L1","L2","met"]' ] ||
	fail "the partnership's own framework: $(cat out)"
expect_status 0 "$VITALS" --db "$third" export third.json
fourth=$(new_db fourth.db)
expect_status 0 "$VITALS" --db "$fourth" init
expect_status 0 "$VITALS" --db "$fourth" load third.json
expect_status 0 "$VITALS" --db "$fourth" export fourth.json
cmp -s third.json fourth.json || fail "with its own framework, export, load, export differs: $(diff third.json fourth.json | head)"
finish
