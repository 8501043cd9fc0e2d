# Multi-agency measures: three contributing agencies each return their own
# part through the front door (the return template of their agency, CSV or
# XLSX, imported); while a part is missing the partnership figure is
# incomplete and names the agency still to return; once all three are in,
# it is the sum of the parts (or, for a percentage, the parts' numerators
# over their denominators), and the assessment reads that figure.  Refusals
# name their place and change nothing; export, load, export is identical.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2027-01-20T10:00:00Z
cat >def.json <<'EOF'
{
  "vitals": 1,
  "partnership": {
    "code": "gsp",
    "name": "Golden Shire Safeguarding Children Partnership",
    "area": "Golden Shire",
    "fy_start_month": 4
  },
  "agencies": [
    {"code": "la-csc", "name": "Golden Shire Children's Services",
     "sector": "local-authority", "kind": "statutory-partner"},
    {"code": "police", "name": "Golden Shire Police",
     "sector": "police", "kind": "statutory-partner"},
    {"code": "health", "name": "Golden Shire Integrated Care Board",
     "sector": "health", "kind": "statutory-partner"},
    {"code": "schools", "name": "Golden Shire Schools",
     "sector": "education", "kind": "relevant-agency"}
  ],
  "plans": [
    {"code": "neglect", "title": "Neglect Strategy", "kind": "strategic",
     "theme": "Neglect"}
  ],
  "measures": [
    {"code": "gcp2-take-up",
     "title": "GCP2 neglect training take-up by key agencies",
     "plan": "neglect", "agency": "la-csc", "direction": "increase",
     "unit": "percent", "frequency": "quarterly",
     "numerator": "Places attended", "denominator": "Places offered",
     "target": 80, "contributors": ["police", "health", "schools"]},
    {"code": "gcp2-done",
     "title": "GCP2 assessments completed by key agencies",
     "plan": "neglect", "agency": "la-csc", "direction": "increase",
     "unit": "count", "frequency": "quarterly",
     "contributors": ["police", "health", "schools"]},
    {"code": "la-m1", "title": "Children on a plan for neglect",
     "plan": "neglect", "agency": "la-csc", "direction": "reduce",
     "unit": "count", "frequency": "quarterly"}
  ]
}
EOF
db=$(new_db multi.db)
expect_status 0 "$VITALS" --db "$db" init
expect_status 0 "$VITALS" --db "$db" load def.json

# --- the definition round trip ------------------------------------------------
roundtrip() {
	local again
	again=$(new_db "again-$1.db")
	expect_status 0 "$VITALS" --db "$db" export "$1-1.json"
	expect_status 0 "$VITALS" --db "$again" init
	expect_status 0 "$VITALS" --db "$again" load "$1-1.json"
	expect_status 0 "$VITALS" --db "$again" export "$1-2.json"
	cmp -s "$1-1.json" "$1-2.json" || fail "export, load, export differs ($1)"
}
roundtrip def
[ "$(jq -c '[.measures[] | select(.contributors) | [.code, .contributors]]' def-1.json)" = \
  '[["gcp2-take-up",["police","health","schools"]],["gcp2-done",["police","health","schools"]]]' ] ||
	fail "contributors are not exported: $(jq -c .measures def-1.json)"

# --- each contributor's form holds its own part alone ---------------------------
for agency in police health schools la-csc; do
	expect_status 0 "$VITALS" --db "$db" returns template --agency "$agency" \
		--period 2026Q4 -o "form-$agency.csv"
done
[ "$(tail -n +2 form-police.csv | cut -d, -f1-4 | tr '\n' ' ')" = \
  "police,gcp2-take-up,2026Q4,police police,gcp2-done,2026Q4,police " ] ||
	fail "police's form: $(cat form-police.csv)"
expect_not_contains form-la-csc.csv "gcp2-"
expect_contains form-la-csc.csv "la-csc,la-m1,2026Q4"

# The figures each agency returns: places attended, places offered, and
# assessments completed.
declare -A attended=([police]=30 [health]=45 [schools]=52)
declare -A offered=([police]=40 [health]=50 [schools]=80)
declare -A done=([police]=12 [health]=20 [schools]=7)
percent() { awk -v n="$1" -v d="$2" 'BEGIN { printf "%.1f", 100 * n / d }'; }
# fill AGENCY: the agency's CSV form with its figures.
fill() {
	local a=$1
	awk -F, -v OFS=, -v at="${attended[$a]}" -v of="${offered[$a]}" \
		-v pc="$(percent "${attended[$a]}" "${offered[$a]}")" -v dn="${done[$a]}" '
		NR == 1 { print; next }
		$2 == "gcp2-take-up" { $5 = pc; $6 = at; $7 = of }
		$2 == "gcp2-done" { $5 = dn }
		{ print }' "form-$a.csv" >"filled-$a.csv"
}
fill police
fill health
expect_status 0 "$VITALS" --db "$db" returns import filled-police.csv
expect_contains out "police 2026Q4: 2 added"
expect_status 0 "$VITALS" --db "$db" returns import filled-health.csv
expect_contains out "health 2026Q4: 2 added"

