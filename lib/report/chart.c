/* One chart model for a measure, drawn alike by the SVG and the PDF renderers. */
#include "report/chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "vitals/compare.h"
#include "vitals/spc.h"

const char *const vt_chart_key_names[VT_CHART_KEY__MAX] = {
	[VT_CHART_KEY_FIGURES] = "Figures",
	[VT_CHART_KEY_MEAN] = "Mean",
	[VT_CHART_KEY_LIMITS] = "Process limits",
	[VT_CHART_KEY_TARGET] = "Target",
	[VT_CHART_KEY_ENGLAND] = "England (DfE)",
	[VT_CHART_KEY_NEIGHBOURS] = "Neighbours' mean",
	[VT_CHART_KEY_CONCERN] = "Concern",
	[VT_CHART_KEY_EXPECTED] = "Expected rise",
	[VT_CHART_KEY_IMPROVEMENT] = "Improvement",
	[VT_CHART_KEY_NEUTRAL] = "Special cause",
	[VT_CHART_KEY_PROVISIONAL] = "Provisional (not approved)",
};

/* The key of each kind of line and of each type of point. */
static const enum vt_chart_key line_key[VT_CHART_LINE__MAX] = {
	[VT_CHART_MEAN] = VT_CHART_KEY_MEAN,
	[VT_CHART_LIMIT] = VT_CHART_KEY_LIMITS,
	[VT_CHART_TARGET] = VT_CHART_KEY_TARGET,
	[VT_CHART_COMPARATOR] = VT_CHART_KEY_ENGLAND,
	[VT_CHART_NEIGHBOURS] = VT_CHART_KEY_NEIGHBOURS,
};
static const enum vt_chart_key point_key[VT_SPC__MAX] = {
	[VT_SPC_COMMON] = VT_CHART_KEY_FIGURES,
	[VT_SPC_IMPROVEMENT] = VT_CHART_KEY_IMPROVEMENT,
	[VT_SPC_CONCERN] = VT_CHART_KEY_CONCERN,
	[VT_SPC_EXPECTED] = VT_CHART_KEY_EXPECTED,
	[VT_SPC_NEUTRAL] = VT_CHART_KEY_NEUTRAL,
};

static void widen(struct vt_chart *c, double v)
{
	if (isnan(v) || isinf(v))
		return;
	if (v < c->lo)
		c->lo = v;
	if (v > c->hi)
		c->hi = v;
}

/* Comparators share the chart's scale only when the measure is a rate
   or a percentage, as they are: a count is never drawn against them. */
static bool same_scale(const struct vt_measure *m)
{
	return m->unit == VT_UNIT_RATE10K || m->unit == VT_UNIT_PERCENT;
}

static void add_line(struct vt_chart *c, enum vt_chart_line_kind kind,
		     double value, size_t from, size_t to, const char *label)
{
	if (isnan(value) || isinf(value))
		return;
	c->lines[c->nlines++] = (struct vt_chart_line){ kind, value, from, to,
							label, value, value };
}

/* The comparator of each position, as the measure meets them. */
static enum vt_err comparators_per_point(const struct vt_report *r,
					 const struct vt_report_measure *rm,
					 double *england, double *neighbours)
{
	const struct vt_series *s = &rm->status.series;
	struct vt_cmp_series cs;
	/* A report made by vt_report_build has its comparators indexed. */
	enum vt_err result = r->cmps.by_measure
		? vt_cmp_series_indexed(r->def, &r->cmps, rm->measure, s, &cs)
		: vt_cmp_series(r->def, rm->measure, s, &cs);
	size_t i;

	if (result)
		return result;
	for (i = 0; i < rm->status.spc.n; i++) {
		long k = i < s->n ? vt_cmp_series_on(r->def, &cs,
						     s->periods[i]) : -1;

		england[i] = k < 0 ? NAN : cs.points[k].cmp.england;
		neighbours[i] = k < 0 ? NAN : cs.points[k].cmp.neighbours;
	}
	vt_cmp_series_release(&cs);
	return VT_OK;
}

