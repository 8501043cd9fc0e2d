#!/usr/bin/env bash
# A soak of two `vitals serve` processes on one PostgreSQL database: 64
# keep-alive connections for 10 minutes from 20 signed-in users, mixing
# page views, API reads with personal tokens, return saves and action
# updates through the web forms, spread over both servers.  Then every
# write the load generator made is checked against the store and the
# change log: each saved write there exactly once, none other.
#
#   bench/http/soak.sh                 (10 minutes)
#   DURATION=60 bench/http/soak.sh     (a quick run)
#
# Environment:
#   DURATION=600     seconds of load     CONNECTIONS=64
#   WRITE_EVERY=5000 milliseconds between one user's writes (at most one
#                    at a time per user)
#   VITALS=path      the vitals binary (default build/vitals)
#   WORKDIR=dir      the generator's files (default a new directory in
#                    ${TMPDIR:-/tmp}, removed unless KEEP=1)
#
# Exits 1 when a request failed (a 5xx, a socket error or an answer other
# than the one expected; a 409, a write refused because another saved the
# record first, is counted apart), a write is lost or duplicated, or a
# server's RSS moved more than 10% after the warm-up and ended more than
# 10% above a fresh server's on the soaked data (soak.js memory).  It runs itself under
# scripts/pg-test, which installs PostgreSQL when it is missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ -z "${VT_TEST_PG_ADMIN:-}" ]; then
	exec "$root/scripts/pg-test" run "$0" "$@"
fi
duration=${DURATION:-600}
conns=${CONNECTIONS:-64}
write_every=${WRITE_EVERY:-5000}
vitals=${VITALS:-$root/build/vitals}
[ -x "$vitals" ] || { echo "$0: build vitals first (make build)" >&2; exit 1; }
command -v node >/dev/null || { echo "$0: needs node" >&2; exit 1; }
# Memory is judged after the warm-up: a minute, a quarter of a short run.
warmup=$((duration / 4 < 60 ? duration / 4 : 60))

