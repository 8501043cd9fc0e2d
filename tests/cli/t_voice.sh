# The voice register: reports added and changed, refusals that name the
# report and the field and change nothing, the reports, participants and
# themes counted by quarter, the change log, the demo's reports against
# its "voices heard" measure, and the register through export and load
# unchanged.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-12-01T10:00:00Z
demo=$(new_db demo.db)
expect_status 0 "$VITALS" --db "$demo" demo

# --- the demo: its feedback reports are the "voices heard" respondents -----
# Each report linked to the measure counts, as its participants, the
# denominator of that measure in the report's quarter.
expect_status 0 "$VITALS" --db "$demo" export demo.json
linked=$(jq '[.voice[] | select(.measure == "ns-m1")] | length' demo.json)
[ "$linked" -ge 3 ] || fail "the demo links $linked voice reports to ns-m1"
expect_status 0 "$VITALS" --db "$demo" voice list --json
jq -c '[.[] | select(.measure == "ns-m1") | [.quarter, .participants]]' out >linked.json
jq -c '[.values[] | select(.measure == "ns-m1" and .breakdown == null) | [.period, .denominator]]' demo.json >denominators.json
[ "$(jq -c --slurpfile d denominators.json '[.[] | . as $r | ($d[0][] | select(.[0] == $r[0]) | .[1]) == $r[1]] | all' linked.json)" = true ] ||
	fail "demo voice reports: participants $(cat linked.json) are not ns-m1's denominators"
[ "$(jq '.voice | length' demo.json)" -ge 5 ] || fail "the demo has too few voice reports"
jq -e '[.voice[] | .summary | test("^Illustrative")] | all' demo.json >/dev/null ||
	fail "a demo voice report does not say it is illustrative"

# --- a register of its own -------------------------------------------------
# Without the demo's reports and voice themes: with no voice themes named,
# a report takes any theme code.
jq 'del(.voice) | .themes |= map(select(.register != "voice"))' demo.json >base.json
db=$(new_db voice.db)
expect_status 0 "$VITALS" --db "$db" init
expect_status 0 "$VITALS" --db "$db" load base.json
expect_status 0 "$VITALS" --db "$db" voice list
expect_contains out "no voice reports"
expect_status 0 "$VITALS" --db "$db" voice quarters
expect_contains out "no voice reports"

# Reports over three quarters; the counts are worked out below from what
# is entered here.
reports=(
	"V-01|2026-01-15|survey|31|being-listened-to feeling-safe"
	"V-02|2026-03-31|focus-group|9|feeling-safe"
	"V-03|2026-04-01|feedback|120|being-listened-to"
	"V-04|2026-09-30|advocacy|0|"
	"V-05|2026-08-02|interview|7|help-early being-listened-to"
)
for r in "${reports[@]}"; do
	IFS='|' read -r ref date method n themes <<<"$r"
	args=()
	for t in $themes; do args+=(--theme "$t"); done
	expect_status 0 "$VITALS" --db "$db" voice add "$ref" \
		--title "Report $ref" --source "Young Inspectors" \
		--date "$date" --method "$method" --participants "$n" \
		--summary "what was said in $ref" "${args[@]}" \
		--priority ns-p5 --action ns-a14
	expect_contains out "voice report $ref added"
done
expect_status 0 "$VITALS" --db "$db" voice show V-01 --json
[ "$(jq -c '[.ref, .date, .quarter, .method, .participants, .themes, .priorities, .actions, .changed, .source]' out)" = \
  '["V-01","2026-01-15","2026Q1","survey",31,["being-listened-to","feeling-safe"],["ns-p5"],["ns-a14"],null,"Young Inspectors"]' ] ||
	fail "show V-01: $(cat out)"

# --- updates: what changed, a list replaced, a field cleared ---------------
expect_status 0 "$VITALS" --db "$db" voice update V-01 \
	--changed "referral letters rewritten with the Young Inspectors" \
	--priority ns-p1 --priority ns-p5 --measure ns-m1