/*
 * A comparator as it was at each position that ends when a published
 * period ends: a line through those positions (a quarterly snapshot's
 * March quarters), a mark where one stands alone; labelled at its last.
 */
static void add_trace(struct vt_chart *c, enum vt_chart_line_kind kind,
		      const double *y, size_t n, const char *label)
{
	size_t i, last = n, prev = n;

	for (i = 0; i < n; i++)
		if (!isnan(y[i]) && !isinf(y[i]))
			last = i;
	for (i = 0; i < n; i++) {
		if (isnan(y[i]) || isinf(y[i]))
			continue;
		widen(c, y[i]);
		if (prev < n)
			c->lines[c->nlines++] = (struct vt_chart_line){
				kind, y[prev], prev, i,
				i == last ? label : NULL, y[i], y[i] };
		else if (i == last)
			c->lines[c->nlines++] = (struct vt_chart_line){
				kind, y[i], i, i,
				i == last ? label : NULL, y[i], y[i] };
		prev = i;
	}
}

static int from_the_top(const void *a, const void *b)
{
	const struct vt_chart_line *x = *(const struct vt_chart_line *const *)a;
	const struct vt_chart_line *y = *(const struct vt_chart_line *const *)b;

	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x < y ? -1 : x > y;	/* in the order they were added */
}

/*
 * Labels a line's height apart at least (a twelfth of the scale: 10 pt
 * of the PDF's plot, 16 px of the SVG's), from the top down: "England"
 * and "neighbours" at one level are both read.  Wherever they end: on a
 * phone, a label that ends mid-plot reaches those at its right end.
 * Then from the bottom up, should the lowest have gone below the scale.
 */
static enum vt_err spread_labels(struct vt_chart *c)
{
	struct vt_chart_line **l = calloc(c->nlines + 1, sizeof(*l));
	double gap = (c->hi - c->lo) / 12.0;
	size_t i, n = 0;

	if (!l)
		return VT_ENOMEM;
	for (i = 0; i < c->nlines; i++)
		if (c->lines[i].label)
			l[n++] = &c->lines[i];
	qsort(l, n, sizeof(*l), from_the_top);
	for (i = 1; i < n; i++)
		if (l[i - 1]->label_at - l[i]->label_at < gap)
			l[i]->label_at = l[i - 1]->label_at - gap;
	if (n && l[n - 1]->label_at < c->lo) {
		l[n - 1]->label_at = c->lo;
		for (i = n - 1; i > 0; i--)
			if (l[i - 1]->label_at - l[i]->label_at < gap)
				l[i - 1]->label_at = l[i]->label_at + gap;
	}
	free(l);
	return VT_OK;
}

void vt_chart_x_label(const struct vt_report *r,
		      const struct vt_report_measure *rm, size_t i,
		      char out[VT_PERIOD_LABEL_MAX])
{
	const struct vt_series *s = &rm->status.series;

	out[0] = '\0';
	if (i < s->n)
		vt_report_label(r, s->periods[i], out);
}

