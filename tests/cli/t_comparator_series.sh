# Comparators are series: every period keeps its own England, region,
# neighbours and rank; a neighbour set changes without importing again;
# a count never stands in for a rate; an import never drops a stored rate.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-11-23T10:00:00Z
data=$VT_TEST_DATA/dfe
db=$(new_db series.db)
expect_status 0 "$VITALS" --db "$db" init
cat >def.json <<'JSON'
{"vitals": 1,
 "partnership": {"code": "p", "name": "Northtown partnership", "fy_start_month": 4,
   "population": [{"year": 2022, "children": 50000}]},
 "agencies": [{"code": "la", "name": "LA", "sector": "local-authority", "kind": "statutory-partner"}],
 "plans": [{"code": "pl", "title": "Plan", "kind": "single-agency", "agency": "la"}],
 "measures": [
  {"code": "cpr", "title": "Children on a plan per 10,000", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "rate10k", "frequency": "annual"},
  {"code": "cpr2", "title": "Children on a plan per 10,000 (from counts)", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "rate10k", "frequency": "annual"},
  {"code": "cpl", "title": "Children on a plan per 10,000 (LAIT)", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "rate10k", "frequency": "annual"},
  {"code": "cpo", "title": "Children on a plan per 10,000 (own history)", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "rate10k", "frequency": "annual"},
  {"code": "cpn", "title": "Children on a plan", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "count", "frequency": "annual"},
  {"code": "cpp", "title": "Share of plans for neglect", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "percent", "frequency": "annual"}],
 "values": [
  {"measure": "cpr", "period": "2022", "value": 28.5},
  {"measure": "cpr", "period": "2023", "value": 26.5},
  {"measure": "cpr", "period": "2024", "value": 24.5}]}
JSON
expect_status 0 "$VITALS" --db "$db" load def.json
expect_status 0 "$VITALS" --db "$db" comparators neighbours "$data/neighbours_2021.csv" --la-code 101 --name 2021
expect_contains out "statistical neighbours (2021): 102,103,104"
expect_status 0 "$VITALS" --db "$db" comparators import "$data/cpp_series.csv" --measure cpr --column rate_per_10000
expect_contains out "comparators: 18 added"

# Each period its own figures.  2024-25: ours 24 of Northtown among
# 24, 30, 20, 10, 40 is 3rd of 5 (second quartile); the 2021 set's mean
# is Eastby 30 and Westmere 20 (Southfield's 'c' suppressed).  2023-24:
# 22, 28, 18 make 22.67; Farland's 'x' is no neighbour of this set.
# 2022-23: England and Northtown alone.
expect_status 0 "$VITALS" --db "$db" comparators series cpr --json
jq -c . out >series.json
want='{"measure":"cpr","unit":"rate10k","neighbour_set":{"name":"2021","las":[102,103,104]},"periods":['
want=$want'{"period":"2022","label":"2022-23","ours":28.5,"england":27,"region":null,"neighbours_mean":null,"neighbours_n":0,"neighbours_suppressed":0,"rank":1,"of":1},'
want=$want'{"period":"2023","label":"2023-24","ours":26.5,"england":26,"region":26,"neighbours_mean":22.66666667,"neighbours_n":3,"neighbours_suppressed":0,"rank":3,"of":5},'
want=$want'{"period":"2024","label":"2024-25","ours":24.5,"england":25,"region":27,"neighbours_mean":25,"neighbours_n":2,"neighbours_suppressed":1,"rank":3,"of":5}]}'
[ "$(cat series.json)" = "$want" ] || fail "series: $(cat series.json)"

# Another set of neighbours serves at once, without importing again:
# Westmere 20, Farland 10, Upton 40 in 2024-25; Farland's 'x' in 2023-24.
expect_status 0 "$VITALS" --db "$db" comparators neighbours "$data/neighbours_south.csv"
expect_contains out "statistical neighbours (named after the file): 104,105,106"
expect_status 0 "$VITALS" --db "$db" comparators series cpr --json
check() { [ "$(jq "$1" out)" = true ] || fail "series: $1 ($(jq -c '.periods' out))"; }
check '.neighbour_set == {"name": "neighbours_south", "las": [104, 105, 106]}'
check '(.periods[2].neighbours_mean * 1e4 | round) == 233333 and .periods[2].neighbours_n == 3'
check '.periods[1].neighbours_mean == 31 and .periods[1].neighbours_n == 2 and .periods[1].neighbours_suppressed == 1'
expect_status 0 "$VITALS" --db "$db" comparators series cpr
expect_contains out "statistical neighbours (neighbours_south): 104, 105, 106"
expect_contains out "2024-25"
expect_contains out "3 of 5"
expect_status 1 "$VITALS" --db "$db" comparators series nope
expect_contains err "there is no measure 'nope'"

