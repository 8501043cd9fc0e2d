# vitals report: the vital-signs pack as HTML (checked by the Nu HTML
# Checker), Markdown and XLSX; a chart and a text alternative per measure;
# disclosure control; text escaped.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-11-23T10:00:00Z
vnu=$VT_SOURCE_DIR/tools/node_modules/vnu-jar/build/dist/vnu.jar
[ -f "$vnu" ] || { echo "FAIL: $vnu is missing: run scripts/deps" >&2; exit 1; }
check_html() {	# check_html FILE: valid HTML, or fail with the checker's words
	java -jar "$vnu" --errors-only "$1" >vnu.out 2>&1 ||
		fail "$1 is not valid HTML: $(head -5 vnu.out)"
}

db=$(new_db report.db)
expect_status 0 "$VITALS" --db "$db" demo
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 -o pack.html
expect_contains out "vital signs for 2026-27 Q2 written to 'pack.html'"
check_html pack.html
expect_contains pack.html "Illustrative figures: demo data"
# One chart per measure with a figure, each labelled by its title and desc.
expect_status 0 "$VITALS" --db "$db" measures status --period 2026Q3 --json
charted=$(jq '[.measures[] | select(.points > 0)] | length' out)
[ "$charted" -gt 20 ] || fail "only $charted measures have figures"
[ "$(grep -o '<svg xmlns=' pack.html | wc -l)" = "$charted" ] ||
	fail "$(grep -o '<svg xmlns=' pack.html | wc -l) charts for $charted measures"
[ "$(grep -o 'role="img" aria-labelledby="chart-[0-9]*-title chart-[0-9]*-desc"' pack.html | wc -l)" = "$charted" ] ||
	fail "a chart lacks its text alternative"
[ "$(grep -o '<desc id="chart-[0-9]*-desc">[^<]' pack.html | wc -l)" = "$charted" ] ||
	fail "a chart's description is empty"
[ "$(grep -o '<caption>Figures of ' pack.html | wc -l)" = "$charted" ] ||
	fail "a chart lacks its table of figures"
# Self-contained: nothing is fetched from anywhere.
if grep -Eq ' src=|<link |url\(|@import' pack.html; then fail "the pack loads something from outside"; fi
# The summary counts are the status's.
improving=$(jq '[.measures[] | select(.reading == "improving")] | length' out)
expect_contains pack.html "Measures for 2026-27 Q2: $improving improving"
expect_contains pack.html "Red list"

expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --format md
cp out pack.md
expect_contains pack.md "# Vital signs: "
expect_contains pack.md "> **Illustrative figures**"
expect_status 0 "$VITALS" --db "$db" measures status --period 2026Q3 --json
for code in $(jq -r '.measures[].measure' out); do
	grep -q "^#### $code: " pack.md || fail "the Markdown has no section for $code"
done

expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --format xlsx -o pack.xlsx
plans=$("$VITALS" --db "$db" export - | jq '.plans | length')
sheets=$(unzip -p pack.xlsx xl/workbook.xml | grep -o '<sheet ' | wc -l)
[ "$sheets" = $((plans + 2)) ] || fail "$sheets sheets, not Summary, Status and $plans plans"

# The PDF: a page or more per priority, every measure's title in its text.
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --format pdf -o pack.pdf
pages=$(pdfinfo pack.pdf | sed -n 's/^Pages: *//p')
priorities=$("$VITALS" --db "$db" export - | jq '.priorities | length')
[ "$pages" -gt "$priorities" ] || fail "$pages pages for $priorities priorities"
pdftotext pack.pdf - | tr -s ' \n' '  ' >pack.txt
expect_status 0 "$VITALS" --db "$db" export all.json
jq -r '.measures[].title' all.json | while IFS= read -r title; do
	flat=$(printf '%s' "$title" | tr -s ' \n' '  ')
	grep -qF -- "$flat" pack.txt || echo "$title"
done >missing_titles
[ ! -s missing_titles ] || fail "the PDF's text lacks: $(head -3 missing_titles)"
expect_contains pack.txt "Illustrative figures: demo data"
[ "$(grep -o 'page [0-9]*' pack.txt | wc -l)" = "$pages" ] || fail "a page has no number"
expect_status 2 "$VITALS" --db "$db" report --period 2026Q3 --format pdf
expect_contains err "the PDF needs a file"

