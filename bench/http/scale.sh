#!/usr/bin/env bash
# The dashboard and a measure's page at 1x and 16x the demo partnership
# (bench/scale.sh: agencies, measures, periods, actions and case reviews
# 16 times over), side by side, with wrk at 64 connections.
#
#   bench/http/scale.sh [SCALES]        (default "1 16")
#
# Environment:
#   SECONDS_EACH=15  CONNECTIONS=64  THREADS=2  ROUNDS=1
#   WRK_TIMEOUT=60   seconds before wrk counts a request as timed out
#   MEASURE=ns-m1    the measure whose page is read: a quarterly percentage
#                    of the current plan with the longest series (15
#                    quarters at 1x, 240 at 16x) and published comparators
#                    (bench/scale.sh) for every year of it
#   VITALS=path      the vitals binary (default build/vitals)
#   WORKDIR=dir      where the databases go (default a new directory in
#                    ${TMPDIR:-/tmp}, removed unless KEEP=1)
#
# Signed in with a session cookie, as a browser is.  Each scale has its
# own SQLite database and its own server, one server up at a time (a
# server still working through requests wrk gave up on would slow the
# next); the scales alternate ROUNDS times: three requests one at a time,
# then wrk on each page, with its percentiles per run; then nginx serving
# each page's own bytes as a file, the same way, as the baseline: what
# this machine gives for pages of that size.  Needs wrk, nginx and jq;
# installs wrk and nginx-light with apt-get when run as root and missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
scales=${1:-1 16}
secs=${SECONDS_EACH:-15}
conns=${CONNECTIONS:-64}
threads=${THREADS:-2}
rounds=${ROUNDS:-1}
measure=${MEASURE:-ns-m1}
vitals=${VITALS:-$root/build/vitals}

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ]; then
		apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 ||
			{ apt-get update -qq >/dev/null; apt-get install -y -qq "${missing[@]}" >/dev/null; }
	else
		echo "$0: needs ${missing[*]} (apt-get install ${missing[*]})" >&2
		exit 1
	fi
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)
command -v jq >/dev/null || { echo "$0: needs jq" >&2; exit 1; }
[ -x "$vitals" ] || { echo "$0: build vitals first (make build)" >&2; exit 1; }

