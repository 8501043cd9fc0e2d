/* The PostgreSQL backend: libpq, prepared statements, one writer at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "vitals/clock.h"
#include "store/backend.h"
#include "store/migrations.h"
#include "store/stmts_pg.h"

#define MAX_COLUMNS 32

/* Type OIDs from PostgreSQL's catalog (pg_type.h is not a client header). */
#define OID_BOOL 16
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700

/*
 * Writers take this transaction-level advisory lock first, so that two
 * processes writing the same database queue rather than both computing
 * "the next version" of a figure.  Readers never take it and, with
 * PostgreSQL's snapshots, never see half of a write.
 */
#define WRITE_LOCK_KEY "7310471"

/* Rows for COPY are gathered here and sent a buffer at a time. */
#define COPY_BUFFER (64 * 1024)

struct pg_conn {
	PGconn *pg;
	bool prepared[STMT__MAX];
	char errmsg[512];
	char *copy;		/* the COPY buffer while a COPY runs, else NULL */
	size_t ncopy;
	bool cursor_open;	/* cursor_open() until cursor_close() */
	bool checked;		/* begin_checked() could skip the key check */
	bool replica;		/* the key triggers are off for this COPY */
	bool batch;		/* writes of this transaction may be piped */
	int piped;		/* statements sent, results not yet read */
	bool head_known;	/* the change log's head, as this writer left it */
	char head[72];
};

/*
 * Writes without rows (an INSERT, an UPDATE) in a transaction begun by
 * begin_checked() go down libpq's pipeline and their results are read
 * PIPE_MAX at a time, or before anything that needs an answer: an import
 * of 10,000 returns writes 20,000 such rows, each otherwise a round trip.
 * A failure among them is reported by the call that reads it, and fails
 * the transaction like any other.  A bound, so that neither side's buffer
 * of what the other has not read fills.
 */
#define PIPE_MAX 256

/*
 * "WHAT: MESSAGE" (or MESSAGE alone) as one line: libpq ends its messages
 * with a newline and puts hints on lines of their own.
 */
static void set_errmsg(struct pg_conn *c, const char *what, const char *msg)
{
	size_t n;

	snprintf(c->errmsg, sizeof(c->errmsg), "%s%s%s", what ? what : "",
		 what ? ": " : "", msg);
	n = strlen(c->errmsg);
	while (n && (c->errmsg[n - 1] == '\n' || c->errmsg[n - 1] == ' '))
		c->errmsg[--n] = '\0';
	for (n = 0; c->errmsg[n]; n++)
		if (c->errmsg[n] == '\n' || c->errmsg[n] == '\t')
			c->errmsg[n] = ' ';
}

static enum vt_err fail(struct pg_conn *c, const char *what, PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE)
				: NULL;
	const char *msg = res ? PQresultErrorMessage(res) : NULL;

	if (!msg || !*msg)
		msg = PQerrorMessage(c->pg);
	/* Said first: the administrator's question is "is the server up?" */
	if (PQstatus(c->pg) == CONNECTION_BAD)
		what = "lost the connection to PostgreSQL (it is reset for "
		       "the next request)";
	set_errmsg(c, what, msg);
	/* Class 23 is integrity: the same code SQLite's constraints give. */
	if (state && strncmp(state, "23", 2) == 0)
		return VT_ECONFLICT;
	return VT_EDB;
}

/*
 * A connection that dropped (server restart, failover) is reset for the
 * next request; its prepared statements went with it.
 */
static void heal(struct pg_conn *c)
{
	if (PQstatus(c->pg) != CONNECTION_BAD)
		return;
	PQreset(c->pg);
	memset(c->prepared, 0, sizeof(c->prepared));
}

static enum vt_err pipe_drain(struct pg_conn *c);

static enum vt_err run(struct pg_conn *c, const char *sql, const char *what)
{
	PGresult *res;
	enum vt_err result = VT_OK;

	result = pipe_drain(c);
	if (result)
		return result;
	heal(c);
	res = PQexec(c->pg, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK)
		result = fail(c, what, res);
	PQclear(res);
	return result;
}

static void pg_close(void *conn)
{
	struct pg_conn *c = conn;

	if (!c)
		return;
	PQfinish(c->pg);
	free(c->copy);
	free(c);
}

static enum vt_err pg_open(const char *where, bool create, void **conn)
{
	struct pg_conn *c = calloc(1, sizeof(*c));
	enum vt_err result;

