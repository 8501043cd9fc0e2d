/* The SQLite backend: connection settings, migrations, prepared statements. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "vitals/clock.h"
#include "store/backend.h"
#include "store/migrations.h"
#include "store/sqlite_batch.h"
#include "store/stmts_sqlite.h"

#define MAX_COLUMNS 32
/*
 * How long a writer waits for another's write.  Readers never wait (WAL);
 * the longest write is a big import, several seconds per million rows
 * (more on a slow or busy machine), and a second writer should queue
 * behind it rather than fail.
 */
#define BUSY_TIMEOUT_MS 30000

struct sqlite_conn {
	sqlite3 *db;
	sqlite3_stmt *prepared[STMT__MAX];	/* prepared on first use */
	/*
	 * Where "$1".."$n" sit in each statement: SQLite numbers named
	 * parameters by first appearance, so this is looked up once, at
	 * prepare time, rather than by name for every row.
	 */
	int *slots[STMT__MAX];
	int nslots[STMT__MAX];
	bool keys_off;		/* begin_checked(): back on at the end */
	struct vt_sqlite_batch *batch;	/* bulk rows, for batch_stmt */
	enum vt_stmt batch_stmt;
	char errmsg[512];
	sqlite3_stmt *cursor;	/* cursor_open() until cursor_close() */
	enum vt_stmt cursor_stmt;
};

/*
 * SQLite's own words rarely say which file or what the system refused
 * ("attempt to write a readonly database", "unable to open database
 * file"): the file and the system's reason are added when known.
 */
static enum vt_err fail(struct sqlite_conn *c, const char *what)
{
	const char *file = sqlite3_db_filename(c->db, "main");
	int code = sqlite3_errcode(c->db) & 0xff;
	/* The system's error is the last call's: only an I/O failure's. */
	int os = code == SQLITE_CANTOPEN || code == SQLITE_IOERR ||
		 code == SQLITE_PERM ? sqlite3_system_errno(c->db) : 0;

	if (code == SQLITE_READONLY && file && *file)
		snprintf(c->errmsg, sizeof(c->errmsg),
			 "%s: '%s' may not be written: %s", what, file,
			 access(file, W_OK) != 0 ? strerror(errno) :
			 "its folder is read-only (the journal is kept "
			 "beside the file)");
	else if (os)
		snprintf(c->errmsg, sizeof(c->errmsg), "%s: %s (%s)", what,
			 sqlite3_errmsg(c->db), strerror(os));
	else
		snprintf(c->errmsg, sizeof(c->errmsg), "%s: %s", what,
			 sqlite3_errmsg(c->db));
	return VT_EDB;
}

/* Settings every connection needs; SQLite's defaults are unsafe here. */
static enum vt_err configure(struct sqlite_conn *c, bool create)
{
	static const char *const pragmas =
		"PRAGMA foreign_keys = ON;"
		"PRAGMA synchronous = NORMAL;";

	if (sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS) != SQLITE_OK ||
	    sqlite3_exec(c->db, pragmas, NULL, NULL, NULL) != SQLITE_OK)
		return fail(c, "cannot configure the database");
	/*
	 * WAL lets readers carry on during a write.  It is recorded in the
	 * file, so setting it once at creation is enough; setting it on every
	 * open would write to a database a refused load must leave untouched.
	 */
	if (create && sqlite3_exec(c->db, "PRAGMA journal_mode = WAL;", NULL,
				   NULL, NULL) != SQLITE_OK)
		return fail(c, "cannot switch to WAL");
	return VT_OK;
}

static void sqlite_close(void *conn)
{
	struct sqlite_conn *c = conn;
	size_t i;

	if (!c)
		return;
	for (i = 0; i < STMT__MAX; i++) {
		sqlite3_finalize(c->prepared[i]);
		free(c->slots[i]);
	}
	vt_sqlite_batch_close(c->batch);
	sqlite3_finalize(c->cursor);
	sqlite3_close(c->db);
	free(c);
}

static enum vt_err sqlite_open(const char *where, bool create, void **conn)
{
	struct sqlite_conn *c;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	enum vt_err result;

	if (!create && access(where, F_OK) != 0)
		return VT_ENOTFOUND;
	c = calloc(1, sizeof(*c));
	if (!c)
		return VT_ENOMEM;
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(where, &c->db, flags, NULL) != SQLITE_OK) {
		if (!c->db) {
			free(c);
			return VT_ENOMEM;
		}
		/* Handed back failed, to say why (the store closes it). */
		fail(c, "cannot open the file");
		*conn = c;
		return VT_EIO;
	}
	sqlite3_extended_result_codes(c->db, 1);
	result = configure(c, create);
	*conn = c;
	return result;
}

