# Objectives tied: measures and actions list the objectives they serve;
# 'objectives list' shows each objective with its measures' readings and
# its actions' RAG (computed here from the export and 'measures status'),
# flags one with neither; link and unlink go through the change log;
# refusals name their field and change nothing; export -> load -> export
# is unchanged; the pack's Markdown lists each priority's objectives.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2027-01-20T10:00:00Z
db=$(new_db objectives.db)
expect_status 0 "$VITALS" --db "$db" demo
expect_status 0 "$VITALS" --db "$db" export demo.json

# --- the list agrees with the definition --------------------------------
expect_status 0 "$VITALS" --db "$db" objectives list --json
cp out all.json
[ "$(jq '.count' all.json)" = "$(jq '.objectives | length' demo.json)" ] ||
	fail "count: $(jq .count all.json)"
# An objective is unlinked when no measure and no action lists it.
want=$(jq '[.objectives[].code as $o | select(([.measures[]?, .actions[]? | select((.objectives // []) | index($o))] | length) == 0)] | length' demo.json)
[ "$(jq '.unlinked' all.json)" = "$want" ] || fail "unlinked: $(jq .unlinked all.json), want $want"
[ "$want" -gt 0 ] || fail "the demo should leave some objective with neither"
jq -r '.objectives[] | select(.linked | not) | .objective' all.json >neither
first=$(head -1 neither)
expect_status 0 "$VITALS" --db "$db" objectives list
expect_contains out "no measure or action is linked to this objective"
[ "$(grep -c 'no measure or action is linked to this objective' out)" = "$want" ] ||
	fail "text list flags $(grep -c 'no measure or action' out), want $want"

# Each linked measure's reading is the one 'measures status' gives for the
# same period (values to six places: the two print reals to different
# precisions).
period=$(jq -r .period all.json)
expect_status 0 "$VITALS" --db "$db" measures status --period "$period" --json
cp out status.json
jq -c '[.objectives[].measures[] | {measure, value: (if .value then .value * 1000000 | round else null end), reading}] | unique' all.json >got
jq -c --slurpfile a all.json '[$a[0].objectives[].measures[].measure] as $m | [.measures[] | select(.measure as $c | $m | index($c)) | {measure, value: (if .value then .value * 1000000 | round else null end), reading}] | unique' status.json >want
cmp -s got want || fail "readings differ from measures status: $(diff got want | head -5)"
[ "$(jq length got)" -gt 0 ] || fail "no linked measure in the demo"
# Each linked action's RAG is the tracker's.
jq -c '[.objectives[].actions[] | {code: .action, rag}] | unique' all.json >got
jq -c --slurpfile a all.json '[$a[0].objectives[].actions[].action] as $x | [.actions[] | select(.code as $c | $x | index($c)) | {code, rag}] | unique' demo.json >want
cmp -s got want || fail "RAGs differ from the tracker: $(diff got want | head -5)"

# --plan and --priority narrow the list to theirs.
expect_status 0 "$VITALS" --db "$db" objectives list --plan neglect-2017-20 --json
[ "$(jq '.count' out)" = "$(jq '[.priorities[] | select(.plan == "neglect-2017-20") | .code] as $p | [.objectives[] | select(.priority as $x | $p | index($x))] | length' demo.json)" ] ||
	fail "--plan count: $(jq .count out)"
expect_status 0 "$VITALS" --db "$db" objectives list --priority ns-p4 --json
[ "$(jq -c '[.objectives[].objective]' out)" = "$(jq -c '[.objectives[] | select(.priority == "ns-p4") | .code]' demo.json)" ] ||
	fail "--priority: $(cat out)"

# --- link and unlink ----------------------------------------------------
# ns-p4-o1 (Collaboration) is served by nothing in the demo.
grep -qx ns-p4-o1 neither || fail "ns-p4-o1 should have neither"
expect_status 0 "$VITALS" --db "$db" objectives link ns-p4-o1 --measure ns-m7
expect_contains out "objective ns-p4-o1 linked to measure ns-m7"
expect_status 0 "$VITALS" --db "$db" objectives link ns-p4-o1 --action ns-a07
expect_status 0 "$VITALS" --db "$db" objectives list --priority ns-p4 --json
[ "$(jq -c '.objectives[] | select(.objective == "ns-p4-o1") | [.linked, [.measures[].measure], [.actions[] | .action, .rag]]' out)" = \
  "[true,[\"ns-m7\"],[\"ns-a07\",\"$(jq -r '.actions[] | select(.code == "ns-a07") | .rag' demo.json)\"]]" ] ||
	fail "after linking: $(cat out)"
