#!/usr/bin/env bash
# Golden tests for refused definition files.
#
# tests/golden/defs/base.json is loaded into a fresh database; then every
# tests/golden/defs/bad/NN-name.json is loaded on top of it and must be
# refused: exit status 1, stderr exactly as in NN-name.err, nothing on
# stdout, and the database (file, -wal file and export) exactly as it was.
# A new case is two new files, no code.
#
# Each bad file breaks one rule and must report exactly one problem, except
# files whose name contains "many-problems", which must report at least 6.
# Every diagnostic must carry a line number (NAME:LINE: error: ...).
#
# VT_GOLDEN_UPDATE=1 (re)writes the .err files from the actual stderr; the
# other checks still run.  Review every rewritten .err by eye.
#
# Environment (set by ctest): VITALS, VT_SOURCE_DIR, VT_TEST_TMP.
# Setup and the checks it shares with t_returns_golden.sh: golden_lib.sh.
set -euo pipefail
. "$(dirname "$0")/golden_lib.sh"

defs=$(abspath "$VT_SOURCE_DIR")/tests/golden/defs
db=$(new_db "$work/golden.db")

# db_export FILE: the export of the database; dies when it fails.
db_export() {
	export_to "$db" "$1" || die "export failed: $(cat "$work/export.err")"
}

# --- the base partnership -------------------------------------------------

load_base "$defs" "$db"

# --- the refused files ----------------------------------------------------

cases=("$defs"/bad/*.json)
[ "${#cases[@]}" -gt 0 ] || die "no cases in $defs/bad"

for json in "${cases[@]}"; do
	name=$(basename "$json")
	case_id=${name%.json}
	out=$work/$case_id.out
	err=$work/$case_id.err
	problems=()

	db_export "$work/before.json"
	before=$(db_hash)

	rc=0
	(cd "$defs/bad" && "$VITALS" --db "$db" load "$name") \
		>"$out" 2>"$err" || rc=$?

	after=$(db_hash)
	db_export "$work/after.json"

	check_refused '[1-9][0-9]*(:[1-9][0-9]*)?' \
		"a line number ($name:LINE: error: ...)"
	compare_golden "bad/$case_id.err" "$defs/bad/$case_id.err" "$err"
	report "$case_id"
done

# --- the change log survived every refusal --------------------------------

rc=0
"$VITALS" --db "$db" log verify >"$work/verify.out" 2>&1 || rc=$?
verify_ok=1
if [ "$rc" -ne 0 ]; then
	verify_ok=0
	printf 'FAIL log verify (exit %s): %s\n' "$rc" "$(cat "$work/verify.out")"
fi

finish "$verify_ok"