# The measure's status reads the comparator of its own period, and says
# when the latest is older than the figure: a 2025-26 figure meets
# 2024-25's, at 31 March 2025.
printf 'agency,measure,period,value\nla,cpr,2025,23\n' >y.csv
expect_status 0 "$VITALS" --db "$db" returns import y.csv
expect_status 0 "$VITALS" --db "$db" measures status --period 2023 --json
jq '.measures[] | select(.measure == "cpr")' out >cpr.json
check() { [ "$(jq "$1" cpr.json)" = true ] || fail "status: $1 ($(jq -c . cpr.json))"; }
check '.comparator_period == "2023" and .comparator_as_at == "31 March 2024" and .england == 26 and .rank == 3'
check '.gap_england == 0.5'
expect_status 0 "$VITALS" --db "$db" measures status --period 2025 --json
jq '.measures[] | select(.measure == "cpr")' out >cpr.json
check '.comparator_period == "2024" and .comparator_as_at == "31 March 2025" and .value == 23 and .gap_england == -2'

# A quarter's pack of a partnership whose measures are all yearly shows
# each latest yearly figure with its date, and the comparators year by
# year (not one level across the chart), in the HTML and the PDF.
expect_status 0 "$VITALS" --db "$db" report --period 2026Q2 --format html -o pack.html
expect_status 0 "$VITALS" --db "$db" report --period 2026Q2 --format pdf -o pack.pdf
expect_contains pack.html "Latest figure, 2025-26 (to 31 March 2026): 23."
expect_contains pack.html "below England (25.0) and below its statistical neighbours (23.3: 3 of 3 published, set neighbours_south); 3rd of 5 local authorities, second quartile; published figures for the year to 31 March 2025"
expect_contains pack.html '<th scope="row">2024-25</th>'
# The pack says whom it compares with: the set and its councils by name.
expect_contains pack.html "3 statistical neighbours (set neighbours_south): Westmere, Farland, Upton"
# England is drawn from 27 through 26 to 25: a line per pair of years.
grep -o '<line class="cmp"[^>]*>' pack.html >england.lines
[ "$(wc -l <england.lines)" = 2 ] || fail "England's line is not two years' steps: $(cat england.lines)"
[ "$(sed 's/.*y1="\([^"]*\)".*y2="\([^"]*\)".*/\1 \2/' england.lines | awk '$1 == $2' | wc -l)" = 0 ] ||
	fail "England's line is flat: $(cat england.lines)"
grep -q '<line class="nb"' pack.html || fail "the neighbours' line is not drawn"
# Each kind of line drawn has its style, in the pack and on the pages
# (an SVG line without a stroke is not seen).
for class in $(grep -o '<line class="[a-z]*"' pack.html | sed 's/.*="//; s/"//' | sort -u); do
	grep -q "\.$class{stroke" pack.html || fail "the pack does not style its '$class' lines"
	grep -q "^\.vt-chart \.$class { stroke" "$VT_SOURCE_DIR/tools/vitals.scss" ||
		fail "the pages do not style the charts' '$class' lines"
done
pdftotext -layout pack.pdf pack.txt
tr -s ' \n' ' ' <pack.txt >pack.flat
expect_contains pack.flat "Latest figure, 2025-26 (to 31 March 2026): 23."
expect_contains pack.flat "published figures for the year to 31 March 2025"
expect_contains pack.flat "3 statistical neighbours (set neighbours_south): Westmere, Farland, Upton"
for w in England neighbours 2022-23 2023-24 2024-25 2025-26; do
	grep -q -- "$w" pack.txt || fail "the PDF lacks '$w'"
done
if grep -q "No figure for 2026-27 Q1. *$" pack.txt && grep -B1 "No figure" pack.txt | grep -q "cpr:"; then
	fail "the PDF says 'No figure' for a yearly measure with a figure"
fi

# The LA code and the set of neighbours are set by a command, not the
# definition: a load of one's own definition, which leaves them out, keeps
# them and says so; export, load, export is the same file.
expect_status 0 "$VITALS" --db "$db" load def.json
expect_contains out "kept as stored (the file does not give them): partnership la_code, neighbour_set, neighbours"
expect_status 0 "$VITALS" --db "$db" export first.json
[ "$(jq -c '.partnership | [.la_code, .neighbour_set, .neighbours]' first.json)" = '["101","neighbours_south",["104","105","106"]]' ] ||
	fail "a load that left them out changed the LA code or the neighbours: $(jq -c .partnership first.json)"
