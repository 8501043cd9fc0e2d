# Comparators from DfE files as published (small fixtures in tests/data/dfe):
# statistical neighbours, England, region, rates, suppression codes; every
# refusal changes nothing; measures status reads the gaps.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-11-23T10:00:00Z
data=$VT_TEST_DATA/dfe
db=$(new_db comparators.db)
expect_status 0 "$VITALS" --db "$db" init
cat >def.json <<'JSON'
{"vitals": 1,
 "partnership": {"code": "p", "name": "Northtown partnership", "fy_start_month": 4,
   "population": [{"year": 2025, "children": 50000}]},
 "agencies": [{"code": "la", "name": "LA", "sector": "local-authority", "kind": "statutory-partner"}],
 "plans": [{"code": "pl", "title": "Plan", "kind": "single-agency", "agency": "la"}],
 "measures": [
  {"code": "cpp", "title": "Children on a plan for neglect", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "count", "frequency": "quarterly", "compare": "snapshot"},
  {"code": "cppr", "title": "Rate on a plan for neglect", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "rate10k", "frequency": "quarterly", "compare": "snapshot"}],
 "values": [
  {"measure": "cpp", "period": "2025Q2", "value": 130},
  {"measure": "cpp", "period": "2025Q3", "value": 125}],
 "actions": [{"code": "a1", "plan": "pl", "agency": "la", "title": "Audit", "rag": "green",
   "measures": ["cpp"]}]}
JSON
expect_status 0 "$VITALS" --db "$db" load def.json

# Without an LA code there is nothing to compare with.
expect_status 1 "$VITALS" --db "$db" comparators import "$data/cpp_neglect.csv" --measure cppr --column CPP_neglect_rate
expect_contains err "no local-authority code"

# Neighbours, in either published layout; the 2021 file lists 102, 103, 104.
expect_status 0 "$VITALS" --db "$db" comparators neighbours "$data/neighbours_2025.csv" --la-code 101
expect_contains out "statistical neighbours (named after the file): 104,103,102"
expect_status 0 "$VITALS" --db "$db" comparators neighbours "$data/neighbours_2021.csv"
expect_contains out "statistical neighbours (named after the file): 102,103,104"
expect_status 1 "$VITALS" --db "$db" comparators neighbours "$data/neighbours_2021.csv" --la-code 999
expect_contains err "no row for local authority '999'"
expect_status 1 "$VITALS" --db "$db" comparators neighbours "$data/cpp_neglect.csv"
expect_contains err "not a statistical-neighbour file"

# Each refusal names its place and changes nothing.
before=$(db_state "$db")
refuse() {
	local want=$1
	shift
	expect_status 1 "$VITALS" --db "$db" comparators import "$@"
	expect_contains err "$want"
	[ "$(db_state "$db")" = "$before" ] || fail "'comparators import $*' changed the database"
}
refuse "no column 'CPP_nope'" "$data/cpp_neglect.csv" --measure cppr --column CPP_nope
refuse "there is no measure 'nope'" "$data/cpp_neglect.csv" --measure nope --column CPP_neglect
sed 's/^2025,Reporting year,National,E92000001,England,,,,,,Neglect,20000,16.4$/2025,Reporting year,National,E92000001,England,,,,,,Neglect,lots,16.4/' \
	"$data/cpp_neglect.csv" >bad_cell.csv
refuse "bad_cell.csv:2:" bad_cell.csv --measure cpp --column CPP_neglect
expect_contains err "'lots' is not a number or a DfE suppression code"
sed 's/^2025,Reporting year,National,E92000001,England,,,,,,Neglect,20000,16.4$/2025,Reporting year,National,E92000001,England,,,,,,Neglect,1.7e308,16.4/' \
	"$data/cpp_neglect.csv" >huge_cell.csv
