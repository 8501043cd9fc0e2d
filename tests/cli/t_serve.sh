# vitals serve on 127.0.0.1: health, security headers, sign-in with
# argon2id passwords, CSRF, throttling, sessions shared by two servers,
# 404/405; pages checked by the Nu HTML Checker.  (Driven with curl.)
. "$(dirname "$0")/lib.sh"

vnu=$VT_SOURCE_DIR/tools/node_modules/vnu-jar/build/dist/vnu.jar
[ -f "$vnu" ] || { echo "FAIL: $vnu is missing: run scripts/deps" >&2; exit 1; }
command -v curl >/dev/null || { echo "FAIL: curl is missing: run scripts/deps" >&2; exit 1; }

# The server and the command line read the same fixed day.
export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db serve.db)
expect_status 0 "$VITALS" --db "$db" demo --passwords
# One demo-only password per demo user, printed once: "EMAIL ROLE PASSWORD".
sed -n '/^demo users/,$p' out | sed -n 's/^  \([^ ]*@demo.invalid\) *\([a-z-]*\) *\([a-z0-9-]*\)$/\1 \2 \3/p' >demo_users
[ "$(wc -l <demo_users)" = 9 ] || fail "demo --passwords printed $(wc -l <demo_users) users, not 9"

# Users: the password from standard input, at least 12 characters.
echo "short" >pw
expect_status 1 "$VITALS" --db "$db" user add lead@example.test --name "Police lead" --role agency-lead --agency police <pw
expect_contains err "shorter than 12 characters"
# Length is not enough: one repeated character, the commonest passwords
# and bytes that are not UTF-8 are refused, and no user is added.
for bad in aaaaaaaaaaaa abababababab 'Password1234' 'qwertyuiop12' "$(printf 'caf\351 au lait du jour')"; do
	printf '%s\n' "$bad" >pw
	expect_status 1 "$VITALS" --db "$db" user add weak@example.test --name "Weak" --role viewer <pw
done
expect_contains err "the password is not UTF-8 text"
printf 'aaaaaaaaaaaa\n' >pw
expect_status 1 "$VITALS" --db "$db" user add weak@example.test --name "Weak" --role viewer <pw
expect_contains err "at least five different"
printf 'Password1234\n' >pw
expect_status 1 "$VITALS" --db "$db" user add weak@example.test --name "Weak" --role viewer <pw
expect_contains err "one of the commonest"
echo "a long enough passphrase" >pw
expect_status 1 "$VITALS" --db "$db" user password weak@example.test <pw
expect_contains err "there is no user 'weak@example.test'"
expect_status 0 "$VITALS" --db "$db" user add lead@example.test --name "Police lead" --role agency-lead --agency police <pw
expect_contains out "user 'lead@example.test' can sign in"
expect_status 1 "$VITALS" --db "$db" user add lead@example.test --name "Again" --role viewer <pw
expect_contains err "exists already"
expect_status 1 "$VITALS" --db "$db" user add who@example.test --name "No agency" --role agency-lead <pw
expect_contains err "an agency lead needs an 'agency'"
echo "another long passphrase" >pw2
expect_status 0 "$VITALS" --db "$db" user add viewer@example.test --name "Board member" --role viewer <pw2
# No password hash leaves through a definition file.
expect_status 0 "$VITALS" --db "$db" export all.json
if grep -q 'argon2' all.json; then fail "the export holds a password hash"; fi

expect_status 0 "$VITALS" roles-audit
expect_contains out "POST   /login"
expect_contains out "GET    /"

serve_start one
one=$url
serve_start two
two=$url

# Health and the headers every response carries.
curl -s -D h.txt -o body.txt "$one/healthz"
expect_contains h.txt "HTTP/1.1 200"
expect_contains body.txt "ok"
for header in "Content-Security-Policy: default-src 'none'" "frame-ancestors 'none'" \
	"X-Content-Type-Options: nosniff" "Referrer-Policy: same-origin"; do
	expect_contains h.txt "$header"
