# Groups that meet and decide: a group's terms, members and quorum; its
# meetings added, attended, decided and cancelled, reports received;
# quorate worked out from who was present; decisions open, overdue and
# done; attendance by agency over a financial year counted from the
# meetings themselves; refusals that name their field and change nothing;
# and the meetings through export and load unchanged.
. "$(dirname "$0")/lib.sh"

export VITALS_NOW=2026-11-23T10:00:00Z
# The demo partnership without its illustrative meetings and with its
# executive group's members replaced: this test counts its own.
demo=$(new_db demo.db)
expect_status 0 "$VITALS" --db "$demo" demo
expect_status 0 "$VITALS" --db "$demo" export demo.json
jq 'del(.meetings) | .groups |= map(if .code == "executive" then
	(.members = [
		{"agency": "scc-csc", "role": "Director of Children'"'"'s Services"},
		{"agency": "police", "role": "Detective Superintendent"},
		{"agency": "health-heartlands", "role": "Designated Nurse"},
		{"agency": "education", "role": "Head of Education Safeguarding"}]
	| .quorum = 3 | .terms = "To hold the partners to account." ) else . end)' \
	demo.json >base.json
db=$(new_db meetings.db)
expect_status 0 "$VITALS" --db "$db" init
expect_status 0 "$VITALS" --db "$db" load base.json
expect_status 0 "$VITALS" --db "$db" meetings list
expect_contains out "no meetings"

# --- a group shown: terms, members, the line to the top -------------------
expect_status 0 "$VITALS" --db "$db" groups show business --json
[ "$(jq -c '.line' out)" = '["executive","partnership"]' ] ||
	fail "business's reporting line: $(jq -c .line out)"
expect_status 0 "$VITALS" --db "$db" groups show executive
expect_contains out "reporting line: executive -> partnership"
expect_contains out "member: police (Detective Superintendent)"
expect_contains out "To hold the partners to account."
expect_status 0 "$VITALS" --db "$db" groups list --json
[ "$(jq 'length' out)" = "$(jq '.groups | length' base.json)" ] ||
	fail "groups list does not list every group"

# --- three meetings of the executive in 2026-27 ---------------------------
m() { expect_status 0 "$VITALS" --db "$db" meetings "$@"; }
m add executive-2026-06-08 --group executive --date 2026-06-08 \
	--item "Quarterly performance pack" --item "Neglect strategy"
expect_contains out "meeting executive-2026-06-08: added"
m add executive-2026-09-14 --group executive --date 2026-09-14
m add executive-2026-12-14 --group executive --date 2026-12-14 \
	--item "Annual report draft"
m add executive-2027-03-08 --group executive --date 2027-03-08
m cancel executive-2027-03-08
# June: all four present (quorate); September: two present, one
# apologies, one absent (not quorate with a quorum of 3).
m attend executive-2026-06-08 --present scc-csc,police \
	--present health-heartlands --present education
m attend executive-2026-09-14 --present scc-csc,police \
	--apologies health-heartlands --absent education
# Recorded again for one agency: replaced, the others kept.
m attend executive-2026-09-14 --apologies education
m decide executive-2026-06-08 --text "Refresh the neglect strategy" \
	--owner "Head of Safeguarding" --agency scc-csc --due 2026-10-30
m decide executive-2026-06-08 --text "Report on strategy meeting attendance" \
	--owner "Detective Superintendent" --agency police --due 2026-12-31
m decide executive-2026-09-14 --text "Publish the annual report" \
	--owner "Partnership Business Manager" --agency scc-csc
m done executive-2026-06-08 --decision 2 --date 2026-11-02
m receive executive-2026-06-08 --report pack:2026Q1 --note "Taken as read"
m receive executive-2026-09-14 --report audit:MAA-2026-01
m receive executive-2026-09-14 --report return:police/2026Q2

m show executive-2026-06-08 --json
[ "$(jq -c '[.status, .present, .quorate, .items, [.decisions[] | [.number, .state]]]' out)" = \
  '["held",4,true,["Quarterly performance pack","Neglect strategy"],[[1,"overdue"],[2,"done"]]]' ] ||
	fail "June's meeting: $(cat out)"
m show executive-2026-09-14 --json
[ "$(jq -c '[.present, .quorate, [.attendance[] | .attended], .decisions[0].number, .decisions[0].state, [.received[].subject]]' out)" = \
  '[2,false,["present","present","apologies","apologies"],1,"open",["audit:MAA-2026-01","return:police/2026Q2"]]' ] ||
	fail "September's meeting: $(cat out)"

