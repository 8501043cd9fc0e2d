# The pack's assurance section: open case reviews by stage reached, every
# clock missed (a rapid review held late among them) or due within two
# working days, in the HTML (a bar chart with its text alternative, valid),
# the Markdown, the PDF's text and the workbook's Assurance sheet.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2027-01-27T10:00:00Z
db=$(new_db assurance.db)
expect_status 0 "$VITALS" --db "$db" demo

# Held a working day late: notified 29 December 2026, due 20 January 2027.
expect_status 0 "$VITALS" --db "$db" reviews add TEST-LATE --aware 2026-12-18 --agency police
expect_status 0 "$VITALS" --db "$db" reviews record TEST-LATE notification --date 2026-12-29
expect_status 0 "$VITALS" --db "$db" reviews record TEST-LATE rapid-review --date 2027-01-21
# Not notified, two working days left (aware Friday 22 January 2027,
# due Friday 29th).
expect_status 0 "$VITALS" --db "$db" reviews add TEST-SOON --aware 2027-01-22 --agency scc-csc
# Met and open, far from due: in neither list.
expect_status 0 "$VITALS" --db "$db" reviews add TEST-CALM --aware 2027-01-26 --agency scc-csc
# An audit of the pack's quarter, done, its grades given by two agencies.
expect_status 0 "$VITALS" --db "$db" audits add TEST-AUD --theme audit-neglect \
	--planned "2026-27 Q3" --lead police --agencies police,scc-csc --sample 2
expect_status 0 "$VITALS" --db "$db" audits grade TEST-AUD --case C-1 --agency police --grade good
expect_status 0 "$VITALS" --db "$db" audits grade TEST-AUD --case C-2 --agency police --grade good
expect_status 0 "$VITALS" --db "$db" audits grade TEST-AUD --case C-1 --agency scc-csc --grade inadequate
expect_status 0 "$VITALS" --db "$db" audits complete TEST-AUD --date 2026-12-10 \
	--summary "Thresholds applied consistently; chronologies weak."

# A voice report of the pack's quarter, what changed not yet known.
expect_status 0 "$VITALS" --db "$db" voice add TEST-VOICE --title "Care leavers' forum" \
	--source "Care Leavers' Forum" --date 2026-11-12 --method focus-group \
	--participants 14 --summary "Illustrative: they asked for one worker."

expect_status 0 "$VITALS" --db "$db" report --period "2026-27 Q3" --format md -o pack.md
expect_contains pack.md "## Assurance"
expect_contains pack.md "TEST-LATE: Rapid review missed (due 20 January 2027, done 21 January 2027)"
expect_contains pack.md "TEST-SOON: Notification to the national panel due 29 January 2027 (2 working days left)"
expect_not_contains pack.md "TEST-CALM:"
open=$("$VITALS" --db "$db" reviews list --open --json | jq length)
grep -q "^| Not yet notified | 2 |$" pack.md || fail "not two reviews not yet notified: $(grep 'Not yet notified' pack.md)"
grep -q "^| Rapid review held | 1 |$" pack.md || fail "not one rapid review held"
grep -q " $open open\. " pack.md || fail "the pack does not count $open open reviews"

expect_status 0 "$VITALS" --db "$db" report --period "2026-27 Q3" -o pack.html
vnu=$VT_SOURCE_DIR/tools/node_modules/vnu-jar/build/dist/vnu.jar
java -jar "$vnu" --errors-only pack.html >vnu.out 2>&1 ||
	fail "pack.html is not valid HTML: $(head -5 vnu.out)"
grep -q '<svg xmlns="[^"]*" class="vt-bars" width="100%" height="[0-9]*" role="img" aria-labelledby="reviews-by-stage-title reviews-by-stage-desc">' pack.html ||
	fail "the reviews' bar chart is not an image labelled by its title and description"
grep -Eq '<desc id="reviews-by-stage-desc">Open case reviews by stage reached: Not yet notified 2, Notified [0-9]+, Rapid review held 1,' pack.html ||
	fail "the bar chart's text alternative does not give its counts"
expect_contains pack.html "TEST-LATE: Rapid review missed"

expect_status 0 "$VITALS" --db "$db" report --period "2026-27 Q3" --format pdf -o pack.pdf
pdftotext pack.pdf - | tr -s ' \n' '  ' >pack.txt
expect_contains pack.txt "TEST-LATE: Rapid review missed (due 20 January 2027, done 21 January 2027)"
expect_contains pack.txt "Open case reviews by stage reached: Not yet notified 2"

expect_status 0 "$VITALS" --db "$db" report --period "2026-27 Q3" --format xlsx -o pack.xlsx
unzip -p pack.xlsx xl/workbook.xml | grep -q '<sheet name="Assurance"' ||
	fail "the workbook has no Assurance sheet"
unzip -p pack.xlsx xl/sharedStrings.xml | grep -q '>TEST-LATE<' ||
	fail "the Assurance sheet does not list TEST-LATE"

