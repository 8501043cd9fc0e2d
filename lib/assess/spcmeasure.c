/* A measure's XmR chart: its series from the stored values, its direction, target and window. */
#include "vitals/spc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/period.h"

struct candidate {
	struct vt_period period;
	int64_t version;
	double value;		/* NaN: suppressed */
	const char *id;
	const char *code;	/* the suppression code, or NULL */
};

static int by_period_then_version(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	int c = vt_period_compare(&x->period, &y->period);

	if (c)
		return c;
	return (x->version > y->version) - (x->version < y->version);
}

static bool counts(const struct vt_value *v, const char *measure,
		   const char *breakdown)
{
	if (strcmp(v->measure, measure))
		return false;
	if (!breakdown != !v->breakdown ||
	    (breakdown && strcmp(breakdown, v->breakdown)))
		return false;
	return v->status == VT_STATUS_SUBMITTED ||
	       v->status == VT_STATUS_APPROVED;
}

static enum vt_err series_alloc(struct vt_series *out, size_t n)
{
	out->periods = calloc(n ? n : 1, sizeof(*out->periods));
	out->values = calloc(n ? n : 1, sizeof(*out->values));
	out->gaps = calloc(n ? n : 1, sizeof(*out->gaps));
	out->gap_codes = calloc(n ? n : 1, sizeof(*out->gap_codes));
	if (!out->periods || !out->values || !out->gaps || !out->gap_codes) {
		vt_series_release(out);
		return VT_ENOMEM;
	}
	return VT_OK;
}

/*
 * The series of a multi-agency measure: its complete partnership
 * figures, computed from the parts; a period still missing a part is
 * left out, and one with a part withheld is a gap.
 */
static enum vt_err partnership_series(const struct vt_value *const *vals,
				      size_t nv, const struct vt_measure *m,
				      struct vt_series *out)
{
	struct vt_partnership_series ps;
	enum vt_err result = vt_measure_partnership(m, vals, nv, &ps);
	size_t i;

	if (result)
		return result;
	result = series_alloc(out, ps.n);
	for (i = 0; !result && i < ps.n; i++) {
		const struct vt_partnership_figure *f = &ps.figures[i];

		if (!f->complete)
			continue;
		if (isnan(f->value)) {
			snprintf(out->gaps[out->ngaps],
				 sizeof(out->gaps[0]), "%s", f->period);
			out->gap_codes[out->ngaps++][0] = '\0';
			continue;
		}
		snprintf(out->periods[out->n], sizeof(out->periods[0]), "%s",
			 f->period);
		out->values[out->n++] = f->value;
	}
	vt_partnership_series_release(&ps);
	return result;
}

/* The series from 'vals' (any values; those of other measures are
   passed over); 'm', when given, is the measure's definition. */
static enum vt_err series_of(const struct vt_value *const *vals, size_t nv,
			     const struct vt_measure *m,
			     const char *measure, const char *breakdown,
			     struct vt_series *out)
{
	size_t i, n = 0;
	struct candidate *c;

	memset(out, 0, sizeof(*out));
	if (m && m->ncontributors && !breakdown)
		return partnership_series(vals, nv, m, out);
	c = calloc(nv ? nv : 1, sizeof(*c));
	if (!c)
		return VT_ENOMEM;
	for (i = 0; i < nv; i++) {
		const struct vt_value *v = vals[i];

		if (!counts(v, measure, breakdown) ||
		    vt_period_parse(v->period, &c[n].period))
			continue;
		c[n].version = v->version;
		c[n].value = v->value;
		c[n].id = v->period;
		c[n].code = v->suppressed;
		n++;
	}
	qsort(c, n, sizeof(*c), by_period_then_version);
	if (series_alloc(out, n)) {
		free(c);
		return VT_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		/* The latest version of a period is the last of its run. */
		if (i + 1 < n && !vt_period_compare(&c[i].period,
						    &c[i + 1].period))
			continue;
		if (isnan(c[i].value)) {	/* a gap in the chart */
			snprintf(out->gaps[out->ngaps],
				 sizeof(out->gaps[0]), "%s", c[i].id);
			snprintf(out->gap_codes[out->ngaps++],
				 sizeof(out->gap_codes[0]), "%s",
				 c[i].code ? c[i].code : "");
			continue;
		}
		snprintf(out->periods[out->n], sizeof(out->periods[0]), "%s",
			 c[i].id);
		out->values[out->n++] = c[i].value;
	}
	free(c);
	return VT_OK;
}

