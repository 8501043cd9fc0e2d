# Derived measures in the definition: a measure's "derive" loads, is kept
# as the file gave it and comes back the same (export -> load -> export
# unchanged, on a fresh database too); a changed derive replaces the
# stored one; a refused derive changes nothing.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2027-01-20T10:00:00Z
db=$(new_db derive.db)
expect_status 0 "$VITALS" --db "$db" demo
expect_status 0 "$VITALS" --db "$db" export demo.json

plan=$(jq -r '.plans[0].code' demo.json)
agency=$(jq -r '.agencies[0].code' demo.json)
cat >derive.json <<JSON
{
  "vitals": 1,
  "measures": [
    {
      "code": "d-cin-n1",
      "title": "CIN plans for neglect open over six months",
      "plan": "$plan",
      "agency": "$agency",
      "direction": "reduce",
      "unit": "percent",
      "frequency": "quarterly",
      "breakdowns": [
        {"code": "under-11", "title": "Under 11"},
        {"code": "11-and-over", "title": "11 and over"}
      ],
      "derive": {
        "records": "cin-plan",
        "filters": [
          {"category": ["N1"]},
          {"open_at": "period_end"},
          {"duration_over": {"months": 6}}
        ],
        "aggregate": {"percent_of": {"records": "cin-plan", "filters": [{"category": ["N1"]}, {"open_at": "period_end"}]}},
        "breakdowns": ["age_band"]
      }
    },
    {
      "code": "d-cp-repeat",
      "title": "Second or subsequent CP plans",
      "plan": "$plan",
      "agency": "$agency",
      "direction": "reduce",
      "unit": "count",
      "frequency": "quarterly",
      "derive": {
        "records": "cp-plan",
        "filters": [{"started_in": "period"}, {"sequence": "subsequent"}, {"age_at": "period_end", "under": 11}],
        "aggregate": "count"
      }
    }
  ]
}
JSON
expect_status 0 "$VITALS" --db "$db" load derive.json
expect_status 0 "$VITALS" --db "$db" export one.json
# The derive comes back as the file gave it, member for member.
for code in d-cin-n1 d-cp-repeat; do
	got=$(jq -cS --arg c "$code" '.measures[] | select(.code == $c) | .derive' one.json)
	want=$(jq -cS --arg c "$code" '.measures[] | select(.code == $c) | .derive' derive.json)
	[ -n "$want" ] && [ "$got" = "$want" ] || fail "$code: derive $got, want $want"
done
# A measure without one has none: the demo's own derived measures and
# these two only.
derived=$(jq '[.measures[] | select(.derive)] | length' demo.json)
[ "$(jq '[.measures[] | select(.derive)] | length' one.json)" = $((derived + 2)) ] ||
	fail "derive on $(jq '[.measures[] | select(.derive)] | length' one.json) measures, want $((derived + 2))"

# export -> load -> export is unchanged, here and on a fresh database.
expect_round_trip "$db"

# A changed derive replaces the stored one.
jq '(.measures[] | select(.code == "d-cp-repeat") | .derive.filters) |= .[0:2]' derive.json >changed.json
expect_status 0 "$VITALS" --db "$db" load changed.json
expect_status 0 "$VITALS" --db "$db" export four.json
[ "$(jq -c '.measures[] | select(.code == "d-cp-repeat") | .derive.filters' four.json)" = \
  '[{"started_in":"period"},{"sequence":"subsequent"}]' ] ||
	fail "changed derive: $(jq -c '.measures[] | select(.code == "d-cp-repeat") | .derive' four.json)"

# A refused derive names its measure and place, and changes nothing.
jq '(.measures[] | select(.code == "d-cin-n1") | .derive.filters[0].category) = ["NEG"]' derive.json >bad.json
expect_status 1 "$VITALS" --db "$db" load bad.json
expect_contains err "measure 'd-cin-n1': derive.filters[0].category[0]: 'NEG' is not a category of cin-plan records"
expect_status 0 "$VITALS" --db "$db" export five.json
cmp -s four.json five.json || fail "a refused load changed the database"

finish
