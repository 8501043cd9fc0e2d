/* Reporting periods: canonical ids, arithmetic and financial-year labels. */
#ifndef VITALS_PERIOD_H
#define VITALS_PERIOD_H

#include <stddef.h>

#include "vitals/error.h"
#include "vitals/strparse.h"

/*
 * Canonical ids are calendar based and sort as text within a kind:
 *   "2024"    a reporting year: the twelve months starting in 2024 at the
 *             partnership's financial-year start month (April: 2024-25)
 *   "2024Q3"  the calendar quarter July-September 2024
 *   "2024-07" the month of July 2024
 */
enum vt_period_kind {
	VT_PERIOD_YEAR,
	VT_PERIOD_QUARTER,
	VT_PERIOD_MONTH,
	VT_PERIOD__MAX
};

struct vt_period {
	enum vt_period_kind kind;
	int year;	/* 1900..9999 */
	int index;	/* quarter 1..4, month 1..12, 0 for a year */
};

/* Big enough for any id and its NUL. */
#define VT_PERIOD_ID_MAX 16
/* Big enough for any label and its NUL. */
#define VT_PERIOD_LABEL_MAX 32

/* Parse a canonical id; anything else is VT_EINVAL. */
VT_MUST_USE
enum vt_err vt_period_parse(const char *id, struct vt_period *out);

/* Write the canonical id of 'p' into 'out'. */
void vt_period_format(const struct vt_period *p, char out[VT_PERIOD_ID_MAX]);

/*
 * Order periods of the same kind in time (<0, 0, >0).  Periods of
 * different kinds are ordered by kind (year < quarter < month) so that
 * sorting is total.
 */
int vt_period_compare(const struct vt_period *a, const struct vt_period *b);

/*
 * The quarter whose returns are being made on 'today' (YYYY-MM-DD): the
 * one before today's.  VT_EINVAL when 'today' is not such a day.
 */
VT_MUST_USE
enum vt_err vt_period_being_returned(const char *today,
				     char out[VT_PERIOD_ID_MAX]);

/* The period after / before 'p', of the same kind. */
struct vt_period vt_period_next(const struct vt_period *p);
struct vt_period vt_period_prev(const struct vt_period *p);

/* Number of steps from 'a' to 'b' (same kind; negative if b is before a). */
long vt_period_distance(const struct vt_period *a, const struct vt_period *b);

/*
 * Every period from 'from' to 'to' inclusive.  Both must be of one kind
 * and 'from' must not be after 'to' (else VT_EINVAL).  '*out' is an array
 * of '*n' periods the caller frees with free().
 */
VT_MUST_USE
enum vt_err vt_period_range(const struct vt_period *from,
			    const struct vt_period *to,
			    struct vt_period **out, size_t *n);

/*
 * First and last calendar day of 'p'.  A year period needs the
 * financial-year start month (1, 4, 7 or 10) to know where it starts.
 */
VT_MUST_USE
enum vt_err vt_period_first_day(const struct vt_period *p, int fy_start_month,
				struct vt_date *out);
VT_MUST_USE
enum vt_err vt_period_last_day(const struct vt_period *p, int fy_start_month,
			       struct vt_date *out);

/*
 * Display label in the partnership's financial year, e.g. with an April
 * start: "2024Q3" -> "2024-25 Q2", "2024" -> "2024-25",
 * "2024-07" -> "July 2024".  With a January start: "2024 Q3", "2024".
 * 'fy_start_month' must be 1, 4, 7 or 10 (quarters must align); otherwise
 * VT_EINVAL.
 */
VT_MUST_USE
enum vt_err vt_period_label(const struct vt_period *p, int fy_start_month,
			    char out[VT_PERIOD_LABEL_MAX]);

/*
 * A period as a person writes it: its id ("2024Q4", "2024", "2024-07")
 * or its label in the financial year starting in 'fy_start_month'
 * ("2024-25 Q3", "2024-25", "2024/25", "July 2024", "Jul 2024"; with a
 * January start "2024 Q4").  Letters in any case; spaces around and
 * between parts forgiven.  VT_EINVAL for anything else.
 */
VT_MUST_USE
enum vt_err vt_period_read(const char *text, int fy_start_month,
			   struct vt_period *out);

/* As vt_period_read, into the canonical id 'out'. */
VT_MUST_USE
enum vt_err vt_period_read_id(const char *text, int fy_start_month,
			      char out[VT_PERIOD_ID_MAX]);

/* The label of the period with id 'id' ("2024Q4" -> "2024-25 Q3"), or
   'id' itself when it is not one; returns 'out'. */
const char *vt_period_label_of(const char *id, int fy_start_month,
			       char out[VT_PERIOD_LABEL_MAX]);

/* True when 'fy_start_month' is one Vitals supports (1, 4, 7, 10). */
int vt_fy_start_month_valid(int month);

#endif
