/* The interface every database engine implements (internal). */
#ifndef VT_STORE_BACKEND_H
#define VT_STORE_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vitals/error.h"
#include "store/stmt.h"

enum vt_sqltype { VT_SQL_NULL, VT_SQL_INT, VT_SQL_REAL, VT_SQL_TEXT };

/* One parameter or column; 's' is borrowed (valid during the call). */
struct vt_sqlval {
	enum vt_sqltype type;
	int64_t i;
	double d;
	const char *s;
};

/* Called once per result row; a non-zero return stops the query. */
typedef enum vt_err (*vt_row_fn)(void *arg, const struct vt_sqlval *cols,
				 size_t ncols);

/*
 * A backend knows its engine's SQL and nothing else: no model, no files.
 * 'conn' is the backend's own handle.  begin() starts a write transaction
 * and takes the write lock at once, so a transaction never fails halfway
 * for want of it.
 */
struct vt_store_ops {
	const char *name;
	enum vt_err (*open)(const char *where, bool create, void **conn);
	void (*close)(void *conn);
	const char *(*errmsg)(void *conn);
	/* Whether the schema table exists (a new database has none). */
	enum vt_err (*schema_exists)(void *conn, bool *exists);
	/* VT_ESCHEMA, with the reason in errmsg, when the database holds
	   another application's tables: Vitals makes its own only in an
	   empty one. */
	enum vt_err (*refuse_foreign)(void *conn);
	/* Run a migration script (several statements) named 'what'. */
	enum vt_err (*script)(void *conn, const char *sql, const char *what);
	enum vt_err (*begin)(void *conn);
	/*
	 * begin() for writes whose references the caller has checked
	 * against keys read in the same transaction: the engine may skip its
	 * own foreign-key checks until commit() or rollback().  NULL where
	 * it gains nothing.
	 */
	enum vt_err (*begin_checked)(void *conn);
	enum vt_err (*commit)(void *conn);
	enum vt_err (*rollback)(void *conn);
	enum vt_err (*exec)(void *conn, enum vt_stmt stmt,
			    const struct vt_sqlval *params, size_t nparams,
			    vt_row_fn row, void *arg);
	/* The SQL text of a statement, for the statement-table tests. */
	const char *(*stmt_sql)(enum vt_stmt stmt);
	/* The engine's numbered migrations, ending with a NULL 'sql'. */
	const struct vt_migration *migrations;
	/*
	 * Added for backups (lib/services/backup.c); NULL where the engine has
	 * no database file to copy (PostgreSQL).  Copy the whole database,
	 * as one snapshot taken while others may write, into a new file at
	 * 'path' (which must not exist), check the copy's integrity and
	 * leave it one self-contained file.  VT_EINVAL when the copy fails
	 * its integrity check; errmsg() says why.
	 */
	enum vt_err (*backup)(void *conn, const char *path);
	/*
	 * Bulk rows for an INSERT statement, where the engine has a faster
	 * way than one statement a row (PostgreSQL: COPY ... FROM STDIN);
	 * NULL where exec() is as fast.  Between bulk_begin() and bulk_end()
	 * only bulk_row() may be called on the connection, unless
	 * bulk_shares_conn.  Rows may be written only at bulk_end(), which
	 * with keep false abandons them (the transaction must then be
	 * rolled back).
	 */
	enum vt_err (*bulk_begin)(void *conn, enum vt_stmt stmt);
	enum vt_err (*bulk_row)(void *conn, const struct vt_sqlval *params,
				size_t nparams);
	enum vt_err (*bulk_end)(void *conn, bool keep);
	/* Other statements may run between bulk_begin() and bulk_end(). */
	bool bulk_shares_conn;
	/*
	 * Whether the database can be read throughout and written to: a
	 * check of every page where the engine can make one cheaply, and
	 * whether it would take a write.  VT_EDB, with errmsg() saying why,
	 * when it cannot.
	 */
	enum vt_err (*health)(void *conn);
	/*
	 * A SELECT read a page at a time, other statements running on the
	 * connection between pages (one cursor per connection at a time):
	 * cursor_next() gives up to 'max' rows to 'row', fewer only at the
	 * end; rows written since cursor_open() may or may not be among them.
	 * cursor_close() may be called after a failure, and twice.
	 */
	enum vt_err (*cursor_open)(void *conn, enum vt_stmt stmt,
				   const struct vt_sqlval *params,
				   size_t nparams);
	enum vt_err (*cursor_next)(void *conn, size_t max, vt_row_fn row,
				   void *arg);
	void (*cursor_close)(void *conn);
};

struct vt_migration;

extern const struct vt_store_ops vt_store_sqlite;
#ifdef VT_WITH_PG
extern const struct vt_store_ops vt_store_pg;
#endif

/* The schema version of the database on 'conn': 0 for a new one. */
VT_MUST_USE
enum vt_err vt_backend_schema_version(const struct vt_store_ops *ops,
				      void *conn, int *version);

/* The newest schema version among 'm'. */
int vt_migrations_latest(const struct vt_migration *m);

#endif
