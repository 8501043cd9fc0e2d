# vitals spc: an XmR chart from stored figures, on a small partnership whose
# limits are worked out by hand (tests/unit/test_spc.c has every rule).
. "$(dirname "$0")/lib.sh"

db=$(new_db spc.db)
expect_status 0 "$VITALS" --db "$db" init

# Twelve quarters around 11.5 (limits 7.872727 .. 15.127273 from them),
# then 16; 2025Q4's first figure of 99 was corrected to 11; a draft of
# 2026Q1 is the agency's own until submitted; 2026Q2 is suppressed.
values=""
q=0
for v in 10 12 11 13 12 11 10 12 11 13 12 99; do
	values="$values{\"measure\": \"m\", \"period\": \"$((2023 + q / 4))Q$((q % 4 + 1))\", \"version\": 1, \"value\": $v},"
	q=$((q + 1))
done
cat >def.json <<JSON
{"vitals": 1,
 "partnership": {"code": "p", "name": "P", "fy_start_month": 4},
 "agencies": [{"code": "la", "name": "LA", "sector": "local-authority", "kind": "statutory-partner"}],
 "plans": [{"code": "pl", "title": "Plan", "kind": "single-agency", "agency": "la"}],
 "measures": [{"code": "m", "title": "Children on a plan for neglect", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "count", "frequency": "quarterly", "target": 16,
   "breakdowns": [{"code": "u5", "title": "Under five"}]},
  {"code": "up", "title": "Early help take-up", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "count", "frequency": "quarterly",
   "rise_from": "2026Q1", "rise_to": "2026Q1"}],
 "values": [$values
  {"measure": "m", "period": "2025Q4", "version": 2, "value": 11},
  {"measure": "m", "period": "2026Q1", "version": 1, "value": 16},
  {"measure": "m", "period": "2026Q1", "version": 2, "value": 5, "status": "draft"},
  {"measure": "m", "period": "2026Q2", "suppressed": "c"},
  {"measure": "m", "period": "2026Q1", "breakdown": "u5", "value": 4},
  {"measure": "m", "period": "2026Q2", "breakdown": "u5", "value": 5},
  {"measure": "m", "period": "2026Q3", "breakdown": "u5", "value": 4}]}
JSON
sed 's/"m", "period"/"up", "period"/g; s/"measure": "m",/"measure": "up",/g' def.json |
	jq '{vitals: 1, values: [.values[] | select(.breakdown == null and .status == null)]}' >up.json
expect_status 0 "$VITALS" --db "$db" load def.json
expect_status 0 "$VITALS" --db "$db" load up.json

check() {	# check JQ-EXPRESSION: true of the chart in 'out'
	[ "$(jq "$1" out)" = true ] || fail "chart: $1 (got: $(jq -c "${1%%[=<>]*}" out 2>&1))"
}

expect_status 0 "$VITALS" --db "$db" spc m --baseline 12 --json
check '.measure == "m" and .breakdown == null and .direction == "reduce"'
check '.points | length == 13'
check '.mean == 11.5'
check '(.ucl * 1e6 | round) == 15127273'
check '(.lcl * 1e6 | round) == 7872727'
check '.points[11].value == 11'
check '.points[12] == {"period": "2026Q1", "value": 16, "special": true, "type": "concern", "rules": ["outside"]}'
check '[.points[:12][] | .special] | all | not'
check '.variation == "concern"'
check '.assurance == "pass" and .target == 16'
check '.warning == null'
check '.segments[0].baseline_points == 12 and .segments[0].screened == 0'

# All thirteen points make the limits by default.
expect_status 0 "$VITALS" --db "$db" spc m --json
check '.segments[0].baseline_points == 13'
check '(.mean * 1e6 | round) == 11846154'

# Re-baselined at 2026Q1: a segment of one point has a mean, no limits.
expect_status 0 "$VITALS" --db "$db" spc m --rebaseline 2026Q1 --json
check '.segments | length == 2'
check '.segments[0].to == "2025Q4" and .segments[1].from == "2026Q1"'
check '.mean == 16 and .ucl == null'
check '.assurance == "none" and .variation == "common"'

# The same rise inside the measure's expected-rise window.
expect_status 0 "$VITALS" --db "$db" spc up --baseline 12 --json
check '.points[12].type == "expected" and .variation == "expected"'

# A breakdown is its own series; three points are provisional.
expect_status 0 "$VITALS" --db "$db" spc m --breakdown u5 --json
check '.breakdown == "u5" and (.points | length) == 3'
check '.warning | startswith("only 3 points")'

expect_status 0 "$VITALS" --db "$db" spc m --baseline 12
expect_contains out "m: Children on a plan for neglect (reduce)"
expect_contains out "mean 11.5, process limits 7.873 to 15.13; 13 points"
expect_contains out "latest: special cause of concern"
expect_contains out "target 16: assurance pass"
expect_contains out "2026Q1           16  concern (outside)"

expect_status 1 "$VITALS" --db "$db" spc nope
expect_contains err "there is no measure 'nope'"
expect_status 1 "$VITALS" --db "$db" spc m --breakdown o65
expect_contains err "measure 'm' has no breakdown 'o65'"
expect_status 1 "$VITALS" --db "$db" spc m --rebaseline 2026Q2
expect_contains err "cannot re-baseline at '2026Q2'"
expect_status 2 "$VITALS" --db "$db" spc m --baseline 1
expect_status 2 "$VITALS" --db "$db" spc
finish
