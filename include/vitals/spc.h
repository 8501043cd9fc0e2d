/* Statistical process control (XmR charts) as in NHS England's Making Data Count. */
#ifndef VITALS_SPC_H
#define VITALS_SPC_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "vitals/error.h"
#include "vitals/model.h"

/*
 * An XmR chart of a series: the mean, the mean moving range (mR) and the
 * process limits mean +/- 2.66 mR, over a baseline; then every point read
 * against them with the four special-cause rules.
 */

/* What a point says, read by the measure's direction. */
enum vt_spc_type {
	VT_SPC_COMMON,		/* common-cause variation: no rule fired */
	VT_SPC_IMPROVEMENT,
	VT_SPC_CONCERN,
	VT_SPC_EXPECTED,	/* concern, inside the expected-rise window */
	VT_SPC_NEUTRAL,		/* special cause of a measure without a
				   direction */
	VT_SPC__MAX
};
extern const char *const vt_spc_type_names[VT_SPC__MAX + 1];

/* The special-cause rules, as bits of a point's 'rules'. */
enum vt_spc_rule {
	VT_SPC_OUTSIDE = 1 << 0,	/* beyond a process limit */
	VT_SPC_SHIFT = 1 << 1,		/* 7 or more in a row on one side of
					   the mean */
	VT_SPC_TREND = 1 << 2,		/* 7 or more in a row all rising or
					   all falling */
	VT_SPC_TWO_OF_THREE = 1 << 3,	/* 2 of 3 in a row beyond 2/3 of the
					   way to a limit, on one side */
};
#define VT_SPC_RULES 4
/* "outside", "shift", "trend", "two-of-three", by bit number. */
extern const char *const vt_spc_rule_names[VT_SPC_RULES];

/* How a series stands against its target. */
enum vt_assurance {
	VT_ASSURANCE_NONE,	/* no target, no direction or no limits */
	VT_ASSURANCE_PASS,	/* the process will meet it every time */
	VT_ASSURANCE_FAIL,	/* ... will miss it every time */
	VT_ASSURANCE_HIT_OR_MISS, /* the target lies within the limits */
	VT_ASSURANCE__MAX
};
extern const char *const vt_assurance_names[VT_ASSURANCE__MAX + 1];

/* Below this many points the limits are provisional (a warning). */
#define VT_SPC_MIN_POINTS 12
/* Runs of this many points make a shift or a trend. */
#define VT_SPC_RUN 7

struct vt_spc_options {
	int direction;		/* enum vt_direction */
	double target;		/* NaN: none */
	bool no_screen;		/* keep moving ranges >= 3.267 mR */
	/*
	 * Limits come from the first 'baseline' points of each segment (0:
	 * all its points) and hold for the rest of it.  A new segment, with
	 * limits of its own, starts at each index in 'breaks' (ascending,
	 * inside the series): re-baselining after a change in the process.
	 */
	size_t baseline;
	const size_t *breaks;
	size_t nbreaks;
	const bool *expected;	/* per point: in the expected-rise window */
};

/* One stretch of the series with its own limits. */
struct vt_spc_segment {
	size_t first, n;	/* its points */
	size_t baseline_n;	/* how many of them made the limits */
	size_t screened;	/* moving ranges left out as too large */
	double mean, mr, ucl, lcl;	/* NaN with fewer than 2 points */
};

struct vt_spc_point {
	double value;
	const struct vt_spc_segment *segment;
	unsigned rules;		/* bits of enum vt_spc_rule */
	bool high, low;		/* the side each fired rule was on */
	int type;		/* enum vt_spc_type */
};

struct vt_spc {
	struct vt_spc_point *points;
	size_t n;
	struct vt_spc_segment *segments;
	size_t nsegments;
	/* The latest point's reading (as the Making Data Count icons). */
	int variation;		/* enum vt_spc_type */
	int assurance;		/* enum vt_assurance */
};

/*
 * The chart of 'n' values (none NaN).  VT_EINVAL for breaks out of order
 * or outside the series, VT_ENOMEM.  Free with vt_spc_release().
 */
VT_MUST_USE
enum vt_err vt_spc_compute(const double *values, size_t n,
			   const struct vt_spc_options *opts,
			   struct vt_spc *out);
void vt_spc_release(struct vt_spc *s);

/* ------------------------------------------------------------------ */
/* A measure's chart, from the values a definition holds */

/*
 * The figure each period of a measure (and breakdown, NULL for the whole
 * measure) stands at: its latest version that is submitted or approved
 * (drafts are the agency's own until submitted) and has a value (a
 * suppressed figure is a gap).  In period order.
 */
