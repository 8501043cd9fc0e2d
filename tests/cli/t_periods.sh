# One period vocabulary: every command and every page or API that takes a
# period reads its id ("2026Q3") and its label as people see it
# ("2026-27 Q2") alike, and refuses what is neither in words.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "FAIL: curl is missing: run scripts/deps" >&2; exit 1; }

export VITALS_NOW=2026-11-23T10:00:00Z
db=$(new_db periods.db)
expect_status 0 "$VITALS" --db "$db" demo --passwords
demo_users
expect_status 0 "$VITALS" --db "$db" token add analyst@demo.invalid --name periods
token=$(tail -1 out)
measure=$("$VITALS" --db "$db" export - | jq -r '[.values[] | select(.period == "2026Q3")][0].measure')
agency=$("$VITALS" --db "$db" export - | jq -r --arg m "$measure" '.measures[] | select(.code == $m) | .agency')

# The demo's year starts in April: each pair is one period.
pairs="2026Q3=2026-27_Q2 2026Q2=2026/27_q1 2026=2026-27 2025Q1=2024-25_Q4"

# Each command, given the id and then the label, writes the same.  A
# command is run in a copy of the database, so that one that changes
# something (an approval) meets the same store both times.
tried=0
same_cli() {
	local name=$1 id=$2 label=$3
	shift 3
	local a b
	for form in id label; do
		local copy p=$id
		copy=$(copy_db "$db" "$form.db")
		[ $form = label ] && p=$label
		"$VITALS" --db "$copy" "${@//PERIOD/$p}" >"$form.out" 2>"$form.err" || echo "exit $?" >>"$form.out"
	done
	tried=$((tried + 1))
	cmp -s id.out label.out ||
		fail "$name: '$id' and '$label' differ: $(diff id.out label.out | head -4 | tr '\n' ' ')"
	# The same refusal for both (an approved return cannot be approved
	# again) is fine; the label refused as no period is not.
	grep -q "is not a period" label.err && fail "$name: '$label' was not read as a period"
	return 0
}
for pair in $pairs; do
	id=${pair%%=*}
	label=$(echo "${pair#*=}" | tr _ ' ')
	same_cli "measures status" "$id" "$label" measures status --period PERIOD --json
	same_cli "report" "$id" "$label" report --period PERIOD --format md
	same_cli "returns status" "$id" "$label" returns status --period PERIOD --json
	case $id in
	*Q*)
		same_cli "returns template" "$id" "$label" returns template --agency "$agency" --period PERIOD -o t.csv
		same_cli "returns approve" "$id" "$label" returns approve --agency "$agency" --period PERIOD
		same_cli "returns reopen" "$id" "$label" returns reopen --agency "$agency" --period PERIOD --reason "Check the figure"
		same_cli "spc --rebaseline" "$id" "$label" spc "$measure" --rebaseline PERIOD --json
		;;
	esac
done
echo "A note." >note.md
priority=$("$VITALS" --db "$db" export - | jq -r '.priorities[0].code')
same_cli "returns impact" 2026Q3 "2026-27 Q2" returns impact --agency "$agency" --period PERIOD --priority "$priority" note.md

# What is neither is refused, in words that show both forms.
for bad in "2026-27 Q5" "Q2 2026-27" "2026-28" "Smarch 2026"; do
	expect_status 2 "$VITALS" --db "$db" measures status --period "$bad"
	expect_contains err "'$bad' is not a period: write a quarter as 2024-25 Q3 or 2024Q4"
	expect_status 2 "$VITALS" --db "$db" report --period "$bad"
done

# The pages and the API: the same answer for either form.
serve_start serve
demo_signin jar analyst@demo.invalid
enc() { printf '%s' "$1" | sed 's/ /%20/g; s|/|%2F|g'; }
same_web() {
	local path=$1 id=$2 label=$3 auth a b
	for form in id label; do
		local p=$id
		[ $form = label ] && p=$(enc "$label")
		case $path in
		/api/*) auth=(-H "Authorization: Bearer $token") ;;
		*) auth=(-b jar) ;;
		esac
		curl -s "${auth[@]}" -o "$form.body" -w '%{http_code}' "$url$path?period=$p" >"$form.code"
		# The page echoes what was typed into its filter; nothing else may differ.
		sed -i "s|value=\"$label\"|value=\"$id\"|g; s|value=\"$id\"|value=\"$id\"|g" "$form.body"
	done
	tried=$((tried + 1))
	[ "$(cat id.code)" = 200 ] || fail "$path?period=$id answered $(cat id.code)"
	[ "$(cat label.code)" = 200 ] || fail "$path?period=$label answered $(cat label.code)"
	# CSRF tokens and nonces differ per response: compare without them.
	sed -i 's/name="csrf" value="[^"]*"//g; s/nonce="[^"]*"//g' id.body label.body
	cmp -s id.body label.body ||
		fail "$path: '$id' and '$label' differ: $(diff id.body label.body | head -4 | tr '\n' ' ' | cut -c1-300)"
}
for pair in $pairs; do
	id=${pair%%=*}
	label=$(echo "${pair#*=}" | tr _ ' ')
	for path in /measures /returns /reports /api/v1/measures /api/v1/returns; do
		same_web "$path" "$id" "$label"
	done
done
code=$(curl -s -b jar -o bad.html -w '%{http_code}' "$url/measures?period=2026-27%20Q5")
[ "$code" = 400 ] || fail "/measures?period=2026-27 Q5 answered $code"
grep -q "2024-25 Q3 or 2024Q4" bad.html || fail "the refusal does not show both forms"

[ "$tried" -ge 40 ] || fail "only $tried period inputs were tried"
finish
