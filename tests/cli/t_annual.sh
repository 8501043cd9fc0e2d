# The annual report: a small partnership's 2025-26 report in HTML, PDF,
# Word and Markdown with every priority, objective and measure of the
# year's plans; narrative sections saved as versions, the latest shown;
# refusals that name the field and change nothing; the narrative through
# export and load unchanged; the published report with no count from 1
# to 4; and the demo's report in all four formats.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-06-01T10:00:00Z
cat >small.json <<'JSON'
{
  "vitals": 1,
  "partnership": { "code": "tp", "name": "Testshire Partnership",
    "area": "Testshire", "fy_start_month": 4 },
  "agencies": [
    { "code": "la", "name": "Testshire Council", "sector": "local-authority",
      "kind": "statutory-partner" },
    { "code": "pol", "name": "Testshire Police", "sector": "police",
      "kind": "statutory-partner" },
    { "code": "sch", "name": "Testshire Schools", "sector": "education",
      "kind": "relevant-agency" }
  ],
  "groups": [
    { "code": "exec", "name": "Executive Group", "chair": "Independent Chair",
      "cadence": "quarterly" },
    { "code": "neg", "name": "Neglect Sub-Group", "chair": "Head of Service",
      "cadence": "monthly", "reports_to": "exec" }
  ],
  "plans": [
    { "code": "pl-25", "title": "Partnership plan 2025-27", "kind": "strategic",
      "group": "exec", "starts": "2025-04-01", "ends": "2027-03-31" },
    { "code": "pl-old", "title": "Old plan 2019-20", "kind": "strategic",
      "starts": "2019-04-01", "ends": "2020-03-31" },
    { "code": "pl-27", "title": "Partnership plan 2026-28", "kind": "strategic",
      "starts": "2026-04-01", "ends": "2028-03-31" }
  ],
  "priorities": [
    { "code": "p1", "plan": "pl-25", "number": "1", "title": "Neglect is seen early" },
    { "code": "p2", "plan": "pl-25", "number": "2", "title": "Children are heard" },
    { "code": "p9", "plan": "pl-old", "number": "1", "title": "A priority of long ago" },
    { "code": "q1", "plan": "pl-27", "number": "1", "title": "Exploitation outside the home" }
  ],
  "objectives": [
    { "code": "p1-o1", "priority": "p1", "number": "1.1", "text": "Practitioners use the neglect toolkit" },
    { "code": "p1-o2", "priority": "p1", "number": "1.2", "text": "Early help reaches families sooner" },
    { "code": "p2-o1", "priority": "p2", "number": "2.1", "text": "Every plan records the child's wishes" }
  ],
  "measures": [
    { "code": "m-cp", "title": "Children on a plan for neglect", "plan": "pl-25",
      "priority": "p1", "agency": "la", "direction": "reduce", "unit": "count",
      "frequency": "quarterly", "target": 10 },
    { "code": "m-heard", "title": "Children who say they were heard", "plan": "pl-25",
      "priority": "p2", "agency": "la", "direction": "increase", "unit": "percent",
      "frequency": "quarterly", "target": 85 }
  ],
  "values": [
    { "measure": "m-cp", "period": "2025Q2", "value": 13, "status": "approved" },
    { "measure": "m-cp", "period": "2025Q3", "value": 3, "status": "approved" },
    { "measure": "m-cp", "period": "2025Q4", "value": 2, "status": "approved" },
    { "measure": "m-cp", "period": "2026Q1", "value": 4, "status": "approved" },
    { "measure": "m-heard", "period": "2025Q2", "value": 70.5, "status": "approved" },
    { "measure": "m-heard", "period": "2025Q3", "value": 72.25, "status": "approved" },
    { "measure": "m-heard", "period": "2025Q4", "value": 74.5, "status": "approved" },
    { "measure": "m-heard", "period": "2026Q1", "value": 77.75, "status": "approved" }
  ],
  "actions": [
    { "code": "a1", "plan": "pl-25", "agency": "la", "title": "Roll out the toolkit",
      "owner": "Head of Service", "priority": "p1", "due": "2026-03-31", "rag": "green" },
    { "code": "a2", "plan": "pl-25", "agency": "pol", "title": "Learning from RR-2025-07",
      "owner": "Detective Inspector", "priority": "p1", "due": "2026-06-30",
      "rag": "amber", "review": "RR-2025-07" }
  ],
  "themes": [
    { "code": "thresholds", "name": "Thresholds", "register": "escalation" },
    { "code": "info", "name": "Information sharing", "register": "escalation" },
    { "code": "a-neg", "name": "Neglect audit", "register": "audit" }
  ],
  "reviews": [
    { "ref": "RR-2025-07", "aware": "2025-07-01", "notification": "2025-07-03",
      "rapid_review": "2025-07-20", "agencies": ["la", "pol"] }
  ],
  "escalations": [
    { "ref": "ESC-1", "raised": "2025-05-12", "raised_by": "pol", "raised_role": "Detective Sergeant",
      "about": "la", "theme": "thresholds", "summary": "Referral below threshold",
      "outcome": "agreed", "resolved": "2025-05-16", "resolution": "Discussion held",
      "steps": [ { "stage": 1, "date": "2025-05-12" } ] },
    { "ref": "ESC-2", "raised": "2025-09-02", "raised_by": "sch", "raised_role": "Designated Safeguarding Lead",
      "about": "la", "theme": "thresholds", "summary": "Referral below threshold",
      "steps": [ { "stage": 1, "date": "2025-09-02" } ] },
    { "ref": "ESC-3", "raised": "2026-01-20", "raised_by": "la", "raised_role": "Team Manager",
      "about": "pol", "theme": "info", "summary": "Notification late",
      "outcome": "agreed", "resolved": "2026-01-23", "resolution": "Shared",
      "steps": [ { "stage": 1, "date": "2026-01-20" } ] }
  ],
  "audits": [
    { "ref": "MAA-2025-01", "theme": "a-neg", "planned": "2025Q4", "lead": "la",
      "sample": 2, "done": "2025-11-20", "agencies": ["la", "pol"],
      "grades": [
        { "case": "C-1", "agency": "la", "grade": "good" },
        { "case": "C-1", "agency": "pol", "grade": "requires-improvement" },
        { "case": "C-2", "agency": "la", "grade": "good" } ] }
  ],
  "voice": [
    { "ref": "VOICE-25-01", "title": "Young people's panel", "source": "Young Inspectors",
      "date": "2025-10-10", "method": "focus-group", "participants": 3,
      "summary": "Letters were hard to read", "changed": "Letters rewritten" },
    { "ref": "VOICE-26-01", "title": "Feedback survey", "source": "la",
      "date": "2026-02-10", "method": "survey", "participants": 40,
      "summary": "Workers listened", "changed": "Visits end with a read-back" }
  ]
}
JSON

