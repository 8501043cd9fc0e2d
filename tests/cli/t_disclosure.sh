# Published packs: a count from 1 to 4 cannot be recovered from any other
# number of the pack (HTML, PDF, XLSX, Markdown): not from the change or
# the previous figure, the rate per 10,000, the mean or limits with the
# other points, the chart's geometry or axis, nor the next quarter's pack.
. "$(dirname "$0")/lib.sh"
command -v pdftotext >/dev/null || { echo "FAIL: pdftotext is missing: run scripts/deps" >&2; exit 1; }

export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db disclosure.db)
expect_status 0 "$VITALS" --db "$db" init
# Sixteen quarters, 2023Q1 to 2026Q4, the last a count of 3; then 2027Q1.
values=""
figures=(52 57 54 56 53 58 51 57 54 52 56 53 51 57 58 3)
periods=()
for y in 2023 2024 2025 2026; do for q in 1 2 3 4; do periods+=("${y}Q$q"); done; done
for i in "${!figures[@]}"; do
	values="$values${values:+,}{\"measure\": \"m\", \"period\": \"${periods[$i]}\", \"value\": ${figures[$i]}}"
done
cat >def.json <<JSON
{"vitals": 1,
 "partnership": {"code": "p", "name": "Small", "fy_start_month": 4,
   "population": [{"year": 2023, "children": 61234}, {"year": 2024, "children": 61234},
                  {"year": 2025, "children": 61234}, {"year": 2026, "children": 61234},
                  {"year": 2027, "children": 61234}]},
 "agencies": [{"code": "la", "name": "LA", "sector": "local-authority", "kind": "statutory-partner"}],
 "plans": [{"code": "pl", "title": "Plan", "kind": "single-agency", "agency": "la"}],
 "measures": [{"code": "m", "title": "Children on a plan for neglect", "plan": "pl",
   "agency": "la", "direction": "reduce", "unit": "count", "frequency": "quarterly"}],
 "values": [$values]}
JSON
expect_status 0 "$VITALS" --db "$db" load def.json

# A number as a pack might print it: rounded to 1-4 places or 3-4
# significant digits.  (The figures are whole numbers from 51 to 58, so a
# fraction among them can only be one of these.)
forms() {
	awk -v x="$1" 'BEGIN { n = split("%.1f %.2f %.3f %.4f %.3g %.4g", f, " ");
		for (i = 1; i <= n; i++) { s = sprintf(f[i], x); if (s ~ /\./) print s } }' | sort -u
}
# forbid PERIOD CHANGE: what must stay unknown in PERIOD's pack, from the
# working figures: the series' mean and limits, the rate, and the change
# to or from the hidden count (CHANGE, which is no figure of the series).
forbid() {
	local mean ucl lcl rate change
	expect_status 0 "$VITALS" --db "$db" spc m --json
	mean=$(jq '.mean' out) ucl=$(jq '.ucl' out) lcl=$(jq '.lcl' out)
	expect_status 0 "$VITALS" --db "$db" measures status --period "$1" --json
	rate=$(jq '.measures[0].rate_per_10k' out)
	change=$(jq '.measures[0].change' out)
	[ "$change" = "$2" ] || fail "the working change of $1 is $change, not $2"
	[ "$mean" != null ] && [ "$rate" != null ] || fail "the working figures lack a mean ($mean) or rate ($rate)"
	{ forms "$mean"; forms "$ucl"; forms "$lcl"; forms "$rate"; echo "$2"; echo "${2#-}"; } >forbidden
}

# The numbers of a text, one a line (thousands separators dropped).
numbers() { tr -d ',' <"$1" | grep -oE -- '-?[0-9]+(\.[0-9]+)?' | sort -u; }
# check_text FILE: no forbidden number in it.
check_text() {
	numbers "$1" >numbers.txt
	if grep -qxF -f forbidden numbers.txt; then
		fail "$1 gives away a number the hidden count can be solved from: $(grep -xF -f forbidden numbers.txt | head -3 | tr '\n' ' ')"
	fi
}

