# vitals serve's stylesheet: built from govuk-frontend, served with the
# security headers and a day's cache, no GOV.UK font, nothing it does not
# serve itself; the pages link it.  (Driven with curl.)
. "$(dirname "$0")/lib.sh"

command -v curl >/dev/null || { echo "FAIL: curl is missing: run scripts/deps" >&2; exit 1; }

db=$(new_db assets.db)
expect_status 0 "$VITALS" --db "$db" init

serve_start serve

# The stylesheet, as a browser gets it.
curl -s -D h.txt -o css.txt "$url/assets/vitals.css"
expect_contains h.txt "HTTP/1.1 200"
grep -qi '^Content-Type: text/css; charset=utf-8' h.txt || fail "the stylesheet is not text/css: $(grep -i '^Content-Type' h.txt)"
for header in "Content-Security-Policy: default-src 'none'" "X-Content-Type-Options: nosniff" \
	"X-Frame-Options: DENY" "Cache-Control: public, max-age=86400"; do
	expect_contains h.txt "$header"
done
# The whole of it: govuk-frontend, and to its last byte Vitals' own rules
# (which come last).
[ "$(wc -c <css.txt)" -gt 10000 ] || fail "the stylesheet is only $(wc -c <css.txt) bytes"
tail -c 2 css.txt | cmp -s - <(printf '}\n') || fail "the stylesheet is cut short: ...$(tail -c 40 css.txt)"
expect_contains css.txt ".govuk-button"
expect_contains css.txt ".govuk-template__body"
expect_contains css.txt ".vt-rag--amber"
expect_contains css.txt ".vt-illustrative"
# No GOV.UK font, and no address the server would answer 404 to.
if grep -q "GDS Transport" css.txt; then fail "the stylesheet names the GDS Transport font"; fi
if grep -q "@font-face" css.txt; then fail "the stylesheet loads a font"; fi
grep -o 'url([^)]*)' css.txt | grep -v '^url("\{0,1\}data:' >urls.txt || true
[ ! -s urls.txt ] || fail "the stylesheet fetches $(head -3 urls.txt | tr '\n' ' ')"

# Other pages keep no-store; only the stylesheet is cached.
curl -s -D h.txt -o login.html "$url/login"
expect_contains h.txt "HTTP/1.1 200"
expect_contains h.txt "Cache-Control: no-store"
expect_contains login.html '<link rel="stylesheet" href="/assets/vitals.css">'
expect_contains login.html 'class="govuk-template"'
expect_contains login.html 'href="#main-content"'
expect_contains login.html 'id="main-content"'
if grep -q "GOV.UK" login.html; then fail "the sign-in page says GOV.UK"; fi
curl -s -D h.txt -o /dev/null -X POST "$url/assets/vitals.css"
expect_contains h.txt "HTTP/1.1 405"
expect_contains h.txt "Cache-Control: no-store"

serve_stop "$server_pid"
expect_contains serve.out "vitals serve: stopped"
if grep -Eq 'Sanitizer|runtime error' serve.out; then fail "serve.out: $(grep -E 'Sanitizer|runtime error' serve.out | head -3)"; fi
finish