static const char *sqlite_errmsg(void *conn)
{
	struct sqlite_conn *c = conn;

	return c && c->errmsg[0] ? c->errmsg : "no error";
}

static enum vt_err exec_plain(struct sqlite_conn *c, const char *sql,
			      const char *what)
{
	if (sqlite3_exec(c->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(c, what);
	return VT_OK;
}

/* IMMEDIATE: take the write lock now rather than fail on the first write. */
static enum vt_err sqlite_begin(void *conn)
{
	struct sqlite_conn *c = conn;
	enum vt_err result = exec_plain(conn, "BEGIN IMMEDIATE",
					"cannot start a write");

	/* Say what "database is locked" means here, and what to do. */
	if (result && sqlite3_errcode(c->db) == SQLITE_BUSY)
		snprintf(c->errmsg, sizeof(c->errmsg), "cannot start a write: "
			 "another write (an import or a load) has held the "
			 "database for more than %d s; nothing was changed, "
			 "try again when it has finished",
			 BUSY_TIMEOUT_MS / 1000);
	return result;
}

/*
 * Rows checked by the caller against the keys it read in this same
 * transaction (an import checks each measure): SQLite's own check would
 * look each one up again, about a tenth of a large import
 * (bench/import/README.md).  The setting cannot change inside a
 * transaction, hence before BEGIN; commit and rollback restore it.
 */
static enum vt_err sqlite_begin_checked(void *conn)
{
	struct sqlite_conn *c = conn;
	enum vt_err result = exec_plain(c, "PRAGMA foreign_keys = OFF",
					"cannot configure the database");

	if (result)
		return result;
	c->keys_off = true;
	result = sqlite_begin(c);
	if (result && exec_plain(c, "PRAGMA foreign_keys = ON",
				 "cannot configure the database") == VT_OK)
		c->keys_off = false;
	return result;
}

/* After a transaction begun by begin_checked(): keys are checked again. */
static enum vt_err keys_back_on(struct sqlite_conn *c, enum vt_err result)
{
	if (!c->keys_off || !sqlite3_get_autocommit(c->db))
		return result;
	if (exec_plain(c, "PRAGMA foreign_keys = ON",
		       "cannot configure the database"))
		return result ? result : VT_EDB;
	c->keys_off = false;
	return result;
}

static enum vt_err sqlite_commit(void *conn)
{
	return keys_back_on(conn, exec_plain(conn, "COMMIT", "cannot commit"));
}

static enum vt_err sqlite_rollback(void *conn)
{
	struct sqlite_conn *c = conn;

	if (sqlite3_get_autocommit(c->db))
		return keys_back_on(c, VT_OK);
	return keys_back_on(c, exec_plain(c, "ROLLBACK", "cannot roll back"));
}

/* Map "$1".."$n" to SQLite's parameter indexes, once per statement. */
static enum vt_err map_slots(struct sqlite_conn *c, enum vt_stmt stmt,
			     sqlite3_stmt *st)
{
	int n = sqlite3_bind_parameter_count(st), i;

	c->slots[stmt] = calloc((size_t)n + 1, sizeof(int));
	if (!c->slots[stmt])
		return VT_ENOMEM;
	for (i = 0; i < n; i++) {
		char name[16];

		snprintf(name, sizeof(name), "$%d", i + 1);
		c->slots[stmt][i] = sqlite3_bind_parameter_index(st, name);
		if (!c->slots[stmt][i]) {
			snprintf(c->errmsg, sizeof(c->errmsg),
				 "statement %d has no parameter %s", stmt,
				 name);
			return VT_EDB;
		}
	}
	c->nslots[stmt] = n;
	return VT_OK;
}

static enum vt_err bind_params(struct sqlite_conn *c, enum vt_stmt stmt,
			       sqlite3_stmt *st,
			       const struct vt_sqlval *params, size_t n)
{
	size_t i;

	if ((size_t)c->nslots[stmt] != n) {
		snprintf(c->errmsg, sizeof(c->errmsg),
			 "statement %d takes %d parameters, given %zu", stmt,
			 c->nslots[stmt], n);
		return VT_EDB;
	}
	for (i = 0; i < n; i++) {
		int idx = c->slots[stmt][i], rc;

		switch (params[i].type) {
		case VT_SQL_INT:
			rc = sqlite3_bind_int64(st, idx, params[i].i);
			break;
		case VT_SQL_REAL:
			rc = sqlite3_bind_double(st, idx, params[i].d);
			break;
		case VT_SQL_TEXT:
			rc = sqlite3_bind_text(st, idx, params[i].s, -1,
					       SQLITE_STATIC);
			break;
		default:
			rc = sqlite3_bind_null(st, idx);
			break;
		}
		if (rc != SQLITE_OK)
			return fail(c, "cannot bind a parameter");
	}
	return VT_OK;
}

static void read_row(sqlite3_stmt *st, struct vt_sqlval *cols, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		memset(&cols[i], 0, sizeof(cols[i]));
		switch (sqlite3_column_type(st, (int)i)) {
		case SQLITE_INTEGER:
			cols[i].type = VT_SQL_INT;
			cols[i].i = sqlite3_column_int64(st, (int)i);
			cols[i].d = (double)cols[i].i;
			break;
		case SQLITE_FLOAT:
			cols[i].type = VT_SQL_REAL;
			cols[i].d = sqlite3_column_double(st, (int)i);
			break;
		case SQLITE_NULL:
			cols[i].type = VT_SQL_NULL;
			break;
		default:
			cols[i].type = VT_SQL_TEXT;
			cols[i].s = (const char *)sqlite3_column_text(st, (int)i);
			break;
		}
	}
}

static enum vt_err sqlite_exec(void *conn, enum vt_stmt stmt,
			       const struct vt_sqlval *params, size_t nparams,
			       vt_row_fn row, void *arg)
{
	struct sqlite_conn *c = conn;
	struct vt_sqlval cols[MAX_COLUMNS];
	sqlite3_stmt *st;
	enum vt_err result;
	int rc;

	if ((unsigned)stmt >= STMT__MAX || !vt_sqlite_stmt_sql(stmt))
		return VT_EINVAL;
	st = c->prepared[stmt];
	if (!st) {
		if (sqlite3_prepare_v3(c->db, vt_sqlite_stmt_sql(stmt), -1,
				       SQLITE_PREPARE_PERSISTENT, &st,
				       NULL) != SQLITE_OK)
			return fail(c, "cannot prepare a statement");
		c->prepared[stmt] = st;
		result = map_slots(c, stmt, st);
		if (result)
			return result;
	}
	result = bind_params(c, stmt, st, params, nparams);
	while (!result) {
		size_t ncols;

		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			result = rc == SQLITE_CONSTRAINT ||
				 (rc & 0xff) == SQLITE_CONSTRAINT ?
				 VT_ECONFLICT : VT_EDB;
			fail(c, "statement failed");
			break;
		}
		ncols = (size_t)sqlite3_column_count(st);
		if (ncols > MAX_COLUMNS) {
			result = VT_EDB;
			break;
		}
		read_row(st, cols, ncols);
		if (row)
			result = row(arg, cols, ncols);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return result;
}

/*
 * Case records meet their index in no order of their own (by a child's
 * hash): with SQLite's default 2 MB of pages, each row went through the
 * kernel's page cache, most of an extract's load.  They get a bounded
 * 64 MB of pages, given back when the write ends.  Figures arrive in
 * their index's order and keep the default, so a long import spills to
 * the log as it goes instead of holding 64 MB until it commits.
 */
static void big_cache(struct sqlite_conn *c, bool on)
{
	(void)sqlite3_exec(c->db, on ? "PRAGMA cache_size = -65536"
				     : "PRAGMA cache_size = -2000",
			   NULL, NULL, NULL);
}

/*
 * A cursor is a statement of its own, stepped a page at a time: SQLite
 * lets other statements write between steps (a row written ahead of it may
 * or may not be met, so its callers filter what they wrote).
 */
static void sqlite_cursor_close(void *conn)
{
	struct sqlite_conn *c = conn;

	sqlite3_finalize(c->cursor);
	c->cursor = NULL;
}

static enum vt_err sqlite_cursor_open(void *conn, enum vt_stmt stmt,
				      const struct vt_sqlval *params,
				      size_t nparams)
{
	struct sqlite_conn *c = conn;
	enum vt_err result;

	sqlite_cursor_close(c);
	if ((unsigned)stmt >= STMT__MAX || !vt_sqlite_stmt_sql(stmt))
		return VT_EINVAL;
	if (sqlite3_prepare_v3(c->db, vt_sqlite_stmt_sql(stmt), -1, 0,
			       &c->cursor, NULL) != SQLITE_OK)
		return fail(c, "cannot prepare a statement");
	c->cursor_stmt = stmt;
	result = c->slots[stmt] ? VT_OK : map_slots(c, stmt, c->cursor);
	if (!result)
		result = bind_params(c, stmt, c->cursor, params, nparams);
	if (result)
		sqlite_cursor_close(c);
	return result;
}

static enum vt_err sqlite_cursor_next(void *conn, size_t max, vt_row_fn row,
				      void *arg)
{
	struct sqlite_conn *c = conn;
	struct vt_sqlval cols[MAX_COLUMNS];
	enum vt_err result = VT_OK;
	size_t n;

	if (!c->cursor)
		return VT_EINVAL;
	for (n = 0; n < max && !result; n++) {
		int rc = sqlite3_step(c->cursor);
		size_t ncols = (size_t)sqlite3_column_count(c->cursor);

		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW)
			return fail(c, "statement failed");
		if (ncols > MAX_COLUMNS)
			return VT_EDB;
		read_row(c->cursor, cols, ncols);
		result = row(arg, cols, ncols);
	}
	return result;
}