[ "$(jq '.comparators | length' first.json)" -gt 0 ] || fail "no comparators in the export"
expect_status 0 "$VITALS" --db "$db" load first.json
grep -q '[1-9][0-9]* changed' out && fail "a load of its own export changed something: $(cat out)"
expect_status 0 "$VITALS" --db "$db" export second.json
cmp -s first.json second.json || fail "export, load, export differ: $(diff first.json second.json | head -5)"
expect_status 0 "$VITALS" --db "$db" comparators series cpr --json
[ "$(jq '.periods[2].neighbours_n' out)" = 3 ] || fail "the neighbours were lost by a load"

# The tidy dataset: a row per figure with its label, days and the
# comparators of its period, in CSV and in a workbook.
expect_status 0 "$VITALS" --db "$db" data export tidy.csv
head -1 tidy.csv | grep -q '^measure,title,plan,agency,unit,breakdown,period,label,period_start,period_end,value,suppressed,numerator,denominator,status,illustrative,england,region,neighbours_mean,neighbours_n,rank,of$' ||
	fail "the dataset's header: $(head -1 tidy.csv)"
row=$(grep '^cpr,.*,2024,2024-25,' tidy.csv | sed 's/"[^"]*"/T/')
[ "$row" = "cpr,T,pl,la,rate10k,,2024,2024-25,2024-04-01,2025-03-31,24.5,,,,approved,no,25,27,23.3333333333333,3,3,5" ] ||
	fail "the dataset's 2024-25 row of cpr: $row"
[ "$(grep -c '^cpr,' tidy.csv)" = 4 ] || fail "cpr has $(grep -c '^cpr,' tidy.csv) rows, not 4"
expect_status 0 "$VITALS" --db "$db" data export tidy.xlsx
mkdir -p x && (cd x && unzip -qo ../tidy.xlsx)
grep -q '2024-25' x/xl/sharedStrings.xml || fail "the workbook lacks the labels"
[ "$(grep -o '<row ' x/xl/worksheets/sheet1.xml | wc -l)" = "$(wc -l <tidy.csv)" ] ||
	fail "the workbook and the CSV have different rows"
expect_status 2 "$VITALS" --db "$db" data export tidy.txt
expect_contains err "written as FILE.csv or FILE.xlsx"

# LAIT's long format: England, the LA's region (Outer London is LAIT's
# "London (Outer)"), every LA; 2025 is the year to 31 March 2025 (2024);
# '-' is no figure; float noise (26.399999999999999) kept as a number.
# Its polarity (Low) disagreeing with the measure's direction is said.
lait=$VT_TEST_DATA/lait
expect_status 0 "$VITALS" --db "$db" comparators import "$lait/lait_extract.csv" --measure cpl \
	--column CPP_rate --dictionary "$lait/lait_dictionary.csv" --dry-run
expect_contains out "comparators: 10 added"
expect_status 0 "$VITALS" --db "$db" comparators import "$lait/lait_extract.csv" --measure cpl \
	--column CPP_rate --dictionary "$lait/lait_dictionary.csv"
expect_not_contains err "polarity"
expect_status 0 "$VITALS" --db "$db" comparators series cpl --json
check() { [ "$(jq "$1" out)" = true ] || fail "LAIT series: $1 ($(jq -c '.periods' out))"; }
check '[.periods[] | select(.period == "2023") | .england, .region, .rank, .of] == [41, 30, 3, 3]'
check '[.periods[] | select(.period == "2024") | .england, .region, .rank, .of] == [40.6, 29, 2, 3]'
expect_status 0 "$VITALS" --db "$db" export lait.json
[ "$(jq -r '[.comparators[] | select(.measure == "cpl" and .area == "104")][0].region' lait.json)" = 988 ] ||
	fail "Westmere's region (Outer London) is not LAIT's London (Outer), 988"
expect_status 0 "$VITALS" --db "$db" export lait.json
jq '.measures |= map(if .code == "cpl" then .direction = "increase" else . end)' lait.json >increase.json
expect_status 0 "$VITALS" --db "$db" load increase.json
expect_status 0 "$VITALS" --db "$db" comparators import "$lait/lait_extract.csv" --measure cpl \
	--column CPP_rate --dictionary "$lait/lait_dictionary.csv"
