# A list's page and its API read the same query the same way: the same
# rows, or the same refusal (400, with the API's words in the page's error
# summary, linked to the filter's field), for every list (the action
# tracker, the challenge log, the returns, the measures, the change log),
# each tried with valid and invalid filters.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "FAIL: curl is missing: run scripts/deps" >&2; exit 1; }
command -v jq >/dev/null || { echo "FAIL: jq is missing: run scripts/deps" >&2; exit 1; }

export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db lists.db)
expect_status 0 "$VITALS" --db "$db" demo --passwords
demo_users
expect_status 0 "$VITALS" --db "$db" token add analyst@demo.invalid --name lists
token=$(tail -1 out)
# Challenges to list: open, answered and closed, on an action, a measure
# and a return.
expect_status 0 "$VITALS" --db "$db" challenge add --on action:csc-a01 --by "Independent scrutineer" --text "Is this on track?"
first=$(tail -1 out | grep -o '[0-9]*' | head -1)
expect_status 0 "$VITALS" --db "$db" challenge add --on measure:pol-m1 --by "Independent scrutineer" --text "Why the rise?"
expect_status 0 "$VITALS" --db "$db" challenge add --on return:police/2026Q3 --by "Independent scrutineer" --text "Late again?"
third=$(tail -1 out | grep -o '[0-9]*' | head -1)
expect_status 0 "$VITALS" --db "$db" challenge respond "$first" --by "CSC lead" --text "Yes, see the update."
expect_status 0 "$VITALS" --db "$db" challenge close "$third" --by "Independent scrutineer" --outcome "Resolved."
plan=$("$VITALS" --db "$db" export - | jq -r '[.actions[].plan] | unique | .[0]')
[ -n "$plan" ] && [ "$plan" != null ] || fail "the demo has no action with a plan"
priority=$("$VITALS" --db "$db" export - | jq -r '.priorities[0].code')
[ -n "$priority" ] && [ "$priority" != null ] || fail "the demo has no priority"

serve_start serve
demo_signin jar analyst@demo.invalid

# same LIST PATTERN JQ QUERY [SORT]: the page /LIST?QUERY and
# /api/v1/LIST?QUERY agree.  PATTERN finds a row's key in the page (what
# follows its last '/', '=' or '"'); JQ lists the API's keys; with SORT,
# the two are compared as sets (the page groups its rows).
tried=0
same() {
	local list=$1 pattern=$2 filter=$3 query=$4 order=${5:-} page api message
	tried=$((tried + 1))
	page=$(curl -s -b jar -o page.html -w '%{http_code}' "$url/$list?$query")
	api=$(curl -s -H "Authorization: Bearer $token" -o api.json -w '%{http_code}' "$url/api/v1/$list?$query")
	if [ "$page" != "$api" ]; then
		fail "/$list?$query: the page answered $page, the API $api"
		return
	fi
	case $api in
	200)
		{ grep -o "$pattern" page.html || true; } | sed 's/"$//; s/.*[/="]//' >page.keys
		jq -r "$filter" api.json >api.keys
		if [ -n "$order" ]; then
			sort -o page.keys page.keys
			sort -o api.keys api.keys
		fi
		[ -s api.keys ] && echo "$list" >>listed
		cmp -s page.keys api.keys ||
			fail "/$list?$query: the page lists $(wc -l <page.keys) ($(tr '\n' ' ' <page.keys | cut -c1-80)), the API $(wc -l <api.keys) ($(tr '\n' ' ' <api.keys | cut -c1-80))"
		;;
	400)
		message=$(jq -r .error api.json | sed "s/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/\"/\&quot;/g; s/'/\&#39;/g")
		[ -n "$message" ] || fail "/api/v1/$list?$query: a 400 without its reason"
		grep -qiF -- "$message" page.html || fail "/$list?$query: the page does not say the API's '$message'"
		grep -q 'govuk-error-summary' page.html || fail "/$list?$query: the refusal has no error summary"
		;;
	*)
		fail "/$list?$query: answered $api"
		;;
	esac
	echo "$api" >>statuses
}

