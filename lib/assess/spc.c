/* XmR charts: limits from a screened mean moving range, then the four special-cause rules. */
#include "vitals/spc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const vt_spc_type_names[] = {
	"common", "improvement", "concern", "expected", "neutral", NULL
};
const char *const vt_spc_rule_names[VT_SPC_RULES] = {
	"outside", "shift", "trend", "two-of-three"
};
const char *const vt_assurance_names[] = {
	"none", "pass", "fail", "hit-or-miss", NULL
};

/* Making Data Count's constants: 2.66 = 3 / d2 (d2 = 1.128 for n = 2);
   3.267 = D4, the upper range limit of a moving range. */
#define LIMIT_FACTOR 2.66
#define RANGE_LIMIT 3.267

/* The mean and limits of one segment, from its first 'use' points. */
static void segment_limits(const double *x, struct vt_spc_segment *seg,
			   size_t use, bool screen)
{
	double sum = 0, mr = 0, kept = 0;
	size_t i;

	seg->baseline_n = use;
	seg->mean = seg->mr = seg->ucl = seg->lcl = NAN;
	if (use == 0)
		return;
	for (i = 0; i < use; i++)
		sum += x[i];
	seg->mean = sum / (double)use;
	if (use < 2)
		return;
	for (i = 1; i < use; i++)
		mr += fabs(x[i] - x[i - 1]);
	mr /= (double)(use - 1);
	/*
	 * Ranges of 3.267 mR or more are screened out and mR recomputed
	 * once.  With mR = 0 every range would be "3.267 times" it: nothing
	 * is screened then.
	 */
	if (screen && mr > 0) {
		double limit = RANGE_LIMIT * mr, sum_kept = 0;

		for (i = 1; i < use; i++) {
			double r = fabs(x[i] - x[i - 1]);

			if (r >= limit) {
				seg->screened++;
				continue;
			}
			sum_kept += r;
			kept++;
		}
		mr = kept > 0 ? sum_kept / kept : 0;
	}
	seg->mr = mr;
	seg->ucl = seg->mean + LIMIT_FACTOR * mr;
	seg->lcl = seg->mean - LIMIT_FACTOR * mr;
	/* Figures are bounded on the way in (vt_unit_max), so this cannot
	   happen from stored data; should it, no chart shows "inf". */
	if (!isfinite(seg->mean) || !isfinite(seg->ucl) ||
	    !isfinite(seg->lcl))
		seg->mean = seg->mr = seg->ucl = seg->lcl = NAN;
}

/* Side of the mean: +1 above, -1 below, 0 on it (which ends a run). */
static int side(double v, double mean)
{
	return v > mean ? 1 : v < mean ? -1 : 0;
}

static void flag(struct vt_spc_point *p, unsigned rule, int dir)
{
	p->rules |= rule;
	if (dir > 0)
		p->high = true;
	else
		p->low = true;
}

/* Flag points first..last (inclusive) when they are a run long enough. */
static void run_of(struct vt_spc_point *p, size_t first, size_t last,
		   unsigned rule, int dir)
{
	size_t k;

	if (dir && last - first + 1 >= VT_SPC_RUN)
		for (k = first; k <= last; k++)
			flag(&p[k], rule, dir);
}

/*
 * Shifts (runs on one side of the mean) and trends (runs all rising or
 * all falling).  A point on the mean ends a shift; a repeated value ends
 * a trend.  A turning point ends one trend and starts the next.
 */
static void runs(struct vt_spc_point *p, size_t n, double mean)
{
	size_t a, b;
	int s;

	for (a = 0; a < n; a = b + 1) {
		s = side(p[a].value, mean);
		for (b = a; s && b + 1 < n && side(p[b + 1].value, mean) == s;
		     b++)
			;
		run_of(p, a, b, VT_SPC_SHIFT, s);
	}
	for (a = 0; a + 1 < n; a = s ? b : a + 1) {
		s = side(p[a + 1].value, p[a].value);
		for (b = a + 1; s && b + 1 < n &&
		     side(p[b + 1].value, p[b].value) == s; b++)
			;
		run_of(p, a, b, VT_SPC_TREND, s);
	}
}

