# vitals serve under load: a refused upload is answered before its body
# is read, a lead's large workbook still goes in, slow connections are
# shut at the header deadline, and 40 slow unauthenticated uploads with
# 300 slow connections leave a signed-in user served and the server's
# memory under 100 MB.
. "$(dirname "$0")/lib.sh"

command -v curl >/dev/null || { echo "FAIL: curl is missing: run scripts/deps" >&2; exit 1; }
: "${VT_SLOWCLIENT:?VT_SLOWCLIENT must name the slow client (tests/tools)}"

export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db load.db)
expect_status 0 "$VITALS" --db "$db" demo
echo "a long enough passphrase" >pw
expect_status 0 "$VITALS" --db "$db" user add lead@example.test --name "Police lead" --role agency-lead --agency police <pw

serve_start serve
pid=$server_pid
port=${url##*:}
rss() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status"; }

# The lead signs in (the sign-in form's token, then the form).
csrf=$(curl -s -c jar -b jar "$url/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
[ "$(curl -s -o /dev/null -w '%{http_code}' -c jar -b jar --data-urlencode email=lead@example.test \
	--data-urlencode 'password=a long enough passphrase' --data-urlencode "csrf=$csrf" "$url/login")" = 303 ] ||
	fail "the lead cannot sign in"
return_page=$url/returns/police/2026Q3
csrf=$(curl -s -b jar "$return_page" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
[ ${#csrf} = 64 ] || fail "the return page has no form token"

# Not signed in, 2 MB to an upload address at 200 KB/s: refused on its
# headers, so the answer comes long before the ten seconds the body
# would take.
head -c 2097152 /dev/zero >big.bin
before=$(rss)
answer=$(curl -s -o refused.html -H 'Expect:' --limit-rate 200k -w '%{http_code} %{time_total} %{size_upload}' \
	-F "file=@big.bin" "$return_page/upload" || true)
read -r code seconds sent <<<"$answer"
[ "$code" = 403 ] || fail "an unauthenticated upload got '$code', not 403"
[ "${seconds%.*}" -lt 4 ] || fail "an unauthenticated upload was answered after ${seconds}s: its body was read"
[ "${sent%.*}" -lt 2000000 ] || fail "the server took all ${sent} bytes of an unauthenticated upload"
expect_contains refused.html "Sign in first."

# Signed in, a length beyond the cap is refused unread too.  curl asks
# first (Expect: 100-continue), so the refusal comes before any byte of
# the body: without it, the answer could be lost to the reset of a
# connection closed with the body still arriving.
head -c 17000000 /dev/zero >huge.bin
code=$(curl -s -o toobig.html -H 'Expect: 100-continue' -b jar -w '%{http_code}' -F "csrf=$csrf" -F "file=@huge.bin" \
	"$return_page/upload" || true)
[ "$code" = 413 ] || fail "a 17 MB upload got '$code', not 413"
expect_contains toobig.html "smaller than 16 MB"

# The lead's completed template, padded to over 1 MB, still goes in.
curl -s -b jar -o template.xlsx "$return_page/template.xlsx"
head -c 1200000 /dev/urandom >padding.bin
cp template.xlsx padded.xlsx
zip -q -0 padded.xlsx padding.bin
[ "$(stat -c %s padded.xlsx)" -gt 1048576 ] || fail "the padded workbook is not over 1 MB"
code=$(curl -s -o uploaded.html -D uploaded.h -b jar -w '%{http_code}' -F "csrf=$csrf" \
	-F "file=@padded.xlsx" "$return_page/upload")
[ "$code" = 303 ] || fail "the lead's 1 MB workbook got '$code', not 303: $(grep -o 'govuk-error-summary__list.*' uploaded.html | head -c 400)"
expect_contains uploaded.h "done=uploaded"
ls /tmp | grep -q '^vitals-body-' && fail "an upload's private directory was left in /tmp"

# The load: 300 connections that never finish their headers and 40
# unauthenticated 16 MB uploads at 256 KB/s, from ten addresses, while the
# lead keeps working.
"$VT_SLOWCLIENT" "$port" headers 300 14 >slow_headers.txt &
slow1=$!
"$VT_SLOWCLIENT" "$port" upload 40 14 >slow_uploads.txt &
slow2=$!
peak=$(rss)
served=0
refused=0
for _ in $(seq 24); do
	sleep 0.5
	for page in / /returns/police/2026Q3 /measures; do
		code=$(curl -s -o /dev/null -b jar --max-time 5 -w '%{http_code}' "$url$page" || true)
		if [ "$code" = 200 ]; then served=$((served + 1)); else
			refused=$((refused + 1)); echo "  $page: $code" >&2; fi
	done
	now=$(rss)
	[ "$now" -gt "$peak" ] && peak=$now
done
wait "$slow1" "$slow2"
echo "memory before ${before} kB, peak ${peak} kB; the lead's requests: $served served, $refused not"
echo "slow headers: $(tail -1 slow_headers.txt); slow uploads: $(tail -1 slow_uploads.txt)"
[ "$refused" = 0 ] || fail "$refused of the lead's requests failed under load"
if [ "${VT_SANITIZED:-0}" = 1 ]; then
	echo "built with the sanitizers: the memory bound is not checked"
else
	[ "$peak" -lt 102400 ] || fail "the server's memory reached ${peak} kB under load"
fi
grep -q 'opened 300 ' slow_headers.txt || fail "not all 300 slow connections were accepted: $(tail -1 slow_headers.txt)"
grep -q ' open 0$' slow_headers.txt || fail "slow headers outlived the deadline: $(tail -1 slow_headers.txt)"
grep -q 'answered 40 ' slow_uploads.txt || fail "not every slow upload was refused at once: $(tail -1 slow_uploads.txt)"
finish
