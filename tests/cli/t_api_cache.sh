# The API's kept answers: an ETag on every answer, 304 for If-None-Match
# holding it, a new answer as soon as the data (changed by another
# process) or the day moves, and never one caller's answer to another.
. "$(dirname "$0")/lib.sh"

command -v curl >/dev/null || { echo "FAIL: curl is missing: run scripts/deps" >&2; exit 1; }

export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db cache.db)
expect_status 0 "$VITALS" --db "$db" demo --passwords
demo_users
for who in analyst police-lead csc-lead viewer; do
	expect_status 0 "$VITALS" --db "$db" token add "$who@demo.invalid" --name cache
	cp out "$who.token"
done

# get NAME URL-PATH WHO [ETAG]: the answer's status on standard output, its
# headers in NAME.h, its body in NAME.json; If-None-Match: ETAG when given.
get() {
	local name=$1 path=$2 who=$3
	curl -s -D "$name.h" -o "$name.json" -w '%{http_code}' \
		-H "Authorization: Bearer $(cat "$who.token")" \
		${4:+-H "If-None-Match: $4"} "$url$path"
}
etag() { sed -n 's/^ETag: \(.*\)\r$/\1/p' "$1.h"; }
# same_json A B: the two files hold the same JSON document.
same_json() { [ "$(jq -cS . "$1")" = "$(jq -cS . "$2")" ]; }

serve_start one
one=$url
serve_start two
two=$url

# Every read of the API carries an ETag; the same request again gets the
# same answer and the same ETag.
url=$one
for path in /api/v1/actions/summary /api/v1/measures '/api/v1/actions?rag=red' \
	/api/v1/challenges /api/v1/status/2026Q2 /api/v1/measures/pol-m1/values \
	/api/v1/measures/pol-m1/spc /api/v1/returns /api/v1/log /api/v1/returns/police/2026Q3; do
	[ "$(get a "$path" analyst)" = 200 ] || fail "$path: not 200"
	[ -n "$(etag a)" ] || fail "$path: no ETag"
	[ "$(get b "$path" analyst)" = 200 ] || fail "$path again: not 200"
	cmp -s a.json b.json || fail "$path: the kept answer differs from the one made"
	[ "$(etag a)" = "$(etag b)" ] || fail "$path: a second ETag for the same answer"
done
# An answer that is not 200 carries none.
[ "$(get a /api/v1/measures/nope/values analyst)" = 404 ] || fail "an unknown measure is not 404"
[ -z "$(etag a)" ] || fail "a 404 carries an ETag"

# The summary is the command line's, made or kept; If-None-Match holding
# its ETag (alone, in a list, or weak) is 304 without a body.
[ "$(get s1 /api/v1/actions/summary analyst)" = 200 ] || fail "the summary is not 200"
"$VITALS" --db "$db" actions summary --json >cli1.json
same_json s1.json cli1.json || fail "the API's summary is not the command line's"
tag1=$(etag s1)
for match in "$tag1" "\"0000\", $tag1" "W/$tag1"; do
	[ "$(get nm /api/v1/actions/summary analyst "$match")" = 304 ] ||
		fail "If-None-Match: $match is not 304"
	[ ! -s nm.json ] || fail "a 304 has a body"
	[ "$(etag nm)" = "$tag1" ] || fail "the 304 does not carry the ETag"
