/* Many rows of one INSERT per statement on SQLite. */
#include "store/sqlite_batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows per statement: past 16 the gain is lost in noise (bench/import). */
#define BATCH_ROWS 16
#define MAX_PARAMS 64

struct vt_sqlite_batch {
	sqlite3 *db;
	char *prefix;			/* "INSERT INTO t (a, b) VALUES " */
	size_t nparams;
	sqlite3_stmt *full;		/* BATCH_ROWS rows */
	struct vt_sqlval vals[BATCH_ROWS * MAX_PARAMS];
	size_t rows;			/* waiting in vals */
	char *text;			/* their text values; vals[].i holds */
	size_t text_len, text_alloc;	/* each one's offset */
};

/* The SQL for 'rows' rows of anonymous parameters, bound in order. */
static char *rows_sql(const struct vt_sqlite_batch *b, size_t rows)
{
	size_t size = strlen(b->prefix) + rows * (b->nparams * 3 + 4) + 1;
	char *sql = malloc(size), *p;
	size_t r, i;

	if (!sql)
		return NULL;
	p = sql + snprintf(sql, size, "%s", b->prefix);
	for (r = 0; r < rows; r++) {
		*p++ = r ? ',' : ' ';
		*p++ = '(';
		for (i = 0; i < b->nparams; i++) {
			if (i)
				*p++ = ',';
			*p++ = '?';
		}
		*p++ = ')';
	}
	*p = '\0';
	return sql;
}

static sqlite3_stmt *prepare_rows(struct vt_sqlite_batch *b, size_t rows)
{
	char *sql = rows_sql(b, rows);
	sqlite3_stmt *st = NULL;

	if (sql && sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK)
		st = NULL;
	free(sql);
	return st;
}

/* How many parameters 'values' has, if it is "($1, $2, ..., $n)". */
static size_t values_in_order(const char *values)
{
	char want[16];
	size_t n = 0;
	const char *p = values;

	if (*p++ != '(')
		return 0;
	for (;;) {
		int len = snprintf(want, sizeof(want), "$%zu", n + 1);

		if (strncmp(p, want, (size_t)len) != 0)
			return 0;
		p += len;
		n++;
		if (*p == ')')
			return p[1] == '\0' && n <= MAX_PARAMS ? n : 0;
		if (strncmp(p, ", ", 2) != 0)
			return 0;
		p += 2;
	}
}

enum vt_err vt_sqlite_batch_open(sqlite3 *db, const char *sql,
				 struct vt_sqlite_batch **out)
{
	const char *values = strstr(sql, "VALUES (");
	struct vt_sqlite_batch *b;
	size_t n;

	*out = NULL;
	if (!values)
		return VT_EINVAL;
	n = values_in_order(values + strlen("VALUES "));
	if (!n)
		return VT_EINVAL;
	b = calloc(1, sizeof(*b));
	if (!b)
		return VT_ENOMEM;
	b->db = db;
	b->nparams = n;
	b->prefix = malloc((size_t)(values - sql) + strlen("VALUES") + 1);
	if (!b->prefix) {
		free(b);
		return VT_ENOMEM;
	}
	memcpy(b->prefix, sql, (size_t)(values - sql));
	memcpy(b->prefix + (values - sql), "VALUES", strlen("VALUES") + 1);
	b->full = prepare_rows(b, BATCH_ROWS);
	if (!b->full) {
		vt_sqlite_batch_close(b);
		return VT_EDB;
	}
	*out = b;
	return VT_OK;
}

static enum vt_err keep_text(struct vt_sqlite_batch *b, struct vt_sqlval *v)
{
	size_t len = strlen(v->s) + 1;

	if (b->text_len + len > b->text_alloc) {
		size_t size = b->text_alloc ? b->text_alloc : 4096;
		char *p;

		while (size < b->text_len + len)
			size *= 2;
		p = realloc(b->text, size);
		if (!p)
			return VT_ENOMEM;
		b->text = p;
		b->text_alloc = size;
	}
	memcpy(b->text + b->text_len, v->s, len);
	v->i = (int64_t)b->text_len;
	v->s = NULL;
	b->text_len += len;
	return VT_OK;
}

/* Bind the waiting rows to 'st' and run it. */
static enum vt_err run(struct vt_sqlite_batch *b, sqlite3_stmt *st)
{
	size_t i, n = b->rows * b->nparams;
	int rc = SQLITE_OK;

	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		const struct vt_sqlval *v = &b->vals[i];
		int at = (int)i + 1;

		switch (v->type) {
		case VT_SQL_INT:
			rc = sqlite3_bind_int64(st, at, v->i);
			break;
		case VT_SQL_REAL:
			rc = sqlite3_bind_double(st, at, v->d);
			break;
		case VT_SQL_TEXT:
			rc = sqlite3_bind_text(st, at, b->text + v->i, -1,
					       SQLITE_STATIC);
			break;
		default:
			rc = sqlite3_bind_null(st, at);
			break;
		}
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	b->rows = 0;
	b->text_len = 0;
	if (rc == SQLITE_DONE)
		return VT_OK;
	return (rc & 0xff) == SQLITE_CONSTRAINT ? VT_ECONFLICT : VT_EDB;
}

enum vt_err vt_sqlite_batch_row(struct vt_sqlite_batch *b,
				const struct vt_sqlval *params, size_t n)
{
	struct vt_sqlval *row = &b->vals[b->rows * b->nparams];
	enum vt_err result = VT_OK;
	size_t i;

	if (n != b->nparams)
		return VT_EINVAL;
	for (i = 0; i < n && !result; i++) {
		row[i] = params[i];
		if (row[i].type == VT_SQL_TEXT)
			result = keep_text(b, &row[i]);
	}
	if (result)
		return result;
	if (++b->rows == BATCH_ROWS)
		return run(b, b->full);
	return VT_OK;
}

enum vt_err vt_sqlite_batch_flush(struct vt_sqlite_batch *b)
{
	sqlite3_stmt *st;
	enum vt_err result;

	if (!b->rows)
		return VT_OK;
	st = prepare_rows(b, b->rows);
	if (!st)
		return VT_EDB;
	result = run(b, st);
	sqlite3_finalize(st);
	return result;
}

void vt_sqlite_batch_discard(struct vt_sqlite_batch *b)
{
	b->rows = 0;
	b->text_len = 0;
}

void vt_sqlite_batch_close(struct vt_sqlite_batch *b)
{
	if (!b)
		return;
	sqlite3_finalize(b->full);
	free(b->prefix);
	free(b->text);
	free(b);
}
