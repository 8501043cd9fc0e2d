# Who sees which figures: another agency's figures and narratives only once
# its return is submitted, on every page, API, chart and pack; published
# outputs approved figures only; a challenge answered by the agency it is
# addressed to.  (The demo's police return for 2026Q3 is sent back, and
# its scc-csc and health returns for 2026Q3 are submitted, not approved.)
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "FAIL: curl is missing: run scripts/deps" >&2; exit 1; }

export VITALS_NOW=2027-01-05T10:00:00Z
db=$(new_db visibility.db)
expect_status 0 "$VITALS" --db "$db" demo --passwords
demo_users
expect_status 0 "$VITALS" --db "$db" returns status --period 2026Q3 --json
[ "$(jq -r '.agencies[] | select(.agency == "police") | .status' out)" = returned ] ||
	fail "the demo's police return for 2026Q3 is not sent back: $(cat out)"
# The police narrative of 2026Q3, as stored: it must not reach other agencies.
expect_status 0 "$VITALS" --db "$db" export all.json
narrative=$(jq -r '[.impact[] | select(.agency == "police" and .period == "2026Q3")][0].text' all.json | head -1 | cut -c1-60)
[ -n "$narrative" ] && [ "$narrative" != null ] || fail "the demo has no police narrative for 2026Q3"
police_q3=$(jq '[.values[] | select(.measure == "pol-m1" and .period == "2026Q3")] | length' all.json)
[ "$police_q3" -ge 1 ] || fail "the demo has no pol-m1 figure for 2026Q3"

serve_start serve
pid=$server_pid

signin() { demo_signin "$@"; }
get() {	# get JAR PATH OUT: the status
	curl -s -b "$1" -o "$3" -w '%{http_code}' "$url$2"
}
signin csc.jar csc-lead@demo.invalid
signin police.jar police-lead@demo.invalid
signin analyst.jar analyst@demo.invalid
signin viewer.jar viewer@demo.invalid

# 6. Side routes: the SPC, status, measure page and pack of another agency's
# lead hold no figure of the sent-back return; its own lead and the
# analyst see them.
for who in csc police analyst; do
	[ "$(get $who.jar /api/v1/measures/pol-m1/spc spc-$who.json)" = 200 ] ||
		fail "$who: the SPC API failed"
	[ "$(get $who.jar /api/v1/status/2026Q3 status-$who.json)" = 200 ] || fail "$who: the status API failed"
	[ "$(get $who.jar /api/v1/measures/pol-m1/values values-$who.json)" = 200 ] || fail "$who: the values API failed"
	[ "$(get $who.jar /measures/pol-m1 measure-$who.html)" = 200 ] || fail "$who: the measure page failed"
	[ "$(get $who.jar /reports/2026Q3/vital-signs.md pack-$who.md)" = 200 ] || fail "$who: the pack failed"
done
q3_points() { jq '[.points[] | select(.period == "2026Q3")] | length' "$1"; }
[ "$(q3_points spc-csc.json)" = 0 ] || fail "the SPC API gives another agency's lead a sent-back figure"
[ "$(q3_points spc-police.json)" = 1 ] || fail "the police lead does not see its own 2026Q3 figure in the SPC"
[ "$(q3_points spc-analyst.json)" = 1 ] || fail "the analyst does not see the sent-back figure in the SPC"
own_value() { jq '[.measures[] | select(.measure == "pol-m1") | .value] | map(select(. != null)) | length' "$1"; }
[ "$(own_value status-csc.json)" = 0 ] || fail "the status API gives another agency's lead a sent-back figure"
[ "$(own_value status-police.json)" = 1 ] || fail "the police lead does not see its own figure in the status"
[ "$(jq '[.[] | select(.period == "2026Q3")] | length' values-csc.json)" = 0 ] ||
	fail "the values API gives another agency's lead a sent-back figure"
if grep -q '<td class="govuk-table__cell">2026-27 Q2</td>' measure-csc.html; then
	fail "the measure page's versions show another agency's lead a sent-back figure"
fi
grep -q '<td class="govuk-table__cell">2026-27 Q2</td>' measure-police.html ||
	fail "the measure page does not show the police lead its own 2026Q3 figure"
if grep -qF -- "$narrative" pack-csc.md; then fail "the pack gives another agency's lead a sent-back narrative"; fi
grep -qF -- "$narrative" pack-police.md || fail "the police lead's pack lacks its own narrative"
grep -qF -- "$narrative" pack-analyst.md || fail "the analyst's pack lacks the police narrative"

