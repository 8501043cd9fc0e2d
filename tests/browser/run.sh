#!/bin/bash
# The browser tests: each tests/browser/*.test.js (or those named, as
# "signin" or "signin.test.js") in node, against a `vitals serve` on its
# own copy of the demo database (SQLite; PostgreSQL on the server
# scripts/pg-test started when VT_TEST_ENGINE=postgresql), in headless
# Chromium.  Exit 77 (skipped) only when Chromium or playwright-core is
# not installed (scripts/deps installs both).
#
#   VITALS=build/vitals tests/browser/run.sh [NAME...]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export VT_SOURCE_DIR=${VT_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
: "${VITALS:?VITALS must name the vitals binary}"
VITALS=$(realpath "$VITALS")
export VITALS
export VT_CHROMIUM=${VT_CHROMIUM:-/usr/bin/chromium}
modules=$VT_SOURCE_DIR/tools/node_modules

if [ ! -x "$VT_CHROMIUM" ] || [ ! -f "$modules/playwright-core/package.json" ]; then
	echo "SKIP: $VT_CHROMIUM or $modules/playwright-core is missing: run scripts/deps"
	exit 77
fi
export VT_AXE=$modules/axe-core/axe.min.js
[ -f "$VT_AXE" ] || { echo "FAIL: $VT_AXE is missing: run scripts/deps" >&2; exit 1; }
command -v node >/dev/null || { echo "FAIL: node is missing: run scripts/deps" >&2; exit 1; }
command -v jq >/dev/null || { echo "FAIL: jq is missing: run scripts/deps" >&2; exit 1; }

# shellcheck source=SCRIPTDIR/../cli/engine.sh
. "$VT_SOURCE_DIR/tests/cli/engine.sh"
export PGOPTIONS="-c client_min_messages=warning"	# no NOTICEs from psql

tmp_root=${VT_TEST_TMP:-/tmp}
mkdir -p "$tmp_root"
work=$(mktemp -d "$tmp_root/browser.XXXXXX")
# Servers the tests started (lib.js lists them): ended even when node
# died without stopping its own.
export VT_BROWSER_PIDS=$work/server.pids
: >"$VT_BROWSER_PIDS"
status=1
cleanup() {
	local pid
	while read -r pid; do
		# (Only if that process is still one of ours.)
		if { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -qF "$VITALS --db"; then
			kill -KILL "$pid" 2>/dev/null || true
		fi
	done <"$VT_BROWSER_PIDS"
	drop_dbs
	if [ "$status" = 0 ]; then
		rm -rf "$work"
	else
		echo "browser tests: the screenshots and logs are in $work" >&2
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cd "$work"

# The server and the command line read the same fixed day.
export VITALS_NOW=2026-11-23T10:00:00Z

# The demo partnership, and one password per demo user: "EMAIL ROLE PASSWORD"
# after the "demo users" line, as JSON for node.
echo "# engine: ${VT_TEST_ENGINE:-sqlite}"
demo=$(new_db demo.db)
"$VITALS" --db "$demo" demo --passwords >demo.out 2>demo.err ||
	{ echo "FAIL: vitals demo --passwords failed:" >&2; cat demo.err >&2; exit 1; }
sed -n '/^demo users/,$p' demo.out |
	sed -n 's/^  \([^ ]*@demo.invalid\) *\([a-z-]*\) *\([a-z0-9-]*\)$/\1 \2 \3/p' |
	jq -Rn '[inputs | split(" ") | {email: .[0], role: .[1], password: .[2]}]' >users.json
[ "$(jq length users.json)" -ge 6 ] ||
	{ echo "FAIL: vitals demo --passwords printed $(jq length users.json) users" >&2; exit 1; }
export VT_BROWSER_USERS=$work/users.json

if [ $# -gt 0 ]; then
	tests=()
	for name in "$@"; do
		name=${name##*/}
		tests+=("$here/${name%.test.js}.test.js")
	done
else
	tests=("$here"/*.test.js)
fi

failed=0
for t in "${tests[@]}"; do
	name=$(basename "$t" .test.js)
	[ -f "$t" ] || { echo "FAIL: there is no $t" >&2; failed=$((failed + 1)); continue; }
	echo "# $name"
	# Each file on a fresh copy: sessions and failed sign-ins (which
	# throttle 127.0.0.1) do not carry from one file to the next.
	export DB
	DB=$(copy_db "$demo" "test_$name.db")
	export VT_BROWSER_OUT=$work/$name
	mkdir -p "$VT_BROWSER_OUT"
	start=$(date +%s)
	if node "$t"; then
		echo "# $name: passed in $(($(date +%s) - start)) s"
	else
		echo "# $name: FAILED in $(($(date +%s) - start)) s"
		failed=$((failed + 1))
	fi
done

if [ "$failed" -gt 0 ]; then
	echo "$failed of ${#tests[@]} browser test file(s) failed" >&2
	exit 1
fi
status=0
echo "all ${#tests[@]} browser test file(s) passed"
