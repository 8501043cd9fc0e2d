/* PostgreSQL statement texts (internal). */
#ifndef VT_STORE_STMTS_PG_H
#define VT_STORE_STMTS_PG_H

#include "store/stmt.h"

/* The SQL of 'stmt', or NULL when the backend lacks it. */
const char *vt_pg_stmt_sql(enum vt_stmt stmt);

/*
 * The COPY ... FROM STDIN that loads the rows of the INSERT 'stmt', with
 * the same columns in the same order, or NULL when it has none.
 */
const char *vt_pg_copy_sql(enum vt_stmt stmt);

#endif
