/* The figures of an import: sorted, compared with what is stored, written (internal). */
#ifndef VT_STORE_IMPORTROWS_H
#define VT_STORE_IMPORTROWS_H

#include <stdbool.h>
#include <stdint.h>

#include "vitals/diag.h"
#include "vitals/returns.h"
#include "model/returnrow.h"
#include "store/store.h"
#include "util/extsort.h"

/*
 * The checked rows of a file go into an external sort by the key of
 * measure_value (measure, period, breakdown), then one pass in that order
 * finds the figures given twice, each figure's stored version, the
 * changed, new and unchanged ones per return, the outliers, and writes
 * the new versions, so that neither the file nor the stored values are
 * read more than once, and the index of measure_value is filled in order.
 * Memory is bounded whatever the size of the file (bench/import).
 */
struct vt_import_rows {
	struct vt_store *store;
	const struct vt_return_index *ix;
	struct vt_diagq *dq;
	struct vt_extsort sorted;
	char *source;		/* the file, as rows name it */
	int64_t ordinal;	/* rows added so far */
	char *scratch;		/* one record being built */
	size_t scratch_size;
	/* the first and last measure (by rank) and period of the file */
	uint32_t min_rank, max_rank;
	char *min_period;
};

VT_MUST_USE
enum vt_err vt_import_rows_init(struct vt_import_rows *r, struct vt_store *s,
				const struct vt_return_index *ix,
				struct vt_diagq *dq);

/* Keep one checked row (even after errors: duplicates are problems too). */
VT_MUST_USE
enum vt_err vt_import_rows_add(struct vt_import_rows *r,
			       const struct vt_return_row *row,
			       const struct vt_checked_row *c);

/*
 * After the last row: report every figure given twice; then, unless
 * errors were found (or 'judge' is false), count new, changed and
 * unchanged figures per return into 'sum', list the changes and warn of
 * outliers; unless 'dry_run', write each new or changed figure as a new
 * version by 'who' at 'now': submitted, or approved as published when it
 * is 'history'.  The caller owns the transaction and rolls
 * it back when dq->errors is set afterwards.
 */
VT_MUST_USE
enum vt_err vt_import_rows_apply(struct vt_import_rows *r, bool judge,
				 bool dry_run, bool history, const char *who,
				 const char *now,
				 struct vt_import_summary *sum);

void vt_import_rows_release(struct vt_import_rows *r);

#endif
