# bench/scale.jq: the partnership definition $k times its size, for the
# benchmarks (bench/scale.sh runs it; bench/report and bench/http use it).
#
#   jq --argjson k 16 [--argjson p 16] [--argjson las 152] -f bench/scale.jq demo.json
#
# Copy 0 keeps every code; copy i (1 .. k-1) gets "-xI" on the codes of:
#   agencies (and the agency leads among the users, whose e-mail gets it too),
#   plans, priorities, objectives, measures, their figures, actions (with their
#   updates), impact narratives, returns and case reviews (the actions that
#   are a review's recommendations follow their review's copy).
# Every reference inside a copy points into the same copy, so copy i is a
# partnership of its own kind: its plans, measures, actions and reviews are
# those of its own agencies.
#
# Periods: each measure's series is $p times as long (default $k), extended
# back in time: a figure of period P is repeated at P - j * span for j in
# 1 .. p-1, span being the measure's own run of periods from its first figure
# to its last.  The return (agency, period) of every such figure is added as
# approved history.  So figures grow by k * p (256 at 16x).
#
# Comparators: every rate-per-10,000 measure, and the measures named in
# $compared (default "ns-m1", a current plan's quarterly percentage whose
# page bench/http reads), gets published yearly figures
# for each year its series covers (England, one region and $las local
# authorities, the partnership's own and ten neighbours among them); a
# quarterly one meets them as a snapshot.  Illustrative, as the demo's figures.
#
# The other registers (groups, themes, escalations, audits, section 11,
# voice, scrutiny, budgets, narrative, meetings) are kept as they are, once:
# their references are to copy 0, which keeps every code.
def s($i): if $i == 0 then "" else "-x\($i)" end;
def opt(f; $i): if f then f += s($i) else . end;
def each(f; $i): if f then f |= map(. + s($i)) else . end;

# A period as {f, n}: n counts quarters, months or years from year 0.
def pidx:
	if test("^[0-9]{4}Q[1-4]$") then
		{f: "q", n: ((.[0:4] | tonumber) * 4 + (.[5:6] | tonumber) - 1)}
	elif test("^[0-9]{4}-[0-9]{2}$") then
		{f: "m", n: ((.[0:4] | tonumber) * 12 + (.[5:7] | tonumber) - 1)}
	elif test("^[0-9]{4}$") then {f: "y", n: tonumber}
	else error("bench/scale.jq: period \(.)") end;
def pstr:
	if .f == "q" then "\(.n / 4 | floor)Q\(.n % 4 + 1)"
	elif .f == "m" then "\(.n / 12 | floor)-\(.n % 12 + 1 | tostring
		| if length == 1 then "0" + . else . end)"
	else "\(.n)" end;
def back($d): pidx | .n -= $d | pstr;

