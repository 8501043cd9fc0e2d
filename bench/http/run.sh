#!/usr/bin/env bash
# Benchmark `vitals serve` with wrk: the dashboard page and two API calls
# (the action tracker's summary, every measure's definition), side by side
# with nginx serving the same dashboard HTML as a static file (before and
# after) and the same two JSON answers as files, alternating, in one run.
#
#   bench/http/run.sh                  (30 s a run, 64 connections)
#
# Environment:
#   SECONDS_EACH=30  CONNECTIONS=64  THREADS=2
#   VITALS=path      the vitals binary (default build/vitals)
#   WORKDIR=dir      where the database and nginx's files go (default a new
#                    directory in ${TMPDIR:-/tmp}, removed unless KEEP=1)
#
# The server reads a demo database (SQLite); the dashboard is read signed
# in as the demo's analyst (a session cookie, as a browser), the API with
# the analyst's personal API token.  Peak RSS of the server is read from /proc before
# and after.  Needs wrk and nginx; installs them with apt-get when run as
# root and they are missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
secs=${SECONDS_EACH:-30}
conns=${CONNECTIONS:-64}
threads=${THREADS:-2}
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
[ -x "$vitals" ] || { echo "$0: build vitals first (make build)" >&2; exit 1; }

work=${WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/bench-http.XXXXXX")}
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
	[ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

rm -f demo.db
"$vitals" --db demo.db demo --passwords >demo.out
password=$(sed -n 's/^  analyst@demo\.invalid *[a-z-]* *\([a-z0-9-]*\)$/\1/p' demo.out)
token=$("$vitals" --db demo.db token add analyst@demo.invalid --name bench)
"$vitals" --db demo.db serve --listen 127.0.0.1:0 >serve.out 2>&1 &
pids+=($!)
server=$!
for _ in $(seq 100); do
	url=$(sed -n 's|^vitals serve: listening on \(http://[0-9.:]*\)/$|\1|p' serve.out)
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || { echo "$0: the server did not start" >&2; exit 1; }

# The dashboard is a web page: a token opens /api/v1/ only, so the pages
# are reached signed in, with the session's cookie.
csrf=$(curl -s -c jar -b jar "$url/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
curl -s -o /dev/null -c jar -b jar --data-urlencode email=analyst@demo.invalid \
	--data-urlencode "password=$password" --data-urlencode "csrf=$csrf" "$url/login"
session=$(awk '$6 == "vitals_session" { print $7 }' jar)
[ -n "$session" ] || { echo "$0: cannot sign in to the server" >&2; exit 1; }
cookie="Cookie: vitals_session=$session"

# nginx: the dashboard's HTML as a file, one worker per CPU.
mkdir -p www logs
# nginx's workers run as another user when started as root: let them read.
chmod 755 "$work" www
curl -s -H "$cookie" "$url/" >www/index.html
grep -q 'Vital signs' www/index.html || { echo "$0: the dashboard did not come" >&2; exit 1; }
# The two API answers as files too: the same bytes, a like-for-like
# baseline beside the dashboard's (83 KB) page.
mkdir -p www/api
curl -s -H "Authorization: Bearer $token" "$url/api/v1/actions/summary" >www/api/summary.json
curl -s -H "Authorization: Bearer $token" "$url/api/v1/measures" >www/api/measures.json
chmod 755 www/api
chmod 644 www/index.html www/api/*.json
port=$((20000 + RANDOM % 20000))
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
		location /api/ { default_type application/json; }
	}
}
CONF
"$nginx" -c "$work/nginx.conf" -p "$work"

rss() { awk '/VmRSS/ {print $2 / 1024}' "/proc/$server/status"; }
run() {	# run NAME URL [HEADER]: requests/s and latency percentiles
	local name=$1 target=$2
	shift 2
	wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "$@" "$target" >"$name.wrk"
	# Requests still queued when wrk stops hold their connections: let
	# the server finish them before the next target opens its own.
	sleep 3
	awk -v n="$name" '
		/Requests\/sec/ { rps = $2 }
		/^ +50%/ { p50 = $2 } /^ +90%/ { p90 = $2 } /^ +99%/ { p99 = $2 }
		/Non-2xx/ { bad = $NF }
		/Socket errors/ { sock = $0 }
		END { printf "%-22s %10s req/s   p50 %8s  p90 %8s  p99 %8s%s%s\n",
			n, rps, p50, p90, p99, bad ? "  NON-2XX: " bad : "",
			sock ? "  " sock : "" }' "$name.wrk"
}

echo "server RSS at start: $(rss) MB"
# Warm-up: every worker thread opens its store connection and the
# dashboard is made once; memory is judged from here.
wrk -t"$threads" -c"$conns" -d5s -H "$cookie" "$url/" >/dev/null
wrk -t"$threads" -c"$conns" -d5s -H "Authorization: Bearer $token" \
	"$url/api/v1/actions/summary" >/dev/null
wrk -t"$threads" -c"$conns" -d5s -H "Authorization: Bearer $token" \
	"$url/api/v1/measures" >/dev/null
warm=$(rss)
echo "server RSS after warm-up: $warm MB"
run nginx-static "http://127.0.0.1:$port/"
run vitals-dashboard "$url/" -H "$cookie"
run nginx-summary-json "http://127.0.0.1:$port/api/summary.json"
run vitals-api-summary "$url/api/v1/actions/summary" -H "Authorization: Bearer $token"
run nginx-measures-json "http://127.0.0.1:$port/api/measures.json"
run vitals-api-measures "$url/api/v1/measures" -H "Authorization: Bearer $token"
# nginx again: the machine's load moves during a run, so the ratios are
# read against the mean of the baseline before and after.
run nginx-static-again "http://127.0.0.1:$port/"
after=$(rss)
echo "server RSS after the runs: $after MB ($(awk -v w="$warm" -v a="$after" 'BEGIN { printf "%+.1f%%", (a - w) / w * 100 }') from warm-up)"
rps() { awk '/Requests\/sec/ { print $2 }' "$1.wrk"; }
awk -v n="$(rps nginx-static) $(rps nginx-static-again)" -v d="$(rps vitals-dashboard)" \
    -v a="$(rps vitals-api-summary)" -v m="$(rps vitals-api-measures)" \
    -v sj="$(rps nginx-summary-json)" -v mj="$(rps nginx-measures-json)" 'BEGIN {
	split(n, b, " "); n = (b[1] + b[2]) / 2
	printf "nginx, mean of before and after: %.0f req/s\n", n
	printf "dashboard / nginx: %.4f (1 in %.0f)\n", d / n, n / d
	printf "api summary / nginx: %.4f\n", a / n
	printf "api measures / nginx: %.4f\n", m / n
	printf "api summary / nginx serving the same JSON: %.4f\n", a / sj
	printf "api measures / nginx serving the same JSON: %.4f\n", m / mj }'