/* Bulk rows: the INSERT with sixteen rows to a statement. */
static enum vt_err sqlite_bulk_begin(void *conn, enum vt_stmt stmt)
{
	struct sqlite_conn *c = conn;
	const char *sql = vt_sqlite_stmt_sql(stmt);
	enum vt_err result;

	if (c->batch && c->batch_stmt == stmt)
		return VT_OK;
	vt_sqlite_batch_close(c->batch);
	c->batch = NULL;
	if (!sql)
		return VT_EINVAL;
	result = vt_sqlite_batch_open(c->db, sql, &c->batch);
	if (result)
		return result == VT_EDB ? fail(c, "cannot prepare a statement")
					: result;
	c->batch_stmt = stmt;
	if (stmt == STMT_CASE_RECORD_INSERT)
		big_cache(c, true);
	return VT_OK;
}

static enum vt_err sqlite_bulk_row(void *conn, const struct vt_sqlval *params,
				   size_t nparams)
{
	struct sqlite_conn *c = conn;
	enum vt_err result;

	if (!c->batch)
		return VT_EINVAL;
	result = vt_sqlite_batch_row(c->batch, params, nparams);
	if (result == VT_EDB || result == VT_ECONFLICT)
		fail(c, "statement failed");
	return result;
}

static enum vt_err sqlite_bulk_end(void *conn, bool keep)
{
	struct sqlite_conn *c = conn;
	enum vt_err result = VT_OK;