$ARGS.named.k as $k
| ($ARGS.named.p // $k) as $p
| ($ARGS.named.las // 152) as $las
| ($ARGS.named.compared // "ns-m1" | split(" ")) as $compared
| def compared: .unit == "rate10k" or (.code | IN($compared[]));
. as $d
| [$d.measures[] | select(.contributors) | .code] as $multi
| ($d.measures | map({key: .code, value: .}) | from_entries) as $mby
# Each measure's span: its last figure's period less its first, plus one.
| (reduce $d.values[] as $v ({};
	($v.period | pidx.n) as $n
	| .[$v.measure] |= {lo: ([(.lo // $n), $n] | min),
		hi: ([(.hi // $n), $n] | max)})
	| map_values(.hi - .lo + 1)) as $span
# The figures of copy 0, extended back in time.
| [$d.values[] as $v | range(0; $p) as $j
	| $v | .period |= back($j * $span[$v.measure])
	| {j: $j, v: .}] as $series
| .agencies = [range(0; $k) as $i | $d.agencies[] | .code += s($i)
	| if $i > 0 then .name += " (copy \($i))" else . end]
| .plans = [range(0; $k) as $i | $d.plans[] | .code += s($i)
	| opt(.agency; $i) | each(.supporting; $i)]
| .priorities = [range(0; $k) as $i | $d.priorities[]
	| .code += s($i) | .plan += s($i)]
| .objectives = [range(0; $k) as $i | ($d.objectives // [])[]
	| .code += s($i) | .priority += s($i)]
| .measures = [range(0; $k) as $i | $d.measures[] | .code += s($i)
	| .plan += s($i) | .agency += s($i) | opt(.priority; $i)
	| each(.contributors; $i) | each(.objectives; $i)
	| if compared and .frequency == "quarterly" and
		(.compare // "same-period") == "same-period"
	  then .compare = "snapshot" else . end]
| .values = [range(0; $k) as $i | $series[] | .v
	| if .breakdown and (.measure | IN($multi[])) then
		.breakdown += s($i) else . end
	| .measure += s($i)]
| .actions = [range(0; $k) as $i | $d.actions[] | .code += s($i)
	| .plan += s($i) | .agency += s($i) | opt(.priority; $i)
	| opt(.review; $i) | each(.measures; $i) | each(.objectives; $i)
	| if $i > 0 then del(.s11) else . end]
| .impact = [range(0; $k) as $i | ($d.impact // [])[]
	| .priority += s($i) | .agency += s($i)]
| .reviews = [range(0; $k) as $i | ($d.reviews // [])[]
	| .ref += s($i) | each(.agencies; $i)]
| .users = [$d.users[] | select(.agency | not)] +
	[range(0; $k) as $i | $d.users[] | select(.agency)
	| .agency += s($i) | .email |= sub("@"; s($i) + "@")]
# Returns: each agency's, copied; then approved history for every
# (agency, period) of an extended figure that has none.
| ([$series[] | select(.j > 0) | .v
	| {agency: (if .breakdown and (.measure | IN($multi[]))
		then .breakdown else $mby[.measure].agency end),
	   period, status: "approved", history: true}]
	| unique_by([.agency, .period])) as $hist
| ($d.returns | map("\(.agency) \(.period)")) as $have
| .returns = [range(0; $k) as $i
	| ($d.returns[], ($hist[] | select("\(.agency) \(.period)" as $x
		| $x | IN($have[]) | not)))
	| .agency += s($i)]
# Comparators: England, a region and $las authorities a year.
| ($d.partnership.la_code // "936") as $own
| ([range(0; $las) | 800 + . | tostring | select(. != $own)][0:$las - 1]
	+ [$own]) as $areas
| .partnership.la_code = $own
| .partnership.neighbours = ($d.partnership.neighbours // $areas[0:10])
| .partnership.neighbour_set = ($d.partnership.neighbour_set // "bench")
| .comparators = (($d.comparators // []) + [range(0; $k) as $i
	| $d.measures[] | select(compared) | .code as $m
	| [$series[] | .v | select(.measure == $m) | .period | pidx] as $ps
	| (if .frequency == "annual" then [$ps[].n]
	   else [$ps[] | .n / 4 | floor] end | unique) as $years
	| ([$d.values[] | select(.measure == $m) | .value] | add / length) as $avg
	| $years[] as $y
	| ({measure: ($m + s($i)), period: "\($y)", area: "E92000001",
		level: "national", name: "England", value: ($avg * 1.1 | . * 10 | round / 10),
		source: "bench/scale.jq (illustrative)"},
	   {measure: ($m + s($i)), period: "\($y)", area: "E12000008",
		level: "regional", name: "South East", value: ($avg | . * 10 | round / 10),
		source: "bench/scale.jq (illustrative)"},
	   ($areas | to_entries[] |
	   {measure: ($m + s($i)), period: "\($y)", area: .value,
		level: "local-authority", name: "Area \(.value)", region: "E12000008",
		value: ($avg * (0.6 + ((.key * 37 + $y) % 80) / 100) | . * 10 | round / 10),
		source: "bench/scale.jq (illustrative)"}))
	| .rate = .value])
| . as $all
# Out: the definition without its figures and comparators, then these in
# parts of $chunk records, one JSON text a line (bench/scale.sh writes each
# to its own file: `vitals load` takes files of up to 64 MB).
| ($ARGS.named.chunk // 40000) as $chunk
| def parts($m): ($all[$m] // []) as $a | range(0; $a | length; $chunk) as $o
	| {vitals: 1, ($m): $a[$o:$o + $chunk]};
($all | del(.values, .comparators)), parts("values"), parts("comparators")
