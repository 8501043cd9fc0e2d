# Derived measures computed from CIN census snapshots: the figures of a
# fixture counted by hand (percent with numerator and denominator, counts,
# under 11 / 11 and over), one case held by two census years counted once,
# a second computation writing nothing, a newer extract changing exactly
# the figures of the case it changes (the old versions kept), explain's
# counts at each step, refusals placed and changing nothing, export ->
# load -> export unchanged, and no identifier of the fixture in the
# database, its WAL, the export, the pack or the change log.
. "$(dirname "$0")/lib.sh"

fx=$VT_SOURCE_DIR/tests/fixtures/extract/cin
db=$(new_db compute.db)
expect_status 0 "$VITALS" --db "$db" init

# The identifiers of the fixture: every LAchildID, UPN, FormerUPN and
# full date of birth.
grep -ho '<\(LAchildID\|UPN\|FormerUPN\|PersonBirthDate\)>[^<]*<' "$fx"/*.xml |
	sed 's#.*>\(.*\)<#\1#' | sort -u >ids
[ "$(wc -l <ids)" -ge 18 ] || fail "too few identifiers to search for: $(cat ids)"

cat >def.json <<'JSON'
{"vitals": 1,
 "partnership": {"code": "p", "name": "Northtown partnership", "fy_start_month": 4},
 "agencies": [{"code": "la", "name": "Local authority", "sector": "local-authority", "kind": "statutory-partner"}],
 "plans": [{"code": "pl", "title": "Neglect plan", "kind": "single-agency", "agency": "la"}],
 "measures": [
  {"code": "d-cin-n1-pct", "title": "CIN plans for neglect open over six months (percent)", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "percent", "frequency": "quarterly",
   "numerator": "CIN plans for neglect open over six months", "denominator": "CIN plans for neglect open",
   "breakdowns": [{"code": "under-11", "title": "Under 11"}, {"code": "11-and-over", "title": "11 and over"}],
   "derive": {"records": "cin-plan",
    "filters": [{"category": ["N1"]}, {"open_at": "period_end"}, {"duration_over": {"months": 6}}],
    "aggregate": {"percent_of": {"records": "cin-plan", "filters": [{"category": ["N1"]}, {"open_at": "period_end"}]}},
    "breakdowns": ["age_band"]}},
  {"code": "d-cin-n1-long", "title": "CIN plans for neglect open over six months", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "count", "frequency": "quarterly",
   "breakdowns": [{"code": "under-11", "title": "Under 11"}, {"code": "11-and-over", "title": "11 and over"}],
   "derive": {"records": "cin-plan",
    "filters": [{"category": ["N1"]}, {"open_at": "period_end"}, {"duration_over": {"months": 6}}],
    "aggregate": "count", "breakdowns": ["age_band"]}},
  {"code": "d-cp-neg", "title": "CP plans for neglect", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "count", "frequency": "quarterly",
   "derive": {"records": "cp-plan", "filters": [{"category": ["NEG"]}, {"open_at": "period_end"}], "aggregate": "count"}},
  {"code": "d-rereferral", "title": "Re-referrals within 12 months", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "count", "frequency": "quarterly",
   "derive": {"records": "referral", "filters": [{"started_in": "period"}, {"previous_within": {"months": 12}}], "aggregate": "count"}},
  {"code": "d-cp-repeat", "title": "Second or subsequent CP plans", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "count", "frequency": "quarterly",
   "derive": {"records": "cp-plan", "filters": [{"started_in": "period"}, {"sequence": "subsequent"}], "aggregate": "count"}},
  {"code": "typed", "title": "A typed measure", "plan": "pl", "agency": "la",
   "direction": "reduce", "unit": "count", "frequency": "quarterly"}]}
JSON
expect_status 0 "$VITALS" --db "$db" load def.json
if on_postgresql; then
	export VITALS_EXTRACT_KEY_FILE=$PWD/partnership.key
fi
expect_status 0 "$VITALS" --db "$db" extract key

# Nothing loaded: nothing to compute, and no period is covered.
expect_status 0 "$VITALS" --db "$db" extract compute
expect_contains out "computed 0 derived measures for 0 periods: 0 figures written, 0 unchanged"
expect_status 1 "$VITALS" --db "$db" extract explain d-cp-neg --period 2025Q4
expect_contains err "period: error: no extract covers 2025-26 Q3: none is loaded"

# The WAL is kept while another connection reads: searched before any
# checkpoint folds it in.
if ! on_postgresql; then
	mkfifo hold
	sqlite3 "$db" <hold >/dev/null 2>&1 &
	holder=$!
	exec 3>hold
	echo "BEGIN; SELECT count(*) FROM partnership;" >&3
fi

# Two census years, both current (their periods do not overlap): they
# cover 1 April 2024 to 31 March 2026, the quarters 2024Q2 to 2026Q1.
expect_status 0 "$VITALS" --db "$db" extract load --format cin "$fx"/census-2025.xml
expect_contains out "extract 1: cin as at 2025-03-31, 7 records"
expect_status 0 "$VITALS" --db "$db" extract load --format cin "$fx"/census-2026.xml
expect_contains out "extract 2: cin as at 2026-03-31, 15 records"

expect_status 0 "$VITALS" --db "$db" export before-dry.json
expect_status 0 "$VITALS" --db "$db" extract compute --dry-run
expect_contains out "dry run: computed 5 derived measures for 40 periods: 68 figures written, 0 unchanged"
expect_status 0 "$VITALS" --db "$db" export after-dry.json
cmp -s before-dry.json after-dry.json || fail "a dry run changed the export"

expect_status 0 "$VITALS" --db "$db" extract compute
expect_contains out "computed 5 derived measures for 40 periods: 68 figures written, 0 unchanged"
expect_status 0 "$VITALS" --db "$db" export one.json

# The hand count.  Ages are in whole years at the quarter's end, from the
# first day of the month of birth; "open" at a day excludes a plan ending
# on it; six months before 31 December is 30 June.
#
# TST0000101 (born May 2012: 11 and over throughout): N1 episode referred
#   2024-10-01, CIN plan from 2024-11-01, open; in BOTH censuses (counted
#   once).  Over six months from 2025Q2 (six months before 31 March 2025
#   is 30 September 2024: not yet; before 30 June 2025, 30 December 2024).
# TST0000102 (born Feb 2018: under 11): N1, referred 2025-05-10, CIN plan
#   from 2025-05-20, open: over six months from 2025Q4.
# TST0000103 (born Jan 2015: under 11 until 2026Q1, when 11): N1,
#   referred 2024-09-01, CIN plan from 2024-09-15; the 2024-25 census has
#   it open, the 2025-26 one ends it on 2025-12-31: the later snapshot
#   wins, so it is open at 2024Q3..2025Q3 ends and not at 2025Q4's (it ends
#   on that day).  Over six months from 2025Q1.
# TST0000104 (born Jul 2010): an N2 CIN plan (never counted); referred
#   2024-05-20; CP plan NEG from 2025-08-01, open (first).
# TST0000105 (born Nov 2020): referred 2024-01-10, CP plan PHY
#   2024-02-01..2024-12-01 (2024-25 census only); referred again
#   2025-07-15 (18 months on: not a re-referral), CP plan NEG from
#   2025-08-20, open: a second plan, started in 2025Q3.
# TST0000106 (born Sep 2016): referred 2025-01-05 (2024-25 census only);
#   referred 2025-10-10 (9 months on: a re-referral, 2025Q4), CP plan NEG
#   2025-11-01..2026-01-15 (its first); referred 2026-02-01 (a re-referral,
#   2026Q1), CP plan EMO from 2026-02-20 (a second plan, 2026Q1).
#
# N1 CIN plans open at the quarter end (whole; under 11; 11 and over) and
# of them open over six months:
#   2024Q2: none open (no percent figure: no denominator); 0 over.
#   2024Q3: 103 open, 0 over: 0 of 1; under 11 0 of 1; 11+ none.
#   2024Q4: 101, 103 open, 0 over: 0 of 2; 0 of 1; 0 of 1.
#   2025Q1: 101, 103 open, 103 over: 1 of 2; 1 of 1; 0 of 1.
#   2025Q2: 101, 102, 103 open; 101, 103 over: 2 of 3; 1 of 2; 1 of 1.
#   2025Q3: the same: 2 of 3; 1 of 2; 1 of 1.
#   2025Q4: 101, 102 open (103 ended on the day), both over: 2 of 2; 1 of
#           1; 1 of 1.
#   2026Q1: 101, 102 open, both over: 2 of 2; 1 of 1; 1 of 1.
# CP plans for neglect open at the end: 2025Q3: 104, 105 = 2; 2025Q4:
#   104, 105, 106 = 3; 2026Q1: 104, 105 = 2 (106's ended 2026-01-15, its
#   second is EMO); 0 before.
# Re-referrals within 12 months: 2025Q4: 106 = 1; 2026Q1: 106 = 1; else 0.
# Second or subsequent CP plans started: 2025Q3: 105 = 1; 2026Q1: 106 = 1;
#   else 0.
#
# Each line: measure period breakdown value numerator denominator ("-"
# for none); the percent's value is numerator * 100 / denominator.
cat >want <<'EOF'
d-cin-n1-pct 2024Q3 - 0 0 1
d-cin-n1-pct 2024Q3 under-11 0 0 1
d-cin-n1-pct 2024Q4 - 0 0 2
d-cin-n1-pct 2024Q4 under-11 0 0 1
d-cin-n1-pct 2024Q4 11-and-over 0 0 1
d-cin-n1-pct 2025Q1 - 50 1 2
d-cin-n1-pct 2025Q1 under-11 100 1 1
d-cin-n1-pct 2025Q1 11-and-over 0 0 1
d-cin-n1-pct 2025Q2 - 66.67 2 3
d-cin-n1-pct 2025Q2 under-11 50 1 2
d-cin-n1-pct 2025Q2 11-and-over 100 1 1
d-cin-n1-pct 2025Q3 - 66.67 2 3
d-cin-n1-pct 2025Q3 under-11 50 1 2
d-cin-n1-pct 2025Q3 11-and-over 100 1 1
d-cin-n1-pct 2025Q4 - 100 2 2
d-cin-n1-pct 2025Q4 under-11 100 1 1
d-cin-n1-pct 2025Q4 11-and-over 100 1 1
d-cin-n1-pct 2026Q1 - 100 2 2
d-cin-n1-pct 2026Q1 under-11 100 1 1
d-cin-n1-pct 2026Q1 11-and-over 100 1 1
EOF
for q in 2024Q2 2024Q3 2024Q4; do
	printf 'd-cin-n1-long %s - 0 - -\nd-cin-n1-long %s under-11 0 - -\nd-cin-n1-long %s 11-and-over 0 - -\n' "$q" "$q" "$q" >>want
done
printf 'd-cin-n1-long 2025Q1 - 1 - -\nd-cin-n1-long 2025Q1 under-11 1 - -\nd-cin-n1-long 2025Q1 11-and-over 0 - -\n' >>want
for q in 2025Q2 2025Q3 2025Q4 2026Q1; do
	printf 'd-cin-n1-long %s - 2 - -\nd-cin-n1-long %s under-11 1 - -\nd-cin-n1-long %s 11-and-over 1 - -\n' "$q" "$q" "$q" >>want
done
quarters="2024Q2 2024Q3 2024Q4 2025Q1 2025Q2 2025Q3 2025Q4 2026Q1"
# count MEASURE "PERIOD=N ..." (0 for the quarters not named)
count() {
	local m=$1 q n
	for q in $quarters; do
		n=$(printf '%s\n' $2 | sed -n "s/^$q=//p")
		echo "$m $q - ${n:-0} - -"
	done >>want
}
count d-cp-neg "2025Q3=2 2025Q4=3 2026Q1=2"
count d-rereferral "2025Q4=1 2026Q1=1"
count d-cp-repeat "2025Q3=1 2026Q1=1"
[ "$(wc -l <want)" = 68 ] || fail "the hand count has $(wc -l <want) figures"

# The stored figures (the latest version of each), in the same form; the
# percent to two places.
stored() {
	jq -r '[.values[] | select(.derived)] | group_by([.measure, .period, .breakdown])
	       | map(max_by(.version))[]
	       | [.measure, .period, (.breakdown // "-"),
	          (if .value == (.value | floor) then .value | tostring
	           else ((.value * 100 | round) / 100 | tostring) end),
	          (.numerator // "-" | tostring), (.denominator // "-" | tostring)]
	       | join(" ")' "$1" | sort
}
stored one.json >got
sort want >want.sorted
cmp -s want.sorted got || fail "the figures are not the hand count: $(diff want.sorted got | head -20)"
# A percent's value is its numerator * 100 / its denominator (to the 15
# significant digits an export keeps).
[ "$(jq '[.values[] | select(.measure == "d-cin-n1-pct") | select((.value - .numerator * 100 / .denominator) | fabs > 1e-9)] | length' one.json)" = 0 ] ||
	fail "a percent is not its parts"
# Derived figures are approved, version 1, marked with the extracts read and
# the derive's version (the first 12 hex of the SHA-256 of its JSON).
[ "$(jq '[.values[] | select(.derived) | select(.version != 1 or .status != "approved")] | length' one.json)" = 0 ] ||
	fail "a derived figure is not an approved first version"
h1=$(jq -r '.extracts[0].sha256' <("$VITALS" --db "$db" extract list --json) | cut -c1-12)
h2=$(jq -r '.extracts[1].sha256' <("$VITALS" --db "$db" extract list --json) | cut -c1-12)
mark=$(jq -r '[.values[] | select(.measure == "d-cp-repeat")][0].derived' one.json)
case "$mark" in
"extract 1 sha256:$h1, 2 sha256:$h2; derive sha256:"????????????) ;;
*) fail "d-cp-repeat's marker: $mark" ;;
esac
# The CIN plans of the 2024-25 census are all in the 2025-26 one too:
# only the later is read for them.
mark=$(jq -r '[.values[] | select(.measure == "d-cin-n1-pct")][0].derived' one.json)
case "$mark" in
"extract 2 sha256:$h2; derive sha256:"????????????) ;;
*) fail "d-cin-n1-pct's marker: $mark" ;;
esac
# The computation is one entry of the change log, counts only.
"$VITALS" --db "$db" log list --json >log.json
[ "$(jq -c '[.[] | select(.entity == "compute")][-1].after | [.measures, .periods, .written, .unchanged, .extracts]' log.json)" = '[5,40,68,0,[1,2]]' ] ||
	fail "the change log's compute entry: $(jq -c '[.[] | select(.entity == "compute")]' log.json)"
# ... and reads in words, as do the loads and a breakdown's figure.
expect_status 0 "$VITALS" --db "$db" log list --entity compute
expect_contains out "Derived measures computed from extracts 1 and 2: 68 figures written, 0 unchanged"
expect_status 0 "$VITALS" --db "$db" log list --entity extract
expect_contains out "CIN census extract 1 (as at 31 March 2025) loaded"
expect_status 0 "$VITALS" --db "$db" log list --key "d-cin-n1-pct/2025Q1/under-11#1"
expect_contains out "2024-25 Q4, Under 11 added"

# export -> load -> export unchanged, here and on a fresh database.
expect_round_trip "$db"

# Again: nothing new.
expect_status 0 "$VITALS" --db "$db" extract compute
expect_contains out "computed 5 derived measures for 40 periods: 0 figures written, 68 unchanged"
expect_status 0 "$VITALS" --db "$db" export again.json
[ "$(jq '[.values[] | select(.derived)] | length' again.json)" = 68 ] || fail "a second computation wrote figures"

# One period only: 2025-26 Q3 is 2025Q4, 9 figures (the percent and the
# count with their two age bands, three counts).
expect_status 0 "$VITALS" --db "$db" extract compute --period "2025-26 Q3"
expect_contains out "computed 5 derived measures for 5 periods: 0 figures written, 9 unchanged"

# --- explain: the snapshots read, the method, the counts at each step ------
expect_status 0 "$VITALS" --db "$db" extract explain d-cin-n1-pct --period 2025Q4
expect_contains out "Read from extract 2 (CIN census, as at 31 March 2026, 4 records of cin-plan)"
expect_not_contains out "Read from extract 1"
expect_contains out "- child in need plans in the records: 4"
expect_contains out "- whose primary need is abuse or neglect (N1): 3"
expect_contains out "- open at the end of 31 December 2025: 2"
expect_contains out "- lasting more than 6 months by 31 December 2025: 2"
expect_contains out "Figure: 100.0% (2 of 2)."
expect_contains out "Under 11: 100.0% (1 of 1)."
expect_status 0 "$VITALS" --db "$db" extract explain d-rereferral --period "2025-26 Q4"
# Referrals: 2 of the 2024-25 census alone (105's and 106's first), 7 of
# the 2025-26 one; 9 in all, 1 started in the quarter, 1 a re-referral.
expect_contains out "Read from extract 1 (CIN census, as at 31 March 2025, 2 records of referral)"
expect_contains out "Read from extract 2 (CIN census, as at 31 March 2026, 7 records of referral)"
expect_contains out "- referrals in the records: 9"
expect_contains out "- started in 2025-26 Q4 (1 January 2026 to 31 March 2026): 1"
expect_contains out "- where the child had another that started no more than 12 months before it: 1"
expect_contains out "Figure: 1."

# --- refusals: placed, nothing changed -----------------------------------
expect_status 0 "$VITALS" --db "$db" export before-refusals.json
expect_status 1 "$VITALS" --db "$db" extract explain no-such --period 2025Q4
expect_contains err "measure: error: there is no measure 'no-such'"
expect_status 1 "$VITALS" --db "$db" extract explain typed --period 2025Q4
expect_contains err "measure: error: 'typed' is not derived: it has no derive"
expect_status 1 "$VITALS" --db "$db" extract explain d-cp-neg --period 2026Q4
expect_contains err "period: error: no extract covers 2026-27 Q3: the latest is as at 31 March 2026"
expect_status 1 "$VITALS" --db "$db" extract compute --period 2026Q4
expect_contains err "period: error: no extract covers 2026-27 Q3: the latest is as at 31 March 2026"
expect_status 1 "$VITALS" --db "$db" extract compute --period 2024Q1
expect_contains err "period: error: no extract covers 2023-24 Q4: the latest is as at 31 March 2026"
expect_status 0 "$VITALS" --db "$db" export after-refusals.json
cmp -s before-refusals.json after-refusals.json || fail "a refusal changed the export"

# --- a newer extract changing one case -----------------------------------
# The 2025-26 census taken again on 15 April 2026, 105's second CP plan
# now EMO: it supersedes the first; d-cp-neg loses 105 at 2025Q3 (2 -> 1),
# 2025Q4 (3 -> 2) and 2026Q1 (2 -> 1); nothing else changes.
expect_status 0 "$VITALS" --db "$db" extract load --format cin "$fx"/census-2026-corrected.xml
expect_contains out "extract 3: cin as at 2026-04-15, 15 records"
expect_status 0 "$VITALS" --db "$db" extract compute
expect_contains out "computed 5 derived measures for 40 periods: 3 figures written, 65 unchanged"
expect_status 0 "$VITALS" --db "$db" export newer.json
[ "$(jq -c '[.values[] | select(.version == 2) | [.measure, .period, .value]] | sort' newer.json)" = \
  '[["d-cp-neg","2025Q3",1],["d-cp-neg","2025Q4",2],["d-cp-neg","2026Q1",1]]' ] ||
	fail "the new versions: $(jq -c '[.values[] | select(.version == 2)]' newer.json)"
[ "$(jq -c '[.values[] | select(.measure == "d-cp-neg" and .version == 1 and .value > 0) | [.period, .value]] | sort' newer.json)" = \
  '[["2025Q3",2],["2025Q4",3],["2026Q1",2]]' ] || fail "the old versions were not kept"
h3=$(jq -r '.extracts[2].sha256' <("$VITALS" --db "$db" extract list --json) | cut -c1-12)
mark=$(jq -r '[.values[] | select(.version == 2)][0].derived' newer.json)
case "$mark" in
"extract 1 sha256:$h1, 3 sha256:$h3; derive sha256:"????????????) ;;
*) fail "the new version's marker: $mark" ;;
esac
[ "$(jq '[.values[] | select(.derived)] | length' newer.json)" = 71 ] || fail "figures other than the three were written"

# --- the measure's page and the API ----------------------------------------
# The page's versions table says a derived figure is "Derived from extract
# N" (no hashes); the values API gives the marker.
echo 'a-long-enough-password-1' >pw
expect_status 0 "$VITALS" --db "$db" user add analyst@example.invalid --name "Analyst" --role analyst <pw
expect_status 0 "$VITALS" --db "$db" token add analyst@example.invalid --name compute
token=$(cat out)
serve_start web
curl -s -H "Authorization: Bearer $token" "$url/api/v1/measures/d-cp-neg/values" >values.json
[ "$(jq -c '[.[] | select(.period == "2025Q4") | [.version, .value, (.derived | test("^extract [0-9]"))]] | sort' values.json)" =   '[[1,3,true],[2,2,true]]' ] || fail "the values API: $(jq -c '[.[] | select(.period == "2025Q4")]' values.json)"
[ "$(jq '[.[] | select(.derived == null)] | length' values.json)" = 0 ] || fail "a derived figure without its marker in the API"
token=$(curl -s -c jar -b jar "$url/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
[ "$(curl -s -o /dev/null -w '%{http_code}' -c jar -b jar --data-urlencode "email=analyst@example.invalid" \
	--data-urlencode "password=$(cat pw)" --data-urlencode "csrf=$token" "$url/login")" = 303 ] ||
	fail "the analyst cannot sign in"
curl -s -b jar "$url/measures/d-cp-neg" >page.html
grep -qF 'Figures and their versions' page.html || fail "the measure page has no versions table"
expect_contains page.html "Derived from extracts 1 and 2"
expect_contains page.html "Derived from extracts 1 and 3"
expect_not_contains page.html "sha256:"
search_page=page.html
# A percentage reads to one place, with the counts that make it exact.
curl -s -b jar "$url/measures/d-cin-n1-pct" >pct.html
"$VITALS" --db "$db" export pct.json >/dev/null
read -r pv pn pd < <(jq -r '[.values[] | select(.measure == "d-cin-n1-pct" and .breakdown == null and .numerator != null and (.value | floor) != .value)][0] | "\(.value) \(.numerator) \(.denominator)"' pct.json)
[ -n "$pd" ] && [ "$pd" != null ] || fail "no fractional percentage among the fixture's figures"
want=$(printf '%.1f (%d of %d)' "$pv" "$pn" "$pd")
expect_contains pct.html ">$want<"
if grep -qE 'govuk-table__cell">[0-9]+\.[0-9]{3,}' pct.html; then
	fail "the versions table gives a figure to more than one place: $(grep -oE 'govuk-table__cell">[0-9]+\.[0-9]{3,}' pct.html | head -1)"
fi
serve_stop "$server_pid"

# --- no identifier anywhere -----------------------------------------------
if ! on_postgresql; then
	[ -s "$db-wal" ] || fail "no WAL to search"
	expect_no_identifier "the WAL" "$db-wal"
	expect_no_identifier "the database" "$db"
	exec 3>&-
	wait "$holder" || true
	sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	expect_no_identifier "the checkpointed database" "$db"
else
	pg_dump --no-owner "$db" >dump.sql || fail "pg_dump failed"
	grep -aqF "d-cp-neg" dump.sql || fail "the dump does not hold the figures"
	expect_no_identifier "the dump" dump.sql
fi
expect_no_identifier "the export" newer.json
expect_status 0 "$VITALS" --db "$db" report --period 2025Q4 --format html
cp out report.html
grep -qF "CP plans for neglect" report.html || fail "the pack does not show the derived measures"
expect_no_identifier "the pack" report.html
"$VITALS" --db "$db" log list --json >log.json
expect_no_identifier "the change log" log.json
expect_no_identifier "the measure's page" "$search_page"
expect_no_identifier "the values API" values.json

# A derived measure is computed, never returned: the agency's return form
# does not ask for it, and a return that gives it a figure is refused,
# placed, with nothing changed.
expect_status 0 "$VITALS" --db "$db" returns template --agency la --period 2025Q4 -o form.csv
grep -q '^la,typed,' form.csv || fail "the return form does not ask for the typed measure: $(cat form.csv)"
if grep -q 'd-cp-neg' form.csv; then fail "the return form asks for a derived measure"; fi
printf 'agency,measure,period,value\nla,d-cp-neg,2025Q4,99\n' >typed-derived.csv
expect_status 0 "$VITALS" --db "$db" export before-typed.json
expect_status 1 "$VITALS" --db "$db" returns import typed-derived.csv
expect_contains err "typed-derived.csv:2:4: error: measure 'd-cp-neg' is derived from the record-level extracts: its figures are computed from them, not returned"
expect_status 0 "$VITALS" --db "$db" export after-typed.json
cmp -s before-typed.json after-typed.json || fail "a refused return of a derived figure changed the export"
finish