	if (!c->batch)
		return VT_EINVAL;
	if (keep)
		result = vt_sqlite_batch_flush(c->batch);
	if (c->batch_stmt == STMT_CASE_RECORD_INSERT)
		big_cache(c, false);
	vt_sqlite_batch_discard(c->batch);
	if (result == VT_EDB || result == VT_ECONFLICT)
		fail(c, "statement failed");
	return result;
}

static enum vt_err sqlite_schema_exists(void *conn, bool *exists)
{
	struct sqlite_conn *c = conn;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(c->db,
			       "SELECT count(*) FROM sqlite_schema WHERE "
			       "type = 'table' AND name = 'vt_schema'",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(c, "cannot read the schema");
	*exists = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return VT_OK;
}

/*
 * Vitals makes its tables in an empty file only: another application's
 * database given by mistake must not gain them (nor its own be mixed
 * with ours).
 */
static enum vt_err sqlite_refuse_foreign(void *conn)
{
	struct sqlite_conn *c = conn;
	sqlite3_stmt *st;
	int tables;

	if (sqlite3_prepare_v2(c->db, "SELECT count(*) FROM sqlite_schema "
			       "WHERE type IN ('table', 'view')", -1, &st,
			       NULL) != SQLITE_OK)
		return fail(c, "cannot read the schema");
	tables = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0)
						: -1;
	sqlite3_finalize(st);
	if (tables < 0)
		return fail(c, "cannot read the schema");
	if (tables > 0) {
		snprintf(c->errmsg, sizeof(c->errmsg), "the file holds %d "
			 "table%s of another application and no Vitals schema; "
			 "Vitals creates its tables only in a new or empty "
			 "database", tables, tables == 1 ? "" : "s");
		return VT_ESCHEMA;
	}
	return VT_OK;
}

static enum vt_err sqlite_script(void *conn, const char *sql,
				 const char *what)
{
	return exec_plain(conn, sql, what);
}

/* ------------------------------------------------------------------ */
/*
 * Backups: vt_store_ops.backup, added for lib/services/backup.c (vitals
 * backup and vitals restore).  Everything below down to the ops table.
 */

/* Like fail(), for an error on a connection other than c->db. */
static enum vt_err fail_on(struct sqlite_conn *c, sqlite3 *db,
			   const char *what)
{
	snprintf(c->errmsg, sizeof(c->errmsg), "%s: %s", what,
		 db ? sqlite3_errmsg(db) : "out of memory");
	return VT_EDB;
}