done
if grep -qi "unsafe-inline" h.txt; then fail "the CSP allows inline code"; fi
curl -s -D h.txt -o /dev/null "$one/nope"
expect_contains h.txt "HTTP/1.1 404"
expect_contains h.txt "X-Frame-Options: DENY"
curl -s -D h.txt -o /dev/null -X DELETE "$one/login"
expect_contains h.txt "HTTP/1.1 405"
expect_contains h.txt "Allow: GET, POST"
curl -s -D h.txt -o /dev/null "$one/"
expect_contains h.txt "HTTP/1.1 303"
expect_contains h.txt "Location: /login"
# The form's cookie is Secure only behind a proxy that says it ended TLS.
curl -s -D h.txt -o /dev/null "$one/login"
if grep -i '^Set-Cookie: vitals_csrf=' h.txt | grep -q Secure; then fail "a cookie over plain HTTP is Secure"; fi
curl -s -D h.txt -o /dev/null -H "X-Forwarded-Proto: https" "$one/login"
grep -i '^Set-Cookie: __Host-vitals_csrf=' h.txt | grep -q 'Path=/; .*; Secure' ||
	fail "behind a TLS proxy the cookie is not a Secure __Host- cookie: $(grep -i '^Set-Cookie' h.txt)"
if grep -qi 'Domain=' h.txt; then fail "a cookie names a domain"; fi
# Over TLS only the __Host- cookie counts: a plain one (planted by a
# neighbouring subdomain, say) is not read.
token=$(curl -s -c tls.jar -H "X-Forwarded-Proto: https" "$one/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "X-Forwarded-Proto: https" -H "Cookie: vitals_csrf=$token" \
	--data-urlencode "email=x@example.test" --data-urlencode "password=x" --data-urlencode "csrf=$token" "$one/login")" = 403 ] ||
	fail "over TLS a plain-named form cookie was taken"

