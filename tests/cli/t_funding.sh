# The pooled budget: contributions and spending headings set through the
# command line, the total, each partner's share and each heading's
# variance checked against figures worked out here, the year before, the
# demo's budget as the seed states it, refusals that name their field and
# change nothing, and the budgets through export and load unchanged.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || { echo "FAIL: jq is missing: run scripts/deps" >&2; exit 1; }

db=$(new_db funding.db)
expect_status 0 "$VITALS" --db "$db" init
cat >agencies.json <<'JSON'
{
  "vitals": 1,
  "agencies": [
    { "code": "scc", "name": "County council", "sector": "local-authority", "kind": "statutory-partner" },
    { "code": "police", "name": "Police", "sector": "police", "kind": "statutory-partner" },
    { "code": "health", "name": "Health", "sector": "health", "kind": "statutory-partner" },
    { "code": "districts", "name": "District councils", "sector": "district-council", "kind": "relevant-agency" }
  ]
}
JSON
expect_status 0 "$VITALS" --db "$db" load agencies.json
expect_status 0 "$VITALS" --db "$db" funding list
expect_contains out "no budgets"

# --- contributions, in the forms a person types money ---------------------
fund() { expect_status 0 "$VITALS" --db "$db" funding "$@"; }
# money PENCE: as Vitals writes it, £1,234 or £1,234.50.
money() {
	awk -v p="$1" 'BEGIN {
		s = ""; if (p < 0) { s = "-"; p = -p }
		w = int(p / 100); d = p % 100; g = ""
		while (w >= 1000) { g = sprintf(",%03d", w % 1000) g; w = int(w / 1000) }
		g = w g
		if (d) printf "%s£%s.%02d\n", s, g, d; else printf "%s£%s\n", s, g
	}'
}
fund contribute 2025-26 scc 330000 --note "illustrative split"
expect_contains out "budget 2025-26: scc contributes £330,000"
fund contribute 2025-26 police "£82,500"
fund contribute 2025-26 health 110,000.25
fund contribute 2025-26 districts 27499.75
# A second contribution of an agency replaces its first.
fund contribute 2025-26 police 82500.00
fund spend 2025-26 "Business unit staffing" --budgeted 380000 --actual 376412.50
fund spend 2025-26 "Independent scrutiny" --budgeted 45000 --actual 47250
fund spend 2025-26 Training --budgeted 40000
# Its actual later, its budget kept; a heading is matched without regard
# to case.
fund spend 2025-26 training --actual 38900.4

fund show 2025-26 --json
cp out show.json
# Every figure worked out here from what was typed, in pence.
amounts="33000000 8250000 11000025 2749975"
total=0; for a in $amounts; do total=$((total + a)); done
[ "$(jq '.total * 100 | round' show.json)" = "$total" ] ||
	fail "total $(jq .total show.json), expected $total pence"
i=0
for a in $amounts; do
	share=$(awk -v a="$a" -v t="$total" 'BEGIN { printf "%.1f", 100 * a / t }')
	got=$(jq -r ".contributions[$i].share | . * 10 | round / 10 | tostring" show.json)
	[ "$(awk -v g="$got" -v w="$share" 'BEGIN { print (g - w < 0.001 && w - g < 0.001) }')" = 1 ] ||
		fail "share of contribution $i: $got, expected $share"
	[ "$(jq ".contributions[$i].amount * 100 | round" show.json)" = "$a" ] ||
		fail "amount of contribution $i"
	i=$((i + 1))
done
[ "$(jq -r '[.contributions[].agency] | join(" ")' show.json)" = "scc police health districts" ] ||
	fail "contributions' order: $(jq -c '.contributions' show.json)"
[ "$(jq -r '.contributions[0].note' show.json)" = "illustrative split" ] || fail "note not kept"
budgeted="38000000 4500000 4000000"
actual="37641250 4725000 3890040"
set -- $actual
sumb=0; suma=0; i=0
for b in $budgeted; do
	a=$1; shift
	sumb=$((sumb + b)); suma=$((suma + a))
	[ "$(jq ".spend[$i].variance * 100 | round" show.json)" = "$((b - a))" ] ||
		fail "variance of heading $i: $(jq ".spend[$i]" show.json), expected $((b - a)) pence"
	i=$((i + 1))
