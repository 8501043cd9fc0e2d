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

finish