# check_pack PERIOD POINTS: every format of PERIOD's published pack.
check_pack() {
	local period=$1 n=$2 svg marks
	expect_status 0 "$VITALS" --db "$db" report --period $period --publish -o $period.html
	expect_status 0 "$VITALS" --db "$db" report --period $period --publish --format md -o $period.md
	expect_status 0 "$VITALS" --db "$db" report --period $period --publish --format pdf -o $period.pdf
	expect_status 0 "$VITALS" --db "$db" report --period $period --publish --format xlsx -o $period.xlsx
	pdftotext $period.pdf $period.pdf.txt
	sed 's/<[^>]*>/ /g' $period.html >$period.html.txt
	mkdir -p $period.x && (cd $period.x && unzip -q -o ../$period.xlsx)
	# The sheets' own values and strings (not the indexes of shared strings).
	cat $period.x/xl/worksheets/*.xml | sed 's/<c [^>]*t="s"[^>]*><v>[0-9]*<\/v>//g' |
		sed 's/<v>/ /g; s/<[^>]*>/ /g' >$period.xlsx.txt
	sed 's/<[^>]*>/ /g' $period.x/xl/sharedStrings.xml >>$period.xlsx.txt
	for f in $period.html.txt $period.md $period.pdf.txt $period.xlsx.txt; do
		check_text "$f"
	done
	grep -qF '| 2026-27 Q3 | \<5 |' $period.md || fail "$period.md does not show the hidden count as <5"
	grep -q '<th scope="row">2026-27 Q3</th><td>&lt;5</td>' $period.html ||
		fail "$period.html does not show the hidden count as <5"
	# The chart: the hidden point is a gap, and no mean or limit is drawn.
	svg=$(sed -n '/<svg /,/<\/svg>/p' $period.html)
	marks=$(printf '%s' "$svg" | grep -oE '<(circle|rect|polygon) class="(common|improvement|concern|neutral|expected)' | wc -l)
	[ "$marks" = $((n - 1)) ] || fail "$period.html: $marks points drawn for $((n - 1)) shown figures"
	if printf '%s' "$svg" | grep -q 'class="mean"'; then fail "$period.html draws the mean"; fi
	if printf '%s' "$svg" | grep -q 'class="limit"'; then fail "$period.html draws the limits"; fi
	grep -q 'mean and limits not published' $period.html || fail "$period.html does not say why the mean is not shown"
}

# The quarter of the hidden count: its change from 58, its rate, the mean.
forbid 2026Q4 -55
check_pack 2026Q4 16
# The working pack has them: the checks can fail.
expect_status 0 "$VITALS" --db "$db" report --period 2026Q4 --format md -o working.md
numbers working.md >numbers.txt
grep -qxF -f forbidden numbers.txt || fail "the working pack shows no mean: the checks prove nothing"

# The next quarter: its change from the hidden count (51 - 3 = 48).
cat >next.json <<'JSON'
{"vitals": 1, "values": [{"measure": "m", "period": "2027Q1", "value": 51}]}
JSON
expect_status 0 "$VITALS" --db "$db" load next.json
forbid 2027Q1 48
check_pack 2027Q1 17

# Nothing in the published pack depends on the hidden count at all: with
# the count of 2026Q2 set to 1, 2, 3 or 4 the packs are the same, byte for
# byte (the workbook's sheets, the PDF's text and its pages as pictures).
# In this series 2026Q3's 52 lies just above the upper limit with a count
# of 1 and inside it with a 4, so a reading made against the true limits
# would tell the two apart.
# same_packs H: H's published packs for 2026Q2 and 2026Q3 in same.H/.
same_packs() {
	local h=$1 db q
	mkdir -p same.$h
	sed "s/@HIDDEN@/$h/" "$VT_TEST_DATA/disclosure/flip.json.in" >same.$h.json
	db=$(new_db "same$h.db")
	expect_status 0 "$VITALS" --db "$db" init
	expect_status 0 "$VITALS" --db "$db" load same.$h.json
	expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --format md -o working.$h.md
	for q in 2026Q2 2026Q3; do
		expect_status 0 "$VITALS" --db "$db" report --period $q --publish -o same.$h/$q.html
		expect_status 0 "$VITALS" --db "$db" report --period $q --publish --format md -o same.$h/$q.md
		expect_status 0 "$VITALS" --db "$db" report --period $q --publish --format xlsx -o same.xlsx
		unzip -p same.xlsx 'xl/worksheets/*.xml' xl/sharedStrings.xml >same.$h/$q.xlsx.xml
		expect_status 0 "$VITALS" --db "$db" report --period $q --publish --format pdf -o same.pdf
		pdftotext same.pdf same.$h/$q.pdf.txt
		pdftoppm -r 40 -png same.pdf page
		cat page*.png | md5sum >same.$h/$q.pdf.pages
		rm -f page*.png
	done
}
for h in 1 2 3 4; do
	same_packs $h
done
# The working packs read 2026Q3 apart: the check below can fail.
grep -q 'Special cause of concern: the latest figure is above the upper' working.1.md &&
	grep -q '^Common cause variation' working.4.md ||
	fail "the working packs do not read 2026Q3 apart: $(grep -h 'cause' working.1.md working.4.md | cut -c1-80 | tr '\n' ' ')"
for h in 2 3 4; do
	for f in same.1/*; do
		cmp -s "$f" "same.$h/${f#same.1/}" ||
			fail "the published ${f#same.1/} differs between a hidden count of 1 and $h: $(diff "$f" "same.$h/${f#same.1/}" | grep '^[<>]' | head -2 | cut -c1-150 | tr '\n' ' ')"
	done
done
grep -q 'the latest figure is above the upper' same.1/2026Q3.md ||
	fail "the published reading of 2026Q3 is not the one of a count of 2.5: $(grep 'cause' same.1/2026Q3.md | cut -c1-80)"
finish
