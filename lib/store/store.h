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
VT_MUST_USE
enum vt_err vt_store_write_record(struct vt_store *s, enum vt_kind kind,
				  const void *rec, bool exists);

/*
 * Write 'def' over 'base' (what the database holds, read in the same
 * transaction, already checked): add, replace or version each record and
 * log it.  The caller owns the transaction.
 */
VT_MUST_USE
enum vt_err vt_store_apply_def(struct vt_store *s, const struct vt_def *def,
			       const struct vt_def *base, struct vt_check *ck,
			       const char *who, struct vt_load_summary *sum);

/* A problem found inside the store has no file: its path is its place. */
void vt_store_place_path(void *ctx, const char *path, const char **source,
			 long *line);

/*
 * Build the records to write from what is stored ('meta', read in the
 * write transaction): refuse with VT_EINVAL or VT_ENOTFOUND and 'why'
 * set, or fill 'change'.
 */
typedef enum vt_err (*vt_change_fn)(void *arg, const struct vt_def *meta,
				    struct vt_def *change, struct vt_check *ck,
				    char *why, size_t whysize);

/*
 * One change of stored records by 'who', in its own write transaction:
 * read what is stored, let 'build' make the change, write it through the
 * change log, commit.  A problem the model finds in the change is a
 * refusal with its message in 'why'.  Nothing is written on any error.
 */
VT_MUST_USE
enum vt_err vt_store_change(struct vt_store *s, vt_change_fn build,
			    void *arg, const char *who, char *why,
			    size_t whysize);

/* Everything but the values: the metadata a return is checked against. */
VT_MUST_USE
enum vt_err vt_store_read_meta(struct vt_store *s, struct vt_def *out);

/*
 * What an import checks its rows against and writes over, and no more:
 * the partnership, agencies, plans and priorities (without their lists),
 * the returns and narratives in full, and of the measures only the code,
 * owner, unit, frequency, whether each has a numerator and a denominator
 * (an empty text when it has), breakdowns and contributors.  What a
 * definition of many measures holds besides is not read.
 */
VT_MUST_USE
enum vt_err vt_store_read_import_meta(struct vt_store *s, struct vt_def *out);

/* Append one entry to the change log, chained to the last one. */
VT_MUST_USE
enum vt_err vt_log_append(struct vt_store *s, const char *who,
			  const char *entity, const char *key,
			  const char *before, const char *after);

#endif