work=${WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/bench-soak.XXXXXX")}
mkdir -p "$work"
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	[ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

server=${VT_TEST_PG_ADMIN%/*}
psql -X -q -v ON_ERROR_STOP=1 "$VT_TEST_PG_ADMIN" \
	-c "DROP DATABASE IF EXISTS bench_soak WITH (FORCE)" -c "CREATE DATABASE bench_soak"
db=$server/bench_soak
sql() { psql -X -q -At -F $'\t' -v ON_ERROR_STOP=1 "$db" -c "$1"; }

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)   load average before: $(cat /proc/loadavg)"
echo "machine: $(nproc) CPUs; PostgreSQL $(psql -X -At "$VT_TEST_PG_ADMIN" -c 'SHOW server_version' | cut -d' ' -f1); $("$vitals" --version | head -1)"

# The demo, its users' one-time passwords, and 20 users in all: four
# agency leads per agency (the demo's one and three more), the analyst,
# the administrator, the chair and the scrutineer.
"$vitals" --db "$db" demo --passwords >demo.out
sed -n '/^demo users/,$p' demo.out |
	sed -n 's/^  \([^ ]*@demo.invalid\) *\([a-z-]*\) *\([a-z0-9-]*\)$/\1 \2 \3/p' >users.txt
for agency in police scc-csc health-heartlands education; do
	for n in 2 3 4; do
		email=$agency-lead-$n@example.test
		password="soak passphrase $n for $agency"
		echo "$password" | "$vitals" --db "$db" user add "$email" \
			--name "Agency lead $n ($agency)" --role agency-lead --agency "$agency" >/dev/null
		echo "$email agency-lead $password" >>users.txt
	done
done
grep -v '^viewer@' users.txt >users20.txt
[ "$(wc -l <users20.txt)" = 20 ] || { echo "$0: not 20 users" >&2; cat users20.txt >&2; exit 1; }

# This quarter's returns, opened early so that the agencies write them.
period=$(date -u +%Y)Q$((($(date -u +%-m) - 1) / 3 + 1))
for agency in police scc-csc health-heartlands education; do
	"$vitals" --db "$db" returns open-early --agency "$agency" --period "$period" \
		--reason "Opened for the soak test" >/dev/null
done

# The config: each user's token, password, agency, a measure of its own
# agency to view, its rank among its agency's leads (the figure of the
# return it writes), and the actions it updates (two of its agency's not
# complete, each user its own; the analyst and the administrator two of
# the rest).
sql "SELECT code, agency FROM action WHERE rag <> 'blue' ORDER BY agency, code" >actions.tsv
sql "SELECT code, coalesce(agency, '') FROM measure ORDER BY code" >measures.tsv
value_base=10000
node - "$vitals" "$db" "$period" "$duration" "$warmup" "$conns" "$write_every" "$value_base" >config.json <<'JS'
const fs = require('fs');
const { execFileSync } = require('child_process');
const [vitals, db, period, duration, warmup, conns, writeEvery, valueBase] = process.argv.slice(2);
const lines = fs.readFileSync('users20.txt', 'utf8').trim().split('\n');
const tsv = (f) => fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => l.split('\t'));
const actions = tsv('actions.tsv');
const measures = tsv('measures.tsv');
const taken = new Set();
const rank = {};
const users = lines.map((l) => {
	const [email, role, ...pw] = l.split(' ');
	const token = execFileSync(vitals, ['--db', db, 'token', 'add', email, '--name', 'soak'],
		{ encoding: 'utf8' }).trim();
	return { email, role, password: pw.join(' '), token };
});
const agencyOf = (u) => {
	const m = u.email.match(/^(police|scc-csc|health-heartlands|education)-lead-\d@/);
	if (m) return m[1];
	return { 'police-lead@demo.invalid': 'police', 'csc-lead@demo.invalid': 'scc-csc',
		'health-lead@demo.invalid': 'health-heartlands',
		'education-lead@demo.invalid': 'education' }[u.email] || '';
};
for (const u of users) {
	u.agency = agencyOf(u);
	const own = measures.filter((m) => m[1] === u.agency);
	u.measure = (own.length ? own : measures)[0][0];
	u.actions = [];
	u.writer = ['agency-lead', 'analyst', 'admin'].includes(u.role);
	if (u.role === 'agency-lead') {
		rank[u.agency] = (rank[u.agency] || 0);
		u.rank = rank[u.agency]++;
		u.returnPath = `/returns/${u.agency}/${period}`;
	}
}
for (const pass of ['agency-lead', 'other']) {
	for (const u of users) {
		if (!u.writer || (pass === 'agency-lead') !== (u.role === 'agency-lead')) continue;
		for (const [code, agency] of actions) {
			if (u.actions.length >= 2) break;
			if (taken.has(code) || (u.role === 'agency-lead' && agency !== u.agency)) continue;
			taken.add(code);
			u.actions.push(code);
		}
	}
}
process.stdout.write(JSON.stringify({
	duration: Number(duration), warmup: Number(warmup), connections: Number(conns),
	writeEvery: Number(writeEvery), valueBase: Number(valueBase), users, servers: [],
}));
JS

start_server() {	# start_server NAME: prints "URL PID"
	"$vitals" --db "$db" serve --listen 127.0.0.1:0 >"$1.out" 2>&1 &
	local pid=$! url=""
	for _ in $(seq 100); do
		url=$(sed -n 's|^vitals serve: listening on \(http://[0-9.:]*\)/$|\1|p' "$1.out")
		[ -n "$url" ] && break
		sleep 0.1
	done
	[ -n "$url" ] || { echo "$0: the server did not start: $(cat "$1.out")" >&2; exit 1; }
	echo "$url $pid"
}
read -r url1 pid1 < <(start_server one)
pids+=("$pid1")
read -r url2 pid2 < <(start_server two)
pids+=("$pid2")
node -e '
const fs = require("fs"); const c = JSON.parse(fs.readFileSync("config.json"));
c.dbName = "bench_soak";
c.servers = [{ url: process.argv[1], pid: Number(process.argv[2]) },
	{ url: process.argv[3], pid: Number(process.argv[4]) }];
fs.writeFileSync("config.json", JSON.stringify(c));' "$url1" "$pid1" "$url2" "$pid2"
first_log=$(sql "SELECT coalesce(max(id), 0) FROM change_log")

echo "load: $duration s, $conns connections, 20 users, 2 servers, a write per user at most every $write_every ms; period $period"
status=0
node "$here/soak.js" run config.json . || status=1
echo "load average after: $(cat /proc/loadavg)"

# What the store holds of the soak's writes.
sql "SELECT value, by FROM measure_value WHERE period = '$period' AND value >= $value_base" >values.tsv
sql "SELECT who, key, after::jsonb->'updates'->-1->>'note' FROM change_log
     WHERE id > $first_log AND entity = 'action'" >action_log.tsv
sql "SELECT action, note, by FROM action_update WHERE note LIKE 'Soak update %'" >action_updates.tsv
sql "SELECT who, after::jsonb->'returns'->>0 FROM change_log
     WHERE id > $first_log AND entity = 'import' AND key = 'web form'" >import_log.tsv
node "$here/soak.js" verify . || status=1
"$vitals" --db "$db" log verify >/dev/null || { echo "the change log's hash chain does not verify" >&2; status=1; }
echo "change log: $(sql "SELECT count(*) FROM change_log WHERE id > $first_log") entries written during the soak; hash chain verified"

# Memory against the data (soak.js memory): the soaked servers stopped, a
# fresh server on the soaked database given the same reads for as long as
# the warm-up, no writes.
for p in "$pid1" "$pid2"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
read -r url3 pid3 < <(start_server fresh)
pids+=("$pid3")
mkdir -p fresh
node -e '
const fs = require("fs"); const c = JSON.parse(fs.readFileSync("config.json"));
c.readOnly = true; c.duration = Math.max(Number(process.argv[3]), 30); c.warmup = 0;
c.servers = [{ url: process.argv[1], pid: Number(process.argv[2]) }];
fs.writeFileSync("fresh/config.json", JSON.stringify(c));' "$url3" "$pid3" "$warmup"
echo "a fresh server on the soaked data, the same reads for $((warmup > 30 ? warmup : 30)) s:"
node "$here/soak.js" run fresh/config.json fresh | grep -E '^[0-9]+ requests|^failed|RSS|samples' || status=1
node "$here/soak.js" memory . fresh || status=1
exit $status
