/* What the store's parts share: the open store and record binding (internal). */
#ifndef VT_STORE_STORE_H
#define VT_STORE_STORE_H

#include <stdbool.h>

#include "vitals/store.h"
#include "store/backend.h"

struct vt_store {
	const struct vt_store_ops *ops;
	void *conn;
};

/* The statements that write and read one kind (-1 where none). */
struct vt_kind_stmts {
	int insert;
	int update;
	int select;
	int remove;	/* children: delete every child of one parent */
};

extern const struct vt_kind_stmts vt_kind_stmts[VT_KIND__MAX];

/* Insert (or, when it 'exists', replace) one record with its lists. */
enum vt_err vt_store_write_record(struct vt_store *s, enum vt_kind kind,
				  const void *rec, bool exists);

/*
 * Write 'def' over 'base' (what the database holds, read in the same
 * transaction, already checked): add, replace or version each record and
 * log it.  The caller owns the transaction.
 */
enum vt_err vt_store_apply_def(struct vt_store *s, const struct vt_def *def,
			       const struct vt_def *base, struct vt_check *ck,
			       const char *who, struct vt_load_summary *sum);

/* Everything but the values: the metadata a return is checked against. */
enum vt_err vt_store_read_meta(struct vt_store *s, struct vt_def *out);

/* Append one entry to the change log, chained to the last one. */
enum vt_err vt_log_append(struct vt_store *s, const char *who,
			  const char *entity, const char *key,
			  const char *before, const char *after);

#endif
