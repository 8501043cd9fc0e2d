# The demo partnership: summary, round trip, idempotent reload, change log.
. "$(dirname "$0")/lib.sh"

demo=$(new_db demo.db)
copy=$(new_db copy.db)

# A PostgreSQL database has no place of its own on this machine for the
# extracts' key: without one the demo says it loaded no extract.
if [ "${VT_TEST_ENGINE:-}" = postgresql ]; then
	nokey=$(new_db nokey.db)
	expect_status 0 env -u VITALS_EXTRACT_KEY_FILE -u VITALS_EXTRACT_KEY \
		"$VITALS" --db "$nokey" demo
	expect_contains out "no synthetic extract loaded"
	expect_contains out "VITALS_EXTRACT_KEY_FILE"
	export VITALS_EXTRACT_KEY_FILE="$PWD/demo.key"
fi

# The demo's census files are written in $TMPDIR and removed after.
mkdir demotmp
expect_status 0 env TMPDIR="$PWD/demotmp" "$VITALS" --db "$demo" demo
[ -z "$(ls -A demotmp)" ] || fail "the demo left files behind: $(ls -A demotmp)"
cp out demo.out
expect_contains out "Surrey Safeguarding Children Partnership"
expect_contains out "illustrative, not real data"
# The improvement-plan tracker exactly as the police report gives it.
expect_contains out "Public Protection Improvement Plan (2 measures): 71 actions: 29 green, 32 amber, 10 red"
expect_contains out "agencies: 41 (3 statutory partners, 38 relevant agencies)"

# A demo is built only into a fresh database.
expect_status 2 "$VITALS" --db "$demo" demo
expect_contains err "already exists"

# load -> export -> load -> export gives identical exports.
expect_status 0 "$VITALS" --db "$demo" export first.json
expect_status 0 "$VITALS" --db "$copy" init
expect_status 0 "$VITALS" --db "$copy" load first.json
expect_status 0 "$VITALS" --db "$copy" export second.json
cmp -s first.json second.json || fail "exports differ after a round trip"

# Loading the demo data again changes nothing.
expect_status 0 "$VITALS" --db "$demo" load "$VT_SOURCE_DIR/data/demo/partnership.json"
if grep -v ' 0 added, 0 changed, ' out; then
	fail "reloading the demo changed something"
fi

# Every value is marked illustrative in the data itself, except the seed
# documents' own published figures, each noted with its seed.
# (counted inside the export's "values" list only)
in_values() { awk '/^  "values": \[/ {on = 1} on && /^  \]/ {on = 0} on' first.json; }
values=$(in_values | grep -c '"period"')
marked=$(in_values | grep -c '"illustrative": true')
seeded=$(in_values | grep -c '"note": "Seed 00[0-4]: ')
[ "$values" -gt 400 ] || fail "only $values values in the demo"
[ "$seeded" -gt 0 ] || fail "none of the seeds' own figures is in the demo"
[ "$values" = "$((marked + seeded))" ] ||
	fail "$marked of $values values marked illustrative, $seeded from the seeds"

# No names or contact details from the seed documents.
for name in "Carla Thomas" "Tamara Cooper" "Jon Savell" "Joanna Killian" \
	"Gavin Stephens" "Claire Fuller" "01483" "01372" "pnn.police.uk"; do
	if grep -qF "$name" first.json; then
		fail "the demo contains '$name'"
	fi
done

# The synthetic extracts: loaded through the CIN census reader, said to be
# generated and illustrative, listed with the counts the demo printed.
expect_contains demo.out "synthetic CIN census extracts loaded (illustrative, generated"
printed=$(sed -n 's/^  extract \([0-9]*\) as at \([0-9-]*\), \([0-9]*\) records$/\1 \2 \3/p' demo.out)
[ "$(printf '%s\n' "$printed" | grep -c .)" = 3 ] || fail "the demo printed extracts: $printed"
expect_status 0 "$VITALS" --db "$demo" extract list --json
cp out list1.json
listed=$(jq -r '.extracts[] | "\(.id) \(.as_at) \(.records)"' list1.json)
[ "$listed" = "$printed" ] || fail "extract list gives '$listed', the demo printed '$printed'"
jq -e '[.extracts[] | select(.format == "cin" and .superseded_by == null
	and .kinds["cp-plan"] > 0 and .kinds["cin-plan"] > 0
	and .kinds.referral > 0)] | length == 3' list1.json >/dev/null ||
	fail "the demo's extracts are not three current CIN censuses with plans: $(cat list1.json)"