enum vt_err vt_measure_series(const struct vt_def *def, const char *measure,
			      const char *breakdown, struct vt_series *out)
{
	size_t nv = vt_def_count(def, VT_KIND_VALUE), i, n = 0;
	const struct vt_value **mine = calloc(nv ? nv : 1, sizeof(*mine));
	enum vt_err result;

	if (!mine)
		return VT_ENOMEM;
	for (i = 0; i < nv; i++) {
		const struct vt_value *v = vt_def_at(def, VT_KIND_VALUE, i);

		if (!strcmp(v->measure, measure))
			mine[n++] = v;
	}
	result = series_of(mine, n, vt_def_find(def, VT_KIND_MEASURE, measure),
			   measure, breakdown, out);
	free(mine);
	return result;
}

static int by_measure(const void *a, const void *b)
{
	const struct vt_value *const *x = a, *const *y = b;

	return strcmp((*x)->measure, (*y)->measure);
}

enum vt_err vt_value_index_build(const struct vt_def *def,
				 struct vt_value_index *out)
{
	size_t n = vt_def_count(def, VT_KIND_VALUE), i;
	bool in_order = true;

	out->n = 0;
	out->values = calloc(n ? n : 1, sizeof(*out->values));
	if (!out->values)
		return VT_ENOMEM;
	for (i = 0; i < n; i++) {
		out->values[i] = vt_def_at(def, VT_KIND_VALUE, i);
		in_order = in_order && (i == 0 ||
			strcmp(out->values[i - 1]->measure,
			       out->values[i]->measure) <= 0);
	}
	/* Order within a measure does not matter: series_of sorts.  The
	   store reads them in key order, measure first: grouped already. */
	if (!in_order)
		qsort(out->values, n, sizeof(*out->values), by_measure);
	out->n = n;
	out->def = def;
	return VT_OK;
}

void vt_value_index_release(struct vt_value_index *ix)
{
	free(ix->values);
	ix->values = NULL;
	ix->n = 0;
}

const struct vt_value *const *vt_value_index_find(const struct vt_value_index *ix,
						  const char *measure,
						  size_t *n)
{
	size_t lo = 0, hi = ix->n, end;

	/* The first value of the measure, then the run of its values. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ix->values[mid]->measure, measure) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < ix->n && !strcmp(ix->values[end]->measure,
					      measure); end++)
		;
	*n = end - lo;
	return ix->values + lo;
}

enum vt_err vt_measure_series_indexed(const struct vt_value_index *ix,
				      const char *measure,
				      const char *breakdown,
				      struct vt_series *out)
{
	size_t n;
	const struct vt_value *const *vs = vt_value_index_find(ix, measure,
							       &n);

	return series_of(vs, n,
			 ix->def ? vt_def_find(ix->def, VT_KIND_MEASURE,
					       measure) : NULL,
			 measure, breakdown, out);
}

void vt_series_release(struct vt_series *s)
{
	free(s->periods);
	free(s->values);
	free(s->gaps);
	free(s->gap_codes);
	memset(s, 0, sizeof(*s));
}

/* ------------------------------------------------------------------ */


/* Index of 'period' in the series, or n. */
static size_t index_of(const struct vt_series *s, const char *period)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->periods[i], period))
			break;
	return i;
}

bool vt_spc_expected(const struct vt_measure *m, const char *id)
{
	struct vt_period p, from, to;

	if (!m->rise_from || vt_period_parse(id, &p) ||
	    vt_period_parse(m->rise_from, &from))
		return false;
	if (vt_period_compare(&p, &from) < 0)
		return false;
	return !m->rise_to || (!vt_period_parse(m->rise_to, &to) &&
			       vt_period_compare(&p, &to) <= 0);
}

static json_t *rules_json(unsigned rules)
{
	json_t *arr = json_array();
	int b;

	for (b = 0; arr && b < VT_SPC_RULES; b++)
		if (rules & (1u << b))
			json_array_append_new(arr,
				json_string(vt_spc_rule_names[b]));
	return arr;
}

