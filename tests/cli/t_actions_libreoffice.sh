# The tracker's workbook opens in LibreOffice with the same rows as the CSV
# export: every plan's sheet, then the updates, RAG cells coloured.
. "$(dirname "$0")/lib.sh"

command -v soffice >/dev/null ||
	{ fail "soffice is missing (scripts/deps installs libreoffice-calc-nogui)"; finish; }
export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db tracker.db)
expect_status 0 "$VITALS" --db "$db" demo
# A slip and a note with a comma and quotes, so that those columns carry something.
printf 'ref,rag,due,updated,note\nPPIP-08,red,2027-01-31,2026-11-20,"Vacancies, ""rising"""\n' >move.csv
expect_status 0 "$VITALS" --db "$db" actions import move.csv
printf 'ref,rag,due\nPPIP-08,red,2027-03-31\n' >move.csv
expect_status 0 "$VITALS" --db "$db" actions import move.csv

n=$("$VITALS" --db "$db" export - | jq '.actions | length')
expect_status 0 "$VITALS" --db "$db" actions export --closed tracker.xlsx
expect_contains out "$n actions written to 'tracker.xlsx'"

# Every sheet to its own CSV (the last filter token, -1: all sheets).
HOME=$work timeout 180 soffice --headless --norestore \
	"-env:UserInstallation=file://$work/lo-profile" \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
	--outdir "$work/lo" tracker.xlsx >lo.log 2>&1 ||
	fail "soffice could not convert: $(cat lo.log)"

for plan in ppip csc-neglect neglect-2017-20 police-neglect sscp-2021-22; do
	[ -s "lo/tracker-$plan.csv" ] || { fail "no sheet for plan $plan"; continue; }
	expect_status 0 "$VITALS" --db "$db" actions list --plan "$plan" --csv
	cmp -s out "lo/tracker-$plan.csv" ||
		fail "plan $plan: the workbook differs from the CSV export: $(diff out "lo/tracker-$plan.csv" | head -5)"
done
expect_contains lo/tracker-ppip.csv 'PPIP-08,ppip,police,'
expect_contains lo/tracker-ppip.csv ',red,2026-11-20,no,no,1,"Vacancies, ""rising"""'

# The updates: a header and one row per update, the newest included.
[ -s lo/tracker-Updates.csv ] || fail "no Updates sheet"
expect_contains lo/tracker-Updates.csv 'ref,date,rag,note,evidence,by'
expect_contains lo/tracker-Updates.csv 'PPIP-08,2026-11-20,red,"Vacancies, ""rising""",,'
expect_contains lo/tracker-Updates.csv 'pol-a1,2026-06-24,blue,'

# RAG cells are filled with the tracker's colours.
unzip -p tracker.xlsx xl/styles.xml >styles.xml 2>/dev/null || fail "cannot read the workbook's styles"
for colour in F4A6A6 FFD966 A9D08E 9BC2E6; do
	grep -q "FF$colour" styles.xml || fail "no fill of colour $colour in the workbook"
done

# A file that cannot be written is a failure, with its name.
expect_status 3 "$VITALS" --db "$db" actions export no-such-dir/tracker.xlsx
expect_contains err "cannot write 'no-such-dir/tracker.xlsx'"
finish
