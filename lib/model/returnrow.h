/* Checking rows of a return against the partnership's definition (internal). */
#ifndef VT_MODEL_RETURNROW_H
#define VT_MODEL_RETURNROW_H

#include <stdarg.h>
#include <stdbool.h>

#include "vitals/diag.h"
#include "vitals/model.h"
#include "vitals/returnrow.h"

/* A row as it will be stored; strings borrowed from the row. */
struct vt_checked_row {
	const struct vt_measure *measure;
	size_t measure_rank;	/* its place in vt_return_index.measures */
	const char *agency;
	const char *period;
	const char *breakdown;	/* NULL: the whole measure */
	double value;		/* NaN when suppressed */
	const char *suppressed;
	double numerator;	/* NaN when absent */
	double denominator;
	const char *note;
	bool skip;		/* an empty template row */
	bool refused;		/* problems are in the diagnostics */
};

/*
 * What every row is checked against, looked up by binary search: a
 * million rows must not each scan the agencies, measures and returns.
 * Borrows from 'meta', which must outlive it.
 */
struct vt_return_index {
	const struct vt_def *meta;
	const struct vt_partnership *partnership;
	const void **agencies;		/* struct vt_agency *, by code */
	size_t nagencies;
	const void **measures;		/* struct vt_measure *, by code */
	size_t nmeasures;
	const void **locked;		/* approved struct vt_return * */
	size_t nlocked;
	const void **early;		/* returns opened early */
	size_t nearly;
	char today[11];			/* periods after it have no figures */
};

VT_MUST_USE
enum vt_err vt_return_index_build(const struct vt_def *meta,
				  struct vt_return_index *ix);
void vt_return_index_release(struct vt_return_index *ix);

/* For a history import: returns loaded as history take corrections. */
void vt_return_index_unlock_history(struct vt_return_index *ix);

/*
 * Check one row: the agency, measure and period exist and fit, the
 * agency owns the measure, the return is open (vt_return_open) and not
 * locked, the figures are
 * numbers of the right kind.  Each problem goes to 'dq' at its cell.
 * Returns VT_OK unless out of memory; see out->refused and out->skip.
 */
VT_MUST_USE
enum vt_err vt_return_row_check(const struct vt_return_index *ix,
				const struct vt_return_row *row,
				struct vt_diagq *dq,
				struct vt_checked_row *out);

#endif