work=${WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/bench-http-scale.XXXXXX")}
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
	[ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

rm -f demo.db
"$vitals" --db demo.db demo >/dev/null
"$vitals" --db demo.db export demo.json >/dev/null
declare -A url token
for k in $scales; do
	rm -rf "def$k" "s$k.db"
	"$root/bench/scale.sh" "$k" "def$k" demo.json
	"$vitals" --db "s$k.db" init >/dev/null
	start=$(date +%s.%N)
	for f in "def$k"/part-*.json; do
		"$vitals" --db "s$k.db" load "$f" >/dev/null
	done
	printf '%sx: %s measures, %s figures, %s comparators, %s actions, %s reviews; loaded in %.1f s\n' \
		"$k" "$(jq '.measures | length' "def$k/part-000.json")" \
		"$(cat "def$k"/part-*.json | jq -s 'map(.values // [] | length) | add')" \
		"$(cat "def$k"/part-*.json | jq -s 'map(.comparators // [] | length) | add')" \
		"$(jq '.actions | length' "def$k/part-000.json")" \
		"$(jq '.reviews | length' "def$k/part-000.json")" \
		"$(echo "$(date +%s.%N) - $start" | bc -l)"
	echo "bench-password-$k-$$" |
		"$vitals" --db "s$k.db" user password analyst@demo.invalid >/dev/null
done

# serve K: start the server on the Kx database, signed in as a browser is
# (pages take a session, not a token); stop K: stop it, so that what it
# still has in hand takes no CPU from the next.
serve() {
	local k=$1
	"$vitals" --db "s$k.db" serve --listen 127.0.0.1:0 >"serve$k.out" 2>&1 &
	server=$!
	pids+=($server)
	url[$k]=
	for _ in $(seq 100); do
		url[$k]=$(sed -n 's|^vitals serve: listening on \(http://[0-9.:]*\)/$|\1|p' "serve$k.out")
		[ -n "${url[$k]}" ] && break
		sleep 0.1
	done
	[ -n "${url[$k]}" ] || { echo "$0: the ${k}x server did not start" >&2; exit 1; }
	csrf=$(curl -s -c "jar$k" "${url[$k]}/login" |
		sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -s -b "jar$k" -c "jar$k" -o /dev/null --data-urlencode "csrf=$csrf" \
		--data-urlencode "email=analyst@demo.invalid" \
		--data-urlencode "password=bench-password-$k-$$" "${url[$k]}/login"
	token[$k]="vitals_session=$(awk '$6 == "vitals_session" { print $7 }' "jar$k")"
	# Each page's bytes, for nginx to serve as a file.
	mkdir -p "www/$k/measures"
	for path in / "/measures/$measure"; do
		file=www/$k$path
		[ "$path" = / ] && file=www/$k/index.html
		code=$(curl -s -o "$file" -w '%{http_code}' \
			-H "Cookie: ${token[$k]}" "${url[$k]}$path")
		[ "$code" = 200 ] || { echo "$0: ${k}x $path answered $code" >&2; exit 1; }
	done
}
stop() {
	kill "$server" 2>/dev/null || true
	wait "$server" 2>/dev/null || true
}

run() {	# run NAME URL TOKEN: one wrk run, its percentiles on a line
	local name=$1 target=$2 tok=$3 out
	out=$(echo "$name" | tr -c 'A-Za-z0-9\n' _)
	wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout "${WRK_TIMEOUT:-60}s" \
		--latency -H "Cookie: $tok" "$target" >"$out.wrk"
	awk -v n="$name" '
		/Requests\/sec/ { rps = $2 }
		/^ +50%/ { p50 = $2 } /^ +90%/ { p90 = $2 } /^ +99%/ { p99 = $2 }
		/Non-2xx/ { bad = $NF }
		/Socket errors/ { sock = $0 }
		END { printf "%-26s %10s req/s   p50 %8s  p90 %8s  p99 %8s%s%s\n",
			n, rps, p50, p90, p99, bad ? "  NON-2XX: " bad : "",
			sock ? "  " sock : "" }' "$out.wrk"
}

# nginx, one worker per CPU, serving the pages' bytes as files (its
# workers run as another user when started as root: let them read).
port=$((20000 + RANDOM % 20000))
mkdir -p logs
nginx_start() {
	chmod -R a+rX "$work"
	cat >nginx.conf <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	server {
		listen 127.0.0.1:$port;
		root $work/www;
		location / { default_type text/html; }
	}
}
CONF
	"$nginx" -c "$work/nginx.conf" -p "$work"
}
nginx_stop() {
	kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
	for _ in $(seq 50); do [ -f "$work/nginx.pid" ] || break; sleep 0.1; done
}

echo "load average before: $(cat /proc/loadavg)"
for r in $(seq "$rounds"); do
	for k in $scales; do
		serve "$k"
		# One request at a time first: what a single reader waits.
		for path in / "/measures/$measure"; do
			printf '%-26s one at a time:' "${k}x $path"
			for _ in 1 2 3; do
				curl -s -o /dev/null -w ' %{time_total}s' \
					-H "Cookie: ${token[$k]}" "${url[$k]}$path"
			done
			echo
		done
		for path in / "/measures/$measure"; do
			name="${k}x $path"
			[ "$rounds" -gt 1 ] && name="$name #$r"
			run "$name" "${url[$k]}$path" "${token[$k]}"
		done
		stop
		nginx_start
		for path in / "/measures/$measure"; do
			name="${k}x nginx $path"
			[ "$rounds" -gt 1 ] && name="$name #$r"
			printf '%-26s %s bytes\n' "${k}x $path" \
				"$(wc -c <"www/$k$([ "$path" = / ] && echo /index.html || echo "$path")")"
			run "$name" "http://127.0.0.1:$port/$k$path" "${token[$k]}"
		done
		nginx_stop
	done
done
echo "load average after: $(cat /proc/loadavg)"