done
[ "$(jq '[.budgeted, .actual, .variance, .unallocated] | map(. * 100 | round) | join(" ")' -r show.json)" = \
  "$sumb $suma $((sumb - suma)) $((total - sumb))" ] ||
	fail "sums: $(jq -c '[.budgeted, .actual, .variance, .unallocated]' show.json)"
[ "$(jq -r '.spend[2].heading' show.json)" = "Training" ] || fail "the heading's name changed"

# The same in words and money: over and under budget, never a bare figure.
fund show 2025-26
expect_contains out "£2,250 over budget"
expect_contains out "$(money $((4000000 - 3890040))) under budget"
expect_contains out "The partners contributed £550,000 in 2025-26"
expect_contains out "$(money $((sumb - suma))) under budget."
fund show 2025-26 --csv
expect_contains out "kind,name,amount,share,budgeted,actual,variance"
expect_contains out "heading,Independent scrutiny,,,45000.00,47250.00,-2250.00"
# A heading not yet spent has no variance.
fund spend 2025-26 "Learning events" --budgeted 15000
fund show 2025-26 --json
[ "$(jq -c '.spend[3] | [.actual, .variance]' out)" = '[null,null]' ] || fail "unspent heading: $(jq -c '.spend[3]' out)"
fund show 2025-26
expect_contains out "not yet known"
expect_contains out "for the 3 headings known so far"

# The headings so far and Learning events' £15,000.
headings=$((sumb + 1500000))
# The annual report's parts: the contributions table and the headings'
# budget against spending, as the report draws them.
fund show 2025-26 --markdown
expect_contains out "### Partnership funding"
expect_contains out "| County council | $(money 33000000) | $(awk -v a=33000000 -v t="$total" 'BEGIN { printf "%.1f", 100 * a / t }')% |"
expect_contains out "| Total | $(money "$total") | 100% |"
expect_contains out "### Budget against spending"
expect_contains out "| Independent scrutiny | $(money 4500000) | $(money 4725000) | $(money 225000) over budget |"
expect_contains out "| Learning events | $(money 1500000) | not yet known | not yet known |"
expect_contains out "under the 3 headings known (of 4)"
expect_contains out "| Total | $(money "$headings") | $(money "$suma") | $(money $((sumb - suma))) under budget |"
expect_contains out "illustrative split"

# --- the year after: against the year before ------------------------------
fund contribute 2026-27 scc 340000
fund contribute 2026-27 police 82500
fund show 2026-27 --json
[ "$(jq -c '[.previous_year, (.previous_total * 100 | round), .contributions[0].previous, .contributions[1].previous]' out)" = \
  "[\"2025-26\",$total,330000,82500]" ] || fail "year on year: $(cat out)"
fund show 2026-27
expect_contains out "In 2025-26 they contributed £550,000, £127,500 more than this year."
fund list --json
[ "$(jq -c '[.[].year]' out)" = '["2025-26","2026-27"]' ] || fail "list: $(cat out)"

# --- refusals: exit 1, the field named, nothing changed --------------------
expect_status 0 "$VITALS" --db "$db" export before.json
before=$(db_state "$db")
refuse() {
	local want=$1
	shift
	expect_status 1 "$VITALS" --db "$db" funding "$@"
	expect_contains err "$want"
	expect_contains err "nothing was changed"
	[ "$(db_state "$db")" = "$before" ] || fail "'funding $*' changed the database"
}
# A last heading a penny past what is left.
over=$((total - headings + 1))
refuse "budget '2025-26': spend[4].budgeted: the headings' budgets ($(money $((headings + over)))) exceed the contributions ($(money "$total"))" \
	spend 2025-26 "Case reviews" --budgeted "$((over / 100)).$(printf %02d $((over % 100)))"
