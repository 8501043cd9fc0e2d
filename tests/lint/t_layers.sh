#!/bin/sh
# scripts/checksrc holds the library's layers: on a copy of the tree it
# passes, then fails on a planted upward include (model including the
# report's header) and on a planted upward call (an object of the model
# calling a function of the report).
set -u
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/layers.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

cp -r "$source_dir/scripts" "$source_dir/lib" "$source_dir/include" "$source_dir/src" "$work/"
sh "$work/scripts/checksrc" 2>"$work/clean.err" || fail "the tree's copy does not pass: $(cat "$work/clean.err")"

# An upward include.
cp "$work/lib/model/def.c" "$work/def.c.orig"
printf '#include "vitals/report.h"\n' >>"$work/lib/model/def.c"
if sh "$work/scripts/checksrc" 2>"$work/include.err"; then
	fail "a model file including the report's header passed"
fi
grep -q 'lib/model/def.c (model) includes vitals/report.h (report), a higher layer' "$work/include.err" ||
	fail "the upward include is not named: $(cat "$work/include.err")"
cp "$work/def.c.orig" "$work/lib/model/def.c"

# An upward call, in objects laid out as the build lays them out.
objects=$work/build/CMakeFiles/vitalscore.dir/lib
mkdir -p "$objects/model" "$objects/report"
printf '/* A report function (planted). */\nint vt_planted_report(void);\nint vt_planted_report(void) { return 1; }\n' \
	>"$work/lib/report/planted_report.c"
printf '/* A model function calling up (planted). */\nint vt_planted_report(void);\nint vt_planted_model(void);\nint vt_planted_model(void) { return vt_planted_report(); }\n' \
	>"$work/lib/model/planted_model.c"
cc -c -o "$objects/report/planted_report.c.o" "$work/lib/report/planted_report.c" || fail "cannot compile"
cc -c -o "$objects/model/planted_model.c.o" "$work/lib/model/planted_model.c" || fail "cannot compile"
if sh "$work/scripts/checksrc" "$work/build" 2>"$work/call.err"; then
	fail "a model object calling the report passed"
fi
grep -q 'lib/model/planted_model.c (model) calls vt_planted_report (report), a higher layer' "$work/call.err" ||
	fail "the upward call is not named: $(cat "$work/call.err")"
# The same call the other way round is allowed.
rm "$objects/model/planted_model.c.o"
printf '/* A report function calling down (planted). */\nint vt_planted_model(void);\nint vt_planted_down(void);\nint vt_planted_down(void) { return vt_planted_model(); }\n' \
	>"$work/lib/report/planted_down.c"
printf '/* A model function (planted). */\nint vt_planted_model(void);\nint vt_planted_model(void) { return 0; }\n' \
	>"$work/lib/model/planted_model.c"
cc -c -o "$objects/model/planted_model.c.o" "$work/lib/model/planted_model.c"
cc -c -o "$objects/report/planted_down.c.o" "$work/lib/report/planted_down.c"
sh "$work/scripts/checksrc" "$work/build" 2>"$work/down.err" || fail "a call down the layers was refused: $(cat "$work/down.err")"

[ "$failures" = 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "all checks passed"