done
[ "$(get nm /api/v1/actions/summary analyst '"0000"')" = 200 ] || fail "another ETag is 304"
same_json nm.json s1.json || fail "the answer to another ETag differs"
# Another address, or the same with another query, has another ETag.
[ "$(get q1 '/api/v1/actions?rag=red' analyst)" = 200 ] || fail "?rag=red is not 200"
[ "$(get q2 '/api/v1/actions?rag=amber' analyst)" = 200 ] || fail "?rag=amber is not 200"
[ "$(etag q1)" != "$(etag q2)" ] || fail "two queries share an ETag"
[ "$(jq '[.[] | select(.rag != "red")] | length' q1.json)" = 0 ] || fail "?rag=red lists other ratings"
[ "$(get q2 '/api/v1/actions?rag=amber' analyst "$(etag q1)")" = 200 ] || fail "?rag=red's ETag is 304 for ?rag=amber"
# The second server, on the same database, gives the same ETag.
url=$two
[ "$(get s2 /api/v1/actions/summary analyst "$tag1")" = 304 ] || fail "the other server does not know the ETag"

# A change made by another process (the command line) shows at once, on
# both servers: the old ETag is 200 with the new answer and a new ETag.
red=$(jq -r '.red_list[0].ref' s1.json)
expect_status 0 "$VITALS" --db "$db" actions update "$red" --rag green --note "Illustrative: the audit is done."
"$VITALS" --db "$db" actions summary --json >cli2.json
! same_json cli1.json cli2.json || fail "the update did not change the summary"
for url in $one $two; do
	[ "$(get s3 /api/v1/actions/summary analyst "$tag1")" = 200 ] || fail "$url: the old ETag is still 304 after a change"
	same_json s3.json cli2.json || fail "$url: the summary after the change is not the command line's"
	[ -n "$(etag s3)" ] && [ "$(etag s3)" != "$tag1" ] || fail "$url: the ETag did not move with the data"
	[ "$(get s4 /api/v1/actions/summary analyst "$(etag s3)")" = 304 ] || fail "$url: the new ETag is not 304"
done

# An agency lead sees its own agency's drafts: its answer and ETag are
# never another agency's lead's, nor an analyst's.
url=$one
path=/api/v1/measures/pol-m1/values
[ "$(get police "$path" police-lead)" = 200 ] || fail "the police lead's values are not 200"
[ "$(get csc "$path" csc-lead)" = 200 ] || fail "the csc lead's values are not 200"
[ "$(get analyst "$path" analyst)" = 200 ] || fail "the analyst's values are not 200"
[ "$(etag police)" != "$(etag csc)" ] || fail "two agencies' leads share an ETag"
[ "$(etag police)" != "$(etag analyst)" ] || fail "a lead and an analyst share an ETag"
# The quarters the analyst sees and the csc lead does not: the police
# return's, not yet shared (neither submitted nor approved); the police
# lead sees them, and the csc lead, sent the police lead's ETag, is
# answered without them.
hidden=$(jq -r --slurpfile c csc.json '[.[].period] - [$c[0][].period] | unique | .[]' analyst.json)
[ -n "$hidden" ] || fail "the demo has no police figures hidden from another agency"
for p in $hidden; do
	"$VITALS" --db "$db" returns status --period "$p" --json >st.json
	state=$(jq -r '.agencies[] | select(.agency == "police") | .status' st.json)
	case $state in submitted|approved) fail "$p: the police return is $state, yet hidden" ;; esac
	jq -e --arg p "$p" 'any(.[]; .period == $p)' police.json >/dev/null || fail "the police lead does not see its own $p"
done
[ "$(get csc "$path" csc-lead "$(etag police)")" = 200 ] || fail "the police lead's ETag is 304 for the csc lead"
for p in $hidden; do
	jq -e --arg p "$p" 'all(.[]; .period != $p)' csc.json >/dev/null || fail "the csc lead sees the police figures of $p"
done
# The same lead again: kept, the same.
[ "$(get police2 "$path" police-lead)" = 200 ] && cmp -s police.json police2.json || fail "the police lead's kept answer differs"
# A viewer has no API, kept answer or not.
[ "$(get v "$path" viewer "$(etag analyst)")" = 403 ] || fail "a viewer is not refused the API"
[ -z "$(etag v)" ] || fail "a refusal carries an ETag"

