# The PDF pack as a board member and a screen-reader user get it: tagged,
# titled, an outline entry per priority and measure, every measure's title
# in its text, no page that is only headings nor a heading at a page's foot,
# and an unapproved figure marked provisional in a published pack.
. "$(dirname "$0")/lib.sh"

for tool in pdfinfo pdftotext pdftohtml; do
	command -v $tool >/dev/null || { echo "SKIP: $tool is missing (poppler-utils)" >&2; exit 77; }
done

export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db pdf.db)
expect_status 0 "$VITALS" --db "$db" demo
expect_status 0 "$VITALS" --db "$db" export all.json
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --format pdf -o pack.pdf
pdfinfo pack.pdf >info.txt
grep -q '^Tagged: *yes$' info.txt || fail "the PDF is not tagged: $(cat info.txt)"
partnership=$(jq -r '.partnership.name' all.json)
grep -qF "Title:           Vital signs: $partnership, 2026-27 Q2" info.txt ||
	fail "the PDF's title is not the pack's: $(grep '^Title' info.txt)"
pages=$(sed -n 's/^Pages: *//p' info.txt)

# The structure a screen reader walks: a Document of headings, paragraphs
# and a Figure (captioned by its reading) per chart; a Table captioned.
pdfinfo -struct pack.pdf >struct.txt
charted=$(grep -c '^ *Figure' struct.txt || true)
tables=$(grep -c '^ *Table' struct.txt || true)
[ "$(grep -c '^ *Caption' struct.txt || true)" = $((charted + tables)) ] || fail "a Figure or Table lacks its caption"
[ "$tables" -ge 1 ] || fail "the pack has no tagged table (the audits' grades by agency)"
awk '/^ *Table/ {t = 1; next} t && /^ *Caption/ {ok++; t = 0} t && /^ *TR/ {t = 0} END {exit !(ok >= 1)}' struct.txt ||
	fail "a table's caption is not its first child"
[ "$charted" -gt 20 ] || fail "only $charted charts are tagged as figures"
for tag in Document H1 H2 H3 H4 P; do
	grep -q "^ *$tag\b" struct.txt || fail "no $tag in the PDF's structure"
done

# Every measure's title in the text, and in the outline under its priority.
pdftotext pack.pdf - | tr -s ' \n' '  ' >pack.txt
pdftohtml -xml -i -stdout pack.pdf >pack.xml 2>/dev/null
# (the measures of the plans the quarter covers: not drafts, their dates
# covering some of July to September 2026)
jq -r '[.plans[] | select(.status != "draft" and (.starts == null or .starts <= "2026-09-30")
	and (.ends == null or .ends >= "2026-07-01")) | .code] as $p |
	.measures[] | select(.plan as $c | $p | index($c)) | "\(.code): \(.title)"' all.json >titles
[ "$(wc -l <titles)" -gt 20 ] || fail "too few measures in the quarter's plans"
while IFS= read -r title; do
	flat=$(printf '%s' "$title" | tr -s ' \n' '  ')
	grep -qF -- "$flat" pack.txt || echo "text: $title"
	grep -qF -- ">$(printf '%s' "$title" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g')</item>" pack.xml ||
		echo "outline: $title"