/*
 * Run 'sql' on 'db'; its first row's first column must read 'want', else
 * the result is 'mismatch' with that answer in errmsg.
 */
static enum vt_err expect_text(struct sqlite_conn *c, sqlite3 *db,
			       const char *sql, const char *want,
			       enum vt_err mismatch, const char *what)
{
	sqlite3_stmt *st;
	const char *got;
	enum vt_err result = VT_OK;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail_on(c, db, what);
	if (sqlite3_step(st) != SQLITE_ROW) {
		result = fail_on(c, db, what);
	} else {
		got = (const char *)sqlite3_column_text(st, 0);
		if (!got || sqlite3_stricmp(got, want) != 0) {
			char *nl;

			snprintf(c->errmsg, sizeof(c->errmsg), "%s: %s", what,
				 got ? got : "no answer");
			/* integrity_check answers in lines: keep one. */
			while ((nl = strchr(c->errmsg, '\n')))
				*nl = ' ';
			result = mismatch;
		}
	}
	sqlite3_finalize(st);
	return result;
}

static enum vt_err sqlite_backup(void *conn, const char *path)
{
	struct sqlite_conn *c = conn;
	sqlite3 *dest = NULL;
	sqlite3_backup *b;
	enum vt_err result = VT_OK;
	int rc, waited = 0;

	if (sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		result = fail_on(c, dest, "cannot create the copy");
		goto out;
	}
	b = sqlite3_backup_init(dest, "main", c->db, "main");
	if (!b) {
		result = fail_on(c, dest, "cannot start the backup");
		goto out;
	}
	/*
	 * All pages in one step: one read transaction on the source, so the
	 * copy is one snapshot.  In WAL mode writers carry on meanwhile;
	 * copying in slices would restart whenever one of them commits.
	 */
	for (;;) {
		rc = sqlite3_backup_step(b, -1);
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) ||
		    waited >= BUSY_TIMEOUT_MS)
			break;
		sqlite3_sleep(100);
		waited += 100;
	}
	if (sqlite3_backup_finish(b) != SQLITE_OK || rc != SQLITE_DONE) {
		result = fail_on(c, dest, "the backup failed");
		goto out;
	}
	/*
	 * The copy took the source's WAL flag with its first page; a backup
	 * is one file, without a -wal beside it.  Then read every page back.
	 */
	result = expect_text(c, dest, "PRAGMA journal_mode = DELETE", "delete",
			     VT_EDB, "cannot leave WAL mode in the copy");
	if (!result)
		result = expect_text(c, dest, "PRAGMA integrity_check", "ok",
				     VT_EINVAL,
				     "the copy fails its integrity check");
out:
	if (sqlite3_close(dest) != SQLITE_OK && !result)
		result = fail_on(c, dest, "cannot close the copy");
	return result;
}

/*
 * The file opened read-only (SQLite falls back to that silently when it
 * may not write), or a page that fails the quick check (a scan of every
 * page: milliseconds for this application's sizes).  The write lock is
 * not taken: it would wait behind an import.
 */
static enum vt_err sqlite_health(void *conn)
{
	struct sqlite_conn *c = conn;

	if (sqlite3_db_readonly(c->db, "main") != 0) {
		snprintf(c->errmsg, sizeof(c->errmsg),
			 "the database file is read-only");
		return VT_EDB;
	}
	return expect_text(c, c->db, "PRAGMA quick_check", "ok", VT_EDB,
			   "the database fails its check");
}

const struct vt_store_ops vt_store_sqlite = {
	.name = "sqlite",
	.open = sqlite_open,
	.close = sqlite_close,
	.errmsg = sqlite_errmsg,
	.schema_exists = sqlite_schema_exists,
	.refuse_foreign = sqlite_refuse_foreign,
	.script = sqlite_script,
	.begin = sqlite_begin,
	.begin_checked = sqlite_begin_checked,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.exec = sqlite_exec,
	.stmt_sql = vt_sqlite_stmt_sql,
	.migrations = vt_migrations_sqlite,
	.backup = sqlite_backup,	/* added for backups */
	.bulk_begin = sqlite_bulk_begin,
	.bulk_row = sqlite_bulk_row,
	.bulk_end = sqlite_bulk_end,
	.bulk_shares_conn = true,
	.health = sqlite_health,
	.cursor_open = sqlite_cursor_open,
	.cursor_next = sqlite_cursor_next,
	.cursor_close = sqlite_cursor_close,
};