	(void)create;	/* the database itself is made by its owner */
	if (!c)
		return VT_ENOMEM;
	c->pg = PQconnectdb(where);
	if (!c->pg) {
		free(c);
		return VT_ENOMEM;
	}
	if (PQstatus(c->pg) != CONNECTION_OK) {
		/* Handed back, closed by the caller, to tell why. */
		set_errmsg(c, NULL, PQerrorMessage(c->pg));
		*conn = c;
		return VT_ENOTFOUND;
	}
	/* Notices (a temporary table dropped "if exists") are not news. */
	result = run(c, "SET client_min_messages = warning", "cannot set up");
	if (result) {
		pg_close(c);
		return result;
	}
	*conn = c;
	return VT_OK;
}

static const char *pg_errmsg(void *conn)
{
	struct pg_conn *c = conn;

	return c && c->errmsg[0] ? c->errmsg : "no error";
}

static void end_transaction(struct pg_conn *c)
{
	c->checked = c->replica = c->batch = c->head_known = false;
}

static enum vt_err pg_begin(void *conn)
{
	enum vt_err result;

	end_transaction(conn);
	result = run(conn, "BEGIN", "cannot start a write");

	if (!result)
		result = run(conn, "SELECT pg_advisory_xact_lock("
			     WRITE_LOCK_KEY ")", "cannot take the write lock");
	return result;
}

/*
 * Whether this role may turn the key triggers off for its own transaction:
 * a superuser, or (PostgreSQL 15 on) a role granted SET on
 * session_replication_role (docs/postgresql.md).  Asked, not tried, so
 * that a role without the right leaves no error in the server's log.
 */
static bool may_skip_keys(struct pg_conn *c)
{
	const char *sql = PQserverVersion(c->pg) >= 150000
		? "SELECT current_setting('is_superuser') = 'on' OR "
		  "has_parameter_privilege('session_replication_role', 'SET')"
		: "SELECT current_setting('is_superuser') = 'on'";
	PGresult *res = PQexec(c->pg, sql);
	bool may = PQresultStatus(res) == PGRES_TUPLES_OK &&
		   PQntuples(res) == 1 && PQgetvalue(res, 0, 0)[0] == 't';

	PQclear(res);
	return may;
}

/*
 * A write whose figures the caller checks against the measures it reads
 * in this transaction (an import): PostgreSQL's own check of each new
 * measure_value row, its deferred foreign-key trigger, runs once a row at
 * COMMIT, most of a large import's time (bench/import/README.md).  Where
 * the role may, that trigger is left out for the import's COPY alone
 * (pg_bulk_begin); every other statement, and every other writer, keeps
 * it.  What the trigger also did, holding each measure against a delete
 * by another writer until COMMIT, is done here for all of them at once:
 * the measures are locked against change before the import reads them,
 * so none it checked can go before it commits (readers are not held).
 * A role without the right gets the ordinary check, nothing else.
 */
static enum vt_err pg_begin_checked(void *conn)
{
	struct pg_conn *c = conn;
	enum vt_err result = pg_begin(c);

	c->checked = false;
	c->batch = !result;
	c->head_known = false;
	if (result || !may_skip_keys(c))
		return result;
	result = run(c, "LOCK TABLE measure IN SHARE MODE",
		     "cannot lock the measures");
	c->checked = !result;
	return result;
}

/*
 * The key triggers off until SET LOCAL says otherwise, in a savepoint so
 * that a refusal (a right revoked since may_skip_keys()) leaves the
 * transaction as it was and the COPY checked as usual.
 */
static void skip_keys(struct pg_conn *c)
{
	c->replica = false;
	if (run(c, "SAVEPOINT vt_keys", "cannot make a savepoint"))
		return;
	if (run(c, "SET LOCAL session_replication_role = replica",
		"cannot skip the key check") == VT_OK) {
		c->replica = run(c, "RELEASE SAVEPOINT vt_keys",
				 "cannot release a savepoint") == VT_OK;
		return;
	}
	run(c, "ROLLBACK TO SAVEPOINT vt_keys", "cannot roll back");
	run(c, "RELEASE SAVEPOINT vt_keys", "cannot release a savepoint");
	c->errmsg[0] = '\0';
}

static enum vt_err keys_back(struct pg_conn *c)
{
	if (!c->replica)
		return VT_OK;
	c->replica = false;
	return run(c, "SET LOCAL session_replication_role TO DEFAULT",
		   "cannot check keys again");
}