# The tracker shows 25 a page: its first page is the API's first 25,
# and it says how many there are in all.
actions() {
	same actions 'href="/actions/[^"]*"' '.[:25][].ref' "$1"
	if [ "$(tail -1 statuses)" = 200 ] && [ "$(jq length api.json)" -gt 0 ]; then
		grep -q " of $(jq length api.json) actions<" page.html ||
			fail "/actions?$1: the page does not say how many of $(jq length api.json) it shows"
	fi
}
actions ""
actions "rag=red"
actions "rag=Amber"
actions "rag=purple"
actions "agency=police"
actions "agency="
actions "agency=nope"
actions "plan=$plan"
actions "plan=nope"
actions "overdue=1"
actions "overdue=0"
actions "overdue=yes"
actions "stale=1"
actions "stale=0&rag=green"
actions "rag=red&agency=scc-csc"
actions "rag=&plan=&overdue=&stale="
actions "q=pol-a"
actions "q=POL-A1&rag=red"
actions "q=nothing-has-this-title"
actions "q="

challenges() { same challenges 'href="/challenges/[0-9]*"' '.challenges[].id' "$1"; }
challenges ""
challenges "open=1"
challenges "open=0"
challenges "open=maybe"
challenges "on=action:csc-a01"
challenges "on=action:nope"
challenges "on=measure:pol-m1"
challenges "on=return:police/2026Q3"
challenges "on=return:nobody/2026Q3"
challenges "on=nonsense"
challenges "open=1&on=action:csc-a01"
challenges "open=1&on=return:police/2026Q3"

# The returns of the quarter being made on the day (2026Q3), and others.
returns() { same returns 'data-agency="[^"]*"' '.agencies[].agency' "$1"; }
returns ""
returns "period=2026Q3"
returns "period=2026Q2"
returns "period=2026"
returns "period=2026Q9"
returns "period=last"
returns "state=missing"
returns "state=submitted&period=2026Q3"
returns "state=lost"
returns "late=1"
returns "late=1&state=missing"
returns "late=soon"
returns "period=&state=&late="

measures() { same measures 'href="/measures/[^"]*"' '.[].code' "$1" sort; }
measures "period=2026Q3"
measures "period=2026Q3&plan=$plan"
measures "period=2026Q3&plan=nope"
measures "period=2026Q3&agency=police"
measures "period=2026Q3&agency=nope"
measures "period=2026Q3&priority=nope"
measures "period=2026Q3&priority=$priority"
measures "period=Q3"
measures "period=2026Q3&agency=police&plan=$plan"
measures "period=2026Q2&agency=scc-csc"

# The change log: demo loading, a challenge's changes, a token's
# making, all recorded.
changes() { same log 'data-entry="[0-9]*"' '.[].id' "$1"; }
changes ""
changes "entity=challenge"
changes "entity=measure"
changes "entity=import"
changes "entity=nonsense"
changes "entity=measure&key=pol-m1"
changes "key=pol-m1"
changes "key=nothing-has-this-key"
changes "entity=<b>x</b>"
changes "entity=&key="

# Both answers were seen, and rows were listed, not only refusals.
grep -qx 200 statuses || fail "no query listed rows"
grep -qx 400 statuses || fail "no query was refused"
for list in actions challenges returns measures log; do
	grep -qx "$list" listed || fail "no query of /$list listed any row"
done
[ "$tried" -ge 65 ] || fail "only $tried queries were tried"
# The filtered page shows the filter as given, and the refusal links to
# its field.
curl -s -b jar -o page.html "$url/actions?rag=purple"
grep -q 'href="#rag"' page.html || fail "a refused rating does not link to the rating"
curl -s -b jar -o page.html "$url/challenges?on=nonsense"
grep -q 'href="#filter-on"' page.html || fail "a refused subject does not link to its field"
curl -s -b jar -o page.html "$url/returns?state=lost"
grep -q 'href="#state"' page.html || fail "a refused state does not link to its field"
curl -s -b jar -o page.html "$url/measures?period=Q3"
grep -q 'href="#period"' page.html || fail "a refused period does not link to its field"
curl -s -b jar -o page.html "$url/log?entity=nonsense"
grep -q 'href="#entity"' page.html || fail "a refused entity does not link to its field"
# The log's page is for people: no command is offered on it.
curl -s -b jar -o page.html "$url/log"
expect_not_contains page.html "vitals log"
curl -s -b jar -o page.html "$url/actions?overdue=1"
grep -q 'id="overdue" name="overdue" type="checkbox" value="1" checked' page.html ||
	fail "the tracker does not show its filter as given"
serve_stop "$server_pid"
finish
