# A workbook from another producer (LibreOffice converting a CSV) imports to
# the same values as the CSV it came from.
. "$(dirname "$0")/lib.sh"

command -v soffice >/dev/null ||
	{ fail "soffice is missing (scripts/deps installs libreoffice-calc-nogui)"; finish; }
export VITALS_NOW=2027-01-05T10:00:00Z

# A breakdown, a quoted comma, decimals, a suppression code, counts.
cat >long.csv <<'CSV'
agency,measure,period,value,numerator,denominator,breakdown,note
scc-csc,csc-m8,2026Q4,31,,,u11,"under 11s, as counted"
scc-csc,csc-m8,2026Q4,17,,,11plus,
scc-csc,csc-m8,2026Q4,48,,,,
scc-csc,csc-m2,2026Q4,12.5,,,,
scc-csc,csc-m3,2026Q4,c,,,,suppressed: fewer than five
scc-csc,csc-m4,2026Q4,1204,,,,
police,pol-m4,2026Q4,61.25,,,,
CSV

base=$(new_db base.db)
expect_status 0 "$VITALS" --db "$base" demo
from_csv=$(copy_db "$base" from-csv.db)
from_xlsx=$(copy_db "$base" from-xlsx.db)

# LibreOffice wants a writable profile; keep it inside the scratch directory.
HOME=$work timeout 180 soffice --headless --norestore \
	"-env:UserInstallation=file://$work/lo-profile" \
	--convert-to xlsx --outdir "$work/lo" long.csv >lo.log 2>&1 ||
	fail "soffice could not convert: $(cat lo.log)"
[ -s lo/long.xlsx ] || fail "soffice wrote no workbook"
if unzip -p lo/long.xlsx docProps/app.xml 2>/dev/null | grep -qi xlsxwriter; then
	fail "the workbook was written by libxlsxwriter, not another producer"
fi

expect_status 0 "$VITALS" --db "$from_csv" --as lead returns import long.csv
mv out csv.out
expect_status 0 "$VITALS" --db "$from_xlsx" --as lead returns import lo/long.xlsx
mv out xlsx.out
expect_contains csv.out "scc-csc 2026Q4: 6 added"
expect_contains csv.out "police 2026Q4: 1 added"
cmp -s csv.out xlsx.out || fail "the two imports report differently: $(diff csv.out xlsx.out)"

# The stored values, every version, are the same whichever file came in.
expect_status 0 "$VITALS" --db "$from_csv" export from-csv.json
expect_status 0 "$VITALS" --db "$from_xlsx" export from-xlsx.json
cmp -s from-csv.json from-xlsx.json ||
	fail "values differ: $(diff from-csv.json from-xlsx.json | head -20)"
expect_contains from-xlsx.json '"note": "under 11s, as counted"'
expect_contains from-xlsx.json '"suppressed": "c"'
expect_contains from-xlsx.json '"value": 61.25'
finish