static enum vt_err pg_commit(void *conn)
{
	struct pg_conn *c = conn;
	enum vt_err result = pipe_drain(c);

	end_transaction(c);
	return result ? result : run(conn, "COMMIT", "cannot commit");
}

static enum vt_err pg_rollback(void *conn)
{
	struct pg_conn *c = conn;

	(void)pipe_drain(c);	/* what failed is already told, or moot */
	end_transaction(c);
	if (PQtransactionStatus(c->pg) == PQTRANS_IDLE ||
	    PQtransactionStatus(c->pg) == PQTRANS_UNKNOWN)
		return VT_OK;
	return run(c, "ROLLBACK", "cannot roll back");
}

/* The results of the statements piped so far: the first failure, if any. */
static enum vt_err pipe_drain(struct pg_conn *c)
{
	enum vt_err result = VT_OK;
	bool synced;
	PGresult *res;

	if (PQpipelineStatus(c->pg) == PQ_PIPELINE_OFF)
		return VT_OK;
	c->piped = 0;
	synced = PQpipelineSync(c->pg) == 1;
	if (!synced)
		result = fail(c, "statement failed", NULL);
	while (synced && PQstatus(c->pg) == CONNECTION_OK) {
		ExecStatusType st;

		res = PQgetResult(c->pg);
		if (!res)
			continue;	/* the end of one statement's results */
		st = PQresultStatus(res);
		if (st == PGRES_PIPELINE_SYNC) {
			PQclear(res);
			break;
		}
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK &&
		    st != PGRES_PIPELINE_ABORTED && !result)
			result = fail(c, "statement failed", res);
		PQclear(res);
	}
	if (PQstatus(c->pg) != CONNECTION_OK && !result)
		result = fail(c, "statement failed", NULL);
	if (PQexitPipelineMode(c->pg) != 1 && !result)
		result = fail(c, "statement failed", NULL);
	return result;
}

static void read_row(PGresult *res, int row, struct vt_sqlval *cols, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		const char *text = PQgetvalue(res, row, i);

		memset(&cols[i], 0, sizeof(cols[i]));
		if (PQgetisnull(res, row, i)) {
			cols[i].type = VT_SQL_NULL;
			continue;
		}
		switch (PQftype(res, i)) {
		case OID_INT2:
		case OID_INT4:
		case OID_INT8:
			cols[i].type = VT_SQL_INT;
			cols[i].i = strtoll(text, NULL, 10);
			cols[i].d = (double)cols[i].i;
			break;
		case OID_BOOL:
			cols[i].type = VT_SQL_INT;
			cols[i].i = text[0] == 't';
			break;
		case OID_FLOAT4:
		case OID_FLOAT8:
		case OID_NUMERIC:
			cols[i].type = VT_SQL_REAL;
			cols[i].d = strtod(text, NULL);
			break;
		default:
			cols[i].type = VT_SQL_TEXT;
			cols[i].s = text;
			break;
		}
	}
}

/*
 * Parameters go as text and PostgreSQL converts them by the statement's
 * types; "%.17g" gives back exactly the double that was sent.
 */