# The list, computed from the show of each meeting.
m list --group executive --csv
[ "$(sed -n 1p out)" = "ref,group,date,status,present,quorate,decisions,open_decisions,received" ] ||
	fail "list header: $(sed -n 1p out)"
expect_contains out "executive-2026-06-08,executive,2026-06-08,held,4,yes,2,1,1"
expect_contains out "executive-2026-09-14,executive,2026-09-14,held,2,no,1,1,2"
expect_contains out "executive-2026-12-14,executive,2026-12-14,planned,0,,0,0,0"
expect_contains out "executive-2027-03-08,executive,2027-03-08,cancelled,0,,0,0,0"
m list --year 2025-26
expect_contains out "no meetings"

# Attendance over 2026-27: expected counts from the meetings' own records.
m attendance executive --year 2026-27 --json
cp out att.json
held=0; quorate=0
for ref in executive-2026-06-08 executive-2026-09-14 executive-2026-12-14 executive-2027-03-08; do
	m show "$ref" --json
	[ "$(jq -r .status out)" = held ] || continue
	held=$((held + 1))
	[ "$(jq -r .quorate out)" = true ] && quorate=$((quorate + 1))
	jq -c '.attendance[]' out >>all-attendance.jsonl
done
[ "$(jq -c '[.held, .quorate, .inquorate, .from, .to]' att.json)" = \
  "[$held,$quorate,$((held - quorate)),\"2026-04-01\",\"2027-03-31\"]" ] ||
	fail "attendance totals: $(jq -c . att.json)"
for agency in scc-csc police health-heartlands education; do
	p=$(jq -s --arg a "$agency" '[.[] | select(.agency == $a and .attended == "present")] | length' all-attendance.jsonl)
	ap=$(jq -s --arg a "$agency" '[.[] | select(.agency == $a and .attended == "apologies")] | length' all-attendance.jsonl)
	ab=$(jq -s --arg a "$agency" '[.[] | select(.agency == $a and .attended == "absent")] | length' all-attendance.jsonl)
	rate=$(jq -n "($p * 1000 / $held | round) / 10")
	got=$(jq -c --arg a "$agency" '.agencies[] | select(.agency == $a) | [.held, .present, .apologies, .absent, .unrecorded, .rate, .member]' att.json)
	[ "$got" = "[$held,$p,$ap,$ab,$((held - p - ap - ab)),$rate,true]" ] ||
		fail "attendance of $agency: $got, expected [$held,$p,$ap,$ab,...,$rate]"
done
m attendance executive --year 2026-27 --csv
expect_contains out "agency,member,held,present,apologies,absent,unrecorded,rate"
expect_contains out "health-heartlands,yes,2,1,1,0,0,50.0"
m attendance executive --year 2026-27
expect_contains out "2 meetings held, 1 quorate, 1 not quorate"

# The forward plan: planned meetings from today, not the cancelled one.
expect_status 0 "$VITALS" --db "$db" groups show executive --json
[ "$(jq -c '.forward_plan' out)" = '["executive-2026-12-14"]' ] ||
	fail "the forward plan: $(jq -c .forward_plan out)"
expect_status 0 "$VITALS" --db "$db" groups show executive --today 2026-12-15
expect_contains out "forward plan: none planned"

# The groups list: the next meeting and the decisions open and overdue.
expect_status 0 "$VITALS" --db "$db" groups list --json
[ "$(jq -c '.[] | select(.code == "executive") | [.next_meeting, .open_decisions, .overdue_decisions, .done_decisions]' out)" = \
  '["2026-12-14",2,1,1]' ] || fail "executive in the groups list: $(cat out)"

# --- refusals: each names its field and changes nothing -------------------
before=$(db_state "$db")
refuse() {
	local want=$1
	shift
	expect_status 1 "$VITALS" --db "$db" meetings "$@"
	expect_contains err "$want"
	expect_contains err "nothing was changed"
	[ "$(db_state "$db")" = "$before" ] || fail "'meetings $*' changed the database"
}
refuse "meeting 'executive-2026-12-14': attendance[0].agency: 'xyz' is not an agency" \
	attend executive-2026-12-14 --present xyz --today 2026-12-14
refuse "attendance[4].agency: 'cafcass' is not a member agency of group 'executive'" \
	attend executive-2026-09-14 --present police,cafcass
