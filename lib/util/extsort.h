/* Sorting more records than memory holds: sorted runs on disk, merged (internal). */
#ifndef VT_UTIL_EXTSORT_H
#define VT_UTIL_EXTSORT_H

#include <stddef.h>
#include <stdio.h>

#include "vitals/error.h"

/*
 * Records are byte strings the caller lays out; 'cmp' orders two of them
 * (each 8-byte aligned).  Records that compare equal come out in the
 * order they went in.  Memory stays within the budget given to
 * vt_extsort_init() whatever the number of records: when the buffer is
 * full its records are sorted and written to a temporary file (a run),
 * and vt_extsort_next() merges the runs.  Temporary files are made in
 * $TMPDIR (else /tmp) and unlinked at once: nothing is left behind.
 */
typedef int (*vt_extsort_cmp)(const void *a, const void *b);

struct vt_extsort_entry {
	const char *rec;
	size_t len;
};

struct vt_extsort_source;

struct vt_extsort {
	vt_extsort_cmp cmp;
	char *mem;			/* records from the bottom ... */
	size_t size, used;
	struct vt_extsort_entry *entries;	/* ... their index from the top */
	size_t n, next;			/* records buffered; next to hand out */
	FILE **runs;			/* spilled runs, oldest first */
	size_t nruns;
	struct vt_extsort_source *src;	/* the merge, once finished */
	size_t *heap, nheap;
	size_t total;			/* records added */
	int finished;
};

/* 'memory' bytes at most for records and their index (at least 64 KiB). */
VT_MUST_USE
enum vt_err vt_extsort_init(struct vt_extsort *s, size_t memory,
			    vt_extsort_cmp cmp);

/* Copy one record in; VT_ETOOBIG if it alone would not fit in half. */
VT_MUST_USE
enum vt_err vt_extsort_add(struct vt_extsort *s, const void *rec,
			   size_t len);

/* No more records: what follows reads them in order. */
VT_MUST_USE
enum vt_err vt_extsort_finish(struct vt_extsort *s);

/*
 * The next record in order, valid until the next call; VT_ENOTFOUND
 * after the last.
 */
VT_MUST_USE
enum vt_err vt_extsort_next(struct vt_extsort *s, const void **rec,
			    size_t *len);

/* The number of runs written to disk so far (0: all sorted in memory). */
size_t vt_extsort_runs(const struct vt_extsort *s);

void vt_extsort_release(struct vt_extsort *s);

#endif