static enum vt_err pg_exec(void *conn, enum vt_stmt stmt,
			   const struct vt_sqlval *params, size_t nparams,
			   vt_row_fn row, void *arg)
{
	struct pg_conn *c = conn;
	const char *values[MAX_COLUMNS];
	char numbers[MAX_COLUMNS][32], name[16];
	struct vt_sqlval cols[MAX_COLUMNS];
	enum vt_err result = VT_OK;
	PGresult *res;
	size_t i;
	int r, ncols;

	if ((unsigned)stmt >= STMT__MAX || !vt_pg_stmt_sql(stmt) ||
	    nparams > MAX_COLUMNS)
		return VT_EINVAL;
	/* The head of the log this transaction has been writing. */
	if (stmt == STMT_LOG_LAST && c->batch && c->head_known && row) {
		if (!c->head[0])
			return VT_OK;
		memset(cols, 0, 2 * sizeof(*cols));
		cols[0].type = VT_SQL_NULL;	/* its id: not asked */
		cols[1].type = VT_SQL_TEXT;
		cols[1].s = c->head;
		return row(arg, cols, 2);
	}
	if (!c->batch || row || !c->prepared[stmt]) {
		result = pipe_drain(c);
		if (result)
			return result;
		heal(c);
	}
	snprintf(name, sizeof(name), "vt%d", (int)stmt);
	if (!c->prepared[stmt]) {
		res = PQprepare(c->pg, name, vt_pg_stmt_sql(stmt), 0, NULL);
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			result = fail(c, "cannot prepare a statement", res);
			PQclear(res);
			return result;
		}
		PQclear(res);
		c->prepared[stmt] = true;
	}
	for (i = 0; i < nparams; i++) {
		switch (params[i].type) {
		case VT_SQL_INT:
			snprintf(numbers[i], sizeof(numbers[i]), "%lld",
				 (long long)params[i].i);
			values[i] = numbers[i];
			break;
		case VT_SQL_REAL:
			snprintf(numbers[i], sizeof(numbers[i]), "%.17g",
				 params[i].d);
			values[i] = numbers[i];
			break;
		case VT_SQL_TEXT:
			values[i] = params[i].s;
			break;
		default:
			values[i] = NULL;
			break;
		}
	}
	if (stmt == STMT_LOG_INSERT && c->batch && nparams == 8 &&
	    params[7].type == VT_SQL_TEXT) {
		snprintf(c->head, sizeof(c->head), "%s", params[7].s);
		c->head_known = true;
	}
	if (c->batch && !row) {
		if (PQpipelineStatus(c->pg) == PQ_PIPELINE_OFF &&
		    PQenterPipelineMode(c->pg) != 1)
			return fail(c, "statement failed", NULL);
		if (PQsendQueryPrepared(c->pg, name, (int)nparams, values,
					NULL, NULL, 0) != 1)
			return fail(c, "statement failed", NULL);
		return ++c->piped < PIPE_MAX ? VT_OK : pipe_drain(c);
	}
	res = PQexecPrepared(c->pg, name, (int)nparams, values, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK) {
		result = fail(c, "statement failed", res);
		PQclear(res);
		return result;
	}
	ncols = PQnfields(res);
	if (stmt == STMT_LOG_LAST && c->batch && ncols >= 2) {
		snprintf(c->head, sizeof(c->head), "%s", PQntuples(res) ?
			 PQgetvalue(res, 0, 1) : "");
		c->head_known = true;
	}
	if (ncols > MAX_COLUMNS) {
		PQclear(res);
		return VT_EDB;
	}
	for (r = 0; r < PQntuples(res) && row && !result; r++) {
		read_row(res, r, cols, ncols);
		result = row(arg, cols, (size_t)ncols);
	}
	PQclear(res);
	return result;
}

static enum vt_err pg_schema_exists(void *conn, bool *exists)
{
	struct pg_conn *c = conn;
	PGresult *res;
	enum vt_err result = VT_OK;

	heal(c);
	res = PQexec(c->pg, "SELECT to_regclass('vt_schema') IS NOT NULL");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		result = fail(c, "cannot read the schema", res);
	else
		*exists = PQntuples(res) == 1 &&
			  PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	return result;
}

/*
 * Vitals makes its tables in an empty database only (its schema 'public'
 * holding no table or view): another application's must not gain them.
 */
static enum vt_err pg_refuse_foreign(void *conn)
{
	struct pg_conn *c = conn;
	PGresult *res = PQexec(c->pg, "SELECT count(*) FROM pg_class k "
			       "JOIN pg_namespace n ON n.oid = k.relnamespace "
			       "WHERE n.nspname = current_schema() "
			       "AND k.relkind IN ('r', 'v', 'm', 'p', 'f')");
	long tables;

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		enum vt_err result = fail(c, "cannot read the schema", res);

		PQclear(res);
		return result;
	}
	tables = strtol(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	if (tables > 0) {
		snprintf(c->errmsg, sizeof(c->errmsg), "the database holds "
			 "%ld table%s of another application and no Vitals "
			 "schema; Vitals creates its tables only in a new or "
			 "empty database", tables, tables == 1 ? "" : "s");
		return VT_ESCHEMA;
	}
	return VT_OK;
}

static enum vt_err pg_script(void *conn, const char *sql, const char *what)
{
	return run(conn, sql, what);
}

/* ------------------------------------------------------------------ */
/* Bulk rows: COPY ... FROM STDIN in PostgreSQL's text format */

static enum vt_err pg_bulk_begin(void *conn, enum vt_stmt stmt)
{
	struct pg_conn *c = conn;
	const char *sql = vt_pg_copy_sql(stmt);
	PGresult *res;
	enum vt_err result = VT_OK;

