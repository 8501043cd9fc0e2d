# Shared by the golden runners t_*_golden.sh: setup, database hash, checks of a refused run, golden files, the tally.
#
# Sourced, not run (ctest runs only t_*.sh).  It sets VITALS to an absolute
# path, 'update' (VT_GOLDEN_UPDATE), 'many_min', a fresh scratch directory
# 'work' named after the runner, and the tally (total, failed, failures).
# The runner sets 'db', the database that db_hash reads, and collects the
# problems of each case in the array 'problems'.
#
# Environment (set by ctest): VITALS, VT_SOURCE_DIR, VT_TEST_TMP.
set -euo pipefail

: "${VITALS:?VITALS must name the vitals binary}"
: "${VT_SOURCE_DIR:?VT_SOURCE_DIR must name the source tree}"
: "${VT_TEST_TMP:?VT_TEST_TMP must name a scratch directory}"
. "$(dirname "${BASH_SOURCE[0]}")/engine.sh"
trap drop_dbs EXIT

abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$PWD" "$1" ;;
	esac
}

# The runner's name (t_defs_golden), for messages and the scratch directory.
golden_runner=$(basename "$0" .sh)

VITALS=$(abspath "$VITALS")
update=${VT_GOLDEN_UPDATE:-0}
many_min=6

mkdir -p "$VT_TEST_TMP"
work=$(mktemp -d "$(abspath "$VT_TEST_TMP")/${golden_runner#t_}.XXXXXX")

shopt -s nullglob
total=0
failed=0
failures=()

die() {
	printf '%s: %s\n' "$golden_runner" "$*" >&2
	exit 1
}

# The state of the database 'db' (engine.sh: the SQLite file and its -wal
# file, or every row on PostgreSQL).
db_hash() {
	db_state "$db"
}

# export_to DB FILE: the definition export of DB; false when it fails
# (the message is in $work/export.err).
export_to() {
	"$VITALS" --db "$1" export - >"$2" 2>"$work/export.err"
}

# load_base DIR DB: a fresh database DB with DIR/base.json loaded, which
# must load cleanly (exit 0, nothing on stderr); dies otherwise.
load_base() {
	local dir=$1 base_db=$2 rc=0

	"$VITALS" --db "$base_db" init >"$work/init.out" 2>&1 ||
		die "init failed: $(cat "$work/init.out")"
	(cd "$dir" && "$VITALS" --db "$base_db" load base.json) \
		>"$work/base.out" 2>"$work/base.err" || rc=$?
	if [ "$rc" -ne 0 ] || [ -s "$work/base.err" ]; then
		cat "$work/base.err" >&2
		die "base.json did not load cleanly (exit $rc)"
	fi
}

# check_refused PLACE_RE PLACE_DESC: the checks of a refused run, added to
# 'problems'.  It reads the case's variables: name (the file as vitals was
# given it), case_id (the name without its extension), rc, out and err (exit
# status, stdout file, stderr file), before and after (db_hash around the
# run), and the exports $work/before.json and $work/after.json.
#
# The run must exit 1, print nothing on stdout and leave the database and
# its export as they were.  The last line of stderr must be the refusal
# summary; it must count exactly 1 problem (at least $many_min when case_id
# contains "many-problems"), and every other line is one diagnostic,
# NAME:PLACE: error: ..., PLACE matching the extended regex PLACE_RE.
# PLACE_DESC says what was wanted when a line does not match.
check_refused() {
	local place_re=$1 place_desc=$2 summary count lines line

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
		[[ $line =~ ^"$name":$place_re:\ error:\ . ]] ||
			problems+=("not a diagnostic with $place_desc: $line")
	done <"$err"
}

# compare_golden REL FILE ACTUAL [optional]: FILE (REL in messages) must
# equal ACTUAL, or is rewritten from it under VT_GOLDEN_UPDATE=1.  An absent
# FILE stands for empty output when 'optional' is the 4th argument.
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

# report ID: count the case and print "ok" or "FAIL" with its problems.
report() {
	local id=$1 p

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

# finish [OK]: print the tally and exit: 1, keeping the work files, when a
# case failed or OK (default 1) is 0; else 0, removing them.
finish() {
	local ok=${1:-1}

	printf '%d cases, %d passed, %d failed\n' "$total" "$((total - failed))" \
		"$failed"
	if [ "$failed" -gt 0 ] || [ "$ok" -eq 0 ]; then
		if [ "$failed" -gt 0 ]; then
			printf 'failed: %s\n' "${failures[*]}"
		fi
		printf 'work files kept in %s\n' "$work"
		exit 1
	fi
	rm -rf "$work"
	exit 0
}
