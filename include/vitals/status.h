/* Is each measure getting better? Its reading for a period beside England, neighbours and its actions. */
#ifndef VITALS_STATUS_H
#define VITALS_STATUS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "vitals/compare.h"
#include "vitals/error.h"
#include "vitals/model.h"
#include "vitals/query.h"
#include "vitals/spc.h"

/* The figure per 10,000 children of 'value' for 'period', from the
   partnership's population of that year (or the latest before); NaN
   when there is none. */
double vt_rate_per_10k(const struct vt_def *def, const char *period,
		       double value);

/* The year of the population estimate a rate of 'period' uses, with its
   children; 0 (and NaN) when there is none. */
int vt_population_year(const struct vt_def *def, const char *period,
		       double *children);

struct vt_measure_status {
	const struct vt_measure *measure;
	double value, previous, change;	/* NaN when absent */
	/* The period of 'value': the period asked for, or for a measure of
	   longer periods (a year in a quarter's pack) its latest ended by
	   then; the period asked for when there is none. */
	char figure_period[16];
	char previous_period[16];
	/* "improving", "deteriorating", "deteriorating (expected)", "no
	   significant change", "no figure", or "no direction" */
	const char *reading;
	int variation;			/* enum vt_spc_type at the period */
	int assurance;			/* enum vt_assurance */
	size_t points;			/* in the chart up to the period */
	double rate;			/* per 10,000 children, or NaN */
	struct vt_comparison cmp;
	double ours;			/* our figure as the comparators' */
	double gap_england;		/* our figure less England's */
	double gap_neighbours;
	size_t actions[VT_RAG__MAX];	/* linked actions by RAG */
	/* Every linked action green or complete while the measure shows
	   special cause of concern (outside an expected-rise window). */
	bool contradiction;
	/* The figures up to the period and their chart, which the status
	   was read from (owned; freed by vt_measures_status_release). */
	struct vt_series series;
	struct vt_spc spc;
};

/*
 * The status of every measure of 'def' for 'period' (charts use the
 * figures up to and including it, so an earlier period reads as it did
 * then).  '*out' is an array of '*n' freed with
 * vt_measures_status_release(); it borrows from 'def'.
 */
VT_MUST_USE
enum vt_err vt_measures_status(const struct vt_def *def, const char *period,
			       struct vt_measure_status **out, size_t *n);
void vt_measures_status_release(struct vt_measure_status *st, size_t n);
/* As vt_measures_status, with the comparators indexed by measure ('cx',
   made by vt_cmp_index_build over 'def') and the values ('vx', made by
   vt_value_index_build over 'def'). */
VT_MUST_USE
enum vt_err vt_measures_status_indexed(const struct vt_def *def,
				       const struct vt_cmp_index *cx,
				       const struct vt_value_index *vx,
				       const char *period,
				       struct vt_measure_status **out,
				       size_t *n);


/*
 * The chart of 'st' drawn again from its series, as the caller changed it
 * (a published pack puts a stand-in for each hidden count), with the
 * variation, assurance, reading and contradiction read from it again.
 */
VT_MUST_USE
enum vt_err vt_measure_status_reread(const struct vt_def *def,
				     struct vt_measure_status *st);

/*
 * {"period", "illustrative", "measures": [{"measure", "title", ...,
 * "contradiction"}]}: what 'vitals measures status --json' prints and the
 * API serves.  A new reference; NULL when out of memory.
 */
json_t *vt_measures_status_json(const struct vt_def *def, const char *period,
				const struct vt_measure_status *st, size_t n);

/* Which measures a list shows, read from its query. */
struct vt_measure_filter {
	char period[VT_PERIOD_ID_MAX];	/* "" when not asked */
	char from[11], to[11];		/* its first and last days */
	const char *plan, *priority, *agency;	/* codes, or NULL */
};

/*
 * A measures list's filters from 'q': "period", "plan", "priority",
 * "agency".  A value that is not a period or names nothing in 'def' is a
 * problem about its field in 'dq' (VT_EINVAL).  The filter borrows from
 * 'q'.
 */
VT_MUST_USE
enum vt_err vt_measure_filter_read(const struct vt_def *def,
				   const struct vt_query *q,
				   struct vt_measure_filter *f,
				   struct vt_diagq *dq);
/* Sets the first and last days of 'f''s period (none: left ""), as
   its pack takes them. */
void vt_measure_filter_days(const struct vt_def *def,
			    struct vt_measure_filter *f);
/* Whether the list shows 'm' of 'def' ('f' NULL: every measure).  With
   a period, only the measures of plans its days cover, as its pack. */
bool vt_measure_filter_match(const struct vt_def *def,
			     const struct vt_measure_filter *f,
			     const struct vt_measure *m);

#endif