refuse "budget '2025-26': amount: '-5' is not a sum of money" contribute 2025-26 police -5
refuse "budget '2025-26': amount: 'lots' is not a sum of money" contribute 2025-26 police lots
refuse "budget '2025-26': amount: '12.345' is not a sum of money" contribute 2025-26 police 12.345
refuse "budget '2025-26': amount: 'inf' is not a sum of money" contribute 2025-26 police inf
refuse "budget '2025-26': agency: there is no agency 'fire'" contribute 2025-26 fire 100
refuse "year: '2025-27' is not a financial year (2025-26)" contribute 2025-27 police 100
refuse "budget '2025-26': budgeted: a new heading 'Travel' needs its budget" spend 2025-26 Travel --actual 10
refuse "budget '2025-26': actual: '-1' is not a sum of money" spend 2025-26 Training --actual -1
refuse "budget '2026-27': agency: agency 'districts' is not in the budget" remove 2026-27 --agency districts
# Taking a contribution away that the headings need is refused too.
refuse "the headings' budgets ($(money "$headings")) exceed the contributions ($(money $((total - 11000025))))" remove 2025-26 --agency health
expect_status 0 "$VITALS" --db "$db" export after.json
cmp -s before.json after.json || fail "a refusal changed the export: $(diff before.json after.json | head)"
expect_status 2 "$VITALS" --db "$db" funding show
expect_status 2 "$VITALS" --db "$db" funding contribute 2025-26 police

# A definition file is held to the same rules, each naming its field.
jq '.budgets[0].contributions[1].agency = "scc"' before.json >twice.json
expect_status 1 "$VITALS" --db "$db" load twice.json
expect_contains err "budget '2025-26': contributions[1].agency: agency 'scc' contributes twice (first at contributions[0])"
jq '.budgets[0].spend[1].heading = "business unit STAFFING"' before.json >heading.json
expect_status 1 "$VITALS" --db "$db" load heading.json
expect_contains err "spend[1].heading: heading 'business unit STAFFING' is listed twice (first at spend[0])"
jq '.budgets[0].contributions[0].amount = -1' before.json >negative.json
expect_status 1 "$VITALS" --db "$db" load negative.json
expect_contains err "contributions[0].amount: -1 is below nil"
jq '.budgets[0].spend[0].heading = " "' before.json >blank.json
expect_status 1 "$VITALS" --db "$db" load blank.json
expect_contains err "spend[0].heading"
[ "$(db_state "$db")" = "$before" ] || fail "a refused file changed the database"

# --- removing, and the change log ------------------------------------------
fund remove 2025-26 --heading "learning events"
fund show 2025-26 --json
[ "$(jq '.spend | length' out)" = 3 ] || fail "heading not removed"
expect_status 0 "$VITALS" --db "$db" log verify
expect_status 0 "$VITALS" --db "$db" log list --json
# Each change above is one entry: 10 for 2025-26 (4 contributions, 4
# headings set, 1 changed, 1 removed; police's second 82500 changed
# nothing, so is not logged) and 2 for 2026-27.
[ "$(jq -c '[(map(select(.entity == "budget" and .key == "2025-26")) | length), (map(select(.entity == "budget" and .key == "2026-27")) | length)]' out)" = '[10,2]' ] ||
	fail "the budget's changes in the change log: $(jq -c 'map(select(.entity == "budget")) | map([.key, .change])' out)"

# --- export, load, export: identical ---------------------------------------
expect_status 0 "$VITALS" --db "$db" export first.json
second=$(new_db second.db)
expect_status 0 "$VITALS" --db "$second" init
expect_status 0 "$VITALS" --db "$second" load first.json
expect_status 0 "$VITALS" --db "$second" export second.json
cmp -s first.json second.json || fail "export, load, export differs: $(diff first.json second.json | head)"
[ "$(jq '.budgets | length' second.json)" = 2 ] || fail "budgets not exported"

# --- the demo: the seed's £550,000 from four contributors ------------------
demo=$(new_db demo.db)
expect_status 0 "$VITALS" --db "$demo" demo
for year in 2025-26 2026-27; do
	expect_status 0 "$VITALS" --db "$demo" funding show "$year" --json
	[ "$(jq -c '[.total, (.contributions | length), (.budgeted <= .total)]' out)" = '[550000,4,true]' ] ||
		fail "demo $year: $(jq -c '[.total, (.contributions | length), .budgeted]' out)"
	[ "$(jq '[.contributions[].note | test("^.*[Ii]llustrative")] | all' out)" = true ] ||
		fail "demo $year: an assumed amount is not marked illustrative"
done
finish
