# Sessions and tokens on two servers sharing one database: a request
# writes a session's idle time (or a token's last use) at most once a
# minute, counted by a trigger on the tables; signing out, disabling a
# user and revoking a token are refused by the other server at once.
. "$(dirname "$0")/lib.sh"

command -v curl >/dev/null || { echo "FAIL: curl is missing: run scripts/deps" >&2; exit 1; }

db=$(new_db sessions.db)
expect_status 0 "$VITALS" --db "$db" demo --passwords
sed -n '/^demo users/,$p' out | sed -n 's/^  \([^ ]*@demo.invalid\) *\([a-z-]*\) *\([a-z0-9-]*\)$/\1 \2 \3/p' >demo_users
[ "$(wc -l <demo_users)" -ge 4 ] || fail "demo --passwords printed $(wc -l <demo_users) users"
password_of() { awk -v e="$1" '$1 == e { print $3 }' demo_users; }

# sql STATEMENT: run it on the database beside the servers; prints rows.
if on_postgresql; then
	sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$db" -c "$1"; }
else
	command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 is missing: run scripts/deps" >&2; exit 1; }
	sql() { sqlite3 -cmd ".timeout 10000" "$db" "$1"; }
fi

# Every UPDATE of a session or a token row is counted, whatever it sets
# (an UPDATE to the same value counts too).
sql "CREATE TABLE test_writes (what TEXT NOT NULL)"
if on_postgresql; then
	sql "CREATE FUNCTION test_note_write() RETURNS trigger LANGUAGE plpgsql AS
	     \$\$ BEGIN INSERT INTO test_writes VALUES (TG_TABLE_NAME); RETURN NULL; END \$\$"
	sql "CREATE TRIGGER test_session_write AFTER UPDATE ON session
	     FOR EACH ROW EXECUTE FUNCTION test_note_write()"
	sql "CREATE TRIGGER test_token_write AFTER UPDATE ON api_token
	     FOR EACH ROW EXECUTE FUNCTION test_note_write()"
else
	sql "CREATE TRIGGER test_session_write AFTER UPDATE ON session
	     BEGIN INSERT INTO test_writes VALUES ('session'); END"
	sql "CREATE TRIGGER test_token_write AFTER UPDATE ON api_token
	     BEGIN INSERT INTO test_writes VALUES ('api_token'); END"
fi
writes() { sql "SELECT count(*) FROM test_writes WHERE what = '$1'"; }

serve_start one
one=$url
serve_start two
two=$url