done <titles >missing
[ ! -s missing ] || fail "the PDF lacks: $(head -3 missing)"
# The priorities of the plans the quarter's pack shows: not drafts, their
# dates (a priority's own, else its plan's) covering some of July to
# September 2026.
jq -r '(.plans | map({(.code): .}) | add) as $plan | .priorities[]
	| ($plan[.plan]) as $p
	| select(((.status // $p.status) // "current") != "draft"
		and ((.starts // $p.starts) == null or (.starts // $p.starts) <= "2026-09-30")
		and ((.ends // $p.ends) == null or (.ends // $p.ends) >= "2026-07-01"))
	| "Priority \(.number): \(.title)"' all.json | while IFS= read -r title; do
	grep -qF -- ">$title</item>" pack.xml || echo "$title"
done >missing
[ ! -s missing ] || fail "the outline lacks: $(head -3 missing)"
[ "$(grep -c '>Priority [^<]*</item>' pack.xml)" -gt 0 ] || fail "the outline has no priority"

# Page by page: take away the footer and every heading; something must be
# left, and the page must not end in a heading (its chart on the next).
{
	jq -r '.plans[].title, (.priorities[] | "Priority \(.number): \(.title)"),
		(.measures[] | "\(.code): \(.title)")' all.json
	printf '%s\n' "Other measures" "Summary" "Red list"
	jq -r '.impact[].agency | "Impact: \(.)"' all.json
} | tr -s ' ' ' ' | sort -u >headings
i=1
while [ "$i" -le "$pages" ]; do
	pdftotext -f "$i" -l "$i" pack.pdf - | tr -s ' \n\f' '   ' |
		sed 's/Vital signs, .* page [0-9]* *$//' >page.txt
	grep -q . page.txt || fail "page $i is empty"
	awk -v page="$i" 'NR == FNR { h[++n] = $0; next }
		{
			t = $0
			sub(/ +$/, "", t)
			for (k = 1; k <= n; k++)
				if (length(t) >= length(h[k]) &&
				    substr(t, length(t) - length(h[k]) + 1) == h[k]) {
					print "page " page " ends in the heading \"" h[k] "\""
					exit 1
				}
			for (k = 1; k <= n; k++)
				while ((j = index(t, h[k])) > 0)
					t = substr(t, 1, j - 1) substr(t, j + length(h[k]))
			gsub(/ /, "", t)
			if (t == "") { print "page " page " holds only headings"; exit 1 }
		}' headings page.txt >page.err || fail "$(cat page.err)"
	i=$((i + 1))
done
# The footer fits on the page: every page numbered in the text.
[ "$(grep -o 'page [0-9]*' pack.txt | wc -l)" = "$pages" ] || fail "a page has no number"

# Provisional figures.  The demo's scc-csc return for 2026Q3 is submitted,
# not approved: published with approved figures only, nothing is marked;
# with publish_submitted, each of its figures is marked provisional in
# every format, its approved ones (2026Q2) never.
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --format md --publish
if grep -q 'provisional)\|Provisional figure' out; then fail "a pack of approved figures marks one provisional"; fi
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --publish -o approved.html
if grep -q 'class="prov"\|Provisional (not' approved.html; then fail "a pack of approved figures rings a point"; fi
jq '{vitals: 1, partnership: (.partnership + {publish_submitted: true})}' all.json >provisional.json
expect_status 0 "$VITALS" --db "$db" load provisional.json
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --format md --publish
cp out provisional.md
sed -n '/^#### csc-m1: /,/^#### /p' provisional.md >csc-m1.md
expect_contains csc-m1.md '| 2026-27 Q2 | 326 (provisional) |'
expect_contains csc-m1.md '| 2026-27 Q1 | 340 | '
expect_contains csc-m1.md 'Provisional figure: its return is submitted, not yet approved.'
# A measure whose latest figure is approved reads without the mark.
approved=$(awk '/^#### / { code = $2; sub(/:$/, "", code) }
	/^\| 2026-27 Q2 \|/ && !/provisional/ { print code; exit }' provisional.md)
[ -n "$approved" ] || fail "no measure of the demo has an approved 2026Q3 figure"
if sed -n "/^#### $approved: /,/^#### /p" provisional.md | grep -q 'provisional)\|Provisional figure'; then
	fail "$approved's approved figure is marked provisional"
fi
marked=$(grep -c '^Provisional figure' provisional.md || true)
[ "$marked" -gt 0 ] || fail "no reading is marked provisional"
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --publish -o provisional.html
expect_contains provisional.html '<th scope="row">2026-27 Q2</th><td>326 (provisional)</td>'
expect_contains provisional.html '<th scope="row">2026-27 Q1</th><td>340</td>'
# Each chart rings its provisional points, and its legend says what the
# ring means: as many rings as points marked in the tables.
rings=$(grep -o '<circle class="prov"' provisional.html | wc -l)
in_tables=$(grep -o '(provisional)</td>' provisional.html | wc -l)
[ "$rings" -gt 0 ] && [ "$rings" = "$in_tables" ] ||
	fail "the charts ring $rings points, the tables mark $in_tables provisional"
expect_contains provisional.html 'Provisional (not approved)'
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --publish --format pdf -o provisional.pdf
pdftotext provisional.pdf - | tr -s ' \n' '  ' >provisional.txt
[ "$(grep -o 'Provisional figure: its return is submitted' provisional.txt | wc -l)" = "$marked" ] ||
	fail "the PDF marks $(grep -o 'Provisional figure: its return' provisional.txt | wc -l) readings provisional, the Markdown $marked"
expect_contains provisional.txt "Provisional figures included"
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --publish --format xlsx -o provisional.xlsx
unzip -p provisional.xlsx xl/sharedStrings.xml >strings.xml
expect_contains strings.xml 'improvement (provisional)'
finish
