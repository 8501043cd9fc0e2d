# Shared by the CLI test scripts: a scratch directory and assertions.
set -euo pipefail

: "${VITALS:?VITALS must name the vitals binary}"
: "${VT_SOURCE_DIR:?VT_SOURCE_DIR must name the source tree}"
. "$(dirname "${BASH_SOURCE[0]}")/engine.sh"
tmp_root=${VT_TEST_TMP:-/tmp}
mkdir -p "$tmp_root"
work=$(mktemp -d "$tmp_root/cli.XXXXXX")
# Servers started by serve_start are stopped however the script ends.
server_pids=""
trap 'for p in $server_pids; do kill "$p" 2>/dev/null || true; done; drop_dbs; rm -rf "$work"' EXIT
cd "$work"

failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# expect_status N CMD...: run CMD, capture out/err, check its exit status.
expect_status() {
	local want=$1 got=0
	shift
	"$@" >out 2>err || got=$?
	if [ "$got" != "$want" ]; then
		fail "'$*' exited $got, expected $want"
		sed 's/^/  stderr: /' err >&2
	fi
}

expect_contains() {
	local file=$1 text=$2
	grep -qF -- "$text" "$file" || fail "$file lacks '$text'"
}

expect_not_contains() {
	local file=$1 text=$2
	! grep -qF -- "$text" "$file" || fail "$file has '$text'"
}

# serve_start NAME [DB]: `vitals serve` on DB (else $db) at a free port of
# 127.0.0.1, its output in NAME.out; sets url (no trailing slash) and
# server_pid.  A server that does not start ends the script.
serve_start() {
	# The file made before the server starts: under set -e a sed of a
	# file the background job has not yet opened would end the script.
	: >"$1.out"
	"$VITALS" --db "${2:-$db}" serve --listen 127.0.0.1:0 >"$1.out" 2>&1 &
	server_pid=$!
	server_pids="$server_pids $server_pid"
	url=""
	for _ in $(seq 100); do
		url=$(sed -n 's|^vitals serve: listening on \(http://[0-9.:]*\)/$|\1|p' "$1.out")
		[ -n "$url" ] && return 0
		sleep 0.1
	done
	fail "the server did not start: $(cat "$1.out")"
	finish
}

# serve_stop PID: the server stopped by SIGTERM; it must exit with 0.
serve_stop() {
	kill -TERM "$1"
	wait "$1" || fail "a server exited with status $?"
	server_pids=$(echo "$server_pids" | tr ' ' '\n' | grep -vx "$1" | tr '\n' ' ')
}

# demo_users: after 'vitals demo --passwords' (its output in out), each
# demo user's "EMAIL PASSWORD" into the file users; demo_password EMAIL
# prints one.
demo_users() {
	sed -n '/^demo users/,$p' out |
		sed -n 's/^  \([^ ]*@demo.invalid\) *\([a-z-]*\) *\([a-z0-9-]*\)$/\1 \3/p' >users
}
demo_password() { sed -n "s/^$1 //p" users; }

# demo_signin JAR EMAIL: signed in at $url with the demo password (the
# session in the cookie jar JAR), or a failure.
demo_signin() {
	local token
	token=$(curl -s -c "$1" -b "$1" "$url/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
	[ "$(curl -s -o /dev/null -w '%{http_code}' -c "$1" -b "$1" --data-urlencode "email=$2" \
		--data-urlencode "password=$(demo_password "$2")" --data-urlencode "csrf=$token" "$url/login")" = 303 ] ||
		fail "$2 cannot sign in"
}

# expect_no_identifier WHAT FILE: FILE (non-empty) holds none of the
# lines of the file ids, each an identifier that must never be stored.
expect_no_identifier() {
	local what=$1 file=$2 id
	[ -s "$file" ] || { fail "$what: nothing to search"; return; }
	while IFS= read -r id; do
		if grep -aqF -- "$id" "$file"; then
			fail "$what holds the identifier '$id'"
		fi
	done <ids
}

# expect_round_trip DB: DB's export loaded back into DB and into a fresh
# database exports the same bytes (files one.json, two.json, three.json).
expect_round_trip() {
	local fresh
	expect_status 0 "$VITALS" --db "$1" export one.json
	expect_status 0 "$VITALS" --db "$1" load one.json
	expect_status 0 "$VITALS" --db "$1" export two.json
	cmp -s one.json two.json || fail "export changed after load: $(diff one.json two.json | head -5)"
	fresh=$(new_db fresh.db)
	expect_status 0 "$VITALS" --db "$fresh" init
	expect_status 0 "$VITALS" --db "$fresh" load one.json
	expect_status 0 "$VITALS" --db "$fresh" export three.json
	cmp -s one.json three.json || fail "a fresh database's export differs: $(diff one.json three.json | head -5)"
}

finish() {
	if [ "$failures" -gt 0 ]; then
		echo "$failures check(s) failed" >&2
		exit 1
	fi
	echo "all checks passed"
}