db=$(new_db annual.db)
expect_status 0 "$VITALS" --db "$db" init
expect_status 0 "$VITALS" --db "$db" load small.json

# --- every priority, objective and measure of the year's plans -------------
titles=$(jq -r '.plans[0].title, (.priorities[] | select(.plan == "pl-25") | .title),
	(.objectives[] | .text), (.measures[] | .title)' small.json)
for f in html md pdf docx; do
	expect_status 0 "$VITALS" --db "$db" report --year 2025-26 --format "$f" -o "annual.$f"
	expect_contains out "annual report 2025-26 written to 'annual.$f'"
done
vnu=$VT_SOURCE_DIR/tools/node_modules/vnu-jar/build/dist/vnu.jar
java -jar "$vnu" --errors-only annual.html >vnu.out 2>&1 ||
	fail "annual.html is not valid HTML: $(head -5 vnu.out)"
pdftotext -raw annual.pdf annual-pdf.txt || fail "pdftotext cannot read the PDF"
unzip -p annual.docx word/document.xml >document.xml || fail "no word/document.xml"
# The Word document's parts are well-formed XML, with real heading styles
# and a table whose first row repeats as its header.
# (unzip reads '[' as a pattern: the name is escaped.)
for part in '\[Content_Types\].xml' _rels/.rels word/_rels/document.xml.rels \
	word/document.xml word/styles.xml word/footer1.xml; do
	unzip -p annual.docx "$part" >part.xml || fail "no $part in the document"
	xmllint --noout part.xml 2>xml.err || fail "$part is not well-formed: $(cat xml.err)"
done
for style in Heading1 Heading2 Heading3 Normal TableGrid Caption; do
	unzip -p annual.docx word/styles.xml | grep -q "w:styleId=\"$style\"" ||
		fail "word/styles.xml lacks the style $style"
done
expect_contains document.xml '<w:pStyle w:val="Heading1"/>'
expect_contains document.xml '<w:tblHeader/>'
# The text of each format, one line of words, to look for titles in.
sed -e 's/<[^>]*>//g' annual.html | tr -s ' \n' '  ' >html.txt
sed -e 's/\\//g' annual.md | tr -s ' \n' '  ' >md.txt
tr -s ' \n' '  ' <annual-pdf.txt >pdf.txt
sed -e 's/<[^>]*>//g' document.xml | tr -s ' \n' '  ' >docx.txt
while IFS= read -r t; do
	# HTML and Word escape the apostrophe and ampersand alike.
	h=$(printf '%s' "$t" | sed -e "s/&/\&amp;/g" -e "s/'/\&#39;/g")
	for f in md pdf; do
		grep -qF -- "$t" "$f.txt" || fail "the $f report lacks '$t'"
	done
	grep -qF -- "$t" html.txt || grep -qF -- "$h" html.txt ||
		fail "the html report lacks '$t'"
	grep -qF -- "$t" docx.txt || fail "the docx report lacks '$t'"
done <<<"$titles"
# Not the plan of long ago; next year's plan under next year's priorities.
expect_not_contains md.txt 'A priority of long ago'
expect_contains annual.md '## Next year'"'"'s priorities'
expect_contains md.txt 'Priority 1: Exploitation outside the home'
# The measures by quarter with their direction of travel and target.
expect_contains annual.md '| Children on a plan for neglect (m-cp) | 13 | 3 | 2 | 4 | improving | 10 |'
expect_contains annual.md '| Children who say they were heard (m-heard) | 70.5 | 72.25 | 74.5 | 77.75 | improving | 85 |'
# A section with nothing says so, never an empty heading.
expect_contains annual.md 'No item of the scrutiny plan was for 2025-26.'
expect_contains annual.md 'No funding figures are recorded for 2025-26.'
expect_contains annual.md 'No foreword has been written for 2025-26.'

# --- narrative: each save a new version, the latest in the report ----------
printf '# The year\n\nThe partnership *first* wrote this. <script>alert(1)</script>\n' >fw1.md
expect_status 0 "$VITALS" --db "$db" --as analyst@example.org report --year 2025-26 --section foreword --text fw1.md
expect_contains out 'foreword of the annual report 2025-26 saved as version 1'
printf 'The second version of the foreword.\n' |
	expect_status 0 "$VITALS" --db "$db" report --year 2025-26 --section foreword --text -
expect_contains out 'saved as version 2'
expect_status 0 "$VITALS" --db "$db" export v.json
[ "$(jq -c '[.narrative[] | [.year, .section, .version]]' v.json)" = \
	'[["2025-26","foreword",1],["2025-26","foreword",2]]' ] ||
	fail "narrative versions: $(jq -c .narrative v.json)"
[ "$(jq -r '.narrative[0].by' v.json)" = analyst@example.org ] ||
	fail "version 1 is not by its author"
expect_status 0 "$VITALS" --db "$db" report --year 2025-26 --format md
expect_contains out 'The second version of the foreword.'
expect_not_contains out 'first* wrote this'
expect_status 0 "$VITALS" --db "$db" log list
expect_contains out narrative
# The first version's Markdown, were it the latest, is rendered safely.
printf 'Impact in **bold**. <script>alert("x")</script>\n' >imp.md
expect_status 0 "$VITALS" --db "$db" report --year 2025-26 --section impact --text imp.md
expect_status 0 "$VITALS" --db "$db" report --year 2025-26 --format html
expect_contains out '<strong>bold</strong>'
expect_not_contains out '<script>alert'

# --- refusals: the field named, nothing changed ----------------------------
expect_status 0 "$VITALS" --db "$db" export before.json
expect_status 1 "$VITALS" --db "$db" report --year 2025-26 --section preface --text imp.md
expect_contains err "section: 'preface' is not one of foreword, summary"
expect_contains err 'nothing was changed'
expect_status 1 "$VITALS" --db "$db" report --year 2025-27 --section foreword --text imp.md
expect_contains err "year: '2025-27' is not a financial year (2025-26)"
expect_status 1 "$VITALS" --db "$db" report --year last --format md
expect_contains err "year: 'last' is not a financial year"
expect_status 2 "$VITALS" --db "$db" report --year 2025-26 --format xlsx
expect_status 2 "$VITALS" --db "$db" report --year 2025-26 --format docx
expect_contains err 'needs a file'
expect_status 0 "$VITALS" --db "$db" export after.json
cmp -s before.json after.json || fail "a refusal changed the database"

# --- export, load, export: identical ---------------------------------------
db2=$(new_db annual2.db)
expect_status 0 "$VITALS" --db "$db2" init
expect_status 0 "$VITALS" --db "$db2" load after.json
expect_status 0 "$VITALS" --db "$db2" export again.json
cmp -s after.json again.json || fail "export, load, export differ: $(diff after.json again.json | head -5)"
# Loading the same file again adds no version.
expect_status 0 "$VITALS" --db "$db2" load after.json
expect_status 0 "$VITALS" --db "$db2" export again2.json
cmp -s after.json again2.json || fail "a second load changed the narrative"

# --- published: no count from 1 to 4 ---------------------------------------
# Unpublished, the small counts are there: the measure's quarters, the
# escalations by cause, the review, the audit grades, the voice report.
expect_status 0 "$VITALS" --db "$db" report --year 2025-26 --format md -o draft.md
expect_contains draft.md '| 13 | 3 | 2 | 4 |'
expect_contains draft.md "Escalations raised in 2025-26 between agencies about a child's care: 3."
expect_contains draft.md '| Thresholds | 2 | 1 |'
expect_contains draft.md '1 case review was open in 2025-26.'
expect_contains draft.md '| Good | 2 |'
expect_contains draft.md '(3 took part)'
expect_contains draft.md 'families taking part: 43.'
for f in md html; do
	expect_status 0 "$VITALS" --db "$db" report --year 2025-26 --publish --format "$f" -o "pub.$f"
	# Every number standing alone in a cell or sentence, headings' and
	# dates' digits aside ("2025-26", "Q1", "1.2", "20 November 2025").
	sed -e 's/<[^>]*>/ /g' -e 's/&lt;/</g' -e 's/\\</</g' "pub.$f" >pub-$f.txt
	grep -v -e '^#' -e 'counts from 1 to 4' pub-$f.txt |
		grep -oE '(^|[ |(])[1-4]( |\.( |$)|$|\)| \|)' |
		grep -vE '^[ |(]?[1-4] (January|February|March|April|May|June|July|August|September|October|November|December)' >small.txt || true
	[ ! -s small.txt ] || fail "published $f shows counts from 1 to 4: $(head -5 small.txt | tr '\n' ' ')"
	grep -q '<5' "pub-$f.txt" || fail "published $f shows no <5"
done
expect_contains pub.md "Escalations raised in 2025-26 between agencies about a child's care: \\<5."
# A total of which a part is hidden is withheld too: 43 less the 40 shown
# would give the hidden 3.
expect_contains pub.md 'families taking part: not published (a part of it is below 5).'
expect_not_contains pub.md '43'
expect_contains pub.md '| 13 | \<5 | \<5 | \<5 |'
expect_contains pub.md '(\<5 took part)'
expect_contains pub.md 'Published: counts from 1 to 4 are shown as \<5.'

# --- the demo: every priority, objective and measure of 2025-26 -----------
demo=$(new_db demo.db)
expect_status 0 "$VITALS" --db "$demo" demo
expect_status 0 "$VITALS" --db "$demo" export demo.json
for f in html md pdf docx; do
	expect_status 0 "$VITALS" --db "$demo" report --year 2025-26 --format "$f" -o "demo.$f"
done
# (-raw: in drawing order, each table cell's lines together.)
# (a line broken after a hyphen joined again: 'long-' 'term')
pdftotext -raw demo.pdf - | sed -e ':a' -e 'N' -e '$!ba' -e 's/-\n/-/g' | tr -s ' \n' '  ' >demo-pdf.txt
unzip -p demo.docx word/document.xml | sed -e 's/<[^>]*>//g' | tr -s ' \n' '  ' >demo-docx.txt
sed -e 's/<[^>]*>//g' -e 's/&#39;/'"'"'/g' -e 's/&amp;/\&/g' demo.html | tr -s ' \n' '  ' >demo-html.txt
sed -e 's/\\//g' demo.md | tr -s ' \n' '  ' >demo-md.txt
sed -e 's/&quot;/"/g' -e 's/&amp;/\&/g' demo-docx.txt >demo-docx2.txt
# The plans current in 2025-26: dates covering some of it, or none.
jq -r '[.plans[] | select((.starts // "0000") <= "2026-03-31" and
	(.ends // "9999") >= "2025-04-01") | .code] as $p |
	[.priorities[] | select(.plan as $c | $p | index($c))] as $pr |
	($pr | map(.code)) as $prc |
	(.plans[] | select(.code as $c | $p | index($c)) | .title),
	($pr[] | .title),
	(.objectives[] | select(.priority as $c | $prc | index($c)) | .text),
	(.measures[] | select(.plan as $c | $p | index($c)) | .title)' demo.json >demo-titles.txt
[ "$(wc -l <demo-titles.txt)" -ge 10 ] || fail "too few demo titles to look for"
while IFS= read -r t; do
	# A title as each writer wraps it: spaces folded, looked for whole.
	t=$(printf '%s' "$t" | tr -s ' \n' '  ' | sed 's/ $//')
	for f in demo-md demo-html demo-pdf demo-docx2; do
		grep -qF -- "$t" "$f.txt" || fail "$f lacks '$t'"
	done
done <demo-titles.txt
# The year of the 2021-22 priorities, each with its objectives (seed 002):
# every plan, priority, objective and measure of that year, in every format.
for f in html md pdf docx; do
	expect_status 0 "$VITALS" --db "$demo" report --year 2021-22 --format "$f" -o "y21.$f"
done
pdftotext -raw y21.pdf - | sed -e ':a' -e 'N' -e '$!ba' -e 's/-\n/-/g' | tr -s ' \n' '  ' >y21-pdf.txt
unzip -p y21.docx word/document.xml | sed -e 's/<[^>]*>//g' -e 's/&quot;/"/g' -e 's/&amp;/\&/g' |
	tr -s ' \n' '  ' >y21-docx.txt
sed -e 's/<[^>]*>//g' -e 's/&#39;/'"'"'/g' -e 's/&amp;/\&/g' y21.html | tr -s ' \n' '  ' >y21-html.txt
sed -e 's/\\//g' y21.md | tr -s ' \n' '  ' >y21-md.txt
jq -r '[.plans[] | select(.status != "draft" and (.starts // "0000") <= "2022-03-31" and
	(.ends // "9999") >= "2021-04-01") | .code] as $p |
	[.priorities[] | select(.plan as $c | $p | index($c))] as $pr |
	($pr | map(.code)) as $prc |
	($pr[] | .title),
	(.objectives[] | select(.priority as $c | $prc | index($c)) | .text),
	(.measures[] | select(.plan as $c | $p | index($c)) | .title)' demo.json >y21-titles.txt
[ "$(jq '[.objectives[] | select(.priority | startswith("sscp-p"))] | length' demo.json)" -gt 5 ] ||
	fail "the demo's 2021-22 priorities have too few objectives"
grep -qF "$(jq -r '.objectives[] | select(.code == "sscp-p3-o1") | .text' demo.json)" y21-titles.txt ||
	fail "2021-22 is not the year of the partnership's priorities"
while IFS= read -r t; do
	t=$(printf '%s' "$t" | tr -s ' \n' '  ' | sed 's/ $//')
	for f in y21-md y21-html y21-pdf y21-docx; do
		grep -qF -- "$t" "$f.txt" || fail "$f lacks '$t'"
	done
done <y21-titles.txt
expect_contains demo.md 'Illustrative figures'
# Its illustrative narrative, in the business manager's words, heads the
# foreword, the summary and the impact assessment, role titles only.
[ "$(jq -c '[.narrative[] | select(.year == "2025-26") | .section]' demo.json)" = \
	'["foreword","summary","impact"]' ] || fail "the demo's narrative: $(jq -c '.narrative' demo.json)"
jq -e '[.narrative[] | .text | test("Illustrative")] | all' demo.json >/dev/null ||
	fail "a demo narrative does not say it is illustrative"
for f in demo-md demo-html demo-pdf demo-docx2; do
	grep -qF 'This is the partnership'"'"'s annual report for 2025-26' "$f.txt" ||
		fail "$f lacks the demo's foreword"
	grep -qF 'Where we have not yet made a difference' "$f.txt" ||
		fail "$f lacks the demo's impact narrative"
done
expect_contains demo-pdf.txt 'Illustrative figures: demo data, not real'
# Demo figures say so on every page of the Word document: in its footer.
unzip -p demo.docx word/footer1.xml >footer.xml
expect_contains footer.xml 'Illustrative figures: demo data, not real'
expect_contains footer.xml ' PAGE '
# The funding section: the year's pooled budget, its total the sum of the
# contributions, and each partner named, in every format.
total=$(jq -r '[.budgets[] | select(.year == "2025-26") | .contributions[].amount] | add' demo.json)
total=$(printf '%s' "$total" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/;ta')
[ "$total" != null ] || fail "the demo has no budget for 2025-26"
for f in demo-md demo-html demo-pdf demo-docx2; do
	grep -qF "The partners contributed £$total in 2025-26" "$f.txt" ||
		fail "$f lacks the budget total £$total"
done
jq -r '(.agencies | map({(.code): .name}) | add) as $n |
	.budgets[] | select(.year == "2025-26") | .contributions[] | $n[.agency]' \
	demo.json >partners.txt
[ "$(wc -l <partners.txt)" -ge 2 ] || fail "too few contributors to look for"
while IFS= read -r t; do
	grep -qF -- "$t" demo-md.txt || fail "the funding section lacks '$t'"
done <partners.txt
finish