/* Outside the limits, and two of three beyond two-thirds of the way. */
static void zones(struct vt_spc_point *p, size_t n,
		  const struct vt_spc_segment *seg)
{
	double high = seg->mean + (seg->ucl - seg->mean) * 2.0 / 3.0;
	double low = seg->mean - (seg->mean - seg->lcl) * 2.0 / 3.0;
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (p[i].value > seg->ucl)
			flag(&p[i], VT_SPC_OUTSIDE, 1);
		else if (p[i].value < seg->lcl)
			flag(&p[i], VT_SPC_OUTSIDE, -1);
	}
	for (i = 0; i + 3 <= n; i++) {
		int above = 0, below = 0;

		for (k = i; k < i + 3; k++) {
			above += p[k].value > high;
			below += p[k].value < low;
		}
		for (k = i; k < i + 3; k++) {
			if (above >= 2 && p[k].value > high)
				flag(&p[k], VT_SPC_TWO_OF_THREE, 1);
			if (below >= 2 && p[k].value < low)
				flag(&p[k], VT_SPC_TWO_OF_THREE, -1);
		}
	}
}

/*
 * A flagged point is improvement or concern by the side it is on and the
 * measure's direction.  Flagged on both sides (a rising run below the
 * mean, say), concern wins: the reading a scrutineer must not miss.
 */
static int point_type(const struct vt_spc_point *p, int direction,
		      bool expected)
{
	int high, low, t;

	if (!p->rules)
		return VT_SPC_COMMON;
	if (direction == VT_DIRECTION_NONE)
		return VT_SPC_NEUTRAL;
	high = direction == VT_DIRECTION_REDUCE ? VT_SPC_CONCERN
						: VT_SPC_IMPROVEMENT;
	low = high == VT_SPC_CONCERN ? VT_SPC_IMPROVEMENT : VT_SPC_CONCERN;
	if ((p->high && high == VT_SPC_CONCERN) ||
	    (p->low && low == VT_SPC_CONCERN))
		t = VT_SPC_CONCERN;
	else
		t = VT_SPC_IMPROVEMENT;
	return t == VT_SPC_CONCERN && expected ? VT_SPC_EXPECTED : t;
}

/* Against the target, with the latest limits. */
static int assurance(const struct vt_spc_segment *seg, int direction,
		     double target)
{
	bool lower_better = direction == VT_DIRECTION_REDUCE;

	if (isnan(target) || direction == VT_DIRECTION_NONE ||
	    isnan(seg->ucl))
		return VT_ASSURANCE_NONE;
	if (lower_better ? seg->ucl <= target : seg->lcl >= target)
		return VT_ASSURANCE_PASS;
	if (lower_better ? seg->lcl > target : seg->ucl < target)
		return VT_ASSURANCE_FAIL;
	return VT_ASSURANCE_HIT_OR_MISS;
}

enum vt_err vt_spc_compute(const double *values, size_t n,
			   const struct vt_spc_options *opts,
			   struct vt_spc *out)
{
	size_t i, s;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < opts->nbreaks; i++)
		if (opts->breaks[i] == 0 || opts->breaks[i] >= n ||
		    (i > 0 && opts->breaks[i] <= opts->breaks[i - 1]))
			return VT_EINVAL;
	out->points = calloc(n ? n : 1, sizeof(*out->points));
	out->segments = calloc(opts->nbreaks + 1, sizeof(*out->segments));
	if (!out->points || !out->segments) {
		vt_spc_release(out);
		return VT_ENOMEM;
	}
	out->n = n;
	out->nsegments = n ? opts->nbreaks + 1 : 0;
	for (i = 0; i < n; i++)
		out->points[i].value = values[i];
	for (s = 0; s < out->nsegments; s++) {
		struct vt_spc_segment *seg = &out->segments[s];
		size_t end = s < opts->nbreaks ? opts->breaks[s] : n;
		size_t use;

		seg->first = s ? opts->breaks[s - 1] : 0;
		seg->n = end - seg->first;
		use = opts->baseline && opts->baseline < seg->n ? opts->baseline
								: seg->n;
		segment_limits(values + seg->first, seg, use, !opts->no_screen);
		for (i = seg->first; i < end; i++)
			out->points[i].segment = seg;
		if (isnan(seg->ucl))
			continue;	/* one point: nothing to read it by */
		zones(out->points + seg->first, seg->n, seg);
		runs(out->points + seg->first, seg->n, seg->mean);
	}
	for (i = 0; i < n; i++)
		out->points[i].type = point_type(&out->points[i],
			opts->direction, opts->expected && opts->expected[i]);
	out->variation = n ? out->points[n - 1].type : VT_SPC_COMMON;
	out->assurance = n ? assurance(&out->segments[out->nsegments - 1],
				       opts->direction, opts->target)
			   : VT_ASSURANCE_NONE;
	return VT_OK;
}

void vt_spc_release(struct vt_spc *s)
{
	free(s->points);
	free(s->segments);
	memset(s, 0, sizeof(*s));
}
