# The change log in words, the same on the command line and the API: an
# approval says "... return 2026-27 Q2 approved" with its status before
# and after and who in one form; a user added shows no secret; the
# filters (agency, person, dates) and the API's pages of 50.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "FAIL: curl is missing: run scripts/deps" >&2; exit 1; }
command -v jq >/dev/null || { echo "FAIL: jq is missing: run scripts/deps" >&2; exit 1; }

export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db log.db)
expect_status 0 "$VITALS" --db "$db" demo --passwords
demo_users

# The only administrator who can sign in is never disabled: nobody could
# administer the partnership again.
before=$(db_state "$db")
expect_status 1 "$VITALS" --db "$db" user disable admin@demo.invalid
expect_contains err "it is the only administrator who can sign in"
[ "$(db_state "$db")" = "$before" ] || fail "a refused disable changed the database"

# An approval from the command line: words, before and after, who.
VITALS_USER= USER= expect_status 0 "$VITALS" --db "$db" returns approve --agency scc-csc --period 2026Q3
expect_status 0 "$VITALS" --db "$db" log list --key scc-csc/2026Q3
expect_contains out "Children's Services return 2026-27 Q2 approved"
expect_contains out "    status: submitted -> approved"
expect_contains out "    approved by: none -> Command line"
expect_contains out "    approved at: none -> 23 November 2026 at 10am"
expect_status 0 "$VITALS" --db "$db" log list --key scc-csc/2026Q3 --json
last=$(jq -c '.[-1] | [.summary, .by, .when, .link]' out)
[ "$last" = '["Surrey County Council Children'"'"'s Services return 2026-27 Q2 approved","Command line","23 November 2026 at 10am","/returns/scc-csc/2026Q3"]' ] ||
	fail "the approval in JSON: $last"
[ "$(jq -c '.[-1].changes[0]' out)" = '{"field":"status","before":"submitted","after":"approved"}' ] ||
	fail "the status before and after: $(jq -c '.[-1].changes' out)"

# A user added: who by name and role once the account is known, and no
# secret in the words or the records.
printf 'a long enough passphrase\n' >pw
VITALS_USER=admin@demo.invalid expect_status 0 "$VITALS" --db "$db" user add observer@demo.invalid --name "Board observer" --role viewer <pw
expect_status 0 "$VITALS" --db "$db" log list --entity user --json
[ "$(jq -c '.[-1] | [.summary, .by, .link]' out)" = '["User observer@demo.invalid added","System administrator (admin)",null]' ] ||
	fail "the user added: $(jq -c '.[-1]' out)"
expect_not_contains out "passphrase"
expect_not_contains out "argon"
expect_status 0 "$VITALS" --db "$db" log list --who admin@demo.invalid
[ "$(wc -l <out)" = 1 ] || fail "--who admin@demo.invalid listed $(wc -l <out) entries"
expect_status 0 "$VITALS" --db "$db" log list --who system
[ ! -s out ] || fail "--who system listed entries"

# By agency: a police figure is the police's; another agency's is not.
expect_status 0 "$VITALS" --db "$db" log list --agency police --entity value
expect_contains out "pol-m1/"
expect_not_contains out "csc-m1/"
# Dates are London days; a date that is not one is a usage error.
expect_status 0 "$VITALS" --db "$db" log list --from 2026-11-24
[ ! -s out ] || fail "--from the next day listed entries"
expect_status 0 "$VITALS" --db "$db" log list --to 2026-11-23 --entity restore
expect_status 2 "$VITALS" --db "$db" log list --from 23/11/2026

# The API: 50 to a page, newest first, the same words; a bad page or
# date is refused with its field.
expect_status 0 "$VITALS" --db "$db" token add analyst@demo.invalid --name log
token=$(tail -1 out)
serve_start serve
api() { curl -s -o api.json -w '%{http_code}' -H "Authorization: Bearer $token" "$url/api/v1/log$1"; }
[ "$(api "?entity=return")" = 200 ] || fail "GET /api/v1/log?entity=return"
[ "$(jq length api.json)" = 50 ] || fail "page 1 has $(jq length api.json) entries"
[ "$(jq -r '.[0].summary' api.json)" = "Surrey County Council Children's Services return 2026-27 Q2 approved" ] ||
	fail "the newest return entry: $(jq -c '.[0]' api.json)"
