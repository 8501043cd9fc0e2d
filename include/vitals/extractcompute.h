/* Derived measures computed from the current extract snapshots: their figures written as versions, and the method explained. */
#ifndef VITALS_EXTRACTCOMPUTE_H
#define VITALS_EXTRACTCOMPUTE_H

#include <stdbool.h>
#include <stddef.h>

#include "vitals/buf.h"
#include "vitals/diag.h"
#include "vitals/error.h"
#include "vitals/store.h"

struct vt_extract_compute_opt {
	const char *period;	/* NULL: every period the snapshots cover */
	const char *by;		/* who asked, for the change log */
	bool dry_run;		/* compute and report, write nothing */
};

struct vt_extract_compute_result {
	size_t measures;	/* derived measures computed */
	size_t periods;		/* measure-periods computed */
	size_t written;		/* figures written (new or changed) */
	size_t unchanged;	/* figures already stored with the same value */
};

/*
 * The figures of every measure with a "derive", for each period of its
 * frequency that the current (not superseded) snapshots cover: its first
 * day on or after the earliest start of their periods, its last day on or
 * before the latest as-at date ('opt->period': that period only).  The
 * records are read child by child; a case held by two current snapshots
 * (the same child, kind and start date) is counted once, as the snapshot
 * of the latest as-at date has it.  Each figure whose value differs from
 * the stored one becomes a new version (approved, by 'opt->by') marked
 * derived ("extract 3 sha256:5f2c9a1b0d3e; derive sha256:1a2b3c4d5e6f");
 * the same value is left alone.  One change log entry "compute" names the
 * counts.  Refused with VT_EINVAL and a problem in 'dq' (placed at
 * "period") when no snapshot covers 'opt->period'.
 */
VT_MUST_USE
enum vt_err vt_extract_compute(struct vt_store *st,
			       const struct vt_extract_compute_opt *opt,
			       struct vt_extract_compute_result *out,
			       struct vt_diagq *dq);

/*
 * Which snapshots were read, then the method in words and the counts at
 * each step of 'measure' for 'period' (an id or a label), into 'out'.
 * VT_EINVAL with a problem in 'dq' for a measure unknown or not derived,
 * or a period no snapshot covers.
 */
VT_MUST_USE
enum vt_err vt_extract_explain(struct vt_store *st, const char *measure,
			       const char *period, struct vt_buf *out,
			       struct vt_diagq *dq);

#endif
