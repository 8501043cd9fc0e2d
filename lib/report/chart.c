/* One chart model for a measure, drawn alike by the SVG and the PDF renderers. */
#include "report/chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "vitals/compare.h"
#include "vitals/spc.h"

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
	enum vt_err result = vt_cmp_series(r->def, rm->measure, s, &cs);
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

	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x < y ? -1 : x > y;	/* in the order they were added */
}

/*
 * Labels that end at one position a line's height apart at least (a
 * fourteenth of the scale), from the top down: "England" and
 * "neighbours" at one level are both read.
 */
static enum vt_err spread_labels(struct vt_chart *c)
{
	struct vt_chart_line **l = calloc(c->nlines + 1, sizeof(*l));
	double gap = (c->hi - c->lo) / 14.0;
	size_t i, n = 0;

	if (!l)
		return VT_ENOMEM;
	for (i = 0; i < c->nlines; i++)
		if (c->lines[i].label)
			l[n++] = &c->lines[i];
	qsort(l, n, sizeof(*l), from_the_top);
	for (i = 1; i < n; i++)
		if (l[i]->to == l[i - 1]->to &&
		    l[i - 1]->label_at - l[i]->label_at < gap)
			l[i]->label_at = l[i - 1]->label_at - gap;
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
			i, s->points[i].value, s->points[i].type };
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
	out->lo -= (out->hi - out->lo) * 0.05;
	out->hi += (out->hi - out->lo) * 0.05;
	for (i = 0; i < 3; i++)
		out->ticks[i] = out->lo + (out->hi - out->lo) * (double)i / 2.0;
	if (spread_labels(out)) {
		vt_chart_release(out);
		return VT_ENOMEM;
	}
	out->label_step = s->n > 6 ? (s->n + 5) / 6 : 1;
	return VT_OK;
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