# form JAR: the sign-in form's token (its cookie goes in JAR)
form() { curl -s -c "$1" -b "$1" "$one/login" >login.html &&
	sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' login.html; }
signin() {	# signin JAR EMAIL PASSWORD: the status
	local token
	token=$(form "$1")
	curl -s -o signin.html -D signin.h -w '%{http_code}' -c "$1" -b "$1" \
		--data-urlencode "email=$2" --data-urlencode "password=$3" \
		--data-urlencode "csrf=$token" "$one/login"
}
token=$(form jar)
[ ${#token} = 64 ] || fail "the sign-in form has no token"
java -jar "$vnu" --errors-only login.html || fail "the sign-in page is not valid HTML"

# The same answer whether or not the account exists.
[ "$(signin jar lead@example.test 'not the passphrase')" = 401 ] || fail "a wrong password was not refused"
grep -o '<a href="#email">[^<]*' signin.html >wrong.txt
[ "$(signin jar nobody@example.test 'not the passphrase')" = 401 ] || fail "an unknown account was not refused"
grep -o '<a href="#email">[^<]*' signin.html >unknown.txt
cmp -s wrong.txt unknown.txt || fail "an unknown account gets other words: $(cat unknown.txt)"
expect_contains wrong.txt "The email address or password is not right"
# A page with an error summary says so first, in its title (GOV.UK).
grep -q '<title>Error: Sign in' signin.html || fail "the refused sign-in's title does not begin 'Error: ': $(grep -o '<title>[^<]*' signin.html)"
java -jar "$vnu" --errors-only signin.html || fail "the refused sign-in page is not valid HTML"

# A form without its token is refused, even with the right password.
status=$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode "email=lead@example.test" \
	--data-urlencode "password=a long enough passphrase" "$one/login")
[ "$status" = 403 ] || fail "a sign-in without the CSRF token got $status"

[ "$(signin jar lead@example.test 'a long enough passphrase')" = 303 ] || fail "the right password was refused"
expect_contains signin.h "Set-Cookie: vitals_session="
grep -i '^Set-Cookie: vitals_session=' signin.h | grep -q 'HttpOnly; SameSite=Lax' ||
	fail "the session cookie is not HttpOnly and SameSite=Lax"
curl -s -b jar -o dash.html -w '%{http_code}' "$one/" >code.txt
expect_contains code.txt 200
expect_contains dash.html "Signed in as Police lead (agency-lead)"
expect_contains dash.html "Illustrative figures: demo data"
java -jar "$vnu" --errors-only dash.html || fail "the dashboard is not valid HTML"

# The session lives in the database: the other server knows it.
curl -s -b jar -o dash2.html -w '%{http_code}' "$two/" >code.txt
expect_contains code.txt 200
expect_contains dash2.html "Signed in as Police lead"

# A concurrent edit across the two servers: both forms read the same
# version; the first save wins, the second gets both versions shown and
# writes nothing.  The same for an action's monthly update.
form_field() { sed -n 's/.*name="'"$2"'" value="\([^"]*\)".*/\1/p' "$1" | head -1; }
curl -s -b jar -o formA.html "$one/returns/police/2026Q3"
curl -s -b jar -o formB.html "$two/returns/police/2026Q3"
based=$(form_field formA.html based-0)
[ -n "$based" ] && [ "$based" = "$(form_field formB.html based-0)" ] || fail "the forms read different versions"
token=$(form_field formA.html csrf)
[ "$(curl -s -b jar -o /dev/null -w '%{http_code}' --data "csrf=$token&value-0=101&based-0=$based&confirmed=yes" "$one/returns/police/2026Q3")" = 303 ] ||
	fail "the first edit was refused"
[ "$(curl -s -b jar -o stale.html -w '%{http_code}' --data "csrf=$token&value-0=202&based-0=$based" "$two/returns/police/2026Q3")" = 409 ] ||
	fail "the second edit, based on the same version, was not refused"
expect_contains stale.html "Someone else changed this return"
grep -q '>101 (version' stale.html || fail "the stale page does not show the stored version"
grep -q '>202<' stale.html || fail "the stale page does not show the refused edit"
curl -s -b jar "$one/api/v1/returns/police/2026Q3" >ret.json
[ "$(jq '.figures[] | select(.measure == "pol-m1" and .breakdown == null) | .value' ret.json)" = 101 ] ||
	fail "the stored figure is not the first edit's: $(cat ret.json)"
curl -s -b jar -o actA.html "$one/actions/pol-a1"
seen=$(form_field actA.html seen)
[ "$(curl -s -b jar -o /dev/null -w '%{http_code}' --data "csrf=$token&rag=amber&note=first&seen=$seen" "$one/actions/pol-a1")" = 303 ] ||
	fail "the first action update was refused"
[ "$(curl -s -b jar -o stale.html -w '%{http_code}' --data "csrf=$token&rag=green&note=second&seen=$seen" "$two/actions/pol-a1")" = 409 ] ||
	fail "the second action update, begun before the first, was not refused"
expect_contains stale.html "Someone else updated this action"
# The dashboard is kept between requests, but never past a change: an
# action rated red by another process shows on the next request.  The
# dashboard is the latest quarter's pack, whose actions are as they stood
# at the quarter's end: the update is dated on that day, 30 September.
reds() { curl -s -b jar "$1/" | sed -n 's/.*Actions: \([0-9]*\) red.*/\1/p' | head -1; }
before=$(reds "$one")
[ -n "$before" ] || fail "the dashboard does not count red actions"
[ "$(reds "$one")" = "$before" ] || fail "the kept dashboard changed with nothing changed"
expect_status 0 "$VITALS" --db "$db" actions update pol-a2 --rag red --note "Kept dashboards are checked" \
	--date 2026-09-30
[ "$(reds "$one")" = $((before + 1)) ] || fail "the dashboard kept its old count after a change"
[ "$(reds "$two")" = $((before + 1)) ] || fail "the other server kept its old count after a change"
# The police return goes back to the agency, as the demo had it.
expect_status 0 "$VITALS" --db "$db" returns reopen --agency police --period 2026Q3 --reason "Figures for August do not match the sub-group report; please check and resubmit"

# Every demo user, of every role, signs in with the printed password and
# reaches every route open to signed-in users (the route table gives
# every role the dashboard and signing out).
while read -r email role password; do
	rm -f role.jar
	[ "$(signin role.jar "$email" "$password")" = 303 ] || { fail "$role $email cannot sign in"; continue; }
	[ "$(curl -s -b role.jar -o role.html -w '%{http_code}' "$one/")" = 200 ] || fail "$role: GET / refused"
	grep -q "($role)" role.html || fail "$role: the dashboard does not say who is signed in"
	t=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' role.html)
	[ "$(curl -s -o /dev/null -w '%{http_code}' -b role.jar --data "csrf=$t" "$one/logout")" = 303 ] ||
		fail "$role: POST /logout refused"
done <demo_users

expect_contains dash.html "Vital signs, "

# The JSON API: personal tokens, the documents the command line prints.
expect_status 0 "$VITALS" --db "$db" token add analyst@demo.invalid --name script
token=$(cat out)
[ ${#token} = 64 ] || fail "token add printed '$token'"
expect_status 1 "$VITALS" --db "$db" token add analyst@demo.invalid --name script
expect_contains err "has a token called 'script' already"
expect_status 0 "$VITALS" --db "$db" token list analyst@demo.invalid
expect_contains out "script  read only  created "
expect_contains out "last used never"
if grep -q "$token" out; then fail "token list shows the token"; fi
api() {	# api PATH [CURL ARGS...]: the body in api.json, the status printed
	local path=$1
	shift
	curl -s -o api.json -w '%{http_code}' "$@" "$one$path"
}
[ "$(api /api/v1/actions/summary -H "Authorization: Bearer $token")" = 200 ] || fail "the API refused a good token"
expect_status 0 "$VITALS" --db "$db" token list analyst@demo.invalid
grep -q '^script  read only  created .*  expires .*  last used 20' out || fail "a used token does not say when: $(cat out)"
expect_status 2 "$VITALS" --db "$db" token add analyst@demo.invalid --name long --days 400
expect_contains err "is not a number of days from 1 to 366"
expect_status 0 "$VITALS" --db "$db" actions summary --json
[ "$(jq -S . api.json)" = "$(jq -S . out)" ] || fail "the API's actions summary differs from the command line's"
[ "$(api /api/v1/measures/pol-m1/spc -H "Authorization: Bearer $token")" = 200 ] || fail "the SPC API failed"
expect_status 0 "$VITALS" --db "$db" spc pol-m1 --json
[ "$(jq -S . api.json)" = "$(jq -S . out)" ] || fail "the API's SPC differs from the command line's"
[ "$(api /api/v1/measures/nope/spc -H "Authorization: Bearer $token")" = 404 ] || fail "an unknown measure is not 404"
expect_contains api.json '"error":"there is no measure'
# The lists are the command line's own JSON, item for item.
[ "$(api '/api/v1/actions?rag=red' -H "Authorization: Bearer $token")" = 200 ] || fail "the actions API failed"
expect_status 0 "$VITALS" --db "$db" actions list --rag red --json
[ "$(jq -S . api.json)" = "$(jq -S . out)" ] || fail "the API's red actions differ from the command line's"
[ "$(jq length api.json)" -ge 1 ] || fail "no red action in the demo"
[ "$(api /api/v1/challenges -H "Authorization: Bearer $token")" = 200 ] || fail "the challenges API failed"
expect_status 0 "$VITALS" --db "$db" challenge list --json
[ "$(jq -S . api.json)" = "$(jq -S . out)" ] || fail "the API's challenges differ from the command line's"
[ "$(api /api/v1/status/2026Q2 -H "Authorization: Bearer $token")" = 200 ] || fail "the status API failed"
expect_status 0 "$VITALS" --db "$db" measures status --period 2026Q2 --json
[ "$(jq -S . api.json)" = "$(jq -S . out)" ] || fail "the API's status differs from the command line's"
[ "$(api /api/v1/status/later -H "Authorization: Bearer $token")" = 404 ] || fail "a bad period is not 404"
[ "$(api /api/v1/measures -H "Authorization: Bearer $token")" = 200 ] || fail "the measures API failed"
[ "$(jq '[.[] | .code] | index("pol-m1") != null' api.json)" = true ] || fail "pol-m1 is not among the measures"
[ "$(api /api/v1/measures/pol-m1/values -H "Authorization: Bearer $token")" = 200 ] || fail "the values API failed"
[ "$(jq '[.[] | select(.period == "2026Q2")] | length >= 1' api.json)" = true ] || fail "no pol-m1 figure for 2026Q2"
[ "$(api /api/v1/actions/summary)" = 401 ] || fail "the API answered without a token"
[ "$(api /api/v1/actions/summary -H "Authorization: Bearer $(printf '%064d' 0)")" = 401 ] ||
	fail "the API took a made-up token"
[ "$(api /api/v1/actions/summary -b jar)" = 200 ] || fail "the API refused a signed-in browser"
expect_status 0 "$VITALS" --db "$db" token add viewer@demo.invalid --name board
[ "$(api /api/v1/actions/summary -H "Authorization: Bearer $(cat out)")" = 403 ] ||
	fail "a viewer's token reached the working figures"
# Returns: a lead reads another agency's return only once it is submitted.
# In the demo, police's 2026Q3 return was sent back (returned) and
# 2026Q2 is approved.
expect_status 0 "$VITALS" --db "$db" token add csc-lead@demo.invalid --name script
csc=$(cat out)
expect_status 0 "$VITALS" --db "$db" token add police-lead@demo.invalid --name script
police=$(cat out)
[ "$(api /api/v1/returns/police/2026Q3 -H "Authorization: Bearer $csc")" = 403 ] ||
	fail "a lead read another agency's returned (unsubmitted) return"
expect_contains api.json "its own until submitted"
[ "$(api /api/v1/returns/police/2026Q3 -H "Authorization: Bearer $police")" = 200 ] ||
	fail "the police lead cannot read its own return"
[ "$(jq -r .status api.json)" = returned ] || fail "the police return is $(jq -r .status api.json), not returned"
[ "$(jq '.figures | length' api.json)" -gt 0 ] || fail "the police return has no figures"
[ "$(api /api/v1/returns/police/2026Q2 -H "Authorization: Bearer $csc")" = 200 ] ||
	fail "a lead cannot read another agency's approved return"
[ "$(api /api/v1/returns/police/2026Q3 -H "Authorization: Bearer $token")" = 200 ] ||
	fail "the analyst cannot read a returned return"
[ "$(api /api/v1/returns/nobody/2026Q3 -H "Authorization: Bearer $token")" = 404 ] ||
	fail "an unknown agency is not 404"
expect_status 0 "$VITALS" --db "$db" token revoke analyst@demo.invalid --name script
[ "$(api /api/v1/actions/summary -H "Authorization: Bearer $token")" = 401 ] || fail "a revoked token still works"
expect_status 1 "$VITALS" --db "$db" token revoke analyst@demo.invalid --name script

# Every route for every role, against the route table itself: a role the
# table opens a route to gets no 401/403, any other gets 403.  '*' in a
# path takes a sample (a measure, then an agency and an approved period).
expect_status 0 "$VITALS" roles-audit --json
cp out routes.json
[ "$(jq length routes.json)" -ge 7 ] || fail "the route table has $(jq length routes.json) routes"
checks=0
while read -r email role password; do
	expect_status 0 "$VITALS" --db "$db" token add "$email" --name matrix
	bearer=$(cat out)
	rm -f matrix.jar
	[ "$(signin matrix.jar "$email" "$password")" = 303 ] || fail "$role $email cannot sign in for the matrix"
	while read -r method path allowed; do
		checks=$((checks + 1))
		# A lead's samples are its own agency's: the table says what a
		# role may reach, the agency rule is checked on its own below.
		agency=police action=pol-a1
		case $email in
		csc-lead@*) agency=scc-csc action=csc-a01;;
		health-lead@*) agency=health-heartlands;;
		education-lead@*) agency=education;;
		esac
		sample=$(echo "$path" | sed "s|/measures/\\*/|/measures/pol-m1/|; s|/returns/\\*/\\*|/returns/$agency/2026Q2|; s|/actions/\\*|/actions/$action|; s|/challenges/\\*|/challenges/1|")
		code=$(curl -s -o /dev/null -w '%{http_code}' -X "$method" \
			-H "Authorization: Bearer $bearer" "$one$sample")
		# An action of another agency is not the lead's to update.
		if [ "$role" = agency-lead ] && [ "$method" = POST ] &&
		   [ "$path" = "/actions/*" ] && [ "$agency" != police ] &&
		   [ "$action" = pol-a1 ]; then
			allowed=false
			# On the web the form's token is checked first, and
			# the agency rule after it (tested on its own).
			[ "${path#/api/}" = "$path" ] && continue
		fi
		# A token opens the API only: every web route refuses it.  The
		# route table's roles are checked there with the user's
		# session instead: a GET by its status, a POST (sent without
		# the form's token, so that nothing changes) by which check
		# refused it, the role's or the form's.
		case $path in
		/api/v1/*) ;;
		*) [ "$code" = 401 ] || fail "$role: a token on $method $sample got $code, not 401"
		   code=$(curl -s -o matrix.html -w '%{http_code}' -X "$method" -b matrix.jar "$one$sample")
		   if [ "$method" = POST ] && [ "$allowed" = true ]; then
			grep -q "The form has expired" matrix.html ||
				fail "$role: $method $sample is open to it, got $code: $(head -c 200 matrix.html)"
		   elif [ "$method" = POST ]; then
			grep -q "Your role does not open this page" matrix.html ||
				fail "$role: $method $sample is closed to it, got $code"
		   elif [ "$allowed" = true ]; then
			case $code in 401|403) fail "$role: $method $sample is open to it, got $code";; esac
		   else
			[ "$code" = 403 ] || fail "$role: $method $sample is closed to it, got $code"
		   fi
		   continue;;
		esac
		if [ "$allowed" = true ]; then
			case $code in 401|403) fail "$role: $method $sample is open to it, got $code";; esac
		else
			[ "$code" = 403 ] || fail "$role: $method $sample is closed to it, got $code"
		fi
	done < <(jq -r '.[] | select(.public | not) | "\(.method) \(.path) \(.roles["'"$role"'"])"' routes.json)
done <demo_users
# An administrator's token makes no user through the web form, with or
# without the form's token field.
admin_email=$(awk '$2 == "admin" {print $1; exit}' demo_users)
expect_status 0 "$VITALS" --db "$db" token add "$admin_email" --name adminweb
bearer=$(cat out)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $bearer" \
	--data "email=made@example.test&name=Made&role=viewer" "$one/admin/users")
[ "$code" = 401 ] || fail "an admin token on POST /admin/users got $code, not 401"
expect_status 1 "$VITALS" --db "$db" user password made@example.test <pw
routes_closed=$(jq '[.[] | select(.public | not)] | length' routes.json)
[ "$checks" = $((routes_closed * 9)) ] || fail "$checks route checks, not $((routes_closed * 9))"

# Signing out needs the session's token; then the session is gone.
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' dash.html)
[ "$(curl -s -o /dev/null -w '%{http_code}' -b jar -X POST "$one/logout")" = 403 ] ||
	fail "signing out without the token was accepted"
[ "$(curl -s -o /dev/null -w '%{http_code}' -b jar -c jar --data "csrf=$csrf" "$one/logout")" = 303 ] ||
	fail "signing out failed"
[ "$(curl -s -o /dev/null -w '%{http_code}' -b jar "$two/")" = 303 ] ||
	fail "the session outlived signing out"

# A new password ends every session and token the old one opened; a
# disabled user signs in nowhere and its tokens stop.
rm -f pwd.jar
[ "$(signin pwd.jar lead@example.test 'a long enough passphrase')" = 303 ] || fail "the police lead cannot sign in"
expect_status 0 "$VITALS" --db "$db" token add lead@example.test --name before
lead_token=$(cat out)
[ "$(api /api/v1/measures -H "Authorization: Bearer $lead_token")" = 200 ] || fail "the lead's token does not work"
echo "a brand new passphrase" >pw3
expect_status 0 "$VITALS" --db "$db" user password lead@example.test <pw3
[ "$(curl -s -o /dev/null -w '%{http_code}' -b pwd.jar "$two/")" = 303 ] ||
	fail "a session outlived its user's password change"
[ "$(api /api/v1/measures -H "Authorization: Bearer $lead_token")" = 401 ] ||
	fail "a token outlived its user's password change"
expect_status 0 "$VITALS" --db "$db" user disable lead@example.test
expect_contains out "is disabled"
[ "$(signin pwd.jar lead@example.test 'a brand new passphrase')" = 401 ] || fail "a disabled user signed in"
# On the web: an administrator disables a user, whose session ends, and
# enables it again with a one-time password.
read -r admin_email _ admin_password < <(grep ' admin ' demo_users)
rm -f admin.jar victim.jar
[ "$(signin admin.jar "$admin_email" "$admin_password")" = 303 ] || fail "the administrator cannot sign in"
[ "$(signin victim.jar viewer@example.test 'another long passphrase')" = 303 ] || fail "the viewer cannot sign in"
curl -s -b admin.jar -o admin.html "$one/admin"
admin_csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' admin.html | head -1)
[ "$(curl -s -b admin.jar -o /dev/null -w '%{http_code}' --data "csrf=$admin_csrf&email=viewer@example.test" "$one/admin/users/disable")" = 303 ] ||
	fail "the administrator could not disable a user"
[ "$(curl -s -o /dev/null -w '%{http_code}' -b victim.jar "$one/")" = 303 ] || fail "a disabled user's session still works"
[ "$(signin victim.jar viewer@example.test 'another long passphrase')" = 401 ] || fail "a user disabled on the web signed in"
[ "$(curl -s -b admin.jar -o enabled.html -w '%{http_code}' --data "csrf=$admin_csrf&email=viewer@example.test" "$one/admin/users/enable")" = 200 ] ||
	fail "the administrator could not enable a user"
one_time=$(sed -n 's/.*<code id="new-password">\([^<]*\)<.*/\1/p' enabled.html)
[ -n "$one_time" ] || fail "enabling shows no one-time password"
expect_contains enabled.html "one-time password not yet changed"
[ "$(signin victim.jar viewer@example.test "$one_time")" = 303 ] || fail "the one-time password does not sign in"
expect_contains signin.h "Location: /account"
signin_from() {	# signin_from ADDRESS JAR EMAIL PASSWORD: the status
	local token
	token=$(curl -s --interface "$1" -c "$2" -b "$2" "$one/login" |
		sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
	curl -s --interface "$1" -o signin.html -D signin.h -w '%{http_code}' -c "$2" -b "$2" \
		--data-urlencode "email=$3" --data-urlencode "password=$4" \
		--data-urlencode "csrf=$token" "$one/login"
}
# A one-time password opens only the page that replaces it: pages lead
# there, forms and the API are refused, until the user chooses their own.
got=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b victim.jar "$one/measures")
[ "$got" = "303 $one/account" ] || fail "a one-time password opened the measures page ($got)"
[ "$(curl -s -o /dev/null -w '%{http_code}' -b victim.jar "$one/api/v1/measures")" = 403 ] ||
	fail "a one-time password opened the API"
curl -s -b victim.jar -o account.html "$one/account"
expect_contains account.html "Choose your password"
expect_not_contains account.html "Personal API tokens"
victim_csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' account.html | head -1)
[ "$(curl -s -b victim.jar -o refused.html -w '%{http_code}' --data "csrf=$victim_csrf&name=early" "$one/account/tokens")" = 403 ] ||
	fail "a one-time password made a token"
expect_contains refused.html "Choose your own password first"
# (From an address of its own: this one has failed sign-ins above, and a
# wrong current password counts as one.)
change() {	# change CURRENT NEW CONFIRM: the status; the page in changed.html
	curl -s --interface 127.0.0.5 -b victim.jar -c victim.jar -o changed.html -w '%{http_code}' \
		--data-urlencode "csrf=$victim_csrf" --data-urlencode "current=$1" \
		--data-urlencode "password=$2" --data-urlencode "confirm=$3" \
		"$one/account/password"
}
viewer_password='my own chosen passphrase'
[ "$(change 'not the one given' "$viewer_password" "$viewer_password")" = 422 ] || fail "a wrong current password changed it"
expect_contains changed.html "The password you were given is not right"
[ "$(change "$one_time" "$viewer_password" 'my own chosen passphrasf')" = 422 ] || fail "a mistyped confirmation changed it"
expect_contains changed.html "are not the same"
[ "$(change "$one_time" "$one_time" "$one_time")" = 422 ] || fail "the one-time password was kept as the user's own"
[ "$(change "$one_time" aaaaaaaaaaaa aaaaaaaaaaaa)" = 422 ] || fail "a weak password was taken"
expect_contains changed.html "The password repeats too few characters"
cp victim.jar before.jar
got=$(change "$one_time" "$viewer_password" "$viewer_password")
[ "$got" = 200 ] || fail "the user could not choose their password ($got: $(grep -o "govuk-error-summary__list.\{0,200\}" changed.html))"
expect_contains changed.html "Your password has been changed"
expect_contains changed.html "Personal API tokens"
[ "$(curl -s -o /dev/null -w '%{http_code}' -b victim.jar "$one/")" = 200 ] || fail "the new password did not open the dashboard"
[ "$(curl -s -o /dev/null -w '%{http_code}' -b before.jar "$one/")" = 303 ] || fail "the session of the one-time password outlived it"
[ "$(signin_from 127.0.0.5 jar4 viewer@example.test "$one_time")" = 401 ] || fail "the one-time password still signs in"
[ "$(signin_from 127.0.0.5 jar4 viewer@example.test "$viewer_password")" = 303 ] || fail "the chosen password does not sign in"
grep -q '^Location: /\s*$' signin.h || fail "the user's own password did not lead to the dashboard"
# From the command line too: a password given with --one-time.
echo "given by the administrator" >pw4
expect_status 0 "$VITALS" --db "$db" user password lead@example.test --one-time <pw4
expect_contains out "must choose a new password first"
[ "$(signin_from 127.0.0.6 jar5 lead@example.test 'given by the administrator')" = 303 ] || fail "a one-time password from the command line does not sign in"
grep -q '^Location: /account\s*$' signin.h || fail "a one-time password from the command line did not lead to the account page"
[ "$(curl -s -b admin.jar -o self.html -w '%{http_code}' --data "csrf=$admin_csrf&email=$admin_email" "$one/admin/users/disable")" = 422 ] ||
	fail "an administrator disabled their own account"

# Failures for an account: from the fifth, the next attempt is not even
# tried for 5 seconds, doubling with each failure after.  Wrong passwords
# until one is refused untried (a slow machine, whose failures take
# longer than the wait, needs more of them); then the right one is too.
wrong=0 code=401
while [ "$code" = 401 ] && [ "$wrong" -lt 10 ]; do
	code=$(signin jar2 viewer@example.test 'wrong wrong wrong')
	[ "$code" = 401 ] && wrong=$((wrong + 1))
done
[ "$code" = 429 ] || fail "$wrong wrong passwords in a row were never throttled (last answer $code)"
[ "$(signin jar2 viewer@example.test 'another long passphrase')" = 429 ] ||
	fail "the right password after $wrong wrong ones was not throttled"
expect_contains signin.html "Too many attempts"
# The failures delay, never lock: the right password from another address
# is let in once the short wait for the account alone is over (at most a
# minute); a refused attempt is not counted, so asking again is harmless.
for _ in $(seq 35); do
	code=$(signin_from 127.0.0.2 jar3 viewer@example.test "$viewer_password")
	[ "$code" = 429 ] || break
	sleep 2
done
[ "$code" = 303 ] ||
	fail "the right password from another address was locked out after failures elsewhere ($code)"
# Guesses sent at once are counted before they are tried: of sixteen
# concurrent wrong passwords for one account, at most five are tried.
read -r chair_email _ _ < <(grep ' chair ' demo_users)
guesses=""
for i in $(seq 16); do
	{ signin_from 127.0.0.3 "guess$i.jar" "$chair_email" "wrong guess number $i"; echo; } >"guess$i.code" &
	guesses="$guesses $!"
done
for g in $guesses; do wait "$g"; done
tried=$(cat guess*.code | grep -c '^401$' || true)
throttled=$(cat guess*.code | grep -c '^429$' || true)
[ "$tried" -le 5 ] || fail "$tried of 16 concurrent guesses were tried (at most 5)"
[ $((tried + throttled)) = 16 ] || fail "concurrent guesses answered $(cat guess*.code | tr '\n' ' ')"

# Both servers stop cleanly on SIGTERM, with nothing from the sanitizers
# when they are built with them.
for p in $server_pids; do serve_stop "$p"; done
for f in one.out two.out; do
	expect_contains "$f" "vitals serve: stopped"
	if grep -Eq 'Sanitizer|runtime error' "$f"; then fail "$f: $(grep -E 'Sanitizer|runtime error' "$f" | head -3)"; fi
done
finish
