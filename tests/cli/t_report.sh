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
# (the measures of the plans the quarter covers: not drafts, their dates
# covering some of July to September 2026)
"$VITALS" --db "$db" export - | jq -c '[.plans[] | select(.status != "draft"
	and (.starts == null or .starts <= "2026-09-30")
	and (.ends == null or .ends >= "2026-07-01")) | .code]' >covered.json
jq --slurpfile p covered.json '.measures |= map(select(.plan as $c | $p[0] | index($c)))' out >status.json
cp status.json out
charted=$(jq '[.measures[] | select(.points > 0)] | length' out)
[ "$charted" -gt 20 ] || fail "only $charted measures have figures"
[ "$(grep -o '<svg xmlns="[^"]*" class="vt-svg"' pack.html | wc -l)" = "$charted" ] ||
	fail "$(grep -o '<svg xmlns="[^"]*" class="vt-svg"' pack.html | wc -l) charts for $charted measures"
[ "$(grep -o 'role="img" aria-labelledby="chart-[0-9]*-title chart-[0-9]*-desc"' pack.html | wc -l)" = "$charted" ] ||
	fail "a chart lacks its text alternative"
[ "$(grep -o '<desc id="chart-[0-9]*-desc">[^<]' pack.html | wc -l)" = "$charted" ] ||
	fail "a chart's description is empty"
[ "$(grep -o '<caption>Figures of ' pack.html | wc -l)" = "$charted" ] ||
	fail "a chart lacks its table of figures"
# Each chart can be read: its y axis titled with the measure's unit and
# the x axis "Period"; which way is better, drawn and in its text
# alternative; a legend naming what is drawn and nothing else; y labels
# of nice numbers (a step of 1, 2, 2.5 or 5 x 10^n, no spurious
# decimals), each at its gridline.
jq -r '.measures[] | select(.points > 0) | "\(.measure) \(.unit) \(.direction)"' out >units
sed 's/<figure>/\n<figure>/g; s/<\/figure>/<\/figure>\n/g' pack.html | grep '^<figure><svg' >charts
[ "$(wc -l <charts)" = "$charted" ] || fail "$(wc -l <charts) figures for $charted charts"
has() { grep -qF -- "$2" "$1"; }
key() {	# key FILE NAME DRAWN: the legend names NAME exactly when DRAWN
	local named=false drawn=false
	grep -q "<text x=\"34\" y=\"[0-9.]*\">$2</text>" "$1" && named=true
	grep -qE -- "$3" "$1" && drawn=true
	[ $named = $drawn ] || fail "$code: the legend's '$2' is $named, drawn $drawn"
}
while IFS=' ' read -r code unit direction; do
	grep -F "<title id=\"chart-" charts | grep -F "XmR chart of $code: " >chart || { fail "no chart of $code"; continue; }
	case $unit in
	count) ytitle='Count' ;; percent) ytitle='Percentage' ;;
	rate10k) ytitle='Rate per 10,000 children' ;; days) ytitle='Days' ;;
	*) ytitle='Pounds (£)' ;;
	esac
	has chart "class=\"vt-axis\">$ytitle</text>" || fail "$code: the y axis is not titled '$ytitle'"
	has chart 'class="vt-axis">Period</text>' || fail "$code: the x axis is not titled 'Period'"
	case $direction in
	increase) better='Higher is better' ;; reduce) better='Lower is better' ;; *) better= ;;
	esac
	if [ -n "$better" ]; then
		has chart "class=\"vt-axis\">$better</text>" || fail "$code: the chart does not say '$better'"
		grep -q "<desc id=\"chart-[0-9]*-desc\">[^<]*$better" chart || fail "$code: its text alternative does not say '$better'"
	elif grep -q 'is better<' chart; then
		fail "$code: a measure without a direction says which way is better"
	fi
	key chart Figures '<circle class="common"|<(rect|polygon) class="(concern|expected|improvement|neutral)"'
	key chart Mean '<line class="mean"'
	key chart 'Process limits' '<line class="limit"'
	key chart Target '<line class="target"'
	key chart 'England (DfE)' '<line class="cmp"'
	key chart "Neighbours' mean" '<line class="nb"'
	key chart Concern '<rect class="concern"'
	key chart 'Expected rise' '<rect class="expected"'
	key chart Improvement '<polygon class="improvement"'
	# The ticks: label and gridline pairs, top to bottom.
	grep -o '<line class="grid" x1="0" x2="100%" y1="[0-9.]*"' chart | sed 's/.*y1="//; s/"//' >grid
	grep -o '<text x="-6" y="[0-9.]*" text-anchor="end">[^<]*<' chart |
		sed 's/.*y="\([0-9.]*\)"[^>]*>\([^<]*\)</\1 \2/' >ticks
	[ "$(wc -l <ticks)" -ge 2 ] || fail "$code: $(wc -l <ticks) y labels"
	[ "$(wc -l <ticks)" = "$(wc -l <grid)" ] || fail "$code: $(wc -l <ticks) y labels, $(wc -l <grid) gridlines"
	paste -d' ' ticks grid | awk -v code="$code" '
		function fail(why) { print code ": " why; bad = 1; exit }
		{
			label = $2
			if (label ~ /\.([0-9]*0)?$/ || label !~ /^-?[0-9][0-9]?[0-9]?(,[0-9][0-9][0-9])*(\.[0-9]+)?$/)
				fail("a y label is not a plain number: " label)
			gsub(/,/, "", label)
			if ($1 - 4 - $3 > 0.05 || $3 - ($1 - 4) > 0.05) fail("the label " $2 " at " $1 " is not at its gridline at " $3)
			if (NR > 1 && $1 >= y) fail("the y label " $2 " is not above the one below it")
			y = $1
			v[NR] = label + 0
		}
		END {
			if (bad) exit 1
			step = v[2] - v[1]
			if (step <= 0) fail("the y labels do not rise up the axis")
			for (i = 2; i < NR; i++)
				if (v[i + 1] - v[i] - step > step * 1e-9 || step - (v[i + 1] - v[i]) > step * 1e-9)
					fail("the y labels are not evenly apart")
			m = step; while (m >= 10) m /= 10; while (m < 1) m *= 10
			m = sprintf("%.6g", m)
			if (m != "1" && m != "2" && m != "2.5" && m != "5")
				fail("the y labels step by " step)
			for (i = 1; i <= NR; i++) {
				k = v[i] / step
				r = int(k + (k < 0 ? -0.5 : 0.5))
				if (k - r > 1e-6 || r - k > 1e-6)
					fail("the y label " v[i] " is not a multiple of the step " step)
			}
		}' >>tick.failures || true
