# The challenge log: a challenge raised, answered and closed; every refusal
# changes nothing; ages on a fixed day; every step in the change log.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db challenges.db)
expect_status 0 "$VITALS" --db "$db" demo
expect_status 0 "$VITALS" --db "$db" actions list --agency police --csv
ref=$(sed -n 2p out | cut -d, -f1)
[ -n "$ref" ] || fail "the demo has no police action"
expect_status 0 "$VITALS" --db "$db" export defs.json
measure=$(jq -r '.measures[0].code' defs.json)

expect_status 0 "$VITALS" --db "$db" challenge list
expect_contains out "0 challenges: 0 open, 0 answered, 0 closed"

# --- raising: about an action, a measure, a return ---------------------------
expect_status 0 "$VITALS" --db "$db" challenge add --on "action:$ref" \
	--by "independent scrutineer" --today 2026-10-01 \
	--text "Rated green, yet referrals have not moved: what has changed for children?"
expect_contains out "challenge 1 raised on action:$ref"
expect_status 0 "$VITALS" --db "$db" challenge add --on "measure:$measure" \
	--by "sub-group chair" --today 2026-10-15 --text "Why the rise since the spring?"
expect_contains out "challenge 2 raised"
expect_status 0 "$VITALS" --db "$db" challenge add --on return:police/2026Q2 \
	--by "sub-group chair" --today 2026-11-01 --text "The return is late."
expect_contains out "challenge 3 raised"

# Each refusal names its reason and changes nothing.
before=$(db_state "$db")
refuse() {
	local want=$1
	shift
	expect_status 1 "$VITALS" --db "$db" challenge "$@"
	expect_contains err "$want"
	expect_contains err "nothing was changed"
	[ "$(db_state "$db")" = "$before" ] || fail "'challenge $*' changed the database"
}
refuse "action 'no-such' does not exist" add --on action:no-such --by s --text t
refuse "measure 'no-such' does not exist" add --on measure:no-such --by s --text t
refuse "agency 'nobody' does not exist" add --on return:nobody/2026Q2 --by s --text t
refuse "does not name a return" add --on return:police/2026Q9 --by s --text t
refuse "on: plan 'x' does not exist" add --on "plan:x" --by s --text t
refuse "names no subject" add --on "case:x" --by s --text t
refuse "needs the text of the question" add --on "action:$ref" --by s --text "  "
refuse "say who raises the challenge" add --on "action:$ref" --by "" --text t
refuse "there is no challenge '9'" respond 9 --text "an answer"
refuse "a response needs its text" respond 1 --text ""
refuse "comes before 2026-10-01" respond 1 --text "too early" --today 2026-09-30
refuse "needs its outcome" close 1 --outcome ""
long=$(head -c 4001 /dev/zero | tr '\0' x)
refuse "longer than" respond 1 --text "$long"
expect_status 2 "$VITALS" --db "$db" challenge add --on "action:$ref" --text "no --by"
expect_status 2 "$VITALS" --db "$db" challenge respond --text "no id"
expect_status 2 "$VITALS" --db "$db" challenge close 1
expect_status 2 "$VITALS" --db "$db" challenge list --outcome x
expect_status 2 "$VITALS" --db "$db" challenge list --today 23/11/2026
expect_contains err "'23/11/2026' is not a date"

# --- answering and closing ---------------------------------------------------
expect_status 0 "$VITALS" --db "$db" challenge respond 1 --by "police neglect lead" \
	--today 2026-10-20 --text "Training reached every response officer; referrals follow in Q3."
expect_contains out "challenge 1 answered"
expect_status 0 "$VITALS" --db "$db" challenge respond 1 --by "independent scrutineer" \
	--today 2026-10-22 --text "Show the Q3 referral figures when they come."
expect_status 0 "$VITALS" --db "$db" challenge close 3 --by "sub-group chair" \
	--today 2026-11-10 --outcome "Return received on 8 November."
expect_contains out "challenge 3 closed"
before=$(db_state "$db")
refuse "challenge 3 was closed on 2026-11-10" respond 3 --text "late word"
refuse "challenge 3 was closed on 2026-11-10" close 3 --outcome "again"

