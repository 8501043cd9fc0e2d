# The demo partnership: summary, round trip, idempotent reload, change log.
. "$(dirname "$0")/lib.sh"

demo=$(new_db demo.db)
copy=$(new_db copy.db)

expect_status 0 "$VITALS" --db "$demo" demo
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

expect_status 0 "$VITALS" --db "$demo" log verify
expect_contains out "hash chain intact"
finish