expect_status 0 "$VITALS" --db "$db" export linked.json
[ "$(jq -c '.measures[] | select(.code == "ns-m7") | .objectives' linked.json)" = \
  "$(jq -c '.measures[] | select(.code == "ns-m7") | (.objectives // []) + ["ns-p4-o1"]' demo.json)" ] ||
	fail "ns-m7's objectives in the export"
# Each change is in the change log, and the chain holds.
expect_status 0 "$VITALS" --db "$db" log list --entity action
before_a07=$(jq -r '.actions[] | select(.code == "ns-a07") | (.objectives // []) | join(", ")' demo.json)
expect_contains out "changed action 'ns-a07'"
expect_contains out "objectives: $before_a07 -> $before_a07, ns-p4-o1"
expect_status 0 "$VITALS" --db "$db" log verify
expect_status 0 "$VITALS" --db "$db" objectives unlink ns-p4-o1 --measure ns-m7
expect_contains out "objective ns-p4-o1 unlinked from measure ns-m7"
expect_status 0 "$VITALS" --db "$db" export unlinked.json
[ "$(jq -c '.measures[] | select(.code == "ns-m7")' unlinked.json)" = \
  "$(jq -c '.measures[] | select(.code == "ns-m7")' demo.json)" ] ||
	fail "unlink did not restore ns-m7"

# A supporting measure may serve the objectives of the plan that lists it:
# the CSC plan lists the police's pol-m1 among its supporting measures.
# (Its seed gives the CSC plan no objectives: this test adds one.)
jq -n '{vitals: 1, objectives: [{code: "csc-p1-o1", priority: "csc-p1", number: "1.1", text: "Illustrative: lived experience recorded in every plan"}]}' >csc.json
expect_status 0 "$VITALS" --db "$db" load csc.json
jq -r '.plans[] | select(.code == "csc-neglect") | .supporting[]' demo.json | grep -qx pol-m1 ||
	fail "pol-m1 should be a supporting measure of the CSC plan"
expect_status 0 "$VITALS" --db "$db" objectives link csc-p1-o1 --measure pol-m1
expect_status 0 "$VITALS" --db "$db" objectives link csc-p1-o1 --measure csc-m1
expect_status 0 "$VITALS" --db "$db" objectives list --priority csc-p1 --json
[ "$(jq -c '[.objectives[0].measures[].measure]' out)" = '["pol-m1","csc-m1"]' ] ||
	fail "the supporting measure's link: $(cat out)"

# --- refusals: each names its field and changes nothing ------------------
before=$(db_state "$db")
refuse() {
	local want=$1
	shift
	expect_status 1 "$VITALS" --db "$db" objectives "$@"
	expect_contains err "$want"
	expect_contains err "nothing was changed"
	[ "$(db_state "$db")" = "$before" ] || fail "'objectives $*' changed the database"
}
refuse "objective: there is no objective 'nope'" link nope --measure ns-m7
refuse "measure: there is no measure 'nope'" link ns-p4-o1 --measure nope
refuse "action: there is no action 'nope'" link ns-p4-o1 --action nope
refuse "objectives: action 'ns-a07' is already linked to objective 'ns-p4-o1'" \
	link ns-p4-o1 --action ns-a07
refuse "objectives: measure 'ns-m7' is not linked to objective 'ns-p4-o1'" \
	unlink ns-p4-o1 --measure ns-m7
refuse "measure 'csc-m1': objectives[1]: objective 'ns-p4-o1' is of plan 'neglect-2017-20', not 'csc-neglect'" \
	link ns-p4-o1 --measure csc-m1
refuse "objectives[0]: objective 'ns-p4-o1' is of plan 'neglect-2017-20', not 'ppip'" \
	link ns-p4-o1 --action PPIP-01