	if (!sql || c->copy)
		return VT_EINVAL;
	result = pipe_drain(c);
	if (result)
		return result;
	c->copy = malloc(COPY_BUFFER);
	if (!c->copy)
		return VT_ENOMEM;
	c->ncopy = 0;
	/* Only measure_value's rows are checked by the import itself. */
	if (c->checked && stmt == STMT_VALUE_INSERT)
		skip_keys(c);
	res = PQexec(c->pg, sql);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		result = fail(c, "cannot start a bulk load", res);
		free(c->copy);
		c->copy = NULL;
	}
	PQclear(res);
	if (result && PQtransactionStatus(c->pg) == PQTRANS_INTRANS)
		keys_back(c);
	return result;
}

static enum vt_err flush_copy(struct pg_conn *c)
{
	if (c->ncopy && PQputCopyData(c->pg, c->copy, (int)c->ncopy) != 1)
		return fail(c, "bulk load failed", NULL);
	c->ncopy = 0;
	return VT_OK;
}

/* Append one field: \N for NULL; backslash, tab, newline, CR escaped. */
static enum vt_err copy_field(struct pg_conn *c, const struct vt_sqlval *v,
			      char end)
{
	char number[40];
	const char *text = number;
	size_t need;
	enum vt_err result;

	switch (v->type) {
	case VT_SQL_INT:
		snprintf(number, sizeof(number), "%lld", (long long)v->i);
		break;
	case VT_SQL_REAL:
		snprintf(number, sizeof(number), "%.17g", v->d);
		break;
	case VT_SQL_TEXT:
		text = v->s;
		break;
	default:
		text = NULL;
		break;
	}
	/* At worst every byte doubles, then the separator. */
	need = text ? 2 * strlen(text) + 1 : 3;
	if (need > COPY_BUFFER)
		return VT_ETOOBIG;
	if (c->ncopy + need > COPY_BUFFER) {
		result = flush_copy(c);
		if (result)
			return result;
	}
	if (!text) {
		memcpy(c->copy + c->ncopy, "\\N", 2);
		c->ncopy += 2;
	} else {
		for (; *text; text++) {
			char ch = *text;

			if (ch == '\\' || ch == '\t' || ch == '\n' ||
			    ch == '\r') {
				c->copy[c->ncopy++] = '\\';
				ch = ch == '\t' ? 't' : ch == '\n' ? 'n' :
				     ch == '\r' ? 'r' : '\\';
			}
			c->copy[c->ncopy++] = ch;
		}
	}
	c->copy[c->ncopy++] = end;
	return VT_OK;
}

static enum vt_err pg_bulk_row(void *conn, const struct vt_sqlval *params,
			       size_t nparams)
{
	struct pg_conn *c = conn;
	enum vt_err result = VT_OK;
	size_t i;

	if (!c->copy || !nparams)
		return VT_EINVAL;
	for (i = 0; i < nparams && !result; i++)
		result = copy_field(c, &params[i],
				    i + 1 < nparams ? '\t' : '\n');
	return result;
}

static enum vt_err pg_bulk_end(void *conn, bool keep)
{
	struct pg_conn *c = conn;
	enum vt_err result = VT_OK;
	PGresult *res;

	if (!c->copy)
		return VT_EINVAL;
	if (keep)
		result = flush_copy(c);
	/* An error message ends the COPY as failed: nothing is kept. */
	if (PQputCopyEnd(c->pg, keep && !result ? NULL : "abandoned") != 1 &&
	    !result)
		result = fail(c, "bulk load failed", NULL);
	while ((res = PQgetResult(c->pg))) {
		if (keep && !result && PQresultStatus(res) != PGRES_COMMAND_OK)
			result = fail(c, "bulk load failed", res);
		PQclear(res);
	}
	free(c->copy);
	c->copy = NULL;
	c->ncopy = 0;
	/* After a failed COPY only a rollback can follow. */
	if (!result)
		result = keys_back(c);
	return result;
}

/* A standby, or a database whose transactions are read-only by default:
   a write there would fail. */
static enum vt_err pg_health(void *conn)
{
	struct pg_conn *c = conn;
	PGresult *res;
	bool writable;

	heal(c);
	res = PQexec(c->pg, "SELECT NOT pg_is_in_recovery() AND "
		     "current_setting('default_transaction_read_only') = 'off'");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		enum vt_err result = fail(c, "cannot ask the database", res);