# --- the log on a fixed day --------------------------------------------------
expect_status 0 "$VITALS" --db "$db" challenge list --today 2026-11-23
expect_contains out "3 challenges: 1 open, 1 answered, 1 closed; the oldest not closed was raised 53 days ago"
expect_contains out "#1 on action:$ref: answered, 53 days old; waiting on its raiser for 32 days"
expect_contains out "#2 on measure:$measure: open, 39 days old; waiting on an answer for 39 days"
expect_contains out "#3 on return:police/2026Q2: closed after 9 days"
expect_contains out "2026-10-20, police neglect lead: Training reached every response officer"
expect_contains out "2026-11-10, sub-group chair, closed: Return received on 8 November."
expect_status 0 "$VITALS" --db "$db" challenge list --open --json --today 2026-12-01
expect_contains out '"total": 2'
expect_contains out '"oldest_open_days": 61'
expect_contains out '"age_days": 47'
if grep -q '"id": 3' out; then fail "--open lists the closed challenge"; fi
expect_status 0 "$VITALS" --db "$db" challenge list --on "action:$ref" --json
expect_contains out '"total": 1'
expect_contains out '"text": "Show the Q3 referral figures when they come."'

# --- everything in the change log, and kept by export and load ---------------
expect_status 0 "$VITALS" --db "$db" log list --entity challenge
[ "$(grep -c "^[0-9]" out)" = 6 ] || fail "the change log has $(grep -c "^[0-9]" out) challenge entries, not 6"
expect_contains out "added challenge '1'"
expect_contains out "changed challenge '3'"
expect_status 0 "$VITALS" --db "$db" log list --entity challenge --key 3 --json
[ "$(jq length out)" = 2 ] || fail "challenge 3 has $(jq length out) log entries"
[ "$(jq -r '.[1].before.status + "->" + .[1].after.status' out)" = "open->closed" ] ||
	fail "the log does not show challenge 3 closed"
expect_status 0 "$VITALS" --db "$db" log verify

# A definition that restates a challenge without its answers keeps them:
# answers are history, as an action's updates are.
expect_status 0 "$VITALS" --db "$db" export now.json
jq '{vitals: 1, challenges: [.challenges[0] | del(.responses) | .status = "open" | .text = "Reworded"]}' \
	now.json >restated.json
expect_status 0 "$VITALS" --db "$db" load restated.json
expect_contains out "challenges: 0 added, 1 changed"
expect_status 0 "$VITALS" --db "$db" export now.json
[ "$(jq '.challenges[0].responses | length' now.json)" = 2 ] ||
	fail "loading a challenge without its answers dropped them"
[ "$(jq -r '.challenges[0].text' now.json)" = Reworded ] || fail "the restated text was not loaded"

expect_status 0 "$VITALS" --db "$db" export all.json
[ "$(jq '.challenges | length' all.json)" = 3 ] || fail "the export lacks the challenges"
copy=$(new_db copy.db)
expect_status 0 "$VITALS" --db "$copy" init
expect_status 0 "$VITALS" --db "$copy" load all.json
expect_contains out "challenges: 3 added"
expect_status 0 "$VITALS" --db "$copy" export again.json
cmp -s all.json again.json || fail "the challenges did not survive export and load"

# Control characters in stored text reach no terminal: the command line
# shows them as text (ESC as ^[, DEL as ^?, C1 as \u009b), on standard
# output and in its messages; JSON keeps them, escaped as JSON escapes.
hostile=$(printf 'evil \033]0;pwned\007 \033[2J \r over \177 \302\233 end')
expect_status 0 "$VITALS" --db "$db" challenge add --on action:pol-a1 --by "scrutineer$(printf '\007')" --text "$hostile"
expect_status 0 "$VITALS" --db "$db" challenge list
raw() { LC_ALL=C grep -c "$(printf '[\001-\010\013-\037\177]')" "$1" || true; }
[ "$(raw out)" = 0 ] || fail "challenge list prints control characters raw: $(grep -a evil out | od -c | head -3)"
if LC_ALL=C grep -q "$(printf '\302\233')" out; then fail "challenge list prints a C1 control raw"; fi
expect_contains out 'evil ^[]0;pwned^G ^[[2J ^M over ^? \u009b end'
expect_contains out 'scrutineer^G'
expect_status 0 "$VITALS" --db "$db" challenge list --json
[ "$(jq -r --arg t "$hostile" '[.challenges[] | select(.text == $t)] | length' out)" = 1 ] ||
	fail "the JSON does not keep the text as stored"
