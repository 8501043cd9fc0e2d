# An import reads what is stored of all its measures in one ordered scan
# beside its sorted rows: measures with history and without, a measure
# stored but not in the file, breakdowns, several versions of a figure,
# more stored versions than one page of the scan, and rows in any order
# all meet the right stored version; a figure given twice is refused
# with both lines named, and changes nothing.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db merge.db)
expect_status 0 "$VITALS" --db "$db" init
measure() {	# code agency [breakdowns]
	printf '{"code": "%s", "title": "Measure %s", "plan": "pl", "agency": "%s", "direction": "none", "unit": "count", "frequency": "quarterly"%s}' \
		"$1" "$1" "$2" "${3:+, \"breakdowns\": $3}"
}
{
	echo '{"vitals": 1,'
	echo ' "partnership": {"code": "p", "name": "P", "fy_start_month": 4},'
	echo ' "agencies": [{"code": "la", "name": "LA", "sector": "local-authority", "kind": "statutory-partner"},'
	echo '  {"code": "pol", "name": "Police", "sector": "police", "kind": "statutory-partner"}],'
	echo ' "plans": [{"code": "pl", "title": "Plan", "kind": "strategic"}],'
	echo ' "measures": ['
	for m in a1 b2 bb d4; do measure "$m" la; echo ,; done
	measure c3 pol '[{"code": "u5", "title": "Under five"}, {"code": "o5", "title": "Five and over"}]'
	for i in 01 02 03 04 05 06 07 08 09 10 11 12; do echo ,; measure "h$i" pol; done
	echo ']}'
} >def.json
expect_status 0 "$VITALS" --db "$db" load def.json

# Twelve measures of a hundred quarters each: more stored versions than the
# scan reads at a time.
quarters() { for y in $(seq 1990 2014); do for q in 1 2 3 4; do echo "${y}Q$q"; done; done; }
history() {	# the hundred rows of measure h$1: its number, a hundred, plus 0 to 6
	k=0
	for p in $(quarters); do echo "pol,h$1,$p,,$((10#$1 * 100 + k % 7))"; k=$((k + 1)); done
}
{
	echo "agency,measure,period,breakdown,value"
	for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
		history "$i"
	done
	echo "la,a1,2024Q1,,10"
	echo "la,a1,2024Q2,,11"
	echo "la,a1,2024Q3,,12"
	echo "la,bb,2024Q1,,5"
	echo "la,bb,2024Q2,,6"
	echo "pol,c3,2024Q1,u5,3"
	echo "pol,c3,2024Q1,o5,4"
	echo "pol,c3,2024Q1,,7"
	echo "la,d4,2024Q2,,20"
} >seed.csv
expect_status 0 "$VITALS" --db "$db" returns import seed.csv
seeded=$(($(wc -l <seed.csv) - 1))
expect_contains out "$seeded added, 0 changed, 0 unchanged"
printf 'agency,measure,period,value\nla,d4,2024Q2,21\n' >d4.csv
expect_status 0 "$VITALS" --db "$db" returns import d4.csv
expect_contains out "0 added, 1 changed, 0 unchanged"