static json_t *chart_json(const struct vt_measure *m, const char *breakdown,
			  const struct vt_series *s, const struct vt_spc *c)
{
	const struct vt_spc_segment *last =
		c->nsegments ? &c->segments[c->nsegments - 1] : NULL;
	json_t *points = json_array(), *segments = json_array(), *root;
	char warning[160] = "";
	size_t i;

	for (i = 0; points && i < c->n; i++) {
		const struct vt_spc_point *p = &c->points[i];

		json_array_append_new(points, json_pack("{s:s, s:o, s:b, "
			"s:s, s:o}", "period", s->periods[i], "value",
			vt_json_number(p->value), "special", p->rules != 0, "type",
			vt_spc_type_names[p->type], "rules",
			rules_json(p->rules)));
	}
	for (i = 0; segments && i < c->nsegments; i++) {
		const struct vt_spc_segment *g = &c->segments[i];

		json_array_append_new(segments, json_pack("{s:s, s:s, s:I, "
			"s:I, s:o, s:o, s:o, s:o}",
			"from", s->periods[g->first],
			"to", s->periods[g->first + g->n - 1],
			"baseline_points", (json_int_t)g->baseline_n,
			"screened", (json_int_t)g->screened,
			"mean", vt_json_number(g->mean),
			"mr", vt_json_number(g->mr),
			"ucl", vt_json_number(g->ucl),
			"lcl", vt_json_number(g->lcl)));
	}
	if (c->n < VT_SPC_MIN_POINTS)
		snprintf(warning, sizeof(warning), "only %zu point%s: limits "
			 "from fewer than %d points are provisional", c->n,
			 c->n == 1 ? "" : "s", VT_SPC_MIN_POINTS);
	root = json_pack("{s:s, s:s?, s:s, s:s, s:s, s:o, s:o, s:o, s:o, "
		"s:s, s:s, s:s?, s:o, s:o}",
		"measure", m->code, "breakdown", breakdown, "title", m->title,
		"direction", vt_direction_names[m->direction],
		"unit", vt_unit_names[m->unit],
		"target", vt_json_number(m->target),
		"mean", vt_json_number(last ? last->mean : NAN),
		"ucl", vt_json_number(last ? last->ucl : NAN),
		"lcl", vt_json_number(last ? last->lcl : NAN),
		"variation", vt_spc_type_names[c->variation],
		"assurance", vt_assurance_names[c->assurance],
		"warning", warning[0] ? warning : NULL,
		"segments", segments, "points", points);
	return root;
}

static bool has_breakdown(const struct vt_measure *m, const char *code)
{
	size_t i;

	for (i = 0; i < m->nbreakdowns; i++)
		if (!strcmp(m->breakdowns[i].code, code))
			return true;
	return false;
}

enum vt_err vt_spc_measure_json(const struct vt_def *def, const char *measure,
				const struct vt_spc_request *req,
				json_t **out, char *why, size_t whysize)
{
	const struct vt_measure *m = vt_def_find(def, VT_KIND_MEASURE,
						 measure);
	struct vt_spc_options o;
	struct vt_series s;
	struct vt_spc c;
	size_t *breaks = NULL, i;
	bool *expected = NULL;
	enum vt_err result;

	*out = NULL;
	if (!m) {
		snprintf(why, whysize, "there is no measure '%s'", measure);
		return VT_ENOTFOUND;
	}
	if (req->breakdown && !has_breakdown(m, req->breakdown)) {
		snprintf(why, whysize, "measure '%s' has no breakdown '%s'",
			 measure, req->breakdown);
		return VT_ENOTFOUND;
	}
	result = vt_measure_series(def, measure, req->breakdown, &s);
	if (result)
		return result;
	breaks = calloc(req->nrebaseline + 1, sizeof(*breaks));
	expected = calloc(s.n + 1, sizeof(*expected));
	if (!breaks || !expected)
		result = VT_ENOMEM;
	for (i = 0; !result && i < req->nrebaseline; i++) {
		breaks[i] = index_of(&s, req->rebaseline[i]);
		if (breaks[i] == s.n || breaks[i] == 0 ||
		    (i && breaks[i] <= breaks[i - 1])) {
			snprintf(why, whysize, "cannot re-baseline at '%s': "
				 "it must be a period of the series after its "
				 "first (and after any earlier re-baseline)",
				 req->rebaseline[i]);
			result = VT_EINVAL;
		}
	}
	for (i = 0; !result && i < s.n; i++)
		expected[i] = vt_spc_expected(m, s.periods[i]);
	if (!result) {
		o = (struct vt_spc_options){ m->direction, m->target,
			req->no_screen, req->baseline, breaks,
			req->nrebaseline, expected };
		result = vt_spc_compute(s.values, s.n, &o, &c);
	}
	if (!result) {
		*out = chart_json(m, req->breakdown, &s, &c);
		if (!*out)
			result = VT_ENOMEM;
		vt_spc_release(&c);
	}
	free(breaks);
	free(expected);
	vt_series_release(&s);
	return result;
}