expect_contains out "voice report V-01 updated"
expect_status 0 "$VITALS" --db "$db" voice show V-01 --json
[ "$(jq -c '[.changed, .priorities, .actions, .measure, .participants]' out)" = \
  '["referral letters rewritten with the Young Inspectors",["ns-p1","ns-p5"],["ns-a14"],"ns-m1",31]' ] ||
	fail "updated V-01: $(cat out)"
expect_status 0 "$VITALS" --db "$db" voice update V-01 --measure ""
expect_status 0 "$VITALS" --db "$db" voice show V-01
expect_contains out "what changed: referral letters rewritten"
expect_not_contains out "measure:"

# --- refusals: each names the report and the field, and changes nothing ----
expect_status 0 "$VITALS" --db "$db" export before.json
before=$(db_state "$db")
refuse() {
	local want=$1
	shift
	expect_status 1 "$VITALS" --db "$db" voice "$@"
	expect_contains err "$want"
	expect_contains err "nothing was changed"
	[ "$(db_state "$db")" = "$before" ] || fail "'voice $*' changed the database"
}
add_v06() {
	local want=$1
	shift
	refuse "$want" add V-06 --title "A report" --source scc-csc \
		--date 2026-10-01 --method survey --participants 5 \
		--summary "said" "$@"
}
add_v06 "voice report 'V-06': priorities[1]: there is no priority 'nope'" \
	--priority ns-p5 --priority nope
add_v06 "voice report 'V-06': actions[0]: there is no action 'nope'" --action nope
add_v06 "voice report 'V-06': measure: there is no measure 'nope'" --measure nope
refuse "voice report 'V-06': source looks like a person's name" add V-06 \
	--title "A report" --source "Jane Smith" --date 2026-10-01 \
	--method survey --participants 5 --summary "said"
expect_not_contains err "Jane Smith"
refuse "voice report 'V-06': method 'chat' is not one of survey, focus-group" \
	add V-06 --title "A report" --source scc-csc --date 2026-10-01 \
	--method chat --participants 5 --summary "said"
refuse "voice report 'V-06': participants -1 is outside 0..10000000" \
	add V-06 --title "A report" --source scc-csc --date 2026-10-01 \
	--method survey --participants -1 --summary "said"
refuse "voice report 'V-06': participants: 'many' is not a whole number" \
	add V-06 --title "A report" --source scc-csc --date 2026-10-01 \
	--method survey --participants many --summary "said"
refuse "voice report 'V-06': date '2026-02-30' is not a date" \
	add V-06 --title "A report" --source scc-csc --date 2026-02-30 \
	--method survey --participants 5 --summary "said"
refuse "voice report 1: ref looks like a person's name or a date of birth" \
	add 12/03/2015 --title "A report" --source scc-csc --date 2026-10-01 \
	--method survey --participants 5 --summary "said"
expect_not_contains err "12/03/2015"
refuse "summary: say what they said" add V-06 --title "A report" \
	--source scc-csc --date 2026-10-01 --method survey --participants 5
refuse "voice report 'V-01': changed looks like a person's name or a date of birth" \
	update V-01 --changed "agreed with Jane Smith"
refuse "voice report 'V-01': summary looks like a person's name or a date of birth" \
	update V-01 --summary "a child born 01/02/2016"
refuse "ref: there is no voice report 'V-99'" update V-99 --changed "x"
refuse "ref: there is already a voice report 'V-01'" add V-01 --title "A report" \
	--source scc-csc --date 2026-10-01 --method survey --participants 5 \
	--summary "said"
expect_status 2 "$VITALS" --db "$db" voice update V-01
expect_status 2 "$VITALS" --db "$db" voice list --quarter 2026Q1 --changed x
expect_status 0 "$VITALS" --db "$db" export after.json
cmp -s before.json after.json || fail "a refusal changed the export: $(diff before.json after.json | head)"

# The partnership's own voice themes: then only those.
jq '.themes += [{"code": "feeling-safe", "name": "Feeling safe", "register": "voice"},
		{"code": "being-listened-to", "name": "Being listened to", "register": "voice"},
		{"code": "help-early", "name": "Getting help early", "register": "voice"}]
    | {vitals, themes: .themes[-3:]}' base.json >themes.json
expect_status 0 "$VITALS" --db "$db" load themes.json
before=$(db_state "$db")
add_v06 "voice report 'V-06': theme 'weather' is not one of the partnership's voice themes" \
	--theme weather

