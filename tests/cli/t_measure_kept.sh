# A measure's page is made once from the kept pack and kept with it: the
# kept page is the page made, a change by another process shows at once,
# and each quarter, reader and measure has its own.
. "$(dirname "$0")/lib.sh"

command -v curl >/dev/null || { echo "FAIL: curl is missing: run scripts/deps" >&2; exit 1; }

export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db kept.db)
expect_status 0 "$VITALS" --db "$db" demo --passwords
demo_users
serve_start one

# page NAME JAR PATH: the status; the page's main part in NAME.html (the
# frame carries the session's sign-out form, the same for one session).
page() {
	curl -s -o "$1.whole" -w '%{http_code}' -b "$2" "$url$3"
	sed -n '/<main/,/<\/main>/p' "$1.whole" >"$1.html"
}

demo_signin a.jar analyst@demo.invalid
demo_signin p.jar police-lead@demo.invalid

# Made, then kept: the same page twice, and it is the measure's.
[ "$(page m1 a.jar /measures/pol-m1)" = 200 ] || fail "the measure page is not 200"
[ "$(page m2 a.jar /measures/pol-m1)" = 200 ] || fail "the measure page again is not 200"
[ -s m1.html ] || fail "the measure page has no main part"
cmp -s m1.html m2.html || fail "the kept measure page differs from the one made: $(diff m1.html m2.html | head -5)"
expect_contains m1.html 'id="versions"'
expect_contains m1.html 'action="/measures/pol-m1"'
# Another measure of the same pack is its own page, not the first's.
[ "$(page n1 a.jar /measures/ns-m1)" = 200 ] || fail "another measure's page is not 200"
expect_contains n1.html 'action="/measures/ns-m1"'
expect_not_contains n1.html 'action="/measures/pol-m1"'
[ "$(page m3 a.jar /measures/pol-m1)" = 200 ] || fail "the first measure page a third time is not 200"
cmp -s m1.html m3.html || fail "reading another measure changed the first's kept page"

# Another quarter is another page, kept on its own.
[ "$(page q1 a.jar '/measures/pol-m1?period=2026Q1')" = 200 ] || fail "the measure page of 2026Q1 is not 200"
[ "$(page q2 a.jar '/measures/pol-m1?period=2026Q1')" = 200 ] || fail "the measure page of 2026Q1 again is not 200"
cmp -s q1.html q2.html || fail "the kept page of 2026Q1 differs from the one made"
! cmp -s q1.html m1.html || fail "the page of 2026Q1 is the latest quarter's"
expect_contains q1.html 'value="2026Q1" selected'

# Another reader (an agency lead) is given a page of their own pack, the
# same measure's.
[ "$(page l1 p.jar /measures/pol-m1)" = 200 ] || fail "the police lead's measure page is not 200"
expect_contains l1.html 'action="/measures/pol-m1"'

# A change by another process (the command line) shows at once: the kept
# page is of the data as it was.
expect_not_contains m1.html 'Illustrative: is the fall in arrests real?'
expect_status 0 "$VITALS" --db "$db" challenge add --on measure:pol-m1 --by scrutineer \
	--text "Illustrative: is the fall in arrests real?"
[ "$(page m4 a.jar /measures/pol-m1)" = 200 ] || fail "the measure page after a change is not 200"
expect_contains m4.html 'Illustrative: is the fall in arrests real?'
[ "$(page l2 p.jar /measures/pol-m1)" = 200 ] || fail "the police lead's measure page after a change is not 200"
expect_contains l2.html 'Illustrative: is the fall in arrests real?'
[ "$(page q3 a.jar '/measures/pol-m1?period=2026Q1')" = 200 ] || fail "the page of 2026Q1 after a change is not 200"
expect_contains q3.html 'Illustrative: is the fall in arrests real?'

# An unknown measure is still 404, made or kept.
[ "$(page x a.jar /measures/nope)" = 404 ] || fail "an unknown measure is not 404"

finish