expect_contains err "warning: LAIT's polarity of 'CPP_rate' is Low (lower is better) but measure 'cpl' is to increase"
before=$(db_state "$db")
expect_status 1 "$VITALS" --db "$db" comparators import "$lait/lait_extract.csv" --measure cpl --column CPP_nope
expect_contains err "no row of indicator 'CPP_nope' (the Short Desc column) in the LAIT file"
expect_status 1 "$VITALS" --db "$db" comparators import "$lait/lait_extract.csv" --measure cpp --column CPP_rate
expect_contains err "is a rate per 10,000 children and measure 'cpp' is measured as percent"
[ "$(db_state "$db")" = "$before" ] || fail "a refused LAIT import changed the database"

# The partnership's own published rows straight into a measure, as
# history: Northtown's 28, 26 and 24 become its figures, approved, never
# late; the comparators are imported as ever.
expect_status 0 "$VITALS" --db "$db" comparators import "$data/cpp_series.csv" --measure cpo --column rate_per_10000
expect_status 0 "$VITALS" --db "$db" comparators import "$data/cpp_series.csv" --measure cpo \
	--column rate_per_10000 --own-history
expect_contains out "history of 'cpo': 3 added, 0 changed, 0 unchanged"
expect_status 0 "$VITALS" --db "$db" comparators series cpo --json
[ "$(jq -c '[.periods[].ours]' out)" = '[28,26,24]' ] || fail "own history: ours is $(jq -c '[.periods[].ours]' out)"
expect_status 0 "$VITALS" --db "$db" returns status --period 2022 --json
[ "$(jq -r '.agencies[0].status' out)" = history ] || fail "own history is not history: $(jq -c . out)"
expect_status 0 "$VITALS" --db "$db" comparators import "$data/cpp_series.csv" --measure cpo \
	--column rate_per_10000 --own-history
expect_contains out "0 added, 0 changed, 3 unchanged"

# A count is never a rate: onto a rate measure without the population it
# is refused, naming the column, what it is and the measure's unit.
before=$(db_state "$db")
expect_status 1 "$VITALS" --db "$db" comparators import "$data/cpp_series.csv" --measure cpr2 --column number_of_children
expect_contains err "column 'number_of_children' is a count"
expect_contains err "measure 'cpr2' is a rate per 10,000 children"
expect_status 1 "$VITALS" --db "$db" comparators import "$data/cpp_series.csv" --measure cpp --column rate_per_10000
expect_contains err "column 'rate_per_10000' is a rate per 10,000 children and measure 'cpp' is measured as percent"
[ "$(db_state "$db")" = "$before" ] || fail "a refused import changed the database"

# With the population it becomes a rate: Westmere's 80 of 40,000 is 20.
# Onto the rates imported before it would lose those the population
# cannot give (Upton's, say): refused.
expect_status 0 "$VITALS" --db "$db" comparators import "$data/cpp_series.csv" --measure cpr2 \
	--column number_of_children --population "$data/population.csv"
expect_status 1 "$VITALS" --db "$db" comparators import "$data/cpp_series.csv" --measure cpr \
	--column number_of_children --population "$data/population.csv"
expect_contains err "would drop 11 stored rates"
expect_status 0 "$VITALS" --db "$db" export all.json
rate_of() { jq -r --arg m "$1" --arg a "$2" --arg p "$3" \
	'[.comparators[] | select(.measure == $m and .period == $p and .area == $a)][0].rate' all.json; }
[ "$(rate_of cpr2 104 2024)" = 20 ] || fail "Westmere's rate from the count is $(rate_of cpr2 104 2024)"

# A count measure keeps its counts and rates; importing the count again
# without the population would drop the rates: refused, nothing changed.
expect_status 0 "$VITALS" --db "$db" comparators import "$data/cpp_series.csv" --measure cpn \
	--column number_of_children --population "$data/population.csv"
before=$(db_state "$db")
expect_status 1 "$VITALS" --db "$db" comparators import "$data/cpp_series.csv" --measure cpn --column number_of_children
expect_contains err "would drop 5 stored rates per 10,000 children"
expect_contains err "give the child population file as the earlier import did"
[ "$(db_state "$db")" = "$before" ] || fail "an import that drops rates changed the database"
# A status of a count measure sets rates beside rates, never England's
# count (25,000) beside ours.
expect_status 0 "$VITALS" --db "$db" measures status --period 2024 --json
[ "$(jq '.measures[] | select(.measure == "cpn") | .england | . == null or . < 100' out)" = true ] ||
	fail "a count measure was compared with England's count"
finish
