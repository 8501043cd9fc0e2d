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
defs=$(abspath "$VT_SOURCE_DIR")/tests/golden/defs
update=${VT_GOLDEN_UPDATE:-0}
many_min=6

mkdir -p "$VT_TEST_TMP"
work=$(mktemp -d "$(abspath "$VT_TEST_TMP")/defs_golden.XXXXXX")
db=$work/golden.db

die() {
	printf 't_defs_golden: %s\n' "$*" >&2
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

db_export() {
	"$VITALS" --db "$db" export - >"$1" 2>"$work/export.err" ||
		die "export failed: $(cat "$work/export.err")"
}

# --- the base partnership -------------------------------------------------

"$VITALS" --db "$db" init >"$work/init.out" 2>&1 ||
	die "init failed: $(cat "$work/init.out")"
rc=0
(cd "$defs" && "$VITALS" --db "$db" load base.json) \
	>"$work/base.out" 2>"$work/base.err" || rc=$?
if [ "$rc" -ne 0 ] || [ -s "$work/base.err" ]; then
	cat "$work/base.err" >&2
	die "base.json did not load cleanly (exit $rc)"
fi

# --- the refused files ----------------------------------------------------

shopt -s nullglob
cases=("$defs"/bad/*.json)
[ "${#cases[@]}" -gt 0 ] || die "no cases in $defs/bad"

total=0
failed=0
failures=()

for json in "${cases[@]}"; do
	name=$(basename "$json")
	case_id=${name%.json}
	errfile=$defs/bad/$case_id.err
	out=$work/$case_id.out
	err=$work/$case_id.err
	problems=()
	total=$((total + 1))

	db_export "$work/before.json"
	before=$(db_hash)

	rc=0
	(cd "$defs/bad" && "$VITALS" --db "$db" load "$name") \
		>"$out" 2>"$err" || rc=$?

	after=$(db_hash)
	db_export "$work/after.json"

	[ "$rc" -eq 1 ] || problems+=("exit status $rc, expected 1 (refused)")
	if [ -s "$out" ]; then
		problems+=("unexpected output on stdout: $(head -c 300 "$out")")
	fi
	[ "$before" = "$after" ] ||
		problems+=("the database changed (sha256 of db and wal before: ${before//$'\n'/ }; after: ${after//$'\n'/ })")
	cmp -s "$work/before.json" "$work/after.json" ||
		problems+=("the export changed:
$(diff -u "$work/before.json" "$work/after.json" | head -n 40 || true)")

	# Shape of the report: one line per problem, each with a line number,
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
		[[ $line =~ ^"$name":[1-9][0-9]*(:[1-9][0-9]*)?:\ error:\ . ]] ||
			problems+=("not a diagnostic with a line number ($name:LINE: error: ...): $line")
	done <"$err"

	if [ "$update" = 1 ]; then
		if ! cmp -s "$err" "$errfile" 2>/dev/null; then
			cp "$err" "$errfile"
			printf 'updated %s\n' "bad/$case_id.err"
		fi
	elif [ ! -e "$errfile" ]; then
		problems+=("no bad/$case_id.err (VT_GOLDEN_UPDATE=1 writes it)")
	elif ! cmp -s "$errfile" "$err"; then
		problems+=("stderr differs from bad/$case_id.err:
$(diff -u --label "expected bad/$case_id.err" --label "actual stderr" "$errfile" "$err" || true)")
	fi

	if [ "${#problems[@]}" -eq 0 ]; then
		printf 'ok   %s\n' "$case_id"
	else
		failed=$((failed + 1))
		failures+=("$case_id")
		printf 'FAIL %s\n' "$case_id"
		for p in "${problems[@]}"; do
			printf '     %s\n' "$p"
		done
	fi
done

# --- the change log survived every refusal --------------------------------

rc=0
"$VITALS" --db "$db" log verify >"$work/verify.out" 2>&1 || rc=$?
verify_ok=1
if [ "$rc" -ne 0 ]; then
	verify_ok=0
	printf 'FAIL log verify (exit %s): %s\n' "$rc" "$(cat "$work/verify.out")"
fi

printf '%d cases, %d passed, %d failed\n' "$total" "$((total - failed))" \
	"$failed"
if [ "$failed" -gt 0 ] || [ "$verify_ok" -eq 0 ]; then
	if [ "$failed" -gt 0 ]; then
		printf 'failed: %s\n' "${failures[*]}"
	fi
	printf 'work files kept in %s\n' "$work"
	exit 1
fi
rm -rf "$work"
exit 0