struct vt_series {
	char (*periods)[16];
	double *values;
	size_t n;
	/* The periods whose latest figure is withheld, with the DfE code:
	   gaps in the chart that tables still show.  In period order. */
	char (*gaps)[16];
	char (*gap_codes)[8];
	size_t ngaps;
};

VT_MUST_USE
enum vt_err vt_measure_series(const struct vt_def *def, const char *measure,
			      const char *breakdown, struct vt_series *out);
void vt_series_release(struct vt_series *s);

/*
 * The values of a definition grouped by measure, for taking the series
 * of many measures (each vt_measure_series call reads every value).
 * Borrows from the definition.
 */
struct vt_value_index {
	const struct vt_value **values;
	size_t n;
	const struct vt_def *def;	/* for multi-agency measures */
};

VT_MUST_USE
enum vt_err vt_value_index_build(const struct vt_def *def,
				 struct vt_value_index *out);
void vt_value_index_release(struct vt_value_index *ix);
/* The values of 'measure' in the index, '*n' of them (none: *n is 0). */
const struct vt_value *const *vt_value_index_find(const struct vt_value_index *ix,
						  const char *measure,
						  size_t *n);
/* As vt_measure_series, from the index. */
VT_MUST_USE
enum vt_err vt_measure_series_indexed(const struct vt_value_index *ix,
				      const char *measure,
				      const char *breakdown,
				      struct vt_series *out);

/*
 * The partnership figure of a multi-agency measure for one period,
 * computed from its contributors' parts (the latest submitted or
 * approved version of each): their sum for a count, the sum of their
 * numerators over the sum of their denominators for a percent or rate.
 * Until every contributor's part is in, the figure is incomplete and
 * 'missing' names those still to come; the series (vt_measure_series)
 * holds complete figures only.
 */
struct vt_partnership_figure {
	char period[16];
	double value;		/* NaN: no part in, or one withheld */
	double numerator;	/* summed, for a ratio; NaN otherwise */
	double denominator;
	size_t parts;		/* parts in */
	bool complete;
	bool withheld;		/* a part in is suppressed: no sum */
	const char **missing;	/* agency codes, borrowed from the measure */
	size_t nmissing;
};

struct vt_partnership_series {
	struct vt_partnership_figure *figures;	/* in period order */
	size_t n;
};

/* Every period of multi-agency measure 'm' with at least one part in,
   from 'vals' (any values; others are passed over).  Free with
   vt_partnership_series_release(). */
VT_MUST_USE
enum vt_err vt_measure_partnership(const struct vt_measure *m,
				   const struct vt_value *const *vals,
				   size_t nv,
				   struct vt_partnership_series *out);
/* As vt_measure_partnership, from every value of 'def'. */
VT_MUST_USE
enum vt_err vt_measure_partnership_def(const struct vt_def *def,
				       const struct vt_measure *m,
				       struct vt_partnership_series *out);
void vt_partnership_series_release(struct vt_partnership_series *s);
/* The figure of 'period' in 's', or NULL when no part of it is in. */
const struct vt_partnership_figure *
vt_partnership_figure_of(const struct vt_partnership_series *s,
			 const char *period);
/* The figure as JSON: period, value, complete, missing, parts... */
json_t *vt_partnership_figure_json(const struct vt_partnership_figure *f);

/* The contributors of multi-agency measure 'm' and its figure for
   'period' as JSON: {"period", "value", "complete", "provisional",
   "missing": [agency...], "contributors": [...], ...}; with no part in,
   the value is null and every contributor is missing.  NULL when out
   of memory. */
json_t *vt_partnership_json(const struct vt_def *def,
			    const struct vt_measure *m, const char *period);

/* Whether period 'id' lies in the measure's expected-rise window. */
bool vt_spc_expected(const struct vt_measure *m, const char *id);

/* How to chart a measure beyond what the measure itself says. */
struct vt_spc_request {
	const char *breakdown;		/* NULL: the whole measure */
	size_t baseline;		/* as in vt_spc_options */
	const char *const *rebaseline;	/* periods starting a new segment */
	size_t nrebaseline;
	bool no_screen;
};

/*
 * The chart of 'measure' in 'def' as JSON: {"measure", "breakdown",
 * "title", "direction", "target", "mean", "ucl", "lcl", "variation",
 * "assurance", "warning", "segments": [...], "points": [{"period",
 * "value", "special", "type", "rules"}]}.  The direction, target and
 * expected-rise window are the measure's.  VT_ENOTFOUND for no such
 * measure or breakdown; VT_EINVAL for a re-baseline period the series
 * does not have, with the reason in 'why'.
 */
VT_MUST_USE
enum vt_err vt_spc_measure_json(const struct vt_def *def, const char *measure,
				const struct vt_spc_request *req,
				json_t **out, char *why, size_t whysize);

#endif
