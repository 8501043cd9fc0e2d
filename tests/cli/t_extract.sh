# Record-level extracts: the partnership's key (mode 0600, refused when
# others may read it, never overwritten), SSDA903 returns loaded as
# snapshots with their counts, one refused file per rule (placed, nothing
# changed), dry runs, the same child linking across extracts, a wrong key
# refused, supersession, retention deleting old snapshots whole, and no
# identifier of the fixture anywhere in the database, its WAL, its
# exports or its change log.
. "$(dirname "$0")/lib.sh"

fx=$VT_SOURCE_DIR/tests/fixtures/extract/ssda903
db=$(new_db extract.db)
expect_status 0 "$VITALS" --db "$db" init

# The identifiers of the fixture: none may be stored anywhere.
identifiers() {
	{
		cut -d, -f1 "$fx"/*/header.csv	# CHILD
		cut -d, -f5 "$fx"/*/header.csv	# UPN
		cut -d, -f3 "$fx"/*/header.csv	# DOB, as written
		cut -d, -f3 "$fx"/*/header.csv |
			sed -n 's#^\(..\)/\(..\)/\(....\)#\3-\2-\1#p' # ISO
		cut -d, -f11,12 "$fx"/*/episodes.csv | tr , '\n' # postcodes
		cut -d, -f7 "$fx"/*/header.csv | tr -d '\r' |
			grep -v '^MC_DOB$'	# a mother's child's DOB
	} | tr -d '\r' | grep -v -e '^CHILD$' -e '^UPN$' -e '^DOB$' \
		-e '^HOME_POST$' -e '^PL_POST$' -e '^$' | sort -u
}
identifiers >ids
[ "$(wc -l <ids)" -ge 20 ] || fail "too few identifiers to search for: $(cat ids)"

# q SQL: one value from the database.
q() {
	if on_postgresql; then
		psql -X -At "$db" -c "$1"
	else
		sqlite3 "$db" "$1"
	fi
}

# The data lines of a CSV file.
rows() { tail -n +2 "$1" | grep -c .; }

# --- the key ------------------------------------------------------------
if on_postgresql; then
	# A PostgreSQL database has no file of its own beside which to keep
	# it: the key's place must be given.
	expect_status 2 "$VITALS" --db "$db" extract key
	expect_contains err "--key-file"
	export VITALS_EXTRACT_KEY_FILE=$PWD/partnership.key
	keyfile=$VITALS_EXTRACT_KEY_FILE
else
	keyfile=$db.key
fi
expect_status 0 "$VITALS" --db "$db" extract key
expect_contains out "key written to '$keyfile' (mode 0600), fingerprint "
[ "$(stat -c %a "$keyfile")" = 600 ] || fail "key file mode $(stat -c %a "$keyfile")"
head -n 1 "$keyfile" | grep -q '^# vitals extract key' || fail "key file has no header line"
[ "$(sed -n 2p "$keyfile" | grep -cE '^[0-9a-f]{64}$')" = 1 ] || fail "key file holds no 64 hex digits"
key=$(sed -n 2p "$keyfile")
cp "$keyfile" key.copy
expect_status 1 "$VITALS" --db "$db" extract key
expect_contains err "exists: a key is never overwritten"
cmp -s "$keyfile" key.copy || fail "the key file was overwritten"
# --key-file elsewhere, made in a directory anyone may read.
expect_status 0 "$VITALS" --db "$db" extract key --key-file other.key
[ "$(stat -c %a other.key)" = 600 ] || fail "other.key mode"
other=$(sed -n 2p other.key)
[ "$other" != "$key" ] || fail "two keys are the same"

# --- state before any load ------------------------------------------------
state() {
	"$VITALS" --db "$db" export - >"$1.json" || fail "export failed"
	"$VITALS" --db "$db" extract list --json >"$1.list" || fail "list failed"
	db_state "$db" >"$1.db"
}
same_state() {
	cmp -s "$1.json" "$2.json" || fail "$3: the export changed"
	cmp -s "$1.list" "$2.list" || fail "$3: the extract list changed"
	cmp -s "$1.db" "$2.db" || fail "$3: the database changed"
}
state empty

