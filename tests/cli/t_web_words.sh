# The web speaks to its users, not to a terminal: every refusal of every
# form, as each role meets it, is read for command-line words (an option
# such as --text, or a 'vitals ...' command), and a refusal about one
# field links to that field.  A ';'-separated CSV is taken on the web,
# which has no separator setting, as it is on the command line with one.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "FAIL: curl is missing: run scripts/deps" >&2; exit 1; }

export VITALS_NOW=2027-01-05T10:00:00Z
db=$(new_db words.db)
expect_status 0 "$VITALS" --db "$db" demo --passwords
demo_users
serve_start serve

signin() { demo_signin "$@"; }
csrf_of() {	# csrf_of JAR: the session's form token
	curl -s -b "$1" "$url/account" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1
}

n=0
# refused JAR WANT PATH [curl data options...]: POST (GET with -G), expect
# status WANT, and read the page's words; the page is kept as page.N.html.
refused() {
	local jar=$1 want=$2 path=$3 got
	shift 3
	n=$((n + 1))
	got=$(curl -s -b "$jar" -o "page.$n.html" -w '%{http_code}' "$@" "$url$path")
	[ "$got" = "$want" ] || fail "$path ($*) answered $got, not $want"
	# The words a reader sees: the markup's text, without the tags.
	sed -e 's/<[^>]*>/ /g' "page.$n.html" >"words.$n.txt"
	if grep -Eq -- "(^|[^-])--[a-z]|vitals [a-z]+ [a-z-]+|'vitals " "words.$n.txt"; then
		fail "$path speaks command-line: $(grep -Eo -- ".{0,40}(--[a-z][a-z-]*|vitals [a-z]+).{0,20}" "words.$n.txt" | head -2)"
	fi
}
# links_to FIELD: the last page's error summary links to #FIELD.
links_to() {
	grep -q "govuk-error-summary" "page.$n.html" || fail "page.$n.html has no error summary"
	grep -q "href=\"#$1\"" "page.$n.html" || fail "page.$n.html's problem does not link to #$1: $(grep -o 'href="#[^"]*"' "page.$n.html" | head -3 | tr '\n' ' ')"
}

