# Importing an action tracker from CSV: every refusal named at its cell,
# nothing changed by a refused file, re-imports recorded as updates.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db tracker.db)
expect_status 0 "$VITALS" --db "$db" demo
expect_status 0 "$VITALS" --db "$db" export before.json

H='ref,plan,agency,title,owner,priority,due,rag,updated,note,measures'

# refuse NAME EXPECTED: the CSV on stdin is refused with EXPECTED on
# stderr (place and message), exit 1, and the database as it was.
refuse() {
	cat >"$1.csv"
	expect_status 1 "$VITALS" --db "$db" actions import "$1.csv"
	expect_contains err "$2"
	expect_contains err "'$1.csv' refused"
	cp err "$1.err"
	expect_status 0 "$VITALS" --db "$db" export after.json
	cmp -s before.json after.json || fail "$1: a refused import changed the database"
}

refuse extra-column "extra-column.csv:1:68: error: column 'colour' is not one of" <<CSV
$H,colour
x-1,ppip,police,T,,,,green,,,,blue
CSV
refuse column-twice "column-twice.csv:1:9: error: column 'rag' is given twice" <<CSV
ref,rag,RAG
x-1,green,green
CSV
refuse no-rag-column "no-rag-column.csv:1: error: the header needs 'ref' and 'rag' columns" <<CSV
ref,plan,agency,title
x-1,ppip,police,T
CSV
refuse empty-ref "empty-ref.csv:2:1: error: the ref is empty" <<CSV
$H
,ppip,police,T,,,,green,,,
CSV
refuse ref-twice "ref-twice.csv:3:1: error: action 'x-1' is given twice (also at ref-twice.csv:2)" <<CSV
$H
x-1,ppip,police,T,,,,green,,,
x-1,ppip,police,T,,,,amber,,,
CSV
refuse bad-rag "bad-rag.csv:2:22: error: 'purple' is not a RAG rating (red, amber, green, blue or R, A, G, B)" <<CSV
$H
x-1,ppip,police,T,,,,purple,,,
CSV
refuse bad-due "bad-due.csv:2:21: error: '31/02/2026' is not a date (YYYY-MM-DD or DD/MM/YYYY)" <<CSV
$H
x-1,ppip,police,T,,,31/02/2026,green,,,
CSV
refuse bad-updated "bad-updated.csv:2:28: error: '2026-13-01' is not a date" <<CSV
$H
x-1,ppip,police,T,,,,green,2026-13-01,,
CSV
refuse unknown-plan "unknown-plan.csv:2:5: error: plan 'no-plan' does not exist" <<CSV
$H
x-1,no-plan,police,T,,,,green,,,
CSV
refuse unknown-agency "unknown-agency.csv:2:10: error: agency 'nobody' does not exist" <<CSV
$H
x-1,ppip,nobody,T,,,,green,,,
CSV
refuse unknown-priority "unknown-priority.csv:2:20: error: priority 'p9' does not exist" <<CSV
$H
x-1,ppip,police,T,,p9,,green,,,
CSV
refuse unknown-measure "unknown-measure.csv:2:30: error: measure 'no-m' does not exist" <<CSV
$H
x-1,ppip,police,T,,,,green,,,pol-m1;no-m
CSV
refuse empty-title "empty-title.csv:2:17: error: the title is empty" <<CSV
$H
x-1,ppip,police,,,,,green,,,
CSV
refuse new-without-plan "new-without-plan.csv:2:1: error: new action 'x-1' needs a plan" <<CSV
ref,agency,title,rag
x-1,police,T,green
CSV
refuse red-without-note "red-without-note.csv:2:9: error: a rating of red needs a note" <<CSV
ref,rag,note
PPIP-07,red,
CSV
refuse blue-without-note "blue-without-note.csv:2:9: error: complete (blue) needs a note" <<CSV
ref,rag
PPIP-07,B
CSV
refuse update-ahead "update-ahead.csv:2:11: error: the update is dated 2026-12-01, after today (2026-11-23)" <<CSV
ref,rag,updated,note
PPIP-07,g,2026-12-01,Going well
CSV
refuse update-before "update-before.csv:2:11: error: the update is dated 2017-01-01, before the update of 2017-09-27" <<CSV
ref,rag,updated,note
PPIP-07,g,01/01/2017,Going well
CSV
refuse bad-quote "bad-quote.csv:2:" <<CSV
$H
x-1,ppip,police,"T,,,,green,,,
CSV
refuse empty "empty.csv: error: the file is empty" </dev/null