# --- the audit programme: the reporting year to the pack's quarter --------
prog=$("$VITALS" --db "$db" audits programme --from 2026Q2 --to 2026Q4 --json)
want=$(echo "$prog" | jq -r '"\(.planned) audit\(if .planned == 1 then "" else "s" end) planned, \(.done) done, \(.late) late, \(.to_come) not yet due."')
expect_contains pack.md "2026-27 Q1 to 2026-27 Q3: $want"
expect_contains pack.txt "2026-27 Q1 to 2026-27 Q3: $want"
expect_contains pack.md "TEST-AUD (Neglect: recognition and response), planned for 2026-27 Q3: done 10 December 2026"
# The grades of the audits done in the year to the quarter, counted here
# from the definition: every grade of an audit done from 1 January 2026.
expect_status 0 "$VITALS" --db "$db" export defs.json
for grade in outstanding good requires-improvement inadequate; do
	n=$(jq --arg g "$grade" '[.audits[] | select(.done and .done >= "2026-01-01" and .done <= "2026-12-31") | .grades[] | select(.grade == $g)] | length' defs.json)
	words=$(echo "$grade" | sed 's/-/ /; s/^./\U&/')
	grep -q "^| $words | $n |$" pack.md || fail "the pack does not count $n $grade grades: $(grep "^| $words |" pack.md)"
done
police=$(jq '[.audits[] | select(.done and .done >= "2026-01-01") | .grades[] | select(.agency == "police" and .grade == "good")] | length' defs.json)
grep -q "^| Surrey Police | [0-9]* | $police | " pack.md || fail "the agency table does not give police $police good grades"
grep -q '<table class="govuk-table" id="audits"><caption class="govuk-table__caption govuk-table__caption--s">Grades by agency in audits done, 2025-26 Q4 to 2026-27 Q3</caption>' pack.html ||
	fail "the HTML pack has no captioned table of grades by agency"
expect_contains pack.txt "Grades by agency in audits done, 2025-26 Q4 to 2026-27 Q3"
unzip -p pack.xlsx xl/sharedStrings.xml | grep -q '>Multi-agency audits<' ||
	fail "the Assurance sheet has no audits"

# --- section 11: the heat map of the latest cycle, counted from its ratings
expect_status 0 "$VITALS" --db "$db" export defs.json
cycle=$(jq -r '[.s11[] | select(.submitted) | .cycle] | max' defs.json)
agencies=$(jq '.agencies | length' defs.json)
returned=$(jq --arg c "$cycle" '[.s11[] | select(.cycle == $c and .submitted)] | length' defs.json)
count() { jq --arg c "$cycle" --arg r "$1" "[.s11[] | select(.cycle == \$c) | .ratings[] | select(.rating == \$r${2:-})] | length" defs.json; }
expect_contains pack.md "Cycle $cycle: $returned of $agencies agencies have returned their self-assessment. Of their ratings, $(count met) standards are met, $(count partly-met) partly met and $(count not-met) not met."
expect_contains pack.txt "Cycle $cycle: $returned of $agencies agencies"
# The partnership's own framework, or the default's eight standards.
standards=$(jq -r '.partnership.s11_standards // [] | .[].code' defs.json)
[ -n "$standards" ] || standards="S1 S2 S3 S4 S5 S6 S7 S8"
for pair in "Met:met" "Partly met:partly-met" "Not met:not-met"; do
	words=${pair%%:*}
	row="| $words (agencies) |"
	for s in $standards; do
		row="$row $(count "${pair#*:}" " and .standard == \"$s\"") |"
	done
	grep -qF "$row" pack.md || fail "the heat map's $words row is not '$row': $(grep -F "| $words (agencies)" pack.md)"
done
grep -q '<table class="govuk-table" id="s11">' pack.html || fail "the HTML pack has no heat map"
grep -q 'class="govuk-table__cell vt-tone-poor">Not met' pack.html || fail "no heat map cell is toned as not met"

# --- the voice of children and families in the pack's quarter ---------------
expect_contains pack.md "1 report in 2026-27 Q3, hearing from 14 children, young people and family members."
expect_contains pack.md "TEST-VOICE: Care leavers' forum (focus group, 14 taking part). What changed: not yet recorded"
expect_contains pack.txt "TEST-VOICE: Care leavers' forum"

# --- a measure several agencies contribute to: the sum of their parts ------
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --format md -o q2.md
sum=$(jq '[.values[] | select(.measure == "ns-m9" and .period == "2026Q3")] | group_by(.breakdown) | map(max_by(.version).value) | add' defs.json)
expect_contains q2.md "ns-m9 GCP2 assessments completed by key agencies: $sum for the partnership"
police=$(jq '[.values[] | select(.measure == "ns-m9" and .period == "2026Q3" and .breakdown == "police")] | max_by(.version).value' defs.json)
grep -q "^| Surrey Police | [0-9.]*% | $police |$" q2.md || fail "police's part of ns-m9 is not $police: $(grep '^| Surrey Police |' q2.md)"
# A quarter with no part in says so rather than showing a sum.
expect_contains pack.md "ns-m9 GCP2 assessments completed by key agencies: no part returned yet"

finish