# 7. Published outputs: approved figures only.  scc-csc's 2026Q3 return is
# submitted, not approved: its figures are in the analyst's pack, not in
# the viewer's nor in 'report --publish'; the police figures never.
expect_status 0 "$VITALS" --db "$db" measures status --period 2026Q3 --json
csc_measure=$(jq -r '[.measures[] | select(.measure | startswith("csc-")) | select(.value != null)][0].measure' out)
[ -n "$csc_measure" ] && [ "$csc_measure" != null ] || fail "no scc-csc measure has a 2026Q3 figure"
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --format md --publish
cp out published.md
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --format md
cp out working.md
[ "$(get viewer.jar /reports/2026Q3/vital-signs.md viewer.md)" = 200 ] || fail "the viewer's Markdown pack failed"
# A measure's row for 2026Q3 in the pack's table of figures.
q3_row() { sed -n "/^#### $2: /,/^#### /p" "$1" | grep -c '^| 2026-27 Q2 |' || true; }
[ "$(q3_row working.md "$csc_measure")" = 1 ] || fail "the working pack has no 2026Q3 figure for $csc_measure"
for f in published.md viewer.md; do
	[ "$(q3_row "$f" "$csc_measure")" = 0 ] || fail "$f shows a submitted, unapproved figure of $csc_measure"
	[ "$(q3_row "$f" pol-m1)" = 0 ] || fail "$f shows a sent-back figure of pol-m1"
	[ "$(sed -n '/^#### csc-m1: /,/^#### /p' "$f" | grep -c '^| 2026-27 Q1 |')" = 1 ] ||
		fail "$f lacks an approved figure (csc-m1, 2026Q2)"
	if grep -qF -- "$narrative" "$f"; then fail "$f carries the sent-back police narrative"; fi
done

# With the partnership's publish_submitted on, published packs carry
# submitted figures too, and say they are provisional; sent-back ones never.
grep -q '^> \*\*Provisional' published.md && fail "a pack of approved figures says it is provisional"
jq '{vitals: 1, partnership: (.partnership + {publish_submitted: true})}' all.json >provisional.json
expect_status 0 "$VITALS" --db "$db" load provisional.json
expect_status 0 "$VITALS" --db "$db" export again.json
[ "$(jq .partnership.publish_submitted again.json)" = true ] || fail "publish_submitted did not round-trip"
[ "$(jq -S '.partnership | del(.publish_submitted)' again.json)" = "$(jq -S '.partnership' all.json)" ] ||
	fail "loading publish_submitted changed the partnership's other settings"
expect_status 0 "$VITALS" --db "$db" report --period 2026Q3 --format md --publish
cp out provisional.md
expect_contains provisional.md "> **Provisional: this pack includes figures submitted by agencies but not yet approved.**"
[ "$(q3_row provisional.md "$csc_measure")" = 1 ] || fail "the provisional pack lacks the submitted figure of $csc_measure"
[ "$(q3_row provisional.md pol-m1)" = 0 ] || fail "the provisional pack shows a sent-back figure of pol-m1"
[ "$(get viewer.jar /reports/2026Q3/vital-signs.html viewer.html)" = 200 ] || fail "the viewer's HTML pack failed"
expect_contains viewer.html "Provisional: this pack includes figures submitted"

# 10. A challenge on a police action is answered by police, not by another
# agency's lead; the scrutineer and analysts may.
expect_status 0 "$VITALS" --db "$db" challenge add --on action:pol-a1 --by "independent scrutineer" --text "What changed for children?"
id=$(grep -o 'challenge [0-9]*' out | head -1 | cut -d' ' -f2)
[ -n "$id" ] || fail "no challenge number in: $(cat out)"
csrf() { curl -s -b "$1" "$url/challenges/$id" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1; }
curl -s -b csc.jar -o ch-csc.html "$url/challenges/$id"
if grep -q 'action="/challenges/'"$id"'/respond"' ch-csc.html; then
	fail "another agency's lead is offered the response form"
fi
[ "$(curl -s -b csc.jar -o resp.html -w '%{http_code}' --data "csrf=$(csrf csc.jar)&text=Not+ours" "$url/challenges/$id/respond")" = 403 ] ||
	fail "another agency's lead answered a challenge about a police action"
expect_status 0 "$VITALS" --db "$db" challenge list --json
[ "$(jq --arg id "$id" '[.challenges[] | select(.id == $id) | .responses[]] | length' out)" = 0 ] ||
	fail "the refused response was written"
[ "$(curl -s -b police.jar -o /dev/null -w '%{http_code}' --data "csrf=$(csrf police.jar)&text=Training+reached+90%25" "$url/challenges/$id/respond")" = 303 ] ||
	fail "the police lead cannot answer a challenge about its own action"
[ "$(curl -s -b analyst.jar -o /dev/null -w '%{http_code}' --data "csrf=$(csrf analyst.jar)&text=Noted" "$url/challenges/$id/respond")" = 303 ] ||
	fail "an analyst cannot answer a challenge"