# Many problems at once: each is reported, nothing is written.
refuse many "many.csv:4:10: error: agency 'nobody' does not exist" <<CSV
$H
x-1,ppip,police,T,,,,purple,,,
x-2,ppip,police,T,,,31/02/2026,green,,,
x-3,ppip,nobody,T,,,,green,,,
CSV
expect_contains many.err "many.csv:2:22: error: 'purple' is not a RAG rating"
expect_contains many.err "many.csv:3:21: error: '31/02/2026' is not a date"
expect_contains many.err "refused: 3 problems"

# --- a good tracker, then the same one changed ------------------------------
cat >good.csv <<CSV
$H
x-1,ppip,police,"Review, and then report",DCI,,31/12/2026,g,2026-11-01,Started,pol-m1;pol-m2
PPIP-08,ppip,police,Resilience of specialist teams,,,,R,20/11/2026,Vacancies rising,
CSV
expect_status 0 "$VITALS" --db "$db" actions import good.csv --dry-run
expect_contains out "dry run"
expect_contains out "actions: 1 added, 1 changed, 0 unchanged"
expect_status 0 "$VITALS" --db "$db" export after.json
cmp -s before.json after.json || fail "a dry run changed the database"
expect_status 0 "$VITALS" --db "$db" --as tracker-analyst actions import good.csv
expect_contains out "actions: 1 added, 1 changed, 0 unchanged"
# The same file again changes nothing.
expect_status 0 "$VITALS" --db "$db" actions import good.csv
expect_contains out "actions: 0 added, 0 changed, 2 unchanged"
expect_status 0 "$VITALS" --db "$db" actions summary --plan ppip --json
expect_contains out '"total": 72'
expect_contains out '"red": 11'
expect_contains out '"ref": "PPIP-08"'
expect_contains out '"last_note": "Vacancies rising"'
expect_status 0 "$VITALS" --db "$db" measures actions pol-m2
expect_contains out "x-1"

# A re-import with a new rating adds an update and keeps the history.
cat >next.csv <<CSV
ref,rag,updated,note
x-1,amber,2026-11-22,Slipping: staff moved
CSV
expect_status 0 "$VITALS" --db "$db" actions import next.csv
expect_contains out "actions: 0 added, 1 changed, 0 unchanged"
expect_status 0 "$VITALS" --db "$db" export after.json
expect_contains after.json '"note": "Started"'
expect_contains after.json '"note": "Slipping: staff moved"'
expect_contains after.json '"title": "Review, and then report"'
# A due date moved later is a slip, each move kept; moved earlier is not.
for due in 2027-03-31 30/06/2027 2027-01-31; do
	printf 'ref,rag,due\nx-1,amber,%s\n' "$due" >due.csv
	expect_status 0 "$VITALS" --db "$db" actions import due.csv
done
expect_status 0 "$VITALS" --db "$db" actions list --slipped --closed --csv
expect_contains out "x-1,ppip,police"
expect_contains out ",amber,2026-11-22,no,no,2,Slipping: staff moved"
[ "$(wc -l <out)" = 2 ] || fail "other actions are listed as slipped: $(cat out)"
expect_status 0 "$VITALS" --db "$db" actions summary --closed
expect_contains out "1 with a due date moved later"
expect_status 0 "$VITALS" --db "$db" actions list --plan ppip --json
expect_contains out '"slips": 2'
expect_status 0 "$VITALS" --db "$db" log verify
finish
