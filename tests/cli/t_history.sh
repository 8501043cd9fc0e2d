# History is not a return: past figures load approved, never late or
# missing, marked so in the change log; a history import never takes
# over a period an agency has returned, and corrects only history.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db history.db)
expect_status 0 "$VITALS" --db "$db" init
cat >def.json <<'JSON'
{"vitals": 1,
 "partnership": {"code": "p", "name": "Northtown partnership", "fy_start_month": 4},
 "agencies": [{"code": "la", "name": "LA", "sector": "local-authority", "kind": "statutory-partner"}],
 "plans": [{"code": "pl", "title": "Plan", "kind": "single-agency", "agency": "la"}],
 "measures": [
  {"code": "cla", "title": "Children looked after per 10,000", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "rate10k", "frequency": "annual",
   "numerator": "children looked after at 31 March", "denominator": "children aged 0-17"},
  {"code": "cpp", "title": "Children on a plan per 10,000", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "rate10k", "frequency": "annual"}]}
JSON
expect_status 0 "$VITALS" --db "$db" load def.json

# Thirteen years as published, the DfE's whole-number rates with their
# numerators and denominators (993 of 258,519 is 38.4, published as 38).
{
	echo "agency,measure,period,value,numerator,denominator"
	for y in 2012 2013 2014 2015 2016 2017 2018 2019; do echo "la,cla,$y,40,1030,258000"; done
	echo "la,cla,2020,38,993,258519"
	for y in 2021 2022 2023 2024; do echo "la,cla,$y,36,940,260000"; done
} >history.csv
expect_status 0 "$VITALS" --db "$db" returns import --history history.csv
expect_contains out "13 added"
for y in 2012 2020 2024; do
	expect_status 0 "$VITALS" --db "$db" returns status --period "$y" --json
	[ "$(jq -c '.agencies[0] | [.status, .late, .missing]' out)" = '["history",false,[]]' ] ||
		fail "the year $y loaded as history reads $(jq -c '.agencies[0]' out)"
done
expect_status 0 "$VITALS" --db "$db" export all.json
[ "$(jq '[.values[] | select(.measure == "cla" and .status != "approved")] | length' all.json)" = 0 ] ||
	fail "a figure of history is not approved"
[ "$(jq '[.returns[] | select(.history != true)] | length' all.json)" = 0 ] ||
	fail "a return of history is not marked so"
expect_status 0 "$VITALS" --db "$db" log list --json
[ "$(jq '[.[] | select(.entity == "import")][-1].after.history' out)" = true ] ||
	fail "the change log does not say the import was history: $(jq -c '[.[] | select(.entity == "import")][-1]' out)"

# The pack of a past quarter has no late return for history.
expect_status 0 "$VITALS" --db "$db" report --period 2021Q1 --format md
expect_contains out "0 late"

# Corrections: a history import corrects history (a new version; the
# earlier kept); an ordinary import does not touch it.
printf 'agency,measure,period,value,numerator,denominator\nla,cla,2024,35,910,260000\n' >fix.csv
before=$(db_state "$db")
expect_status 1 "$VITALS" --db "$db" returns import fix.csv
expect_contains err "the figures of agency 'la' for 2024 were loaded as history; a history import corrects them"
[ "$(db_state "$db")" = "$before" ] || fail "a refused import changed the database"
expect_status 0 "$VITALS" --db "$db" returns import --history fix.csv
expect_contains out "1 changed"

# A period the agency has returned is never taken over as history.
printf 'agency,measure,period,value\nla,cpp,2025,30\n' >return.csv
expect_status 0 "$VITALS" --db "$db" returns import return.csv
before=$(db_state "$db")
expect_status 1 "$VITALS" --db "$db" returns import --history return.csv
expect_contains err "agency 'la' has made its return for 2025 (submitted): history is for periods never returned"
[ "$(db_state "$db")" = "$before" ] || fail "a refused history import changed the database"

# The rounding allowed is the publication's: 39 is not 38.4 rounded.
printf 'agency,measure,period,value,numerator,denominator\nla,cla,2019,39,993,258519\n' >bad.csv
expect_status 1 "$VITALS" --db "$db" returns import --history bad.csv
expect_contains err "value 39 does not match numerator / denominator: 993 / 258519 gives 38.4, which rounds to 38"
# A load finds each record's stored form among many, in any order: every
# slot gets its next version, after any the same file gave it,
# the same content nothing, and a replaced comparator stays one record.
ldb=$(new_db many.db)
expect_status 0 "$VITALS" --db "$ldb" init
jq '.partnership.code = "q" | del(.values)' def.json >many-def.json
expect_status 0 "$VITALS" --db "$ldb" load many-def.json
many() {	# many DELTA: cla and cpp for 1901-2020, value year % 50 + DELTA
	jq -n --argjson d "$1" '{vitals: 1, values: [range(1901; 2021) as $y
		| ("cla", "cpp") as $m
		| {measure: $m, period: "\($y)", value: ($y % 50 + $d)}]}'
}
many 0 | jq '.values |= map(.version = 1)
	| .values += (.values[0:10] | map(.version = 2 | .value += 100))' >many1.json
many 1 | jq '.values |= reverse' >many2.json
expect_status 0 "$VITALS" --db "$ldb" load many1.json
expect_contains out "values: 250 added, 0 changed, 0 unchanged"
expect_status 0 "$VITALS" --db "$ldb" load many2.json
expect_status 0 "$VITALS" --db "$ldb" export many.json
# Each slot: versions 1 and 2 from the first file where it came twice,
# then the second file's as the next; its latest is the second file's.
jq -e '[.values | group_by([.measure, .period])[]
	| (map(.version) | sort) as $v
	| (max_by(.version).value) as $last
	| ($v == [range(1; ($v | length) + 1)]) and
	  ($last == ((.[0].period | tonumber) % 50 + 1))] | all and length == 240' \
	many.json >/dev/null || fail "a load numbered the versions of its slots wrongly"
[ "$(jq '[.values[] | select(.version == 3)] | length' many.json)" = 10 ] ||
	fail "a slot given two versions in one file did not get a third"
expect_status 0 "$VITALS" --db "$ldb" load many2.json
expect_contains out "values: 0 added, 0 changed, 240 unchanged"
jq '.values[7].version = 1' many2.json >clash.json
before=$(db_state "$ldb")
expect_status 1 "$VITALS" --db "$ldb" load clash.json
expect_contains err "differs from the stored version"
[ "$(db_state "$ldb")" = "$before" ] || fail "a refused load changed the database"
jq '{vitals: 1, comparators: [.values[] | select(.measure == "cla" and .version == 1)
	| {measure, period, area: "E92000001", level: "national", name: "England",
	   value}]}' many1.json >cmp1.json
jq '.comparators |= (reverse | map(.value += 1))' cmp1.json >cmp2.json
expect_status 0 "$VITALS" --db "$ldb" load cmp1.json
expect_status 0 "$VITALS" --db "$ldb" load cmp2.json
expect_contains out "comparators: 0 added, 120 changed, 0 unchanged"
finish