refuse "huge_cell.csv:2:" huge_cell.csv --measure cpp --column CPP_neglect
expect_contains err "1.7e308 is more than any figure could be (at most 1e+12)"
sed 's/^2024,Reporting year,National/2024,Quarter 1,National/' "$data/cpp_neglect.csv" >bad_period.csv
refuse "time_identifier 'Quarter 1'" bad_period.csv --measure cpp --column CPP_neglect
cut -d, -f1-7,9- "$data/cpp_neglect.csv" >no_la_code.csv
refuse "no column 'old_la_code'" no_la_code.csv --measure cpp --column CPP_neglect
refuse "no row for local authority '555'" "$data/cpp_neglect.csv" --measure cpp --column CPP_neglect --la-code 555
{ cat "$data/cpp_neglect.csv"; echo "2025,Reporting year,National,E92000001,England,,,,,,Physical abuse,5000,4.1"; } >two_categories.csv
refuse "a second row for England in 2024" two_categories.csv --measure cpp --column CPP_neglect
refuse "filter: no column 'kind'" two_categories.csv --measure cpp --column CPP_neglect --filter kind=Neglect
expect_status 0 "$VITALS" --db "$db" comparators import two_categories.csv --measure cpp \
	--column CPP_neglect --filter category=Neglect --dry-run
expect_contains out "dry run"
expect_contains out "comparators: 10 added"
[ "$(db_state "$db")" = "$before" ] || fail "a dry run changed the database"

# A rate column: England, the LA's region (North, not South) and every
# LA, Farland (not a neighbour) too, for a rank and a later set of
# neighbours; codes are kept.
expect_status 0 "$VITALS" --db "$db" comparators import "$data/cpp_neglect.csv" --measure cppr --column CPP_neglect_rate
expect_contains out "comparators: 10 added"
expect_status 0 "$VITALS" --db "$db" export all.json
jq -c '[.comparators[] | select(.measure == "cppr")]' all.json >cppr.json
[ "$(jq '[.[] | select(.name == "South")] | length' cppr.json)" = 0 ] ||
	fail "another region's figure was kept"
[ "$(jq '[.[] | select(.name == "Farland")] | length' cppr.json)" = 1 ] ||
	fail "an LA that is not a neighbour was left out"
[ "$(jq -r '.[] | select(.area == "102") | .suppressed' cppr.json)" = c ] || fail "the 'c' of Southfield was not kept"
[ "$(jq -r '.[] | select(.area == "101" and .period == "2023") | .suppressed' cppr.json)" = x ] ||
	fail "2024's 'x' (the year 2023) was not kept"
[ "$(jq -r '.[] | select(.area == "103" and .period == "2023") | .suppressed' cppr.json)" = z ] ||
	fail "the 'z' was not kept"
[ "$(jq -r '.[] | select(.area == "E12000001") | .rate' cppr.json)" = 30 ] || fail "the North's rate"

# A count column with the ONS population: rates are worked out.
expect_status 0 "$VITALS" --db "$db" comparators import "$data/cpp_neglect.csv" --measure cpp \
	--column CPP_neglect --population "$data/population.csv"
expect_status 0 "$VITALS" --db "$db" export all.json
rate_of() { jq -r --arg a "$1" '[.comparators[] | select(.measure == "cpp" and .period == "2024" and .area == $a)][0].rate * 1e4 | round' all.json; }
[ "$(rate_of E92000001)" = 166667 ] || fail "England's rate is $(rate_of E92000001), not 16.6667"
[ "$(rate_of 101)" = 240000 ] || fail "Northtown's rate is $(rate_of 101), not 24"
[ "$(rate_of 104)" = 150000 ] || fail "Westmere's rate is $(rate_of 104), not 15"

