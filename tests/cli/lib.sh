# Shared by the CLI test scripts: a scratch directory and assertions.
set -euo pipefail

: "${VITALS:?VITALS must name the vitals binary}"
: "${VT_SOURCE_DIR:?VT_SOURCE_DIR must name the source tree}"
. "$(dirname "${BASH_SOURCE[0]}")/engine.sh"
tmp_root=${VT_TEST_TMP:-/tmp}
mkdir -p "$tmp_root"
work=$(mktemp -d "$tmp_root/cli.XXXXXX")
trap 'drop_dbs; rm -rf "$work"' EXIT
cd "$work"

failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# expect_status N CMD...: run CMD, capture out/err, check its exit status.
expect_status() {
	local want=$1 got=0
	shift
	"$@" >out 2>err || got=$?
	if [ "$got" != "$want" ]; then
		fail "'$*' exited $got, expected $want"
		sed 's/^/  stderr: /' err >&2
	fi
}

expect_contains() {
	local file=$1 text=$2
	grep -qF -- "$text" "$file" || fail "$file lacks '$text'"
}

expect_not_contains() {
	local file=$1 text=$2
	! grep -qF -- "$text" "$file" || fail "$file has '$text'"
}

finish() {
	if [ "$failures" -gt 0 ]; then
		echo "$failures check(s) failed" >&2
		exit 1
	fi
	echo "all checks passed"
}