# More addresses than the server keeps answers for (256): the oldest make
# room, and every answer, made again or kept, is still the one made first.
url=$one
[ "$(get m0 '/api/v1/measures?n=0' analyst)" = 200 ] || fail "/api/v1/measures?n=0 is not 200"
urls=()
for n in $(seq 1 300); do urls+=(-o /dev/null "$url/api/v1/measures?n=$n"); done
curl -s -w "%{http_code}\n" -H "Authorization: Bearer $(cat analyst.token)" "${urls[@]}" >many
[ "$(grep -cx 200 many)" = 300 ] || fail "not every one of 300 addresses is 200"
[ "$(get m1 '/api/v1/measures?n=0' analyst "$(etag m0)")" = 304 ] || fail "the first answer's ETag is not 304 after 300 others"
[ "$(get m1 '/api/v1/measures?n=0' analyst)" = 200 ] && cmp -s m0.json m1.json || fail "the first answer made again differs"
[ "$(etag m0)" = "$(etag m1)" ] || fail "the first answer's ETag moved"

# The home page's tasks are kept too, per change-log head, day, role and
# agency: each lead sees only its own, the same when opened again, and a
# change made by another process shows at the next opening.
url=$one
demo_signin pj police-lead@demo.invalid
demo_signin cj csc-lead@demo.invalid
# tasks JAR NAME: the home page's list of tasks, one per line, in NAME.
tasks() {
	curl -s -b "$1" "$url/" | tr '\n' ' ' |
		sed -n 's/.*<ul[^>]*id="tasks"[^>]*>//p' | sed 's|</ul>.*||' |
		sed 's/<li>/\n/g; s/<[^>]*>//g' | grep . >"$2" || true
}
tasks pj police1
tasks cj csc1
grep -q "^Action pol-a2 needs its quarterly update" police1 || fail "the police lead's home does not ask for pol-a2's update"
! grep -q "Action csc-" police1 || fail "the police lead's home lists another agency's action"
grep -q "^Action csc-a01 needs its" csc1 || fail "the CSC lead's home does not ask for csc-a01's update"
! grep -q "Action pol-" csc1 || fail "the CSC lead's home lists the police's action"
tasks pj police2
cmp -s police1 police2 || fail "the police lead's kept tasks differ from those made"
expect_status 0 "$VITALS" --db "$db" actions update pol-a2 --rag amber --note "Illustrative: briefings under way."
tasks pj police3
! grep -q "pol-a2" police3 || fail "pol-a2 updated by another process is still asked for"
[ "$(grep -vc pol-a2 police1)" = "$(wc -l <police3)" ] || fail "the police lead's other tasks changed"
tasks cj csc2
cmp -s csc1 csc2 || fail "the CSC lead's tasks changed with the police's update"