expect_status 1 "$VITALS" --db "$db" challenge respond "$(printf '9\033[31m')" --text x
[ "$(raw err)" = 0 ] || fail "a message prints control characters raw: $(od -c err | head -3)"
# JSON or CSV on a terminal is read by a person: shown as text there too
# (JSON's C1 as its own \u009b escape), kept as data in a file or pipe.
expect_status 0 "$VITALS" --db "$db" actions update pol-a1 --rag red --note "$hostile"
if command -v script >/dev/null; then
	for c in "challenge list --json:evil \\u001B]0;pwned\\u0007 \\u001B[2J \\r over ^? \\u009b end" \
		"actions list --rag red --csv:evil ^[]0;pwned^G ^[[2J ^M over ^? \\u009b end"; do
		script -qec "$(printf '%q ' "$VITALS" --db "$db") ${c%%:*}" /dev/null </dev/null |
			tr -d '\r' >tty.out || fail "'${c%%:*}' on a terminal failed"
		expect_contains tty.out "${c#*:}"
		[ "$(raw tty.out)" = 0 ] && ! LC_ALL=C grep -q "$(printf '\302\233')" tty.out ||
			fail "'${c%%:*}' prints control characters raw to a terminal: $(grep -a evil tty.out | od -c | head -3)"
	done
else
	echo "note: JSON and CSV on a terminal not tried (no script)"
fi
expect_status 0 "$VITALS" --db "$db" actions list --rag red --csv
LC_ALL=C grep -q "$(printf '\033\\[2J')" out || fail "CSV in a file does not keep the note as stored"

# --- a case review is a subject too: the partnership's, not one agency's -----
expect_status 0 "$VITALS" --db "$db" reviews add CSPR-2026-01 --aware 2026-10-05 --agency police
expect_status 0 "$VITALS" --db "$db" challenge add --on review:CSPR-2026-01 \
	--by "independent scrutineer" --text "When will the learning reach practice?"
expect_contains out "raised on review:CSPR-2026-01"
expect_status 0 "$VITALS" --db "$db" challenge list --on review:CSPR-2026-01 --json
[ "$(jq -c '[.total, .challenges[0].on, .challenges[0].text]' out)" = \
  '[1,"review:CSPR-2026-01","When will the learning reach practice?"]' ] ||
	fail "the challenge on a review: $(cat out)"
before=$(db_state "$db")
refuse "on: case review 'CSPR-1999-01' does not exist" add --on review:CSPR-1999-01 --by s --text t
refuse "names no subject (action:REF, measure:CODE, plan:CODE, priority:CODE, group:CODE, review:REF, audit:REF, s11:AGENCY/CYCLE, scrutiny:REF or return:AGENCY/PERIOD)" \
	add --on "reviews:CSPR-2026-01" --by s --text t

# --- a plan, a priority and a group are subjects of scrutiny too ------------
plan=$(jq -r '[.plans[] | select(.agency)][0].code' defs.json)
priority=$(jq -r '.priorities[0].code' defs.json)
group=$(jq -r '.groups[0].code' defs.json)
audit=$(jq -r '.audits[0].ref' defs.json)
[ "$audit" != null ] || fail "the demo has no audit"
s11=$(jq -r '.s11[0] | .agency + "/" + .cycle' defs.json)
for on in "plan:$plan" "priority:$priority" "group:$group" "audit:$audit" "s11:$s11"; do
	expect_status 0 "$VITALS" --db "$db" challenge add --on "$on" \
		--by "independent scrutineer" --text "How do you know it works?"
	expect_contains out "raised on $on"
	expect_status 0 "$VITALS" --db "$db" challenge list --on "$on" --json
	[ "$(jq -c '[.total, .challenges[0].on]' out)" = "[1,\"$on\"]" ] ||
		fail "the challenge on $on: $(cat out)"
done
before=$(db_state "$db")
refuse "on: priority 'no-such' does not exist" add --on priority:no-such --by s --text t
refuse "on: group 'no-such' does not exist" add --on group:no-such --by s --text t
refuse "on: audit 'no-such' does not exist" add --on audit:no-such --by s --text t
refuse "on: section 11 self-assessment 'police/1999' does not exist" add --on s11:police/1999 --by s --text t
# Each survives export and load.
expect_status 0 "$VITALS" --db "$db" export subjects.json
db2=$(new_db subjects.db)
expect_status 0 "$VITALS" --db "$db2" init
expect_status 0 "$VITALS" --db "$db2" load subjects.json
expect_status 0 "$VITALS" --db "$db2" export subjects2.json
cmp -s subjects.json subjects2.json || fail "the challenges on plans, priorities and groups did not survive export and load"
finish
