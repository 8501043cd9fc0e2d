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
set -euo pipefail

: "${VITALS:?VITALS must name the vitals binary}"
: "${VT_SOURCE_DIR:?VT_SOURCE_DIR must name the source tree}"
: "${VT_TEST_TMP:?VT_TEST_TMP must name a scratch directory}"

abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$PWD" "$1" ;;
	esac
}

VITALS=$(abspath "$VITALS")
golden=$(abspath "$VT_SOURCE_DIR")/tests/golden/returns
update=${VT_GOLDEN_UPDATE:-0}
many_min=6

# A fixed clock and author, so that every output is stable.
now=2026-11-23T10:00:00Z
today=2026-11-23
before_now=2026-10-20T09:00:00Z
export VITALS_NOW=$now
export VITALS_USER=golden-runner@golden.invalid
unset VITALS_DB
export LC_ALL=C

mkdir -p "$VT_TEST_TMP"
work=$(mktemp -d "$(abspath "$VT_TEST_TMP")/returns_golden.XXXXXX")
base_db=$work/base.db
db=$work/case.db

die() {
	printf 't_returns_golden: %s\n' "$*" >&2
	exit 1
}

# The bytes of the database: the file and, when present, its -wal file.
# (The -shm file is an index that readers may rewrite; it is not data.)
db_hash() {
	sha256sum "$db" | cut -d' ' -f1
	if [ -e "$db-wal" ]; then
		printf 'wal '
		sha256sum "$db-wal" | cut -d' ' -f1
	else
		printf 'no wal\n'
	fi
}

# export_to DB FILE: the definition export of DB; false when it fails.
export_to() {
	"$VITALS" --db "$1" export - >"$2" 2>"$work/export.err"
}

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
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$base_db" "$db"
	if [ -e "$base_db-wal" ]; then
		cp "$base_db-wal" "$db-wal"
	fi
}

# read_args FILE: the lines of FILE into the array 'args' (none if absent).
read_args() {
	args=()
	if [ -e "$1" ]; then
		mapfile -t args <"$1"
	fi
}

# compare_golden KIND FILE ACTUAL: FILE must equal ACTUAL (or be rewritten
# from it under VT_GOLDEN_UPDATE=1).  An absent FILE stands for empty
# output when 'optional' is the 4th argument.
compare_golden() {
	local rel=$1 file=$2 actual=$3 optional=${4:-}

	if [ "$update" = 1 ]; then
		if [ -n "$optional" ] && [ ! -s "$actual" ]; then
			if [ -e "$file" ]; then
				rm -f "$file"
				printf 'removed %s\n' "$rel"
			fi
		elif ! cmp -s "$actual" "$file" 2>/dev/null; then
			cp "$actual" "$file"
			printf 'updated %s\n' "$rel"
		fi
		return 0
	fi
	if [ ! -e "$file" ]; then
		if [ -n "$optional" ]; then
			[ -s "$actual" ] || return 0
			problems+=("unexpected output (no $rel):
$(head -n 20 "$actual")")
			return 0
		fi
		problems+=("no $rel (VT_GOLDEN_UPDATE=1 writes it)")
	elif ! cmp -s "$file" "$actual"; then
		problems+=("output differs from $rel:
$(diff -u --label "expected $rel" --label actual "$file" "$actual" || true)")
	fi
}

verify_log() {
	local rc=0

	"$VITALS" --db "$db" log verify >"$work/verify.out" 2>&1 || rc=$?
	[ "$rc" -eq 0 ] ||
		problems+=("log verify failed (exit $rc): $(cat "$work/verify.out")")
}

report() {
	local id=$1

	total=$((total + 1))
	if [ "${#problems[@]}" -eq 0 ]; then
		printf 'ok   %s\n' "$id"
	else
		failed=$((failed + 1))
		failures+=("$id")
		printf 'FAIL %s\n' "$id"
		for p in "${problems[@]}"; do
			printf '%s\n' "$p" | sed 's/^/     /'
		done
	fi
}

# --- the base partnership -------------------------------------------------

"$VITALS" --db "$base_db" init >"$work/init.out" 2>&1 ||
	die "init failed: $(cat "$work/init.out")"
rc=0
(cd "$golden" && "$VITALS" --db "$base_db" load base.json) \
	>"$work/base.out" 2>"$work/base.err" || rc=$?
if [ "$rc" -ne 0 ] || [ -s "$work/base.err" ]; then
	cat "$work/base.err" >&2
	die "base.json did not load cleanly (exit $rc)"
fi
export_to "$base_db" "$work/base.export" ||
	die "export of the base failed: $(cat "$work/export.err")"
section_of values "$work/base.export" >"$work/base.values"
section_of returns "$work/base.export" >"$work/base.returns"
[ -s "$work/base.values" ] || die "no values found in the export of the base"

shopt -s nullglob
total=0
failed=0
failures=()

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

	[ "$rc" -eq 1 ] || problems+=("exit status $rc, expected 1 (refused)")
	if [ -s "$out" ]; then
		problems+=("unexpected output on stdout: $(head -c 300 "$out")")
	fi
	[ "$before" = "$after" ] ||
		problems+=("the database changed (sha256 of db and wal before: ${before//$'\n'/ }; after: ${after//$'\n'/ })")
	cmp -s "$work/before.json" "$work/after.json" ||
		problems+=("the export changed:
$(diff -u "$work/before.json" "$work/after.json" | head -n 40 || true)")

	# Shape of the report: one line per problem, each with its place,
	# then the summary that counts them.
	summary=$(tail -n 1 "$err")
	count=
	if [[ $summary =~ ^"vitals: error: '$name' refused: "([0-9]+)" problem"s?"; nothing was changed"$ ]]; then
		count=${BASH_REMATCH[1]}
	fi
	if [ -z "$count" ]; then
		problems+=("last line of stderr is not the refusal summary: $summary")
	else
		case $case_id in
		*many-problems*)
			[ "$count" -ge "$many_min" ] ||
				problems+=("$count problems reported, expected at least $many_min")
			;;
		*)
			[ "$count" -eq 1 ] ||
				problems+=("$count problems reported, expected exactly 1")
			;;
		esac
		lines=$(($(wc -l <"$err") - 1))
		[ "$lines" -eq "$count" ] ||
			problems+=("$lines diagnostic lines for $count problems")
	fi
	while IFS= read -r line; do
		[[ $line == "vitals: error: '$name' refused: "* ]] && continue
		[[ $line =~ ^"$name":([1-9][0-9]*(:[1-9][0-9]*)?|[^!:]+![A-Z]+[1-9][0-9]*):\ error:\ . ]] ||
			problems+=("not a diagnostic with its place ($name:LINE[:COL]: error: ...): $line")
	done <"$err"

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
		[[ $line =~ ^"$name":([1-9][0-9]*(:[1-9][0-9]*)?|[^!:]+![A-Z]+[1-9][0-9]*):\ warning:\ . ]] ||
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

printf '%d cases, %d passed, %d failed\n' "$total" "$((total - failed))" \
	"$failed"
if [ "$failed" -gt 0 ]; then
	printf 'failed: %s\n' "${failures[*]}"
	printf 'work files kept in %s\n' "$work"
	exit 1
fi
rm -rf "$work"
exit 0
