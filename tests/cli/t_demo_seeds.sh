# The demo partnership says what its five seed documents say: the
# improvement plan's tracker as its report gives it, the reporting lines,
# the plans' dates, the seeds' own figures as dated history, the early-help
# pair, the accommodation split, and an illustrative mark on every action
# title, owner and update note made up for the demo (data/demo/seed-facts.md
# lists the facts, with those still to come).
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "FAIL: jq is missing: run scripts/deps" >&2; exit 1; }

export VITALS_NOW=2026-11-23T10:00:00Z
# The PPIP report (seed 004) is of this date; every update after it is the
# demo's.
report_date=2017-09-27
db=$(new_db seeds.db)
expect_status 0 "$VITALS" --db "$db" demo --passwords
demo_users
expect_status 0 "$VITALS" --db "$db" export demo.json
def() { jq -r "$@" demo.json; }
# same WHAT GOT WANT: one fact.
same() { [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"; }

# --- The PPIP Action Tracker (seed 004): 71 actions, 29 green, 32 amber,
# 10 red, and the red ones are those the report names.
expect_status 0 "$VITALS" --db "$db" actions summary --plan ppip --json
same "PPIP actions" "$(jq -c '[.total, .by_rag.green, .by_rag.amber, .by_rag.red, .by_rag.blue]' out)" \
	"[71,29,32,10,0]"
cat >red.want <<'EOF'
Capacity to deal with historic complex abuse cases
Compliance with Home Office Counting Rules
Effective multi-agency intelligence gathering in relation to CSE (1 of 3)
Effective multi-agency intelligence gathering in relation to CSE (2 of 3)
Effective multi-agency intelligence gathering in relation to CSE (3 of 3)
Induction Package for Public Protection Senior Leaders
Learning and Development for Public Protection
Safeguarding multi-agency information sharing
The use of Body Worn Video
Working with partners concerning return home interviews for missing children
EOF
def '.actions[] | select(.plan == "ppip" and .rag == "red") | .title' | LC_ALL=C sort >red.got
cmp -s red.want red.got || fail "the PPIP red actions: $(diff red.want red.got)"
# Every PPIP rating is the report's position, of its date.
same "PPIP updates not of the report's date" \
	"$(def '[.actions[] | select(.plan == "ppip") | .updates[] | select(.date != "'$report_date'")] | length')" 0

# --- Reporting lines (seed 002): sub-groups via the Business Group to the
# Executive, which reports to the Partnership; the Child Death Overview
# Panel is a standing group of the Partnership; the health and districts
# forums bring issues to the Executive (the health forum "requiring the
# attention of the Executive Group"; the districts' forum is convened by
# their representative on it); the third sector network works through its
# representatives on the Partnership.
cat >lines.want <<'EOF'
business executive
case-review business
cdop partnership
districts-forum executive
education-forum business
emerging-policy business
engagement-comms business
executive partnership
health-forum executive
learning-practice business
neglect business
partnership -
third-sector-network partnership
EOF
def '.groups[] | "\(.code) \(.reports_to // "-")"' | LC_ALL=C sort >lines.got
cmp -s lines.want lines.got || fail "reporting lines: $(diff lines.want lines.got)"

# --- Plans' dates and status as the seeds give them; the two single-agency
# neglect plans are undated in their seeds, so current; the strategic plan
# the partnership commissions each year (seed 002) is the demo's own for
# 2026-27, illustrative and named so.
cat >dates.want <<'EOF'
csc-neglect - - current
neglect-2017-20 2017-01-01 2020-12-31 closed
police-neglect - - current
ppip 2015-06-01 2017-09-27 closed
sscp-2021-22 2021-04-01 2022-03-31 closed
sscp-2026-27 2026-04-01 2027-03-31 current
EOF
def '.plans[] | "\(.code) \(.starts // "-") \(.ends // "-") \(.status // "current")"' | LC_ALL=C sort >dates.got
cmp -s dates.want dates.got || fail "plans' dates: $(diff dates.want dates.got)"

# --- The seeds' own figures, each on its measure as dated history: a
# value that is not illustrative, noted with its seed, in an approved
# history return of the measure's agency for that period.
# seed_figure MEASURE PLAN UNIT PERIOD VALUE SEED
seed_figure() {
	local m=$1 plan=$2 unit=$3 period=$4 value=$5 seed=$6 agency
	same "$m plan and unit" "$(def --arg m "$m" '.measures[] | select(.code == $m) | "\(.plan) \(.unit)"')" \
		"$plan $unit"
	same "$m $period" "$(def --arg m "$m" --arg p "$period" \
		'[.values[] | select(.measure == $m and .period == $p and .breakdown == null)
		  | "\(.value) \(.illustrative // false) \(.note | startswith("Seed '"$seed"': "))"] | join(",")')" \
		"$value false true"
	agency=$(def --arg m "$m" '.measures[] | select(.code == $m) | .agency')
	same "$m: return of $agency for $period" "$(def --arg a "$agency" --arg p "$period" \
		'.returns[] | select(.agency == $a and .period == $p) | "\(.status) \(.history // false)"')" \
		"approved true"
}
seed_figure ns-m10 neglect-2017-20 percent 2017Q3 69 001
seed_figure sscp-m1 sscp-2021-22 rate10k 2019 323.9 002
seed_figure sscp-m2 sscp-2021-22 rate10k 2019 218 002
seed_figure sscp-m3 sscp-2021-22 rate10k 2019 26 002
seed_figure sscp-m4 sscp-2021-22 rate10k 2019 37 002
seed_figure sscp-m5 sscp-2021-22 count 2020 1793 002
seed_figure ppip-m1 ppip percent 2017Q3 80 004
seed_figure ppip-m2 ppip percent 2017Q3 100 004
# No other figure passes for a published one.
same "values neither illustrative nor from a seed" \
	"$(def '[.values[] | select((.illustrative // false) == false and ((.note // "") | startswith("Seed ") | not))] | length')" 0
# The history returns are approved as published: never late or missing.
expect_status 0 "$VITALS" --db "$db" returns status --period 2017Q3 --json
same "returns of 2017Q3" "$(jq -c '[.agencies[] | select(.agency == "scc-csc" or .agency == "police")
	| [.agency, .status, .late, (.missing | length)]]' out)" \
	'[["scc-csc","history",false,0],["police","history",false,0]]'


# --- Every priority of the 2021-22 plan has a measure or an action.
for p in $(def '.priorities[] | select(.plan == "sscp-2021-22") | .code'); do
	n=$(def --arg p "$p" '[(.measures[], .actions[]) | select(.priority == $p)] | length')
	[ "$n" -gt 0 ] || fail "priority $p of sscp-2021-22 has no measure or action"
done

# --- The early-help pair (seed 003): more early help assessments for
# neglect, and a corresponding reduction in referrals for neglect; the key
# actions beside it track both.
same "early help and referrals" "$(def '[.measures[] | select(.code == "csc-m4" or .code == "csc-m7") | "\(.code) \(.plan) \(.direction)"] | join(", ")')" \
	"csc-m4 csc-neglect increase, csc-m7 csc-neglect reduce"
n=$(def '[.actions[] | select(.measures // [] | index("csc-m4"))] | length')
[ "$n" -gt 0 ] || fail "no action beside the early help measure"
same "actions beside early help without the referrals" \
	"$(def '[.actions[] | select((.measures // [] | index("csc-m4")) and (.measures | index("csc-m7") | not))] | length')" 0

# --- The split under 11 and over 11 is of the children accommodated
# ("a reduction in the number of children that we accommodate - data to be
# split under 11 and over 11"), not of those remaining within their family.
same "accommodated" "$(def '.measures[] | select(.code == "csc-m8") | "\(.direction) \([.breakdowns[].code] | join(" "))"')" \
	"reduce u11 11plus"
same "remaining within their family" "$(def '.measures[] | select(.code == "csc-m6") | .breakdowns // [] | length')" 0
same "breakdown values of csc-m6" "$(def '[.values[] | select(.measure == "csc-m6" and .breakdown)] | length')" 0
# The two parts add up to the total, quarter by quarter.
same "csc-m8 parts not adding up" "$(def '[.values[] | select(.measure == "csc-m8")] | group_by(.period)[]
	| select((map(select(.breakdown == null)) | .[0].value) != (map(select(.breakdown)) | map(.value) | add))
	| .[0].period' | wc -l)" 0

# --- Illustrative marks.  The actions whose titles are the seeds' own
# words (seed 000: police plan; 001: strategy; 003: CSC plan; 004: the ten
# red tracker actions, the CSE three numbered) are not illustrative; every
# other action is.  The seeds name no owner but the team and service
# managers and the GCP2 Co-ordinator that two of the CSC actions name.
seed_codes=$(printf 'pol-a%s\n' 1 2 3 4 5 6 7; printf 'csc-a%02d\n' $(seq 1 23);
	printf 'ns-a%02d\n' $(seq 1 14);
	printf 'PPIP-%s\n' 12 31 32 46 57 67 68 69 70 71; printf 'sscp-a%s\n' 1 2)
printf '%s\n' $seed_codes | LC_ALL=C sort >seed.want
def '.actions[] | select((.illustrative // false) | not) | .code' | LC_ALL=C sort >seed.got
cmp -s seed.want seed.got || fail "actions not illustrative: $(diff seed.want seed.got)"
same "the seeds' actions' owners" "$(def '[.actions[] | select((.illustrative // false) | not) | .owner // empty] | unique | join("; ")')" \
	"GCP2 Co-ordinator; Team Managers and Service Managers, Children's Social Care"
# Every update after the report's date is the demo's; so are the ratings of
# the 61 tracker actions whose split the report does not give.
same "updates after $report_date not illustrative" \
	"$(def '[.actions[].updates // [] | .[] | select(.date > "'$report_date'" and ((.illustrative // false) | not))] | length')" 0
same "illustrative actions' updates not illustrative" \
	"$(def '[.actions[] | select(.illustrative) | .updates // [] | .[] | select((.illustrative // false) | not)] | length')" 0
[ "$(def '[.actions[].updates // [] | .[] | select(.illustrative)] | length')" -gt 0 ] ||
	fail "no update marked illustrative"
# The demo's other made-up texts say so in their own words: every
# summary, resolution, note, finding and narrative of the registers.
texts='[.reviews[], .escalations[], .audits[], .voice[], .scrutiny[], .impact[], .s11[]]
	| [.[] | .. | objects | to_entries[]
	   | select(.key | test("summary|resolution|changed|note|text|finding"))
	   | .value | strings]'
[ "$(def "$texts | length")" -gt 20 ] || fail "too few register texts found"
same "register texts not saying illustrative" \
	"$(def "$texts | map(select(test(\"[Ii]llustrative\") | not)) | length")" 0

# --- The mark is shown wherever the title or note is: the tracker's list,
# its CSV and JSON, and the web page.
expect_status 0 "$VITALS" --db "$db" actions list --plan ppip
n=$(grep -c '\[Illustrative\] ' out || true)
same "PPIP lines marked illustrative" "$n" 61
grep '\[Illustrative\] ' out | grep -q 'Body Worn Video' && fail "a seed title is marked illustrative"
expect_status 0 "$VITALS" --db "$db" actions list --plan ppip --csv
same "CSV columns" "$(head -1 out | tr ',' '\n' | tail -2 | tr '\n' ' ')" "illustrative last_note_illustrative "
same "CSV rows marked" "$(grep -c ',yes,yes$' out || true)" 61
expect_status 0 "$VITALS" --db "$db" actions list --plan police-neglect --json
same "police plan in JSON" "$(jq -c '[.[] | [.illustrative, .last_note_illustrative]] | unique' out)" "[[false,true]]"
expect_status 0 "$VITALS" --db "$db" actions export ppip.xlsx --plan ppip
[ -s ppip.xlsx ] || fail "no workbook"
unzip -p ppip.xlsx xl/sharedStrings.xml | grep -q '>last_note_illustrative<' ||
	fail "the workbook has no illustrative column"

# The pack's red list: each illustrative title and note tagged.  The
# tracker's red actions are those of the report of $report_date: its
# quarter's pack shows them as they stood then (the plan ended that day).
expect_status 0 "$VITALS" --db "$db" report --period 2017Q3 --format md -o pack.md
awk '/^### Red list/ {on = 1; next} on && /^#/ {on = 0} on && /^\| / && !/^\| Ref / && !/^\|---/' pack.md >red.rows
[ -s red.rows ] || fail "the pack has no red list"
reds=$(def '[.actions[] | select(.plan == "ppip" and .rag == "red")] | length')
same "red PPIP actions" "$reds" 10
for ref in $(def '.actions[] | select(.plan == "ppip" and .rag == "red") | .code'); do
	row=$(grep "^| $ref |" red.rows || true)
	[ -n "$row" ] || { fail "$ref is not in the pack's red list"; continue; }
	want=$(def --arg r "$ref" '.actions[] | select(.code == $r)
		| [(.illustrative // false), ((.updates // []) | sort_by(.date) | last | .illustrative // false)]
		| map(select(.)) | length')
	same "$ref's tags in the pack" "$(printf '%s\n' "$row" | grep -o '(Illustrative)' | wc -l)" "$want"
done

command -v curl >/dev/null || { echo "FAIL: curl is missing: run scripts/deps" >&2; exit 1; }
serve_start serve
demo_signin jar analyst@demo.invalid
curl -s -b jar "$url/actions?plan=ppip&rag=red" >red.html
grep -q 'Body Worn Video' red.html || fail "/actions lacks the red actions"
grep -q '>Illustrative<' red.html && fail "/actions marks a seed title illustrative"
curl -s -b jar "$url/actions?plan=ppip&rag=amber" >amber.html
same "/actions amber rows marked" "$(grep -o '>Illustrative<' amber.html | wc -l)" \
	"$(grep -o 'href="/actions/PPIP-' amber.html | wc -l)"
curl -s -b jar "$url/actions/pol-a2" >one.html
grep -q '>Illustrative<' one.html || fail "/actions/pol-a2 does not mark its 2026 notes"
serve_stop "$server_pid"

# --- The tracker's 29 green actions "effectively discharged" (seed 004):
# discharged on the report's day, still green, neither open nor stale, and
# the summary still 29 green / 32 amber / 10 red.
same "PPIP green actions discharged on $report_date" \
	"$(def '[.actions[] | select(.plan == "ppip" and .rag == "green" and .discharged == "'$report_date'")] | length')" 29
same "other actions discharged" "$(def '[.actions[] | select(.discharged and (.plan != "ppip" or .rag != "green"))] | length')" 0
expect_status 0 "$VITALS" --db "$db" actions summary --plan ppip --json
same "PPIP summary" "$(jq -c '[.total, .by_rag.green, .by_rag.amber, .by_rag.red, .discharged, .open, .stale]' out)" \
	"[71,29,32,10,29,42,42]"
# The plans are closed: a 2026 pack and the day's tracker hold none of them.
expect_status 0 "$VITALS" --db "$db" actions summary --json
same "PPIP actions in today's tracker" "$(jq '[.red_list[] | select(.plan == "ppip")] | length' out)" 0
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --format md -o now.md
grep -q '| PPIP-' now.md && fail "a 2026 pack lists a tracker action of 2017"
grep -q 'Neglect strategy 2017-2020' now.md && fail "a 2026 pack shows the 2017-2020 strategy"

# --- Both neglect plans' actions are reviewed quarterly (seeds 000, 003);
# the tracker monthly (seed 004).
same "neglect plans' cadence" "$(def '[.actions[] | select(.plan == "police-neglect" or .plan == "csc-neglect") | .cadence // "monthly"] | unique | join(",")')" quarterly
same "tracker's cadence" "$(def '[.actions[] | select(.plan == "ppip") | .cadence // "monthly"] | unique | join(",")')" monthly

# --- Funding (seed 002): a pooled budget of 550,000 from four
# contributors; the split is the demo's and its notes say so.
for year in $(def '.budgets[].year'); do
	same "budget $year" "$(def --arg y "$year" '.budgets[] | select(.year == $y) | [([.contributions[].amount] | add), (.contributions | length)] | @csv')" "550000,4"
	same "budget $year notes" "$(def --arg y "$year" '[.budgets[] | select(.year == $y) | .contributions[].note | test("[Ii]llustrative")] | all')" true
done
[ "$(def '.budgets | length')" -ge 1 ] || fail "the demo has no budget"
expect_status 0 "$VITALS" --db "$db" funding show 2025-26
expect_contains out "£550,000"

finish