# --- counted by quarter: computed here from the reports entered -------------
expect_status 0 "$VITALS" --db "$db" voice quarters --json
cp out quarters.json
declare -A nrep npart
for r in "${reports[@]}"; do
	IFS='|' read -r ref date method n themes <<<"$r"
	m=${date:5:2}
	q="${date:0:4}Q$(((10#$m - 1) / 3 + 1))"
	nrep[$q]=$((${nrep[$q]:-0} + 1))
	npart[$q]=$((${npart[$q]:-0} + n))
	for t in $themes; do
		key="$q/$t"
		nrep[$key]=$((${nrep[$key]:-0} + 1))
	done
done
for q in 2026Q1 2026Q2 2026Q3; do
	got=$(jq -c --arg q "$q" '.quarters[] | select(.period == $q) | [.reports, .participants]' quarters.json)
	[ "$got" = "[${nrep[$q]:-0},${npart[$q]:-0}]" ] ||
		fail "$q: $got, expected [${nrep[$q]:-0},${npart[$q]:-0}]"
	for t in being-listened-to feeling-safe help-early; do
		got=$(jq --arg q "$q" --arg t "$t" '.quarters[] | select(.period == $q) | .themes[$t]' quarters.json)
		[ "$got" = "${nrep[$q/$t]:-0}" ] || fail "$q theme $t: $got, expected ${nrep[$q/$t]:-0}"
	done
done
[ "$(jq -c '[.quarters[] | .period]' quarters.json)" = '["2026Q1","2026Q2","2026Q3"]' ] ||
	fail "quarters: $(cat quarters.json)"
[ "$(jq -r '.quarters[0].label' quarters.json)" = "2025-26 Q4" ] || fail "label: $(cat quarters.json)"
expect_status 0 "$VITALS" --db "$db" voice list --quarter 2026Q1 --json
[ "$(jq -c '[.[] | .ref]' out)" = '["V-01","V-02"]' ] || fail "list 2026Q1: $(cat out)"
expect_status 0 "$VITALS" --db "$db" voice list --quarter "2026-27 Q1" --theme being-listened-to --csv
[ "$(sed -n 2p out | cut -d, -f1-3)" = "V-03,2026-04-01,2026Q2" ] || fail "list csv: $(cat out)"
[ "$(wc -l <out)" = 2 ] || fail "list csv rows: $(cat out)"
expect_status 2 "$VITALS" --db "$db" voice list --quarter 2026

# --- the change log: each add and update, by whom ------------------------
expect_status 0 "$VITALS" --db "$db" --as analyst@example.org voice update V-02 \
	--changed "a new leaflet"
expect_status 0 "$VITALS" --db "$db" log list
[ "$(grep -c "added voice report" out)" = "${#reports[@]}" ] ||
	fail "log: $(grep -c "added voice report" out) additions, expected ${#reports[@]}"
[ "$(grep -c "changed voice report 'V-01'" out)" = 2 ] || fail "log: V-01 changes: $(grep voice out)"
expect_contains out "analyst@example.org  changed voice report 'V-02'"
expect_status 0 "$VITALS" --db "$db" log verify

# --- export, load, export: the same ---------------------------------------
expect_status 0 "$VITALS" --db "$db" export first.json
fresh=$(new_db fresh.db)
expect_status 0 "$VITALS" --db "$fresh" init
expect_status 0 "$VITALS" --db "$fresh" load first.json
expect_status 0 "$VITALS" --db "$fresh" export second.json
cmp -s first.json second.json || fail "export, load, export differs: $(diff first.json second.json | head)"
[ "$(jq '.voice | length' second.json)" = "${#reports[@]}" ] || fail "export: $(jq .voice second.json)"
# and the demo's own
fresh=$(new_db demo2.db)
expect_status 0 "$VITALS" --db "$fresh" init
expect_status 0 "$VITALS" --db "$fresh" load demo.json
expect_status 0 "$VITALS" --db "$fresh" export demo2.json
cmp -s demo.json demo2.json || fail "demo export, load, export differs: $(diff demo.json demo2.json | head)"

finish