enum vt_err vt_chart_build(const struct vt_report *r,
			   const struct vt_report_measure *rm,
			   struct vt_chart *out)
{
	const struct vt_measure *m = rm->measure;
	const struct vt_spc *s = &rm->status.spc;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->n = s->n;
	out->lo = INFINITY;
	out->hi = -INFINITY;
	out->lines = calloc(s->nsegments * 3 + 2 * s->n + 3,
			    sizeof(*out->lines));
	out->points = calloc(s->n + 1, sizeof(*out->points));
	out->runs = calloc(s->n + 1, sizeof(*out->runs));
	if (!out->lines || !out->points || !out->runs) {
		vt_chart_release(out);
		return VT_ENOMEM;
	}
	for (i = 0; i < s->n; i++) {
		bool hidden = vt_report_hidden(r, m, s->points[i].value);

		if (hidden || isnan(s->points[i].value))
			continue;
		/* A point after a gap begins a new stretch of the line. */
		if (!out->npoints ||
		    out->points[out->npoints - 1].i + 1 != i)
			out->runs[out->nruns++].first = out->npoints;
		out->runs[out->nruns - 1].last = out->npoints;
		out->points[out->npoints++] = (struct vt_chart_point){
			i, s->points[i].value, s->points[i].type,
			rm->provisional_points && rm->provisional_points[i] };
		widen(out, s->points[i].value);
	}
	if (rm->masked) {
		/* The scale must not give a hidden count away either. */
		widen(out, 0);
		widen(out, VT_REPORT_SMALL_COUNT + 1);
	}
	for (i = 0; i < s->nsegments; i++) {
		const struct vt_spc_segment *g = &s->segments[i];
		size_t last = g->first + g->n - 1;
		bool end = i + 1 == s->nsegments;

		add_line(out, VT_CHART_MEAN, g->mean, g->first, last,
			 end ? "mean" : NULL);
		add_line(out, VT_CHART_LIMIT, g->ucl, g->first, last,
			 end ? "upper limit" : NULL);
		add_line(out, VT_CHART_LIMIT, g->lcl, g->first, last,
			 end ? "lower limit" : NULL);
		widen(out, g->ucl);
		widen(out, g->lcl);
	}
	if (s->n) {
		add_line(out, VT_CHART_TARGET, m->target, 0, s->n - 1,
			 "target");
		widen(out, m->target);
		if (same_scale(m)) {
			double *england = calloc(s->n, sizeof(double));
			double *neighbours = calloc(s->n, sizeof(double));
			enum vt_err result = england && neighbours
				? comparators_per_point(r, rm, england,
							neighbours)
				: VT_ENOMEM;

			if (!result) {
				add_trace(out, VT_CHART_COMPARATOR, england,
					  s->n, "England");
				add_trace(out, VT_CHART_NEIGHBOURS, neighbours,
					  s->n, "neighbours");
			}
			free(england);
			free(neighbours);
			if (result) {
				vt_chart_release(out);
				return result;
			}
		}
	}
	if (!(out->hi >= out->lo)) {	/* nothing to show */
		out->lo = 0;
		out->hi = 1;
	}
	if (out->hi - out->lo < 1e-9) {
		out->lo -= 1;
		out->hi += 1;
	}
	{
		/* A margin, but no negative scale for figures that are
		   never below zero. */
		double margin = (out->hi - out->lo) * 0.05;
		double lo = out->lo - margin;

		out->hi += margin;
		out->lo = out->lo >= 0 && lo < 0 ? 0 : lo;
	}
	/* The scale ends at ticks: every gridline is a labelled value. */
	out->nticks = vt_chart_nice_ticks(out->lo, out->hi, 6, out->ticks,
					  &out->step);
	out->lo = out->ticks[0];
	out->hi = out->ticks[out->nticks - 1];
	if (spread_labels(out)) {
		vt_chart_release(out);
		return VT_ENOMEM;
	}
	if (out->npoints)
		out->keys |= 1u << VT_CHART_KEY_FIGURES;
	for (i = 0; i < out->npoints; i++) {
		if (out->points[i].type >= 0 && out->points[i].type < VT_SPC__MAX)
			out->keys |= 1u << point_key[out->points[i].type];
		if (out->points[i].provisional)
			out->keys |= 1u << VT_CHART_KEY_PROVISIONAL;
	}
	for (i = 0; i < out->nlines; i++)
		out->keys |= 1u << line_key[out->lines[i].kind];
	return VT_OK;
}