# An action update must say which history it was made against ('seen'):
# without it, it could be saved over an update made meanwhile, unseen.
page_csrf=$(curl -s -b police.jar "$url/actions/pol-a1" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
expect_status 0 "$VITALS" --db "$db" export before-seen.json
for seen in "" "&seen=" "&seen=x" "&seen=-1"; do
	[ "$(curl -s -b police.jar -o noseen.html -w '%{http_code}' --data "csrf=$page_csrf&rag=green&note=fine$seen" "$url/actions/pol-a1")" = 422 ] ||
		fail "an action update with seen '$seen' was not refused"
done
expect_contains noseen.html "load the action again"
expect_status 0 "$VITALS" --db "$db" export after-seen.json
cmp -s before-seen.json after-seen.json || fail "a refused action update changed the database"

# Who did it is the account, not a display name: the change log records
# the police lead's response by its e-mail address.
expect_status 0 "$VITALS" --db "$db" log list --entity challenge
expect_contains out "police-lead@demo.invalid"
# An account is its address whatever its case: one user, signed in however
# the address is typed.
printf 'a long enough passphrase\n' >pw
expect_status 0 "$VITALS" --db "$db" user add Mixed.Case@Example.Test --name "Board member" --role viewer <pw
expect_status 1 "$VITALS" --db "$db" user add mixed.case@example.test --name "Again" --role viewer <pw
expect_contains err "exists already"
token=$(curl -s -c mixed.jar -b mixed.jar "$url/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
[ "$(curl -s -o /dev/null -w '%{http_code}' -c mixed.jar -b mixed.jar --data-urlencode "email=MIXED.CASE@example.TEST" \
	--data-urlencode "password=a long enough passphrase" --data-urlencode "csrf=$token" "$url/login")" = 303 ] ||
	fail "the address typed in other capitals does not sign in"

# 11. A workbook cannot file a narrative under another agency's own plan:
# scc-csc's form with its first priority row turned into police's pol-p1.
command -v zip >/dev/null || { fail "zip is missing: run scripts/deps"; finish; }
expect_status 0 "$VITALS" --db "$db" returns template --agency scc-csc --period 2026Q4 -o form.xlsx
mkdir form && (cd form && unzip -q ../form.xlsx)
row=$(grep -o '<c r="A[0-9]*" s="4" t="s"><v>[0-9]*</v></c>' form/xl/worksheets/sheet2.xml |
	while IFS= read -r cell; do
		n=$(echo "$cell" | sed 's/.*<v>\([0-9]*\)<.*/\1/')
		r=$(echo "$cell" | sed 's/<c r="A\([0-9]*\)".*/\1/')
		if [ "$(grep -o '<si>.*</si>' form/xl/sharedStrings.xml | sed 's|</si><si>|\n|g' | sed -n "$((n + 1))p" | sed 's/<[^>]*>//g')" = csc-p1 ]; then
			echo "$r"
		fi
	done | head -1)
[ -n "$row" ] || fail "the scc-csc form has no row for csc-p1"
sed -i -e "s|<c r=\"A$row\" s=\"4\" t=\"s\"><v>[0-9]*</v></c>|<c r=\"A$row\" t=\"inlineStr\"><is><t>pol-p1</t></is></c>|" \
	-e "s|<c r=\"C$row\" s=\"6\"/>|<c r=\"C$row\" t=\"inlineStr\"><is><t>Spoken for police</t></is></c>|" form/xl/worksheets/sheet2.xml
(cd form && zip -q -r -X ../forged.xlsx '[Content_Types].xml' _rels docProps xl)
expect_status 1 "$VITALS" --db "$db" returns import forged.xlsx
expect_contains err "forged.xlsx:Impact!C$row: error: priority 'pol-p1' is in agency 'police''s own plan"
expect_status 0 "$VITALS" --db "$db" export after.json
[ "$(jq '[.impact[] | select(.text | test("Spoken for police"))] | length' after.json)" = 0 ] ||
	fail "the forged narrative was stored"
echo "Spoken for police" >forged.md
expect_status 1 "$VITALS" --db "$db" returns impact --agency scc-csc --period 2026Q4 --priority pol-p1 forged.md
expect_contains err "agency 'scc-csc' cannot give a narrative for it"

# 14. A template workbook the reader refuses says why, on the command line
# and on the web, where the problem is the workbook's, not a figure's.
expect_status 0 "$VITALS" --db "$db" returns template --agency police --period 2026Q4 -o police.xlsx
mkdir broken && (cd broken && unzip -q ../police.xlsx && echo '<worksheet><sheetData><row' >xl/worksheets/sheet1.xml &&
	zip -q -r -X ../broken.xlsx '[Content_Types].xml' _rels docProps xl)
expect_status 1 "$VITALS" --db "$db" returns import broken.xlsx
expect_contains err "broken.xlsx: error: xl/worksheets/sheet1.xml: line 1:"
expect_contains err "refused: 1 problem"
return_csrf=$(curl -s -b police.jar "$url/returns/police/2026Q4" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
[ "$(curl -s -b police.jar -o upload.html -w '%{http_code}' -F "csrf=$return_csrf" -F "file=@broken.xlsx" \
	"$url/returns/police/2026Q4/upload")" = 422 ] || fail "a broken workbook upload was not refused with 422"
grep -q '<a href="#file">broken.xlsx: xl/worksheets/sheet1.xml: line 1:' upload.html ||
	fail "the broken workbook's problem is not the workbook's: $(grep -o '<li><a href[^<]*' upload.html | head -2)"
first_title=$(jq -r '[.measures[] | select(.agency == "police")][0].title' all.json)
if grep -qF "<a href=\"#value-0\">$first_title" upload.html; then fail "a whole-file problem is pinned to the first measure"; fi

kill "$pid"
wait "$pid" 2>/dev/null || true
finish