# --- two of three: incomplete, schools named as missing -------------------------
show() {
	expect_status 0 "$VITALS" --db "$db" measures show "$1" --period 2026Q4 --json
}
show gcp2-done
[ "$(jq -c '.partnership | [.complete, .provisional, .parts, .missing]' out)" = \
  '[false,true,2,["schools"]]' ] || fail "two parts in: $(cat out)"
[ "$(jq '.partnership.value' out)" = $((done[police] + done[health])) ] ||
	fail "the provisional sum: $(jq .partnership out)"
expect_status 0 "$VITALS" --db "$db" measures show gcp2-done --period 2026Q4
expect_contains out "INCOMPLETE, missing schools"
expect_status 0 "$VITALS" --db "$db" returns status --period 2026Q4 --json
[ "$(jq -c '.agencies[] | select(.agency == "schools") | [.status, .expected, .received, .missing]' out)" = \
  '["missing",2,0,["gcp2-take-up/schools","gcp2-done/schools"]]' ] ||
	fail "schools owes its parts: $(cat out)"
[ "$(jq -c '.agencies[] | select(.agency == "police") | [.status, .expected, .received]' out)" = \
  '["submitted",2,2]' ] || fail "police has returned its parts: $(cat out)"
expect_status 0 "$VITALS" --db "$db" measures status --period 2026Q4 --json
[ "$(jq -c '.measures[] | select(.measure == "gcp2-done") | [.value, .partnership.complete, .partnership.missing]' out)" = \
  '[null,false,["schools"]]' ] ||
	fail "an incomplete figure is not assessed: $(cat out)"
expect_status 0 "$VITALS" --db "$db" measures status --period 2026Q4
expect_contains out "INCOMPLETE: 2 of 3 parts in, missing schools"
expect_status 0 "$VITALS" --db "$db" report --period 2026Q4 --format md -o pack.md
expect_contains pack.md "No figure for 2026-27 Q3: the partnership figure is incomplete, missing schools."

# --- refusals: each names its place and changes nothing -------------------------
before=$(db_state "$db")
refuse_import() {
	local want=$1
	printf 'agency,measure,period,breakdown,value,numerator,denominator,note\n%s\n' "$2" >bad.csv
	expect_status 1 "$VITALS" --db "$db" returns import bad.csv
	expect_contains err "$want"
	expect_contains err "nothing was changed"
	[ "$(db_state "$db")" = "$before" ] || fail "importing '$2' changed the database"
}
refuse_import "bad.csv:2:26: error: breakdown 'police' is not agency 'schools''s part of measure 'gcp2-done'" \
	"schools,gcp2-done,2026Q4,police,3,,,"
refuse_import "bad.csv:2:26: error: measure 'gcp2-done' is the sum of its contributors' parts" \
	"schools,gcp2-done,2026Q4,,3,,,"
refuse_import "bad.csv:2:8: error: agency 'la-csc' is not a contributor of measure 'gcp2-done'" \
	"la-csc,gcp2-done,2026Q4,la-csc,3,,,"
refuse_import "a part of measure 'gcp2-take-up' needs its numerator and denominator" \
	"schools,gcp2-take-up,2026Q4,schools,50,,,"
refuse_load() {
	local want=$1
	expect_status 1 "$VITALS" --db "$db" load "$2"
	expect_contains err "$want"
	expect_contains err "nothing was changed"
	[ "$(db_state "$db")" = "$before" ] || fail "loading $2 changed the database"
}
jq '.measures[1].contributors += ["nobody"]' def.json >unknown.json
refuse_load "measure 'gcp2-done': contributors[3]: agency 'nobody' does not exist" unknown.json
jq '.measures[1].contributors += ["police"]' def.json >twice.json
refuse_load "measure 'gcp2-done': contributors[3]: agency 'police' is given twice" twice.json

# --- the third returns, through its XLSX form -----------------------------------
expect_status 0 "$VITALS" --db "$db" returns template --agency schools \
	--period 2026Q4 -o form-schools.xlsx
mkdir xlsx && (cd xlsx && unzip -q ../form-schools.xlsx)
# The form's rows: 6 the percentage (value I, numerator J, denominator K),
# 7 the count, in the definition's order.
grep -q '<t>gcp2-take-up</t>.*<t>schools</t>.*<t>gcp2-done</t>' xlsx/xl/sharedStrings.xml ||
	fail "the schools form lacks its parts"