size_t vt_chart_nice_ticks(double lo, double hi, size_t most,
			   double ticks[VT_CHART_TICKS_MAX], double *step)
{
	static const double nice[] = { 1, 2, 2.5, 5, 10 };
	double mag, first = 0, last = 1;
	size_t i, n;

	if (most < 2)
		most = 2;
	if (most > VT_CHART_TICKS_MAX)
		most = VT_CHART_TICKS_MAX;
	if (!isfinite(lo) || !isfinite(hi) || hi < lo) {
		lo = 0;
		hi = 1;
	}
	if (hi - lo < 1e-9 * (fabs(hi) + 1)) {	/* one value: one either side */
		lo -= 1;
		hi += 1;
	}
	mag = pow(10, floor(log10((hi - lo) / (double)(most - 1))));
	*step = 10 * mag;
	/* The smallest nice step that fits; the floating point of 0.1 x 3
	   must not make a tick of 0.30000000000000004 spill over. */
	for (i = 0; i < sizeof(nice) / sizeof(nice[0]); i++) {
		double s = nice[i] * mag;

		first = floor(lo / s + 1e-9);
		last = ceil(hi / s - 1e-9);
		if (last - first + 1 <= (double)most) {
			*step = s;
			break;
		}
	}
	first = floor(lo / *step + 1e-9);
	last = ceil(hi / *step - 1e-9);
	if (last <= first)
		last = first + 1;
	for (n = 0; n < most && first + (double)n <= last; n++) {
		ticks[n] = (first + (double)n) * *step;
		if (fabs(ticks[n]) < *step * 1e-9)
			ticks[n] = 0;	/* never "-0" */
	}
	return n;
}

void vt_chart_tick_label(const struct vt_chart *c, double v, char out[32])
{
	char digits[32];
	int decimals = 0, len, lead, i, o = 0;
	double s = c->step;

	while (decimals < 6 && fabs(s - round(s)) > 1e-6 * fabs(s)) {
		s *= 10;
		decimals++;
	}
	snprintf(digits, sizeof(digits), "%.*f", decimals, v);
	if (strspn(digits, "-0.") == strlen(digits))
		snprintf(digits, sizeof(digits), "0");	/* never "-0" */
	if (strchr(digits, '.')) {	/* "5", not "5.0", beside "2.5" */
		len = (int)strlen(digits);
		while (digits[len - 1] == '0')
			digits[--len] = '\0';
		if (digits[len - 1] == '.')
			digits[--len] = '\0';
	}
	len = (int)strcspn(digits, ".");
	lead = digits[0] == '-';
	for (i = 0; digits[i] && o < 30; i++) {
		/* A comma every three digits of the whole part. */
		if (i > lead && i < len && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

size_t vt_chart_label_step(size_t n, double width, double label_w)
{
	double apart;
	size_t k;

	if (n < 2 || width <= 0)
		return 1;
	apart = width / (double)(n - 1);
	k = (size_t)ceil(label_w / apart);
	return k < 1 ? 1 : k;
}

const char *vt_chart_y_title(const struct vt_measure *m)
{
	switch (m->unit) {
	case VT_UNIT_PERCENT: return "Percentage";
	case VT_UNIT_RATE10K: return "Rate per 10,000 children";
	case VT_UNIT_DAYS: return "Days";
	case VT_UNIT_CURRENCY: return "Pounds (£)";
	default: return "Count";
	}
}

const char *vt_chart_direction(const struct vt_measure *m)
{
	switch (m->direction) {
	case VT_DIRECTION_INCREASE: return "Higher is better";
	case VT_DIRECTION_REDUCE: return "Lower is better";
	default: return NULL;
	}
}

void vt_chart_release(struct vt_chart *c)
{
	free(c->lines);
	free(c->points);
	free(c->runs);
	memset(c, 0, sizeof(*c));
}

double vt_chart_x(const struct vt_chart *c, double x0, double w, size_t i)
{
	return c->n < 2 ? x0 + w / 2 : x0 + w * (double)i / (double)(c->n - 1);
}

double vt_chart_y(const struct vt_chart *c, double y0, double h, double v)
{
	return y0 + h * (c->hi - v) / (c->hi - c->lo);
}