signin admin.jar admin@demo.invalid
signin lead.jar csc-lead@demo.invalid
signin police.jar police-lead@demo.invalid
signin scrutineer.jar scrutineer@demo.invalid
admin=$(csrf_of admin.jar)
lead=$(csrf_of lead.jar)
police=$(csrf_of police.jar)
scrutineer=$(csrf_of scrutineer.jar)
[ ${#admin} = 64 ] && [ ${#lead} = 64 ] && [ ${#scrutineer} = 64 ] || fail "no form token"

# Signing in.
login_token() { curl -s -c anon.jar -b anon.jar "$url/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p'; }
refused anon.jar 400 /login -c anon.jar --data "csrf=$(login_token)&email=&password="
refused anon.jar 401 /login -c anon.jar --data "csrf=$(login_token)&email=nobody@demo.invalid&password=wrong+password+here"
refused anon.jar 403 /login --data "csrf=0&email=a&password=b"

# Challenges: raising, answering, closing, each without its text, and
# about nothing or something that is not there.
refused scrutineer.jar 422 /challenges --data "csrf=$scrutineer&on=&text=Why%3F"
refused scrutineer.jar 422 /challenges --data "csrf=$scrutineer&on=action:csc-a01&text="
refused scrutineer.jar 422 /challenges --data "csrf=$scrutineer&on=action:no-such&text=Why%3F"
refused scrutineer.jar 422 /challenges --data "csrf=$scrutineer&on=nonsense&text=Why%3F"
curl -s -b scrutineer.jar -o /dev/null -w '%{redirect_url}' --data "csrf=$scrutineer&on=action:csc-a01&text=Is+this+on+track%3F" \
	"$url/challenges" >raised.txt
id=$(sed -n 's|.*/challenges/\([0-9]*\)\(?done=raised\)\{0,1\}$|\1|p' raised.txt)
[ -n "$id" ] || fail "no challenge was raised: $(cat raised.txt)"
refused lead.jar 422 "/challenges/$id/respond" --data "csrf=$lead&text="
refused lead.jar 422 "/challenges/$id/respond" --data "csrf=$lead&text=+++"
refused scrutineer.jar 422 "/challenges/$id/close" --data "csrf=$scrutineer&outcome="
refused police.jar 403 "/challenges/$id/respond" --data "csrf=$police&text=Not+ours"
refused scrutineer.jar 404 /challenges/99999/respond --data "csrf=$scrutineer&text=Hello"

# An action's monthly update: no rating, a red one without a note, blue
# without evidence, a stale form.
refused lead.jar 422 /actions/csc-a01 --data "csrf=$lead&seen=0&rag=&note=x"
seen=$(curl -s -b lead.jar "$url/actions/csc-a01" | sed -n 's/.*name="seen" value="\([0-9]*\)".*/\1/p' | head -1)
refused lead.jar 422 /actions/csc-a01 --data "csrf=$lead&seen=$seen&rag=red&note=+"
refused lead.jar 422 /actions/csc-a01 --data "csrf=$lead&seen=$seen&rag=blue&note=&evidence="
refused lead.jar 422 /actions/csc-a01 --data "csrf=$lead&seen=$seen&rag=purple&note=x"
refused lead.jar 409 /actions/csc-a01 --data "csrf=$lead&seen=$((seen + 7))&rag=green&note=on+track"
refused lead.jar 422 /actions/csc-a01 --data "csrf=$lead&rag=green&note=on+track"

# A return: figures that are not numbers, an upload of nothing, of a
# file that is no return, and sending one back without a reason.
page=$(curl -s -b lead.jar "$url/returns/scc-csc/2026Q4")
version_fields=$(printf '%s' "$page" | grep -o 'type="hidden" name="[a-z0-9-]*" value="[^"]*"' |
	sed 's/type="hidden" name="\([^"]*\)" value="\([^"]*\)"/--data-urlencode \1=\2/' | grep -v '=csrf\b' | tr '\n' ' ')
# shellcheck disable=SC2086
refused lead.jar 422 /returns/scc-csc/2026Q4 $version_fields --data-urlencode "csrf=$lead" --data-urlencode "value-0=abc" --data-urlencode "action=submit"
grep -q 'href="#value-0"' "page.$n.html" || fail "a figure that is no number does not link to its field"
refused lead.jar 422 /returns/scc-csc/2026Q4/upload -F "csrf=$lead" -F "file=@/dev/null;filename=empty.csv"
printf 'not,a,return\n1,2,3\n' >bad.csv
refused lead.jar 422 /returns/scc-csc/2026Q4/upload -F "csrf=$lead" -F "file=@bad.csv"
printf 'agency;measure;period;value\nscc-csc;csc-m1;2026Q4;abc\n' >semi.csv
refused lead.jar 422 /returns/scc-csc/2026Q4/upload -F "csrf=$lead" -F "file=@semi.csv"
expect_contains "words.$n.txt" "abc&#39; is not a number"
refused admin.jar 422 /returns/scc-csc/2026Q3/reopen --data "csrf=$admin&reason="
links_to reason
expect_contains "words.$n.txt" "Reason: say why the return goes back"
refused admin.jar 404 /returns/scc-csc/2026Q4/approve --data "csrf=$admin"

# A ';'-separated CSV, as a spreadsheet in some languages saves it, is
# read with ';' on the web.
printf 'agency;measure;period;value\nscc-csc;csc-m1;2026Q4;41\n' >semi-good.csv
got=$(curl -s -b lead.jar -o upload.html -w '%{http_code}' -F "csrf=$lead" -F "file=@semi-good.csv" "$url/returns/scc-csc/2026Q4/upload")
[ "$got" = 303 ] || fail "a ';'-separated CSV was refused on the web ($got): $(sed -e 's/<[^>]*>/ /g' upload.html | grep -o "error.\{0,200\}" | head -2)"

# Your account: tokens and the password.
refused lead.jar 422 /account/tokens --data "csrf=$lead&name="
links_to token-name
refused lead.jar 404 /account/tokens/revoke --data "csrf=$lead&name=no-such-token"
refused lead.jar 422 /account/password --data "csrf=$lead&current=&password=x&confirm=x"
links_to current-password
refused lead.jar 422 /account/password --data "csrf=$lead&current=x&password=short&confirm=short"
links_to new-password

# Administration: users.
refused admin.jar 422 /admin/users --data "csrf=$admin&email=not+an+address&name=Observer&role=viewer"
refused admin.jar 422 /admin/users --data "csrf=$admin&email=o@demo.invalid&name=Observer&role=emperor"
refused admin.jar 422 /admin/users --data "csrf=$admin&email=o@demo.invalid&name=Lead&role=agency-lead&agency="
refused admin.jar 422 /admin/users --data "csrf=$admin&email=admin@demo.invalid&name=Again&role=viewer"
refused admin.jar 422 /admin/users/disable --data "csrf=$admin&email=admin@demo.invalid"
refused admin.jar 422 /admin/users/disable --data "csrf=$admin&email=nobody@demo.invalid"
refused admin.jar 422 /admin/users/enable --data "csrf=$admin&email=nobody@demo.invalid"

# Roles and forms: refusals in words too.
refused lead.jar 403 /admin/users --data "csrf=$lead&email=x@demo.invalid&name=X&role=viewer"
refused lead.jar 403 /challenges --data "csrf=x&on=action:csc-a01&text=Hello"
# The lists' filter forms (GET): a value that is none of the choices.
refused lead.jar 400 /actions -G --data "rag=purple"
links_to rag
refused lead.jar 400 /actions -G --data "overdue=yes"
links_to overdue
refused lead.jar 400 /challenges -G --data "on=nonsense"
links_to filter-on
refused lead.jar 400 /returns -G --data "state=lost"
links_to state
refused lead.jar 400 /returns -G --data "period=2026Q9"
links_to period
refused lead.jar 400 /measures -G --data "plan=nope"
links_to plan
refused scrutineer.jar 400 /log -G --data "entity=nonsense"
links_to entity
[ "$n" -ge 42 ] || fail "only $n refusals were walked"
serve_stop "$server_pid"
finish