expect_status 2 "$VITALS" --db "$db" report --period 2026Q3 --format pdf2
expect_contains err "'pdf2' is not a format"
expect_status 2 "$VITALS" --db "$db" report --period 2026Q3 --format xlsx
expect_status 2 "$VITALS" --db "$db" report --period 2026Q9
expect_status 2 "$VITALS" --db "$db" report

# A small partnership: markup in a title is text; small counts hidden
# when published, suppression never a zero.
small=$(new_db small.db)
expect_status 0 "$VITALS" --db "$small" init
cat >def.json <<'JSON'
{"vitals": 1,
 "partnership": {"code": "p", "name": "P & <Q>", "fy_start_month": 4},
 "agencies": [{"code": "la", "name": "LA", "sector": "local-authority", "kind": "statutory-partner"}],
 "plans": [{"code": "pl", "title": "Plan <b>one</b>", "kind": "single-agency", "agency": "la"}],
 "measures": [{"code": "m", "title": "Children <script>alert(1)</script>", "plan": "pl",
   "agency": "la", "direction": "reduce", "unit": "count", "frequency": "quarterly"}],
 "values": [{"measure": "m", "period": "2026Q1", "value": 12},
  {"measure": "m", "period": "2026Q2", "value": 3},
  {"measure": "m", "period": "2026Q3", "suppressed": "c"}]}
JSON
expect_status 0 "$VITALS" --db "$small" load def.json
expect_status 0 "$VITALS" --db "$small" report --period 2026Q2 -o small.html
check_html small.html
if grep -q '<script>' small.html; then fail "a title's markup reached the page"; fi
expect_contains small.html 'Children &lt;script&gt;alert(1)&lt;/script&gt;'
expect_contains small.html '<td>3</td>'
expect_status 0 "$VITALS" --db "$small" report --period 2026Q2 --publish -o public.html
check_html public.html
expect_contains public.html '<td>&lt;5</td>'
if grep -q '<td>3</td>' public.html; then fail "a count of 3 was published"; fi
expect_status 0 "$VITALS" --db "$small" report --period 2026Q2 --publish --format md
expect_contains out '| 2026-27 Q1 | \<5 |'
expect_contains out 'Only 2 quarters: the limits are provisional.'
# A withheld figure shows its DfE code, never a number.
expect_status 0 "$VITALS" --db "$small" report --period 2026Q3 --publish -o withheld.html
check_html withheld.html
expect_contains withheld.html '<th scope="row">2026-27 Q2</th><td>c</td><td>withheld</td>'
expect_status 0 "$VITALS" --db "$small" report --period 2026Q3 --format md
expect_contains out '| 2026-27 Q2 | c | withheld |'

# A narrative in the Markdown pack is made safe as in the HTML pack: no raw
# HTML, no javascript: link, and its headings cannot open a section.
cat >priority.json <<'JSON'
{"vitals": 1,
 "priorities": [{"code": "pr", "plan": "pl", "number": "1", "title": "Fewer children harmed"}]}
JSON
expect_status 0 "$VITALS" --db "$small" load priority.json
cat >hostile.md <<'MD'
# Priority 9: a section forged

Training reached <img src=x onerror="alert(1)"> most officers.

<script>alert(2)</script>

[the evidence](javascript:alert(3)) and [the report](https://example.org/report)
MD
expect_status 0 "$VITALS" --db "$small" returns impact --agency la --period 2026Q2 --priority pr hostile.md
expect_status 0 "$VITALS" --db "$small" report --period 2026Q2 --format md
sed -n '/^#### Impact: la/,/^### /p' out >narrative.md
expect_contains narrative.md "Training reached"
expect_contains narrative.md "(https://example.org/report)"
for bad in '<img' 'onerror' '<script' 'javascript:' 'alert('; do
	if grep -qF -- "$bad" narrative.md; then fail "the Markdown pack carries '$bad' from a narrative"; fi
done
if grep -q '^#\{1,4\} Priority 9' narrative.md; then fail "a narrative's heading opened a section of the pack"; fi
grep -q '^#\{5,6\} Priority 9' narrative.md || fail "a narrative's heading was not kept below the pack's"
finish