[ "$(api "?entity=return&page=2")" = 200 ] || fail "GET page 2"
[ "$(jq length api.json)" -ge 1 ] || fail "page 2 is empty"
[ "$(api "?page=0")" = 400 ] || fail "page 0 was not refused"
[ "$(jq -r .field api.json)" = page ] || fail "page 0: $(cat api.json)"
[ "$(api "?from=tomorrow")" = 400 ] || fail "a bad date was not refused"
[ "$(jq -r .field api.json)" = from ] || fail "from=tomorrow: $(cat api.json)"
# The page: the same filters, the entry in words, a refusal linked to
# its field.
demo_signin jar scrutineer@demo.invalid
page() { curl -s -b jar -o page.html -w '%{http_code}' "$url/log$1"; }
[ "$(page "?who=admin%40demo.invalid")" = 200 ] || fail "GET /log?who="
expect_contains page.html "User observer@demo.invalid added"
expect_contains page.html "System administrator (admin)"
expect_contains page.html "Changes 1 to 1 of 1, newest first (page 1 of 1)."
expect_not_contains page.html "govuk-pagination"
[ "$(page "?agency=scc-csc&entity=return&from=2026-11-23&to=2026-11-23")" = 200 ] || fail "GET /log?agency="
expect_contains page.html 'href="/returns/scc-csc/2026Q3"'
expect_contains page.html '<span data-before="">submitted</span> &rarr; <span data-after="">approved</span>'
expect_not_contains page.html "Surrey Police return"
[ "$(page "?to=30-11-2026")" = 400 ] || fail "a bad date on the page was not refused"
grep -q 'href="#to"' page.html || fail "a refused date does not link to its field"
[ "$(page "?entity=return&page=9")" = 200 ] || fail "GET a page past the last"
expect_contains page.html "There is no page 9"

# A measure getting worse while every action on it is green: on the
# scrutineer's home, not on the analyst's.
expect_status 0 "$VITALS" --db "$db" actions update pol-a4 --rag green --note "On track"
curl -s -b jar -o home.html "$url/"
expect_contains home.html 'href="/measures/pol-m3"'
expect_contains home.html "Measure pol-m3 is getting worse while its actions are all green or complete"
demo_signin ajar analyst@demo.invalid
curl -s -b ajar -o home.html "$url/"
expect_not_contains home.html "Measure pol-m3 is getting worse"

# An import whose figures are far from their recent values: its entry
# keeps the warnings and links to its return; the analyst's home lists
# it for checking.
expect_status 0 "$VITALS" --db "$db" returns template --agency police --period 2026Q3 -o form.csv
# (Police's own six measures: its parts of the multi-agency GCP2 measures
# are left out.)
awk -F, -v OFS=, 'NR == 1 { print; next } $2 ~ /^pol-/ { $5 = 99; print }' form.csv >far.csv
expect_status 0 "$VITALS" --db "$db" returns import far.csv
expect_status 0 "$VITALS" --db "$db" log list --entity import
expect_contains out "Return file far.csv imported: 6 rows, 0 added, 6 changed, 6 warnings to check"
expect_contains out "    warning: far.csv:2: measure 'pol-m1' 2026Q3: 99 is far from its recent values"
[ "$(grep -c '^    warning: ' out)" = 5 ] || fail "the entry keeps $(grep -c '^    warning: ' out) warnings, not the first 5"
expect_status 0 "$VITALS" --db "$db" log list --entity import --json
[ "$(jq -c '.[-1] | [.link, .after.warnings, .after.returns]' out)" = '["/returns/police/2026Q3",6,["police/2026Q3"]]' ] ||
	fail "the import in JSON: $(jq -c '.[-1]' out)"
curl -s -b ajar -o home.html "$url/"
expect_contains home.html "far.csv, imported 23 November 2026 at 10am, has 6 warnings to check"
expect_contains home.html 'href="/returns/police/2026Q3"'
[ "$(page "?entity=import")" = 200 ] || fail "GET /log?entity=import"
expect_contains page.html "far.csv:6: measure &#39;pol-m5&#39; 2026Q3: 99 is far from its recent values"
expect_contains page.html "and 1 more"

serve_stop "$server_pid"
finish
