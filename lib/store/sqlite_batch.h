/* Many rows of one INSERT per statement on SQLite (internal). */
#ifndef VT_STORE_SQLITE_BATCH_H
#define VT_STORE_SQLITE_BATCH_H

#include <sqlite3.h>

#include "store/backend.h"

/*
 * "INSERT INTO t (a, b) VALUES ($1, $2)" run once per row spends most of
 * its time entering and leaving the statement; the same INSERT with
 * sixteen rows of values does a million rows in 0.6 s less
 * (bench/import/README.md).  Rows are copied in as they come and written
 * sixteen at a time; the end writes the rest.
 */
struct vt_sqlite_batch;

/*
 * For 'sql', which must end "VALUES ($1, $2, ..., $n)" with its n
 * parameters in order (VT_EINVAL otherwise, with nothing prepared).
 */
VT_MUST_USE
enum vt_err vt_sqlite_batch_open(sqlite3 *db, const char *sql,
				 struct vt_sqlite_batch **out);

VT_MUST_USE
enum vt_err vt_sqlite_batch_row(struct vt_sqlite_batch *b,
				const struct vt_sqlval *params, size_t n);

/* Write the rows not yet written. */
VT_MUST_USE
enum vt_err vt_sqlite_batch_flush(struct vt_sqlite_batch *b);

/* Forget the rows not yet written (the transaction is rolled back). */
void vt_sqlite_batch_discard(struct vt_sqlite_batch *b);

void vt_sqlite_batch_close(struct vt_sqlite_batch *b);

#endif