# A key file others may read is refused, as ssh refuses one.
chmod 640 "$keyfile"
expect_status 1 "$VITALS" --db "$db" extract load --format ssda903 \
	--as-at 2024-03-31 "$fx"/2024/*.csv
expect_contains err "may be read by others (mode 0640): it must be readable by its owner alone"
chmod 600 "$keyfile"
state after-mode
same_state empty after-mode "a group-readable key"

# --- a dry run reads, counts and writes nothing ---------------------------
n2024=$(rows "$fx"/2024/episodes.csv)
n2025=$(rows "$fx"/2025/episodes.csv)
expect_status 0 "$VITALS" --db "$db" extract load --format ssda903 \
	--as-at 2024-03-31 --dry-run "$fx"/2024/*.csv
expect_contains out "dry run: ssda903 as at 2024-03-31, $n2024 records (cla-episode $n2024), 0 problems; nothing was written"
state after-dry
same_state empty after-dry "a dry run"

# --- refused files, one per rule: placed, nothing changed -----------------
# bad NAME LINE SED-EXPR EXPECTED: the 2024 return with one file changed.
bad() {
	local name=$1 file=$2 expr=$3 want=$4
	rm -rf bad && mkdir bad && cp "$fx"/2024/*.csv bad/
	sed -i "$expr" "bad/$file"
	expect_status 1 "$VITALS" --db "$db" extract load --format ssda903 \
		--as-at 2024-03-31 bad/*.csv
	expect_contains err "$want"
	expect_contains err "nothing was changed"
	state "after-$name"
	same_state empty "after-$name" "$name"
}
bad decom episodes.csv '3s#20/10/2023#31/02/2023#' \
	"episodes.csv:3: error: DECOM: '31/02/2023' is not a date (dd/mm/yyyy)"
bad decom-missing episodes.csv '5s#02/01/2024##' \
	"episodes.csv:5: error: DECOM: missing; a date (dd/mm/yyyy) is needed"
bad dec episodes.csv '2s#20/10/2023,X1#2023-13-01,X1#' \
	"episodes.csv:2: error: DEC: '2023-13-01' is not a date (dd/mm/yyyy)"
bad rne episodes.csv '3s#,P,C2,#,Q,C2,#' \
	"episodes.csv:3: error: RNE: 'Q' is not one of S, L, P, T, U, B"
bad ls episodes.csv '4s#,V2,#,V1,#' \
	"episodes.csv:4: error: LS: 'V1' is not one of C1, C2, D1, E1, J1, J2, J3, L1, L2, L3, V2, V3, V4"
bad rec episodes.csv '4s#,E11,#,E10,#' \
	"episodes.csv:4: error: REC: 'E10' is not one of X1, E11, E12,"
bad rec-missing episodes.csv '4s#,E11,#,,#' \
	"episodes.csv:4: error: REC: the episode ends (DEC) but gives no reason"
bad end-before-start episodes.csv '4s#30/09/2023#14/06/2023#' \
	"episodes.csv:4: error: DEC: the episode ends (2023-06-14) before it starts (DECOM 2023-06-15)"
bad not-in-header episodes.csv '5s#^LA900003#LA900099#' \
	"episodes.csv:5: error: CHILD: the child of this episode is not in the header file"
bad child-missing episodes.csv '5s#^LA900003##' \
	"episodes.csv:5: error: CHILD: missing"
bad dob header.csv '3s#03/09/2015#31/09/2015#' \
	"header.csv:3: error: DOB: not a date (dd/mm/yyyy)"
bad twice header.csv '3s#^LA900002#LA900001#' \
	"header.csv:3: error: CHILD: the same child is in the header file twice"
bad column episodes.csv '1s#,RNE,#,RNX,#' \
	"episodes.csv:1: error: the episodes file has no column 'RNE'"
bad review reviews.csv '2s#^LA900001#LA900077#' \
	"reviews.csv:2: error: CHILD: the child of this row is not in the header file"
bad missing-date missing.csv '2s#10/02/2024#10/22/2024#' \
	"missing.csv:2: error: MIS_START: '10/22/2024' is not a date"
bad quote episodes.csv '2s#^LA900001,#"LA900001,#' \
	"episodes.csv:"
# A file no part of the return, and a return without its header file.
rm -rf bad && mkdir bad && cp "$fx"/2024/episodes.csv bad/
printf 'NAME,ADDRESS\nx,y\n' >bad/notes.csv
expect_status 1 "$VITALS" --db "$db" extract load --format ssda903 \
	--as-at 2024-03-31 bad/*.csv
expect_contains err "notes.csv:1: error: not a file of the SSDA903 return"
expect_contains err "the header file is missing"
state after-files
same_state empty after-files "a return without its header"
# No as-at date: the files hold none.
expect_status 1 "$VITALS" --db "$db" extract load --format ssda903 "$fx"/2024/*.csv
expect_contains err "give its as-at date"
expect_status 1 "$VITALS" --db "$db" extract load --format ssda903 \
	--as-at 2024-02-30 "$fx"/2024/*.csv
expect_contains err "as at: '2024-02-30' is not a date (YYYY-MM-DD)"
expect_status 2 "$VITALS" --db "$db" extract load --format ofsted "$fx"/2024/*.csv
expect_contains err "--format: 'ofsted' is not one of cin, annex-a, ssda903"
# What is missing is said, not just the usage.
expect_status 2 "$VITALS" --db "$db" extract load "$fx"/2024/*.csv
expect_contains err "which format are the files? give --format cin, annex-a or ssda903"
expect_status 2 "$VITALS" --db "$db" extract load --format ssda903
expect_contains err "name the file to read"
state after-refusals
same_state empty after-refusals "the refusals"

# --- loads ----------------------------------------------------------------
# The WAL is kept while another connection reads, as when the server
# is running: it is searched before any checkpoint folds it in.
if ! on_postgresql; then
	mkfifo hold
	sqlite3 "$db" <hold >/dev/null 2>&1 &
	holder=$!
	exec 3>hold
	echo "BEGIN; SELECT count(*) FROM partnership;" >&3
fi
expect_status 0 "$VITALS" --db "$db" extract load --format ssda903 \
	--as-at 2024-03-31 "$fx"/2024/*.csv
# Ids are the engine's: PostgreSQL's skip what a refused load took.
load_id() { sed -n 's/^extract \([0-9]*\): .*/\1/p' out; }
e1=$(load_id)
expect_contains out "extract $e1: ssda903 as at 2024-03-31, $n2024 records (cla-episode $n2024), 0 problems"
expect_status 0 "$VITALS" --db "$db" extract load --format ssda903 \
	--as-at 2025-03-31 "$fx"/2025/*.csv
e2=$(load_id)
expect_contains out "extract $e2: ssda903 as at 2025-03-31, $n2025 records (cla-episode $n2025), 0 problems"
[ "$(q 'SELECT count(*) FROM case_record')" = $((n2024 + n2025)) ] ||
	fail "case records: $(q 'SELECT count(*) FROM case_record')"
[ "$(q "SELECT period_from || ' ' || period_to FROM extract WHERE id = $e1")" = "2023-04-01 2024-03-31" ] ||
	fail "extract 1's period"

# The same bytes again are refused.
expect_status 1 "$VITALS" --db "$db" extract load --format ssda903 \
	--as-at 2024-03-31 "$fx"/2024/*.csv
expect_contains err "these files were loaded before, as extract $e1"

# The same child in two extracts has the same hash: the keyed BLAKE2b of
# its identifier (upper case) under the partnership's key, and months of
# birth only.
common=$(q "SELECT count(*) FROM (SELECT child FROM case_record WHERE extract_id = $e1 INTERSECT SELECT child FROM case_record WHERE extract_id = $e2) x")
both=$(comm -12 <(tail -n +2 "$fx"/2024/header.csv | cut -d, -f1 | sort -u) \
		<(tail -n +2 "$fx"/2025/header.csv | cut -d, -f1 | sort -u) | wc -l)
[ "$common" = "$both" ] && [ "$both" -ge 1 ] || fail "children in both extracts: $common, expected $both"
want=$(python3 -c 'import hashlib,sys; print(hashlib.blake2b(sys.argv[1].encode(), key=bytes.fromhex(sys.argv[2]), digest_size=32).hexdigest())' LA900001 "$key")
[ "$(q "SELECT count(*) FROM case_record WHERE child = '$want'")" = 3 ] ||
	fail "LA900001's hash is not in its 3 episodes"
[ "$(q "SELECT DISTINCT birth_month FROM case_record WHERE child = '$want'")" = 2012-02 ] ||
	fail "LA900001's month of birth"

# The identifier search: the database file and its WAL (not yet folded
# in), every export, the change log.
if ! on_postgresql; then
	[ -s "$db-wal" ] || fail "no WAL to search"
	grep -aqF "$want" "$db-wal" || fail "the WAL does not hold the loads"
	expect_no_identifier "the WAL" "$db-wal"
	expect_no_identifier "the database" "$db"
	exec 3>&-
	wait "$holder" || true
else
	pg_dump --no-owner "$db" >dump.sql || fail "pg_dump failed"
	grep -aqF "$want" dump.sql || fail "the dump does not hold the loads"
	expect_no_identifier "the dump" dump.sql
fi
"$VITALS" --db "$db" export - >export.json
expect_no_identifier "the export" export.json
"$VITALS" --db "$db" log list --json >log.json
grep -qF '"entity": "extract"' log.json || fail "the loads are not in the change log"
expect_no_identifier "the change log" log.json
"$VITALS" --db "$db" extract list --json >list.json
expect_no_identifier "the extract list" list.json
"$VITALS" --db "$db" backup --portable portable.json >/dev/null 2>&1 ||
	fail "portable backup failed"
expect_no_identifier "the portable backup" portable.json
expect_not_contains portable.json "$want"
if ! on_postgresql; then
	sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	expect_no_identifier "the checkpointed database" "$db"
	expect_status 0 "$VITALS" --db "$db" backup copy.db
	expect_no_identifier "the backup" copy.db
fi

# --- a wrong key refuses to link a new extract to old hashes --------------
state before-wrong
cp -r "$fx"/2025 later && printf 'LA900001,30/09/2024,U,C2,N1,U3,PR1,,,,ZZ1 1AA,ZZ8 2QT,SC654321\n' >>later/episodes.csv
VITALS_EXTRACT_KEY=$other expect_status 1 "$VITALS" --db "$db" extract load \
	--format ssda903 --as-at 2025-06-30 later/*.csv
fp_stored=$(jq -r '.extracts[0].key_fingerprint' list.json)
expect_contains err "this key is not the one the earlier extracts were read with (fingerprint "
expect_contains err ", stored $fp_stored); the same child would not link"
VITALS_EXTRACT_KEY=$other expect_status 1 "$VITALS" --db "$db" extract load \
	--format ssda903 --as-at 2025-06-30 --dry-run later/*.csv
expect_contains err "stored $fp_stored"
# The other key's file, given by name, is refused the same way.
expect_status 1 "$VITALS" --db "$db" extract load --key-file other.key \
	--format ssda903 --as-at 2025-06-30 later/*.csv
expect_contains err "the same child would not link"
state after-wrong
same_state before-wrong after-wrong "a wrong key"
# The right key from the environment is taken before the file.
VITALS_EXTRACT_KEY=$key expect_status 0 "$VITALS" --db "$db" extract load \
	--key-file other.key --format ssda903 --as-at 2025-06-30 --dry-run later/*.csv

# --- supersession: a later extract of the same period ---------------------
expect_status 0 "$VITALS" --db "$db" extract load --format ssda903 \
	--as-at 2025-06-30 later/*.csv
e3=$(load_id)
expect_contains out "extract $e3: ssda903 as at 2025-06-30, $((n2025 + 1)) records"
"$VITALS" --db "$db" extract list --json >list.json
[ "$(jq -c '[.extracts[] | [.id, .superseded_by]]' list.json)" = "[[$e1,null],[$e2,$e3],[$e3,null]]" ] ||
	fail "superseded: $(jq -c '[.extracts[] | [.id, .superseded_by]]' list.json)"
expect_status 0 "$VITALS" --db "$db" extract list
expect_contains out "superseded by $e3"
# An older extract loaded late is superseded at once by the newer one.
cp -r "$fx"/2025 earlier && sed -i '3d' earlier/episodes.csv
expect_status 0 "$VITALS" --db "$db" extract load --format ssda903 \
	--as-at 2025-04-30 earlier/*.csv
e4=$(load_id)
[ -n "$e4" ] || fail "extract 4 not loaded"
"$VITALS" --db "$db" extract list --json >list.json
[ "$(jq -c '[.extracts[] | [.id, .superseded_by]]' list.json)" = "[[$e1,null],[$e2,$e3],[$e3,null],[$e4,$e3]]" ] ||
	fail "superseded late: $(jq -c '[.extracts[] | [.id, .superseded_by]]' list.json)"

# --- retention: the newest N of each format, older ones deleted whole -----
[ "$(jq .retain list.json)" = 4 ] || fail "default retention: $(jq .retain list.json)"
records_of() { q "SELECT count(*) FROM case_record WHERE extract_id = $1"; }
[ "$(records_of "$e1")" = "$n2024" ] || fail "extract 1 before retention"
expect_status 0 "$VITALS" --db "$db" extract retain 2
expect_contains out "the newest 2 snapshots of each format are kept; 2 older deleted"
expect_status 0 "$VITALS" --db "$db" log list --entity "extract retention"
expect_contains out "Extracts kept of each format: the newest 2, was 4"
"$VITALS" --db "$db" extract list --json >list.json
[ "$(jq -c '[.extracts[].id]' list.json)" = "[$e3,$e4]" ] ||
	fail "kept after retain 2: $(jq -c '[.extracts[].id]' list.json)"
[ "$(records_of "$e1")" = 0 ] && [ "$(records_of "$e2")" = 0 ] ||
	fail "case records of deleted snapshots remain"
[ "$(q "SELECT count(*) FROM extract WHERE id IN ($e1, $e2)")" = 0 ] || fail "deleted snapshots remain"
"$VITALS" --db "$db" log list --json >log.json
[ "$(jq '[.[] | select(.entity == "extract" and (.summary | endswith("deleted")))] | length' log.json)" = 2 ] ||
	fail "deletions not logged: $(jq -c '[.[] | select(.entity == "extract")]' log.json)"
expect_no_identifier "the change log after deletions" log.json
# After a load, too: the 2024 return again (a new snapshot) pushes the
# oldest out.
expect_status 0 "$VITALS" --db "$db" extract load --format ssda903 \
	--as-at 2025-07-31 "$fx"/2024/*.csv
e5=$(load_id)
[ -n "$e5" ] || fail "extract 5 not loaded"
expect_contains out "1 older snapshot deleted (retention)"
"$VITALS" --db "$db" extract list --json >list.json
[ "$(jq -c '[.extracts[].id]' list.json)" = "[$e3,$e5]" ] ||
	fail "kept after a load: $(jq -c '[.extracts[].id]' list.json)"
expect_status 2 "$VITALS" --db "$db" extract retain 0
expect_contains err "'0' is not a number of snapshots from 1 to 1000"
expect_status 0 "$VITALS" --db "$db" log verify

# The records are no part of what is exported: export, load, export is
# the same with them or without.
"$VITALS" --db "$db" export - >a.json
db2=$(new_db copy2.db)
expect_status 0 "$VITALS" --db "$db2" init
expect_status 0 "$VITALS" --db "$db2" load a.json
"$VITALS" --db "$db2" export - >b.json
cmp -s a.json b.json || fail "export, load, export differs"
cmp -s a.json empty.json || fail "the export changed with the extracts"

finish
