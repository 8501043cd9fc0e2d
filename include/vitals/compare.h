/* A measure beside the published figures: England, its region, its neighbours and its rank, period by period. */
#ifndef VITALS_COMPARE_H
#define VITALS_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "vitals/error.h"
#include "vitals/model.h"
#include "vitals/period.h"
#include "vitals/spc.h"

/* A measure against the published figures of one period. */
struct vt_comparison {
	char period[VT_PERIOD_ID_MAX];	/* the comparators', "" if none */
	char as_at[32];		/* its last day in words, "31 March 2025" */
	bool older;		/* it ends before the figure's period */
	double england;		/* per 10,000 children, or as published for
				   a percentage; NaN when not known */
	double region;
	double own;		/* the partnership's LA as published */
	double neighbours;	/* the mean of those neighbours published */
	size_t neighbours_used;	/* how many made the mean */
	size_t neighbours_suppressed; /* published as a DfE code */
	size_t neighbours_withheld; /* suppressed or missing */
	size_t rank, of;	/* the LA's place among the LAs published,
				   1 = best by the measure's direction;
				   0 when not known */
	int quartile;		/* 1 (best) .. 4; 0 when not known */
	char region_name[80];
	char neighbour_set[65];	/* its name, "" when unnamed */
};

/* The partnership's financial-year start month, April when unset. */
int vt_def_fy_start(const struct vt_def *def);

/* The comparison of 'm' with its comparators of exactly 'cperiod'. */
void vt_compare_at(const struct vt_def *def, const struct vt_measure *m,
		   const char *cperiod, struct vt_comparison *out);

/*
 * The comparators that meet the figure of 'm' for 'period', as the
 * measure says (enum vt_compare_as): the latest comparator period that
 * ends by the end of 'period', of the same kind unless the measure is a
 * snapshot or a sum of four quarters.  None (period "") otherwise.
 */
void vt_compare(const struct vt_def *def, const struct vt_measure *m,
		const char *period, struct vt_comparison *out);

/*
 * The measure's own figure to set beside a comparator of 'cperiod', in
 * the comparators' terms (a count as a rate per 10,000 children): the
 * figure of that period, the quarter that ends it for a snapshot, or the
 * sum of its four quarters.  NaN when there is none.
 */
double vt_compare_ours(const struct vt_def *def, const struct vt_measure *m,
		       const struct vt_series *s, const char *cperiod);

/* One period of a measure's comparator series. */
struct vt_cmp_point {
	char label[VT_PERIOD_LABEL_MAX];
	double ours;
	struct vt_comparison cmp;	/* cmp.period is the period */
};

struct vt_cmp_series {
	const struct vt_measure *measure;
	struct vt_cmp_point *points;	/* oldest first */
	size_t n;
};

/* Every period that has a comparator of 'm', beside the measure's
   figures 's' (read from 'def' when NULL).  Release with
   vt_cmp_series_release. */
VT_MUST_USE
enum vt_err vt_cmp_series(const struct vt_def *def, const struct vt_measure *m,
			  const struct vt_series *s,
			  struct vt_cmp_series *out);

/* The point of 's' that meets the measure's figure of 'period' (as
   vt_compare chooses), or -1. */
long vt_cmp_series_at(const struct vt_def *def,
		      const struct vt_cmp_series *s, const char *period);

/* The point of 's' that ends when 'period' ends and meets its figure:
   the comparator drawn at that period in a chart; -1 when none. */
long vt_cmp_series_on(const struct vt_def *def,
		      const struct vt_cmp_series *s, const char *period);
void vt_cmp_series_release(struct vt_cmp_series *s);

/* The series as JSON: measure, unit, neighbour_set, periods. */
json_t *vt_cmp_series_json(const struct vt_def *def,
			   const struct vt_cmp_series *s);

/* "below England (40.6) and above its statistical neighbours (35.6: 9
   of 10 published, set 2025); 12th of 153 local authorities, best
   quartile; published figures at 31 March 2025" into 'out'; "" when
   there is nothing to compare. */
void vt_comparison_words(const struct vt_comparison *c, double ours,
			 const struct vt_measure *m, char *out, size_t size);

/*
 * The comparators of a definition by measure, made once for a pass over
 * every measure (a pack): each measure's are found without reading the
 * others'.  'def' must outlive it.
 */
struct vt_cmp_index {
	const struct vt_comparator **by_measure;	/* in definition order
							   within a measure */
	size_t n;
};
VT_MUST_USE
enum vt_err vt_cmp_index_build(const struct vt_def *def,
			       struct vt_cmp_index *ix);
void vt_cmp_index_release(struct vt_cmp_index *ix);
/* As vt_compare, reading the measure's comparators from 'ix'. */
void vt_compare_indexed(const struct vt_def *def,
			const struct vt_cmp_index *ix,
			const struct vt_measure *m, const char *period,
			struct vt_comparison *out);
/* As vt_cmp_series, reading the measure's comparators from 'ix'. */
VT_MUST_USE
enum vt_err vt_cmp_series_indexed(const struct vt_def *def,
				  const struct vt_cmp_index *ix,
				  const struct vt_measure *m,
				  const struct vt_series *given,
				  struct vt_cmp_series *out);

#endif
