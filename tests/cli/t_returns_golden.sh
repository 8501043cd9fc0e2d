#!/usr/bin/env bash
# Golden tests for importing return files (vitals returns import).
#
# tests/golden/returns/base.json is loaded once into a fresh database; each
# case then starts from a copy of that database.
#
# bad/NN-name.csv must be refused: exit status 1, nothing on stdout, stderr
# exactly as in NN-name.err, and the database (file, -wal file and export)
# exactly as it was.  Each bad file breaks one rule and must report exactly
# one problem, except files whose name contains "many-problems", which must
# report at least 6.  Every diagnostic must carry its place
# (NAME:LINE[:COL]: error: ... or NAME:Sheet!CELL: error: ...) and the last
# line must be the refusal summary with the same count.
#
# good/NN-name.csv must be imported: first with --dry-run (exit 0, stdout
# "dry run: ..." followed by NN-name.out, the database unchanged), then for
# real: exit 0, stdout exactly NN-name.out, stderr exactly NN-name.warn (or
# empty when there is no .warn; every line a warning with its place).  Then
#   NN-name.values  the value versions the case added to the database, one
#                   per line, as `vitals export -` lists them (values of
#                   base.json left out), in export order;
#   NN-name.status  the return records (agency, period, status, ...) the
#                   case added or changed, as `vitals export -` lists them,
#                   then `vitals returns status --period P --json` for each
#                   period of those values and returns.
#
# Optional side files of a case (bad or good):
#   NN-name.args    extra arguments for the import, one per line
#                   (e.g. "--separator" and ";");
#   NN-name.before  (good only) files of good/ to import first, one per
#                   line, at an earlier time (VITALS_NOW=$before_now), each
#                   of which must succeed.  A later re-mark of a return shows
#                   in .status as submitted_at $now.
#
# Every case's database must pass `vitals log verify`.
#
# VT_GOLDEN_UPDATE=1 (re)writes .err, .out, .warn, .values and .status from
# the actual output; the other checks still run.  Review every rewritten
# file by eye.
#
# Environment (set by ctest): VITALS, VT_SOURCE_DIR, VT_TEST_TMP.
# Setup and the checks it shares with t_defs_golden.sh: golden_lib.sh.
set -euo pipefail
. "$(dirname "$0")/golden_lib.sh"

golden=$(abspath "$VT_SOURCE_DIR")/tests/golden/returns

# Where a diagnostic or warning points: LINE, LINE:COL or Sheet!CELL.
place_re='([1-9][0-9]*(:[1-9][0-9]*)?|[^!:]+![A-Z]+[1-9][0-9]*)'

# A fixed clock and author, so that every output is stable.
now=2026-11-23T10:00:00Z
today=2026-11-23
before_now=2026-10-20T09:00:00Z
export VITALS_NOW=$now
export VITALS_USER=golden-runner@golden.invalid
unset VITALS_DB
export LC_ALL=C

base_db=$(new_db "$work/base.db")
db=$work/case.db

# section_of NAME FILE: the records of the top-level array NAME of an
# export, one per line: {"measure": "m", "period": "p", ..., "at": "..."}.
# (Records of "values" and "returns" are flat objects.)
section_of() {
	awk -v name="$1" '
	$0 == "  \"" name "\": [" { inv = 1; next }
	inv && /^  \]/ { inv = 0; next }
	inv && /^    \{$/ { buf = "{"; sep = ""; next }
	inv && /^    \},?$/ { print buf "}"; next }
	inv {
		line = $0
		sub(/^ +/, "", line)
		sub(/,$/, "", line)
		buf = buf sep line
		sep = ", "
	}' "$2"
}

# fresh_db: a copy of the base database for one case.
fresh_db() {
	db=$(copy_db "$base_db" "$work/case.db")
}

# read_args FILE: the lines of FILE into the array 'args' (none if absent).
read_args() {
	args=()
	if [ -e "$1" ]; then
		mapfile -t args <"$1"
	fi
}

verify_log() {
	local rc=0

	"$VITALS" --db "$db" log verify >"$work/verify.out" 2>&1 || rc=$?
	[ "$rc" -eq 0 ] ||
		problems+=("log verify failed (exit $rc): $(cat "$work/verify.out")")
}

# --- the base partnership -------------------------------------------------

load_base "$golden" "$base_db"
export_to "$base_db" "$work/base.export" ||
	die "export of the base failed: $(cat "$work/export.err")"
section_of values "$work/base.export" >"$work/base.values"
section_of returns "$work/base.export" >"$work/base.returns"
[ -s "$work/base.values" ] || die "no values found in the export of the base"

# --- the refused files ----------------------------------------------------