sed -i -e "s|<c r=\"I6\" s=\"\([0-9]*\)\"/>|<c r=\"I6\" s=\"\1\"><v>$(percent "${attended[schools]}" "${offered[schools]}")</v></c>|" \
	-e "s|<c r=\"J6\" s=\"\([0-9]*\)\"/>|<c r=\"J6\" s=\"\1\"><v>${attended[schools]}</v></c>|" \
	-e "s|<c r=\"K6\" s=\"\([0-9]*\)\"/>|<c r=\"K6\" s=\"\1\"><v>${offered[schools]}</v></c>|" \
	-e "s|<c r=\"I7\" s=\"\([0-9]*\)\"/>|<c r=\"I7\" s=\"\1\"><v>${done[schools]}</v></c>|" \
	xlsx/xl/worksheets/sheet1.xml
(cd xlsx && zip -q -r -X ../filled-schools.xlsx '[Content_Types].xml' _rels docProps xl)
expect_status 0 "$VITALS" --db "$db" returns import filled-schools.xlsx
expect_contains out "schools 2026Q4: 2 added"

# --- all three in: the partnership figure is computed from the parts ------------
sum_done=$((done[police] + done[health] + done[schools]))
sum_attended=$((attended[police] + attended[health] + attended[schools]))
sum_offered=$((offered[police] + offered[health] + offered[schools]))
show gcp2-done
[ "$(jq -c '.partnership | [.complete, .parts, .missing, .value]' out)" = \
  "[true,3,[],$sum_done]" ] || fail "three parts in: $(cat out)"
show gcp2-take-up
[ "$(jq -c '.partnership | [.complete, .numerator, .denominator]' out)" = \
  "[true,$sum_attended,$sum_offered]" ] || fail "the summed ratio: $(cat out)"
[ "$(jq '.partnership.value * 1000 | round' out)" = \
  "$(awk -v n="$sum_attended" -v d="$sum_offered" 'BEGIN { printf "%.0f", 100000 * n / d }')" ] ||
	fail "the percentage is not the numerators over the denominators: $(cat out)"
expect_status 0 "$VITALS" --db "$db" returns status --period 2026Q4 --json
[ "$(jq -c '[.agencies[] | select(.agency != "la-csc") | .status] | unique' out)" = '["submitted"]' ] ||
	fail "every contributor has returned: $(cat out)"

# The assessment reads the summed figure: the status, and the XmR chart.
expect_status 0 "$VITALS" --db "$db" measures status --period 2026Q4 --json
[ "$(jq -c '.measures[] | select(.measure == "gcp2-done") | [.value, .partnership.complete]' out)" = \
  "[$sum_done,true]" ] || fail "the status of the summed figure: $(cat out)"
expect_status 0 "$VITALS" --db "$db" report --period 2026Q4 --format md -o pack.md
expect_not_contains pack.md "partnership figure is incomplete"
expect_contains pack.md "GCP2 assessments completed by key agencies"
expect_contains pack.md "| 2026-27 Q3 | $sum_done | common |"
expect_status 0 "$VITALS" --db "$db" spc gcp2-done --json
[ "$(jq -c '[.points[] | [.period, .value]]' out)" = "[[\"2026Q4\",$sum_done]]" ] ||
	fail "the chart of the summed figure: $(cat out)"

# --- and the whole register through export and load -----------------------------
roundtrip all
[ "$(jq '[.values[] | select(.measure == "gcp2-done")] | length' all-1.json)" = 3 ] ||
	fail "the three parts, and no typed whole, are exported: $(jq -c .values all-1.json)"

# --- the police lead's return page holds its parts ------------------------------
echo "a long enough passphrase" >pw
expect_status 0 "$VITALS" --db "$db" user add lead@example.test --name "Police lead" \
	--role agency-lead --agency police <pw
serve_start web
token=$(curl -s -c jar -b jar "$url/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
[ "$(curl -s -o /dev/null -w '%{http_code}' -c jar -b jar --data-urlencode "email=lead@example.test" \
	--data-urlencode "password=a long enough passphrase" --data-urlencode "csrf=$token" "$url/login")" = 303 ] ||
	fail "the police lead cannot sign in"
curl -s -b jar -o form.html "$url/returns/police/2026Q4"
expect_contains form.html "gcp2-take-up / police, percent"
expect_contains form.html "gcp2-done / police, count"
expect_contains form.html "value=\"${done[police]}\""
expect_not_contains form.html "la-m1"
serve_stop "$server_pid"

finish