done <units
[ ! -s tick.failures ] || fail "$(head -3 tick.failures)"

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
for code in $(jq -r --slurpfile p covered.json '.measures[] | select(.plan as $c | $p[0] | index($c)) | .measure' out); do
	grep -q "^#### $code: " pack.md || fail "the Markdown has no section for $code"
done

expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --format xlsx -o pack.xlsx
# A sheet for each plan the quarter's pack shows: not a draft, and its
# dates covering some of July to September 2026.
plans=$("$VITALS" --db "$db" export - | jq '[.plans[] | select(.status != "draft"
	and (.starts == null or .starts <= "2026-09-30")
	and (.ends == null or .ends >= "2026-07-01"))] | length')
sheets=$(unzip -p pack.xlsx xl/workbook.xml | grep -o '<sheet ' | wc -l)
[ "$sheets" = $((plans + 4)) ] || fail "$sheets sheets, not Summary, Status, Assurance, $plans plans and Objectives"

# The PDF: a page or more per plan, every measure's title in its text
# (tests/cli/t_pdf.sh checks its tags, outline and pages).
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --format pdf -o pack.pdf
pages=$(pdfinfo pack.pdf | sed -n 's/^Pages: *//p')
# A sheet for each plan the quarter's pack shows: not a draft, and its
# dates covering some of July to September 2026.
plans=$("$VITALS" --db "$db" export - | jq '[.plans[] | select(.status != "draft"
	and (.starts == null or .starts <= "2026-09-30")
	and (.ends == null or .ends >= "2026-07-01"))] | length')
[ "$pages" -gt "$plans" ] || fail "$pages pages for $plans plans"
pdftotext pack.pdf - | tr -s ' \n' '  ' >pack.txt
expect_status 0 "$VITALS" --db "$db" export all.json
# Every measure of the plans the quarter covers.
jq -r '[.plans[] | select(.status != "draft" and (.starts == null or .starts <= "2026-09-30")
	and (.ends == null or .ends >= "2026-07-01")) | .code] as $p |
	.measures[] | select(.plan as $c | $p | index($c)) | .title' all.json | while IFS= read -r title; do
	flat=$(printf '%s' "$title" | tr -s ' \n' '  ')
	grep -qF -- "$flat" pack.txt || echo "$title"
done >missing_titles
[ ! -s missing_titles ] || fail "the PDF's text lacks: $(head -3 missing_titles)"
expect_contains pack.txt "Illustrative figures: demo data"
# Its charts have their axes' titles, which way is better and a legend.
for w in Period Percentage Count 'Higher is better' 'Lower is better' Figures Mean 'Process limits' Target; do
	grep -q -- "$w" pack.txt || fail "the PDF's charts lack '$w'"
done
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
# A pipe (as /dev/null or /dev/stdout would be) is written to, never
# renamed over: it is still a pipe afterwards and carried the whole pack;
# the same for the definition's export.
mkfifo pack.pipe
timeout 30 cat pack.pipe >piped.html &
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 -o pack.pipe
wait $!
[ -p pack.pipe ] || fail "the report put a file in place of the pipe it was given"
grep -q '</html>' piped.html || fail "the pack sent down a pipe is not whole"
[ ! -e pack.pipe.tmp ] || fail "the report left a file beside the pipe"
timeout 30 cat pack.pipe >piped.json &
expect_status 0 "$VITALS" --db "$db" export pack.pipe
wait $!
[ -p pack.pipe ] || fail "the export put a file in place of the pipe it was given"
jq -e '.measures | length > 0' piped.json >/dev/null || fail "the export sent down a pipe is not whole"
finish