# Status: 125 children of 50,000 is 25 per 10,000; England 16.67; the
# neighbours published are Eastby 30 and Westmere 15 (Southfield's is
# withheld): mean 22.5.
expect_status 0 "$VITALS" --db "$db" measures status --period 2025Q3 --json
jq '.measures[] | select(.measure == "cpp")' out >cpp.json
check() { [ "$(jq "$1" cpp.json)" = true ] || fail "status: $1 ($(jq -c . cpp.json))"; }
check '.value == 125 and .previous == 130 and .change == -5 and .previous_period == "2025Q2"'
check '.rate_per_10k == 25'
check '.comparator_period == "2024"'
check '(.england * 1e4 | round) == 166667'
check '.neighbours == 22.5 and .neighbours_used == 2'
check '.region == 30 and .region_name == "North" and .own_published == 24'
check '(.gap_england * 1e4 | round) == 83333 and .gap_neighbours == 2.5'
check '.actions == {"red": 0, "amber": 0, "green": 1, "blue": 0}'
check '.reading == "no significant change" and .contradiction == false'
# The same comparators stored in another order (the two measures'
# interleaved, each backwards) give every measure the same status: each
# finds its own among the others'.
expect_status 0 "$VITALS" --db "$db" export ordered.json
jq '.comparators |= ([to_entries[] | .key as $i | .value
	| {k: (if .measure == "cpp" then 2 * $i else 2 * $i + 1 end), v: .}]
	| sort_by(-.k) | map(.v))' ordered.json >shuffled.json
sdb=$(new_db shuffled.db)
expect_status 0 "$VITALS" --db "$sdb" init
expect_status 0 "$VITALS" --db "$sdb" load shuffled.json
expect_status 0 "$VITALS" --db "$db" measures status --period 2025Q3 --json
jq -S '.measures' out >ordered-status.json
expect_status 0 "$VITALS" --db "$sdb" measures status --period 2025Q3 --json
jq -S '.measures' out >shuffled-status.json
cmp -s ordered-status.json shuffled-status.json ||
	fail "the comparators' order changed a measure's status: $(diff ordered-status.json shuffled-status.json | head -5)"
[ "$(jq '[.[] | select(.comparator_period == "2024")] | length' shuffled-status.json)" -ge 2 ] ||
	fail "fewer than two measures met their comparators after the order changed"
expect_status 0 "$VITALS" --db "$db" measures status --period 2025Q3 --csv
expect_contains out "measure,title,value,previous,change,reading"
expect_contains out "cpp,Children on a plan for neglect,125,130,-5,no significant change"
expect_status 2 "$VITALS" --db "$db" measures status --period 2025Q5
expect_status 2 "$VITALS" --db "$db" measures status

# Re-importing the same file changes nothing.
expect_status 0 "$VITALS" --db "$db" comparators import "$data/cpp_neglect.csv" --measure cppr --column CPP_neglect_rate
expect_contains out "comparators: 0 added, 0 changed, 10 unchanged"

# The HTML and the PDF pack draw one chart model: the same labelled lines
# (mean, limits, target, England, neighbours) for each measure.  A rate
# has the comparators drawn; a count does not.
printf 'agency,measure,period,value\nla,cppr,2025Q1,27\nla,cppr,2025Q2,26\nla,cppr,2025Q3,25\n' >rates.csv
expect_status 0 "$VITALS" --db "$db" returns import rates.csv
expect_status 0 "$VITALS" --db "$db" report --period 2025Q3 --format html -o pack.html
expect_status 0 "$VITALS" --db "$db" report --period 2025Q3 --format pdf -o pack.pdf
labels='^(mean|upper limit|lower limit|target|England|neighbours)$'
grep -o '<text[^>]*>[^<]*</text>' pack.html | sed 's/<[^>]*>//g' | { grep -E "$labels" || true; } | sort >html.labels
pdftotext pack.pdf - | { grep -E "$labels" || true; } | sort >pdf.labels
cmp -s html.labels pdf.labels ||
	fail "the HTML chart labels $(uniq -c html.labels | tr -s ' \n' ' '), the PDF's $(uniq -c pdf.labels | tr -s ' \n' ' ')"
[ "$(grep -c '^England$' pdf.labels)" = 1 ] || fail "the PDF does not draw England's line once, for the rate"
[ "$(grep -c '^neighbours$' pdf.labels)" = 1 ] || fail "the PDF does not draw the neighbours' line once, for the rate"
[ "$(grep -c '^mean$' html.labels)" = 2 ] || fail "not every chart has its mean"
finish