# pol-m1 supports the CSC plan, not the neglect strategy.
refuse "objectives[1]: objective 'ns-p4-o1' is of plan 'neglect-2017-20', not 'police-neglect'" \
	link ns-p4-o1 --measure pol-m1
expect_status 2 "$VITALS" --db "$db" objectives link ns-p4-o1
expect_status 2 "$VITALS" --db "$db" objectives link ns-p4-o1 --measure ns-m7 --action ns-a07
expect_status 1 "$VITALS" --db "$db" objectives list --plan nope
expect_contains err "plan: there is no plan 'nope'"

# A definition file is refused the same way, naming the field.
jq '{vitals: 1, measures: [.measures[] | select(.code == "csc-m1") | .objectives = ["x"]]}' demo.json >bad.json
expect_status 1 "$VITALS" --db "$db" load bad.json
expect_contains err "measure 'csc-m1': objectives[0]: objective 'x' does not exist"
[ "$(db_state "$db")" = "$before" ] || fail "a refused load changed the database"

# --- export, load into a fresh database, export: the same -----------------
expect_status 0 "$VITALS" --db "$db" export first.json
[ "$(jq '[.measures[], .actions[] | select(.objectives)] | length' first.json)" -gt 0 ] ||
	fail "export lacks the links"
fresh=$(new_db fresh.db)
expect_status 0 "$VITALS" --db "$fresh" init
expect_status 0 "$VITALS" --db "$fresh" load first.json
expect_status 0 "$VITALS" --db "$fresh" export second.json
cmp -s first.json second.json || fail "export, load, export differs: $(diff first.json second.json | head)"

# --- the pack lists each priority's objectives ------------------------------
# The strategy's pack of 2020Q4, its last quarter: an objective is flagged
# when no measure and no action of the pack serves it, the actions being
# those begun by the quarter's end (a first update by 31 December 2020).
period=2020Q4
expect_status 0 "$VITALS" --db "$db" export now.json
want=$(jq '[.plans[] | select(.status != "draft" and (.starts // "0000") <= "2020-12-31"
		and (.ends // "9999") >= "2020-10-01") | .code] as $p |
	[.priorities[] | select(.plan as $c | $p | index($c)) | .code] as $pr |
	[.measures[] | select(.plan as $c | $p | index($c)) | .objectives // [] | .[]] as $m |
	[.actions[] | select((.plan as $c | $p | index($c)) and
		([.updates // [] | .[] | select(.date <= "2020-12-31")] | length > 0))
		| .objectives // [] | .[]] as $a |
	[.objectives[] | select((.priority as $c | $pr | index($c)) and
		(.code as $o | ($m + $a) | index($o) | not))] | length' now.json)
[ "$want" -gt 0 ] || fail "every objective of the 2020Q4 pack is served"
expect_status 0 "$VITALS" --db "$db" report --period "$period" --format md -o pack.md
expect_contains pack.md "$(jq -r '.objectives[] | select(.code == "ns-p4-o1") | .text' demo.json)"
[ "$(grep -c 'no measure or action is linked to this objective' pack.md)" = "$want" ] ||
	fail "the Markdown pack flags $(grep -c 'no measure or action is linked' pack.md), want $want"
# Every priority's heading has something under it.
expect_not_contains pack.md "No measures or impact narratives"
awk '/^### /{ if (h && !body) print h; h=$0; body=0; next } /^[^ ]/{ body=1 } END { if (h && !body) print h }' pack.md >empty
[ ! -s empty ] || fail "headings with nothing under them: $(head -3 empty)"
# The other formats list the same objectives, flagged the same.
expect_status 0 "$VITALS" --db "$db" report --period "$period" --format html -o pack.html
[ "$(grep -o 'no measure or action is linked to this objective' pack.html | wc -l)" = "$want" ] ||
	fail "the HTML pack flags another number of objectives"
expect_status 0 "$VITALS" --db "$db" report --period "$period" --format xlsx -o pack.xlsx
unzip -p pack.xlsx xl/workbook.xml | grep -q 'name="Objectives"' || fail "the workbook has no Objectives sheet"
finish