# The file's rows out of the key's order, interleaving measures with
# history (a1, c3, d4, h*), without (b2), and one it leaves out (bb).
{
	echo "agency,measure,period,breakdown,value"
	echo "pol,c3,2024Q2,u5,1"
	echo "la,a1,2024Q4,,13"
	echo "la,d4,2024Q2,,21"
	echo "la,b2,2024Q2,,2"
	echo "pol,c3,2024Q1,o5,9"
	echo "la,a1,2024Q2,,15"
	echo "pol,h07,2003Q2,,1"
	echo "la,d4,2024Q1,,30"
	echo "pol,c3,2024Q1,,7"
	echo "la,b2,2024Q1,,1"
	echo "pol,c3,2024Q1,u5,3"
	echo "la,a1,2024Q1,,10"
	for i in 12 03 09; do
		history "$i"
	done
} >mixed.csv
expect_status 0 "$VITALS" --db "$db" returns import mixed.csv
# new: a1 2024Q4, b2 twice, c3 u5 2024Q2, d4 2024Q1; changed: a1 2024Q2,
# c3 o5 2024Q1, h07 2003Q2; unchanged: the rest (d4's latest is 21).
expect_contains out "rows: 312 (0 empty rows skipped); 5 added, 3 changed, 304 unchanged"
expect_contains out "la 2024Q1: 2 added, 0 changed, 1 unchanged"
expect_contains out "la 2024Q2: 1 added, 1 changed, 1 unchanged"
expect_contains out "la 2024Q4: 1 added, 0 changed, 0 unchanged"
expect_contains out "pol 2024Q1: 0 added, 1 changed, 2 unchanged"
expect_contains out "pol 2024Q2: 1 added, 0 changed, 0 unchanged"
expect_contains out "pol 2003Q2: 0 added, 1 changed, 3 unchanged"

# The stored versions: each change one version more, nothing else touched.
expect_status 0 "$VITALS" --db "$db" export all.json
versions() {	# measure period breakdown
	jq -c --arg m "$1" --arg p "$2" --arg b "$3" \
		'[.values[] | select(.measure == $m and .period == $p and (.breakdown // "") == $b) | [.version, .value]]' all.json
}
same() { [ "$2" = "$3" ] || fail "$1: $2, expected $3"; }
same "a1 2024Q1" "$(versions a1 2024Q1 '')" '[[1,10]]'
same "a1 2024Q2" "$(versions a1 2024Q2 '')" '[[1,11],[2,15]]'
same "a1 2024Q4" "$(versions a1 2024Q4 '')" '[[1,13]]'
same "b2 2024Q1" "$(versions b2 2024Q1 '')" '[[1,1]]'
same "bb 2024Q2" "$(versions bb 2024Q2 '')" '[[1,6]]'
same "c3 u5 2024Q1" "$(versions c3 2024Q1 u5)" '[[1,3]]'
same "c3 o5 2024Q1" "$(versions c3 2024Q1 o5)" '[[1,4],[2,9]]'
same "c3 2024Q1" "$(versions c3 2024Q1 '')" '[[1,7]]'
same "c3 u5 2024Q2" "$(versions c3 2024Q2 u5)" '[[1,1]]'
same "d4 2024Q2" "$(versions d4 2024Q2 '')" '[[1,20],[2,21]]'
same "d4 2024Q1" "$(versions d4 2024Q1 '')" '[[1,30]]'
same "h07 2003Q2" "$(versions h07 2003Q2 '')" "[[1,$(history 07 | grep -m1 2003Q2 | cut -d, -f5)],[2,1]]"
same "h12 2014Q4" "$(versions h12 2014Q4 '')" "[[1,$(history 12 | grep -m1 2014Q4 | cut -d, -f5)]]"
same "values stored" "$(jq '.values | length' all.json)" "$((seeded + 1 + 5 + 3))"

# The same file again meets the versions it wrote: all unchanged.
expect_status 0 "$VITALS" --db "$db" returns import mixed.csv
expect_contains out "0 added, 0 changed, 312 unchanged"

# A figure given twice is refused, each line named, and nothing changes.
printf 'agency,measure,period,breakdown,value\npol,c3,2024Q1,u5,3\nla,a1,2024Q1,,10\npol,c3,2024Q1,u5,4\nla,b2,2024Q3,,8\n' >twice.csv
before=$(db_state "$db")
expect_status 1 "$VITALS" --db "$db" returns import twice.csv
expect_contains err "twice.csv:4: error: measure 'c3' breakdown 'u5' for 2024Q1 is given twice (also at twice.csv:2)"
[ "$(db_state "$db")" = "$before" ] || fail "a refused import changed the database"
finish