		PQclear(res);
		return result;
	}
	writable = PQntuples(res) == 1 && PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	if (!writable) {
		snprintf(c->errmsg, sizeof(c->errmsg),
			 "the database does not take writes");
		return VT_EDB;
	}
	return VT_OK;
}

/*
 * A cursor is PostgreSQL's own (DECLARE ... CURSOR FOR the statement),
 * fetched a page at a time so that the client holds one page, not the
 * whole result, and other statements run between pages.  It reads the
 * snapshot of its DECLARE and ends with the transaction.
 */
#define CURSOR_NAME "vt_cursor"

static void pg_cursor_close(void *conn)
{
	struct pg_conn *c = conn;

	if (!c->cursor_open)
		return;
	c->cursor_open = false;
	(void)pipe_drain(c);	/* a cursor's statements wait for none */
	if (PQtransactionStatus(c->pg) == PQTRANS_INTRANS)
		PQclear(PQexec(c->pg, "CLOSE " CURSOR_NAME));
}

static enum vt_err pg_cursor_open(void *conn, enum vt_stmt stmt,
				  const struct vt_sqlval *params,
				  size_t nparams)
{
	struct pg_conn *c = conn;
	const char *values[MAX_COLUMNS], *sql = vt_pg_stmt_sql(stmt);
	char numbers[MAX_COLUMNS][32], *declare;
	enum vt_err result = VT_OK;
	PGresult *res;
	size_t i, n;

	pg_cursor_close(c);
	if ((unsigned)stmt >= STMT__MAX || !sql || nparams > MAX_COLUMNS)
		return VT_EINVAL;
	result = pipe_drain(c);
	if (result)
		return result;
	for (i = 0; i < nparams; i++) {
		values[i] = params[i].type == VT_SQL_TEXT ? params[i].s : NULL;
		if (params[i].type == VT_SQL_INT)
			snprintf(numbers[i], sizeof(numbers[i]), "%lld",
				 (long long)params[i].i);
		else if (params[i].type == VT_SQL_REAL)
			snprintf(numbers[i], sizeof(numbers[i]), "%.17g",
				 params[i].d);
		if (params[i].type == VT_SQL_INT ||
		    params[i].type == VT_SQL_REAL)
			values[i] = numbers[i];
	}
	n = strlen(sql) + 64;
	declare = malloc(n);
	if (!declare)
		return VT_ENOMEM;
	snprintf(declare, n, "DECLARE " CURSOR_NAME " NO SCROLL CURSOR FOR %s",
		 sql);
	res = PQexecParams(c->pg, declare, (int)nparams, NULL, values, NULL,
			   NULL, 0);
	free(declare);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		result = fail(c, "cannot open a cursor", res);
	PQclear(res);
	c->cursor_open = !result;
	return result;
}

static enum vt_err pg_cursor_next(void *conn, size_t max, vt_row_fn row,
				  void *arg)
{
	struct pg_conn *c = conn;
	struct vt_sqlval cols[MAX_COLUMNS];
	enum vt_err result = VT_OK;
	char sql[64];
	PGresult *res;
	int r, ncols;

	if (!c->cursor_open)
		return VT_EINVAL;
	result = pipe_drain(c);
	if (result)
		return result;
	snprintf(sql, sizeof(sql), "FETCH %zu FROM " CURSOR_NAME, max);
	res = PQexec(c->pg, sql);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		result = fail(c, "cannot read from a cursor", res);
		PQclear(res);
		return result;
	}
	ncols = PQnfields(res);
	if (ncols > MAX_COLUMNS) {
		PQclear(res);
		return VT_EDB;
	}
	for (r = 0; r < PQntuples(res) && !result; r++) {
		read_row(res, r, cols, ncols);
		result = row(arg, cols, (size_t)ncols);
	}
	PQclear(res);
	return result;
}

const struct vt_store_ops vt_store_pg = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.errmsg = pg_errmsg,
	.schema_exists = pg_schema_exists,
	.refuse_foreign = pg_refuse_foreign,
	.script = pg_script,
	.begin = pg_begin,
	.begin_checked = pg_begin_checked,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.exec = pg_exec,
	.stmt_sql = vt_pg_stmt_sql,
	.migrations = vt_migrations_postgres,
	.bulk_begin = pg_bulk_begin,
	.bulk_row = pg_bulk_row,
	.bulk_end = pg_bulk_end,
	.health = pg_health,
	.cursor_open = pg_cursor_open,
	.cursor_next = pg_cursor_next,
	.cursor_close = pg_cursor_close,
};