if [ "${VT_TEST_ENGINE:-}" != postgresql ]; then
	[ -f "$demo.key" ] || fail "no key file beside the demo's database"
	[ "$(stat -c %a "$demo.key")" = 600 ] || fail "the demo's key file is not mode 0600"
fi

# The generated children's LA child IDs are hashed at the door: none is in
# the database, its WAL or the export.
for f in "$demo" "$demo-wal" first.json; do
	if [ -f "$f" ] && grep -qa "DEMO0" "$f"; then
		fail "$f holds a generated child's LA child ID"
	fi
done

# The same demo every time: a second demo has extracts of the same bytes
# (their SHA-256) and counts.  Its key is its own, so its hashes differ.
again=$(new_db again.db)
if [ "${VT_TEST_ENGINE:-}" = postgresql ]; then
	export VITALS_EXTRACT_KEY_FILE="$PWD/again.key"
fi
expect_status 0 "$VITALS" --db "$again" demo
expect_status 0 "$VITALS" --db "$again" extract list --json
same() { jq -c '[.extracts[] | [.as_at, .from, .to, .sha256, .records, .kinds]]' "$1"; }
[ "$(same out)" = "$(same list1.json)" ] ||
	fail "a second demo's extracts differ: $(same out) / $(same list1.json)"
[ "$(jq -r '.extracts[0].key_fingerprint' out)" != "$(jq -r '.extracts[0].key_fingerprint' list1.json)" ] ||
	fail "two demos share a key"

# The CSC neglect plan's derived measures, with their derive, say so.
derived=$(jq -r '[.measures[] | select(.derive) | .code] | join(" ")' first.json)
[ "$derived" = "csc-d1 csc-d2 csc-d3 csc-d4" ] || fail "derived measures: $derived"
jq -e '[.measures[] | select(.derive) | select(.plan == "csc-neglect"
	and (.title | endswith("(derived from the CIN census extract)")))]
	| length == 4' first.json >/dev/null ||
	fail "a derived measure is not the CSC neglect plan's or does not say it is derived"
jq -e '.measures[] | select(.code == "csc-d1") | .derive.breakdowns == ["age_band"]
	and .derive.records == "cin-plan" and .unit == "percent"' first.json >/dev/null ||
	fail "csc-d1 is not CIN plans for neglect by age band"
jq -e '.measures[] | select(.code == "csc-d2") | .derive.records == "cp-plan"
	and .derive.filters[0].category == ["NEG"] and .derive.aggregate == "count"' first.json >/dev/null ||
	fail "csc-d2 is not CP plans for neglect"
jq -e '.measures[] | select(.code == "csc-d3") | .derive.records == "referral"
	and .derive.filters[1].previous_within.months == 12' first.json >/dev/null ||
	fail "csc-d3 is not re-referrals within 12 months"
jq -e '.measures[] | select(.code == "csc-d4") | .derive.filters[1].sequence == "subsequent"' first.json >/dev/null ||
	fail "csc-d4 is not second or subsequent CP plans"
# The plan's count in the summary includes them.
n=$(jq '[.measures[] | select(.plan == "csc-neglect")] | length' first.json)
expect_contains demo.out "Children's Social Care single-agency neglect plan ($n measures)"
expect_contains demo.out "measures: $(jq '.measures | length' first.json)"

expect_status 0 "$VITALS" --db "$demo" log verify
expect_contains out "hash chain intact"
finish