# The measure, priority and report pages share the pack of a period,
# kept per change-log head, day, role and agency: a figure changed by
# another process shows at the next request, and each reader sees only
# what it may.  The police figure hidden from other agencies (above) is
# in the police lead's pack of its quarter, never in the CSC lead's.
url=$one
demo_signin aj analyst@demo.invalid
demo_signin vj viewer@demo.invalid
q=$(echo "$hidden" | grep -x '[0-9]\{4\}Q[1-4]' | tail -1)
[ -n "$q" ] || fail "no hidden police quarter"
y=${q%Q*}
n=${q#*Q}
# The quarter as the pages write it (the year starts in April).
if [ "$n" = 1 ]; then label="$((y - 1))-${y#??} Q4"; else label="$y-$(printf %02d $(((y + 1) % 100))) Q$((n - 1))"; fi
# figure JAR NAME: the figure of pol-m1 in the hidden quarter on its
# measure page, in NAME ("" when not shown), the page in NAME.html.
figure() {
	curl -s -b "$1" "$url/measures/pol-m1?period=$q" >"$2.html"
	sed 's|<tr>|\n|g' "$2.html" | sed -n "s|^<th scope=\"row\">$label</th><td>\([^<]*\)</td>.*|\1|p" | head -1 >"$2"
}
was=$(jq -r --arg p "$q" '.[] | select(.period == $p) | .value' analyst.json)
figure pj pf1
[ "$(cat pf1)" = "$was" ] || fail "the police lead's measure page does not show its own $q figure $was"
figure cj cf1
grep -q 'id="reading"' cf1.html || fail "the CSC lead's measure page is not shown"
[ ! -s cf1 ] || fail "the CSC lead's measure page shows the police figure of $q"
figure pj pf2
cmp -s pf1.html pf2.html || fail "the police lead's kept measure page differs from the one made"
figure aj af1
[ "$(cat af1)" = "$was" ] || fail "the analyst's measure page does not show the $q figure"
# A viewer sees no measure page, only the published board: never the
# analyst's pack.
[ "$(curl -s -o /dev/null -w '%{http_code}' -b vj "$url/measures/pol-m1?period=$q")" = 403 ] ||
	fail "a viewer opens a measure page"
curl -s -b vj "$url/reports?period=$q" >vr.html
curl -s -b aj "$url/reports?period=$q" >ar.html
grep -q 'as published' vr.html || fail "the viewer's reports are not the published pack"
! grep -q 'as published' ar.html || fail "the analyst's reports are the published pack"
# Another process changes the figure: the next request shows it.
printf 'agency,measure,period,value\npolice,pol-m1,%s,%s\n' "$q" "$((was + 40))" >fig.csv
expect_status 0 "$VITALS" --db "$db" returns import fig.csv
for jar in pj aj; do
	figure $jar new
	[ "$(cat new)" = "$((was + 40))" ] || fail "$jar: the figure changed by another process is not shown"
done
# Imported, the police return is submitted, shared with every agency:
# the CSC lead's kept pack without it is not served again.
"$VITALS" --db "$db" returns status --period "$q" --json >st.json
[ "$(jq -r '.agencies[] | select(.agency == "police") | .status' st.json)" = submitted ] ||
	fail "the imported police return of $q is not submitted"
figure cj cf2
[ "$(cat cf2)" = "$((was + 40))" ] || fail "the CSC lead's measure page does not show the submitted police figure"
# The priority page's pack and tracker move with an action updated by
# another process.
pa=""
for pr in $(curl -s -b aj "$url/measures" | { grep -o '/priorities/[A-Za-z0-9-]*' || true; } | sort -u); do
	pa=$(curl -s -b aj "$url$pr" | { grep -o 'href="/actions/[A-Za-z0-9-]*"' || true; } | head -1)
	[ -z "$pa" ] || break
done
pa=${pa#href=\"/actions/}
pa=${pa%\"}
[ -n "$pa" ] || fail "no priority page lists an action"
for rag in green red; do
	curl -s -b aj "$url$pr" >/dev/null	# kept before the change
	expect_status 0 "$VITALS" --db "$db" actions update "$pa" --rag $rag --note "Illustrative: rated $rag."
	curl -s -b aj "$url$pr" | tr -d '\n' | grep -q "$rag</strong> <a [^>]*href=\"/actions/$pa\"" ||
		fail "$pr: $pa updated by another process is not shown $rag"
done

# Another day: a server of a later day on the same data has another ETag
# and the command line's answer for that day (more actions overdue).
export VITALS_NOW=2027-03-01T10:00:00Z
serve_start three
[ "$(get s5 /api/v1/actions/summary analyst "$(etag s3)")" = 200 ] || fail "another day's server says 304 to the day before's ETag"
"$VITALS" --db "$db" actions summary --json >cli3.json
! same_json cli2.json cli3.json || fail "the day moving did not change the summary"
same_json s5.json cli3.json || fail "the later day's summary is not the command line's"
[ "$(etag s5)" != "$(etag s3)" ] || fail "the ETag did not move with the day"

finish
