/* One chart model for a measure, drawn alike by the SVG and the PDF renderers. */
#include "report/chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
							label };
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
	out->lines = calloc(s->nsegments * 3 + 3, sizeof(*out->lines));
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
			add_line(out, VT_CHART_COMPARATOR,
				 rm->status.cmp.england, 0, s->n - 1,
				 "England");
			add_line(out, VT_CHART_COMPARATOR,
				 rm->status.cmp.neighbours, 0, s->n - 1,
				 "neighbours");
			widen(out, rm->status.cmp.england);
			widen(out, rm->status.cmp.neighbours);
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
