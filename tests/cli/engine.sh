# Which engine a CLI test runs on: SQLite files, or databases on the PostgreSQL server scripts/pg-test started.
#
# Sourced by lib.sh and golden_lib.sh.  With VT_TEST_ENGINE=postgresql (set
# by ctest for the cli-pg/ copies of the tests) every database a test names
# through new_db is a fresh database on the server at VT_TEST_PG_ADMIN;
# otherwise it is the SQLite file of that name.  The tests themselves do
# not change: they say "new_db NAME" where they would say NAME.

vt_engine=${VT_TEST_ENGINE:-sqlite}

if [ "$vt_engine" = postgresql ]; then
	: "${VT_TEST_PG_ADMIN:?run under scripts/pg-test: VT_TEST_PG_ADMIN is not set}"
	command -v psql >/dev/null || { echo "psql is missing (scripts/pg-test installs it)" >&2; exit 1; }
	# Databases of this run are named vt_PID_NAME, and dropped at its end.
	vt_db_prefix="vt_$$_"
fi

on_postgresql() { [ "$vt_engine" = postgresql ]; }

vt_psql() {
	psql -X -q -v ON_ERROR_STOP=1 "$VT_TEST_PG_ADMIN" "$@"
}

# The PostgreSQL database name for NAME (a.db -> vt_PID_a_db).
vt_db_name() {
	local n=${1##*/}
	printf '%s%s\n' "$vt_db_prefix" "${n//[^A-Za-z0-9]/_}"
}

# new_db NAME: the address of an empty, uninitialised database called NAME.
new_db() {
	local name
	if ! on_postgresql; then
		printf '%s\n' "$1"
		return
	fi
	name=$(vt_db_name "$1")
	vt_psql -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" \
		-c "CREATE DATABASE $name" >/dev/null ||
		{ echo "cannot create database $name" >&2; exit 1; }
	printf '%s/%s\n' "${VT_TEST_PG_ADMIN%/*}" "$name"
}

# copy_db FROM TO: TO (a name as given to new_db) becomes a copy of FROM
# (an address new_db gave); prints TO's address.
copy_db() {
	local from=$1 to=$2 name
	if ! on_postgresql; then
		rm -f "$to" "$to-wal" "$to-shm"
		cp "$from" "$to"
		[ ! -e "$from-wal" ] || cp "$from-wal" "$to-wal"
		printf '%s\n' "$to"
		return
	fi
	name=$(vt_db_name "$to")
	vt_psql -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" \
		-c "CREATE DATABASE $name TEMPLATE ${from##*/}" >/dev/null ||
		{ echo "cannot copy database ${from##*/} to $name" >&2; exit 1; }
	printf '%s/%s\n' "${VT_TEST_PG_ADMIN%/*}" "$name"
}

# db_state DB: a digest of everything stored in DB, to show that a refused
# run changed nothing.  SQLite: the bytes of the file and its -wal file (the
# -shm file is an index readers may rewrite).  PostgreSQL: every row of every
# table (pg_dump --data-only); a sequence a rolled-back transaction advanced
# is not data, so setval lines are left out, and so is the random key of
# pg_dump's \restrict line.
db_state() {
	local db=$1
	if on_postgresql; then
		# (Its warning about the circular keys of board_group is not
		# news; a failure still fails the pipeline.)
		pg_dump --data-only --no-owner "$db" 2>/dev/null |
			grep -v -e '^SELECT pg_catalog.setval' -e '^--' \
				-e '^\\restrict ' -e '^\\unrestrict ' |
			sha256sum | cut -d' ' -f1
		return
	fi
	sha256sum "$db" | cut -d' ' -f1
	if [ -e "$db-wal" ]; then
		printf 'wal '
		sha256sum "$db-wal" | cut -d' ' -f1
	else
		printf 'no wal\n'
	fi
}

# Drop this run's databases (called from the sourcing script's EXIT trap).
drop_dbs() {
	local name
	on_postgresql || return 0
	for name in $(vt_psql -At -c "SELECT datname FROM pg_database WHERE datname LIKE '${vt_db_prefix//_/\\_}%'"); do
		vt_psql -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true
	done
}
