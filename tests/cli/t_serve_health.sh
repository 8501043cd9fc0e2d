# vitals serve's /healthz: ok while the database answers, 503 for a
# damaged SQLite file or a PostgreSQL database that takes no writes, the
# cause in the server's log and not in the answer.
. "$(dirname "$0")/lib.sh"

command -v curl >/dev/null || { echo "FAIL: curl is missing: run scripts/deps" >&2; exit 1; }

db=$(new_db health.db)
expect_status 0 "$VITALS" --db "$db" demo

serve() { serve_start "$1"; pid=$server_pid; }	# sets url and pid
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }

serve sound
[ "$(curl -s -o body.txt -w '%{http_code}' "$url/healthz")" = 200 ] || fail "a sound database is not healthy"
expect_contains body.txt "ok"
stop

if on_postgresql; then
	# Every new transaction read-only: the server opens, but cannot write.
	vt_psql -c "ALTER DATABASE $(vt_db_name health.db) SET default_transaction_read_only = on" >/dev/null
	why="does not take writes"
else
	# One page near the end (a table's, not the schema's) overwritten.
	pages=$(( $(stat -c %s "$db") / 4096 ))
	[ "$pages" -gt 8 ] || fail "the demo database has only $pages pages"
	head -c 4096 /dev/urandom | dd of="$db" bs=4096 seek=$((pages - 2)) conv=notrunc status=none
	why="fails its check"
fi
serve damaged
code=$(curl -s -D h.txt -o body.txt -w '%{http_code}' "$url/healthz")
[ "$code" = 503 ] || fail "/healthz answered $code for a database that cannot be used: $(cat body.txt)"
expect_contains body.txt "the database cannot be used"
expect_contains h.txt "Content-Security-Policy:"
if grep -q "$why" body.txt; then fail "the cause is told to anyone who asks"; fi
expect_contains damaged.out "$why"
stop
finish