signin() {	# signin JAR EMAIL PASSWORD: the status (on server one)
	local token
	token=$(curl -s -c "$1" -b "$1" "$one/login" |
		sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
	curl -s -o signin.html -w '%{http_code}' -c "$1" -b "$1" \
		--data-urlencode "email=$2" --data-urlencode "password=$3" \
		--data-urlencode "csrf=$token" "$one/login"
}
get() {	# get JAR URL: the status
	curl -s -o page.html -w '%{http_code}' -b "$1" "$2"
}
bearer() {	# bearer TOKEN URL: the status
	curl -s -o api.json -w '%{http_code}' -H "Authorization: Bearer $1" "$2"
}

# --- The idle time: written at most once a minute -----------------------
analyst=analyst@demo.invalid
[ "$(signin a.jar $analyst "$(password_of $analyst)")" = 303 ] || fail "the analyst cannot sign in"
seen() { sql "SELECT seen FROM session WHERE email = '$analyst'"; }
[ "$(sql "SELECT count(*) FROM session WHERE email = '$analyst'")" = 1 ] || fail "not one session for the analyst"
# As if signed in 30 s ago (the test's own UPDATE is counted once).
sql "UPDATE session SET seen = seen - 30, created = created - 30 WHERE email = '$analyst'"
before=$(writes session)
seen_before=$(seen)
for i in 1 2 3; do
	[ "$(get a.jar "$one/")" = 200 ] || fail "request $i: the dashboard on server one refused the session"
	[ "$(get a.jar "$two/measures")" = 200 ] || fail "request $i: the measures on server two refused the session"
	[ "$(get a.jar "$two/api/v1/measures")" = 200 ] || fail "request $i: the API on server two refused the session"
done
[ "$(writes session)" = "$before" ] ||
	fail "9 requests within the minute wrote the session $(( $(writes session) - before )) times, not 0"
[ "$(seen)" = "$seen_before" ] || fail "the idle time moved within the minute: $seen_before -> $(seen)"

# A minute and more since the last write: the next request writes once,
# the current time; the requests after it, within the minute, do not.
sql "UPDATE session SET seen = seen - 40, created = created - 40 WHERE email = '$analyst'"
before=$(writes session)
start=$(date +%s)
[ "$(get a.jar "$two/")" = 200 ] || fail "the session was refused after a minute idle"
end=$(date +%s)
[ "$(writes session)" = $((before + 1)) ] ||
	fail "the first request after the minute wrote the session $(( $(writes session) - before )) times, not once"
renewed=$(seen)
[ "$renewed" -ge "$start" ] && [ "$renewed" -le "$end" ] ||
	fail "the idle time was renewed to $renewed, not the request's time ($start..$end)"
for i in 1 2 3; do
	[ "$(get a.jar "$one/actions")" = 200 ] || fail "request $i after renewal refused on server one"
	[ "$(get a.jar "$two/")" = 200 ] || fail "request $i after renewal refused on server two"
done
[ "$(writes session)" = $((before + 1)) ] ||
	fail "requests after the renewal wrote the session again ($(( $(writes session) - before )) writes)"
[ "$(seen)" = "$renewed" ] || fail "the idle time moved after its renewal: $renewed -> $(seen)"

# --- A token's last use: the same rule ----------------------------------
expect_status 0 "$VITALS" --db "$db" token add $analyst --name sessions
token=$(cat out)
before=$(writes api_token)
for i in 1 2 3; do
	[ "$(bearer "$token" "$one/api/v1/actions/summary")" = 200 ] || fail "use $i of the token refused on server one"
	[ "$(bearer "$token" "$two/api/v1/measures")" = 200 ] || fail "use $i of the token refused on server two"
done
# The first use ever is written (its last use was never); the other five not.
[ "$(writes api_token)" = $((before + 1)) ] ||
	fail "six uses of a new token wrote it $(( $(writes api_token) - before )) times, not once"
sql "UPDATE api_token SET last_used = last_used - 61 WHERE email = '$analyst'"
before=$(writes api_token)
[ "$(bearer "$token" "$two/api/v1/measures")" = 200 ] || fail "the token was refused a minute on"
[ "$(bearer "$token" "$one/api/v1/measures")" = 200 ] || fail "the token was refused a minute on"
[ "$(writes api_token)" = $((before + 1)) ] ||
	fail "two uses a minute on wrote the token $(( $(writes api_token) - before )) times, not once"

# --- Sign-out, disabling and revocation reach the other server at once --
# Each session or token is used on server two first, so that anything
# server two kept of it would be in hand; the end is on one (or by the
# command line), and the very next request on two is refused.
csrf=$(curl -s -b a.jar "$one/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
[ -n "$csrf" ] || fail "the dashboard has no sign-out form token"
[ "$(get a.jar "$two/")" = 200 ] || fail "the session does not work on server two before signing out"
[ "$(curl -s -o /dev/null -w '%{http_code}' -b a.jar --data "csrf=$csrf" "$one/logout")" = 303 ] ||
	fail "signing out on server one failed"
[ "$(get a.jar "$two/")" = 303 ] || fail "server two still took a session signed out on server one"
[ "$(get a.jar "$two/api/v1/measures")" = 401 ] || fail "server two's API still took a session signed out on server one"
[ "$(sql "SELECT count(*) FROM session WHERE email = '$analyst'")" = 0 ] || fail "signing out left the session stored"

# An administrator disables a user (command line): the user's session
# and token stop on both servers.
lead=police-lead@demo.invalid
[ "$(signin l.jar $lead "$(password_of $lead)")" = 303 ] || fail "the police lead cannot sign in"
expect_status 0 "$VITALS" --db "$db" token add $lead --name sessions
lead_token=$(cat out)
[ "$(get l.jar "$two/")" = 200 ] || fail "the lead's session does not work on server two"
[ "$(bearer "$lead_token" "$two/api/v1/measures")" = 200 ] || fail "the lead's token does not work on server two"
expect_status 0 "$VITALS" --db "$db" user disable $lead
[ "$(get l.jar "$two/")" = 303 ] || fail "server two still took a disabled user's session"
[ "$(get l.jar "$one/")" = 303 ] || fail "server one still took a disabled user's session"
[ "$(bearer "$lead_token" "$two/api/v1/measures")" = 401 ] || fail "server two still took a disabled user's token"

# An administrator disables a user on the web of server one: server two
# refuses the user's session.
admin=admin@demo.invalid
chair=chair@demo.invalid
[ "$(signin adm.jar $admin "$(password_of $admin)")" = 303 ] || fail "the administrator cannot sign in"
[ "$(signin c.jar $chair "$(password_of $chair)")" = 303 ] || fail "the chair cannot sign in"
[ "$(get c.jar "$two/")" = 200 ] || fail "the chair's session does not work on server two"
admin_csrf=$(curl -s -b adm.jar "$one/admin" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
[ "$(curl -s -b adm.jar -o /dev/null -w '%{http_code}' --data "csrf=$admin_csrf&email=$chair" "$one/admin/users/disable")" = 303 ] ||
	fail "the administrator could not disable the chair on the web"
[ "$(get c.jar "$two/")" = 303 ] || fail "server two still took the session of a user disabled on server one"

# A token revoked (command line) is refused by both servers at once.
scrutineer=scrutineer@demo.invalid
expect_status 0 "$VITALS" --db "$db" token add $scrutineer --name sessions
s_token=$(cat out)
[ "$(bearer "$s_token" "$two/api/v1/measures")" = 200 ] || fail "the scrutineer's token does not work on server two"
[ "$(bearer "$s_token" "$one/api/v1/measures")" = 200 ] || fail "the scrutineer's token does not work on server one"
# A client that kept the answer asks again with its validator, if the
# API gives one: a revoked token gets no "not modified" either.
etag=$(curl -s -o /dev/null -D - -H "Authorization: Bearer $s_token" "$two/api/v1/measures" |
	sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*[^[:space:]]\)[[:space:]]*$/\1/p')
expect_status 0 "$VITALS" --db "$db" token revoke $scrutineer --name sessions
[ "$(bearer "$s_token" "$two/api/v1/measures")" = 401 ] || fail "server two still took a revoked token"
[ "$(bearer "$s_token" "$one/api/v1/measures")" = 401 ] || fail "server one still took a revoked token"
if [ -n "$etag" ]; then
	[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $s_token" \
		-H "If-None-Match: $etag" "$two/api/v1/measures")" = 401 ] ||
		fail "server two answered a revoked token's If-None-Match with other than 401"
fi

finish