refuse "date: meeting 'executive-2026-12-14' is on 2026-12-14, after today (2026-11-23)" \
	attend executive-2026-12-14 --present police
refuse "status: meeting 'executive-2027-03-08' was cancelled" \
	attend executive-2027-03-08 --present police --today 2027-03-08
refuse "status: meeting 'executive-2026-12-14' is planned; record its attendance first" \
	decide executive-2026-12-14 --text "x" --owner "Chair" --agency police
refuse "decisions[1].owner looks like a person's name" \
	decide executive-2026-09-14 --text "Write to schools" --owner "Jane Smith" --agency education
refuse "decisions[1].agency: 'nobody' is not an agency" \
	decide executive-2026-09-14 --text "Write to schools" --owner "Head of Service" --agency nobody
refuse "number: meeting 'executive-2026-06-08' has no decision 9" \
	done executive-2026-06-08 --decision 9 --date 2026-11-20
refuse "done: decision 2 of meeting 'executive-2026-06-08' was done on 2026-11-02" \
	done executive-2026-06-08 --decision 2 --date 2026-11-20
refuse "decisions[0].done: done 2026-01-01 comes before the meeting on 2026-06-08" \
	done executive-2026-06-08 --decision 1 --date 2026-01-01
refuse "received[2].subject: audit 'MAA-1999-01' does not exist" \
	receive executive-2026-09-14 --report audit:MAA-1999-01
refuse "received[2].subject: 'pack:2026' does not name a quarter's pack" \
	receive executive-2026-09-14 --report pack:2026
refuse "received[2].subject: 'minutes:1' names no report" \
	receive executive-2026-09-14 --report minutes:1
refuse "group: 'nogroup' is not a group" \
	add nogroup-2026-12-01 --group nogroup --date 2026-12-01
refuse "ref: there is already a meeting 'executive-2026-06-08'" \
	add executive-2026-06-08 --group executive --date 2026-06-08
refuse "ref: there is no meeting 'executive-1999-01-01'" \
	cancel executive-1999-01-01
refuse "status: meeting 'executive-2026-06-08' was held on 2026-06-08" \
	cancel executive-2026-06-08
expect_status 2 "$VITALS" --db "$db" meetings attend executive-2026-06-08
expect_status 2 "$VITALS" --db "$db" meetings attendance executive --year 2026
[ "$(db_state "$db")" = "$before" ] || fail "a usage error changed the database"

# A definition file is checked the same way: a quorum larger than the
# members, a member named as a person.
jq '{vitals: 1, groups: [.groups[] | select(.code == "executive") | .quorum = 5]}' base.json >quorum.json
expect_status 1 "$VITALS" --db "$db" load quorum.json
expect_contains err "quorum 5 is more than the group's 4 member agencies"
jq '{vitals: 1, groups: [.groups[] | select(.code == "executive") | .members[1].role = "Sarah Jones"]}' base.json >person.json
expect_status 1 "$VITALS" --db "$db" load person.json
expect_contains err "members[1].role looks like a person's name"
[ "$(db_state "$db")" = "$before" ] || fail "a refused definition changed the database"

# --- every change in the change log --------------------------------------
expect_status 0 "$VITALS" --db "$db" log list --entity meeting --json
[ "$(jq 'length' out)" = 15 ] || fail "meeting changes logged: $(jq length out), expected 15"
expect_status 0 "$VITALS" --db "$db" log verify

# --- export, load, export: byte-identical ---------------------------------
expect_status 0 "$VITALS" --db "$db" export first.json
[ "$(jq '.meetings | length' first.json)" = 4 ] || fail "meetings not exported"
second=$(new_db second.db)
expect_status 0 "$VITALS" --db "$second" init
expect_status 0 "$VITALS" --db "$second" load first.json
expect_status 0 "$VITALS" --db "$second" export second.json
cmp -s first.json second.json ||
	fail "export, load, export differs: $(diff first.json second.json | head)"

# --- the demo's meetings load and read ------------------------------------
[ "$(jq '.meetings | length' demo.json)" -gt 0 ] || fail "the demo has no meetings"
expect_status 0 "$VITALS" --db "$demo" meetings attendance executive --year 2025-26 --json
[ "$(jq '.held' out)" = "$(jq '[.meetings[] | select(.group == "executive" and .status == "held" and .date >= "2025-04-01" and .date <= "2026-03-31")] | length' demo.json)" ] ||
	fail "the demo's executive meetings held in 2025-26: $(jq -c . out)"
finish
