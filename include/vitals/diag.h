/* Diagnostics list: every problem found in one run, each with its place. */
#ifndef VITALS_DIAG_H
#define VITALS_DIAG_H

#include <stddef.h>

#include "vitals/buf.h"
#include "vitals/error.h"

enum vt_severity {
	VT_SEV_ERROR,
	VT_SEV_WARNING,
	VT_SEV__MAX
};

/*
 * One problem with user input.  'source' is a file name or "-"; 'row' and
 * 'col' are 1-based, 0 when unknown.  'message' is lower-case, quotes the
 * subject and says what would be accepted.
 */
struct vt_diag {
	char *source;
	long row;
	long col;
	enum vt_severity severity;
	char *message;
	/*
	 * The setting the problem is about, by its name in the library
	 * ("separator", "la_code"), or NULL.  Messages never name a flag
	 * or a form control: each front end points at its own for it.
	 */
	char *field;
};

/*
 * Diagnostics are collected rather than returned one at a time, so one
 * import reports every bad cell.  After VT_DIAGQ_MAX entries further ones
 * are counted in 'dropped' but not stored.  The queue owns its strings.
 */
#define VT_DIAGQ_MAX 1000

struct vt_diagq {
	struct vt_diag *items;
	size_t n;
	size_t alloc;
	size_t errors;		/* errors added, including dropped ones */
	size_t dropped;
};

void vt_diagq_init(struct vt_diagq *q);
void vt_diagq_release(struct vt_diagq *q);

/*
 * Add a problem.  It is never lost without trace: one that cannot be
 * stored (out of memory, or the queue full) is still counted, in
 * 'dropped' and, for an error, in 'errors', so a caller may go on
 * without looking at the result (VT_ENOMEM when it was not stored).
 */
enum vt_err vt_diag_add(struct vt_diagq *q, enum vt_severity severity,
			const char *source, long row, long col,
			const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* vt_diag_add() for a problem about the setting 'field'. */
enum vt_err vt_diag_add_field(struct vt_diagq *q, enum vt_severity severity,
			      const char *source, long row, long col,
			      const char *field, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/*
 * Append "SOURCE:ROW:COL: error: message" (":ROW" and ":COL" left out when
 * 0) to 'out', without a newline.
 */
VT_MUST_USE
enum vt_err vt_diag_format(const struct vt_diag *d, struct vt_buf *out);

#endif