bad_cases=("$golden"/bad/*.csv)
[ "${#bad_cases[@]}" -gt 0 ] || die "no cases in $golden/bad"

for csv in "${bad_cases[@]}"; do
	name=$(basename "$csv")
	case_id=${name%.csv}
	out=$work/$case_id.out
	err=$work/$case_id.err
	problems=()
	read_args "$golden/bad/$case_id.args"

	fresh_db
	if ! export_to "$db" "$work/before.json"; then
		problems+=("export failed: $(cat "$work/export.err")")
	fi
	before=$(db_hash)

	rc=0
	(cd "$golden/bad" &&
		"$VITALS" --db "$db" returns import "$name" ${args[@]+"${args[@]}"}) \
		>"$out" 2>"$err" || rc=$?

	after=$(db_hash)
	if ! export_to "$db" "$work/after.json"; then
		problems+=("export failed: $(cat "$work/export.err")")
	fi

	check_refused "$place_re" \
		"its place ($name:LINE[:COL]: error: ...)"
	compare_golden "bad/$case_id.err" "$golden/bad/$case_id.err" "$err"
	verify_log
	report "bad/$case_id"
done

# --- the accepted files ---------------------------------------------------

good_cases=("$golden"/good/*.csv)
[ "${#good_cases[@]}" -gt 0 ] || die "no cases in $golden/good"

# import_before FILE: a preparatory import (at $before_now, with the
# file's own .args), which must succeed.
import_before() {
	local file=$1 rc=0
	local -a pargs

	read_args "$golden/good/${file%.csv}.args"
	pargs=(${args[@]+"${args[@]}"})
	(cd "$golden/good" && VITALS_NOW=$before_now \
		"$VITALS" --db "$db" returns import "$file" \
		${pargs[@]+"${pargs[@]}"}) </dev/null >"$work/pre.out" \
		2>"$work/pre.err" ||
		rc=$?
	[ "$rc" -eq 0 ] ||
		problems+=("import of $file first failed (exit $rc): $(cat "$work/pre.err")")
}

for csv in "${good_cases[@]}"; do
	name=$(basename "$csv")
	case_id=${name%.csv}
	dir=$golden/good
	out=$work/$case_id.out
	err=$work/$case_id.err
	problems=()

	fresh_db
	if [ -e "$dir/$case_id.before" ]; then
		while IFS= read -r pre; do
			[ -n "$pre" ] && import_before "$pre"
		done <"$dir/$case_id.before"
	fi
	read_args "$dir/$case_id.args"

	# A dry run first: the same report, and nothing written.
	before=$(db_hash)
	rc=0
	(cd "$dir" && "$VITALS" --db "$db" returns import "$name" --dry-run \
		${args[@]+"${args[@]}"}) >"$work/dry.out" 2>"$work/dry.err" ||
		rc=$?
	after=$(db_hash)
	[ "$rc" -eq 0 ] ||
		problems+=("dry run: exit status $rc, expected 0: $(head -n 20 "$work/dry.err")")
	[ "$before" = "$after" ] ||
		problems+=("dry run: the database changed (before: ${before//$'\n'/ }; after: ${after//$'\n'/ })")

	# The import itself.
	rc=0
	(cd "$dir" && "$VITALS" --db "$db" returns import "$name" \
		${args[@]+"${args[@]}"}) >"$out" 2>"$err" || rc=$?
	[ "$rc" -eq 0 ] || problems+=("exit status $rc, expected 0")

	if [ "$rc" -eq 0 ]; then
		{
			printf 'dry run: nothing was written; an import would give:\n'
			cat "$out"
		} >"$work/dry.expected"
		cmp -s "$work/dry.expected" "$work/dry.out" ||
			problems+=("dry run: stdout is not the import's stdout after the dry-run line:
$(diff -u --label "expected (from the import)" --label "dry run" "$work/dry.expected" "$work/dry.out" || true)")
		cmp -s "$err" "$work/dry.err" ||
			problems+=("dry run: stderr differs from the import's:
$(diff -u --label import --label "dry run" "$err" "$work/dry.err" || true)")
	fi
	while IFS= read -r line; do
		[[ $line =~ ^"$name":$place_re:\ warning:\ . ]] ||
			problems+=("on stderr, not a warning with its place ($name:LINE[:COL]: warning: ...): $line")
	done <"$err"
	compare_golden "good/$case_id.out" "$dir/$case_id.out" "$out"
	compare_golden "good/$case_id.warn" "$dir/$case_id.warn" "$err" optional

	# What is stored: the value versions this case added, and the state of
	# the returns of their periods.
	if export_to "$db" "$work/after.json"; then
		section_of values "$work/after.json" |
			{ grep -vxF -f "$work/base.values" || true; } \
			>"$work/$case_id.values"
		section_of returns "$work/after.json" |
			{ grep -vxF -f "$work/base.returns" || true; } \
			>"$work/$case_id.returns"
	else
		problems+=("export failed: $(cat "$work/export.err")")
		: >"$work/$case_id.values"
		: >"$work/$case_id.returns"
	fi
	{
		printf '# returns records added or changed (vitals export -)\n'
		cat "$work/$case_id.returns"
	} >"$work/$case_id.status"
	sed -n 's/.*"period": "\([^"]*\)".*/\1/p' "$work/$case_id.values" \
		"$work/$case_id.returns" | sort -u >"$work/periods"
	while IFS= read -r period; do
		{
			printf '# returns status --period %s --today %s --json\n' \
				"$period" "$today"
			"$VITALS" --db "$db" returns status --period "$period" \
				--today "$today" --json </dev/null 2>&1 ||
				printf '(exit %s)\n' "$?"
		} >>"$work/$case_id.status"
	done <"$work/periods"
	compare_golden "good/$case_id.values" "$dir/$case_id.values" \
		"$work/$case_id.values"
	compare_golden "good/$case_id.status" "$dir/$case_id.status" \
		"$work/$case_id.status"
	verify_log
	report "good/$case_id"
done

finish
