/* A multi-agency measure's partnership figure: its contributors' parts summed, period by period, and who is still missing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/period.h"
#include "vitals/spc.h"

struct part {
	struct vt_period period;
	size_t contributor;	/* index in the measure's list */
	const struct vt_value *v;
};

static int by_period_contributor_version(const void *a, const void *b)
{
	const struct part *x = a, *y = b;
	int c = vt_period_compare(&x->period, &y->period);

	if (c)
		return c;
	if (x->contributor != y->contributor)
		return x->contributor < y->contributor ? -1 : 1;
	return (x->v->version > y->v->version) -
	       (x->v->version < y->v->version);
}

/* The sum of the latest parts in [from, to) of one period. */
static enum vt_err figure_of(const struct vt_measure *m,
			     const struct part *from, const struct part *to,
			     struct vt_partnership_figure *f)
{
	bool ratio = vt_measure_sums_ratio(m);
	double sum = 0, num = 0, den = 0;
	bool *in = calloc(m->ncontributors + 1, sizeof(*in));
	const struct part *p;
	size_t i;

	if (!in)
		return VT_ENOMEM;
	f->missing = calloc(m->ncontributors + 1, sizeof(*f->missing));
	if (!f->missing) {
		free(in);
		return VT_ENOMEM;
	}
	vt_period_format(&from->period, f->period);
	for (p = from; p < to; p++) {
		const struct vt_value *v = p->v;

		/* The latest version of a part is the last of its run. */
		if (p + 1 < to && p[1].contributor == p->contributor)
			continue;
		in[p->contributor] = true;
		f->parts++;
		if (isnan(v->value) ||
		    (ratio && (isnan(v->numerator) || isnan(v->denominator))))
			f->withheld = true;
		sum += v->value;
		num += v->numerator;
		den += v->denominator;
	}
	for (i = 0; i < m->ncontributors; i++)
		if (!in[i])
			f->missing[f->nmissing++] = m->contributors[i].agency;
	free(in);
	f->complete = f->nmissing == 0;
	f->numerator = f->denominator = NAN;
	if (f->withheld) {
		f->value = NAN;
	} else if (ratio) {
		f->numerator = num;
		f->denominator = den;
		f->value = den > 0 ? num / den *
			(m->unit == VT_UNIT_PERCENT ? 100 : 10000) : NAN;
	} else {
		f->value = sum;
	}
	return VT_OK;
}

enum vt_err vt_measure_partnership(const struct vt_measure *m,
				   const struct vt_value *const *vals,
				   size_t nv,
				   struct vt_partnership_series *out)
{
	struct part *parts = calloc(nv ? nv : 1, sizeof(*parts));
	size_t i, j, n = 0, periods = 0;
	enum vt_err result = VT_OK;

	memset(out, 0, sizeof(*out));
	if (!parts)
		return VT_ENOMEM;
	for (i = 0; i < nv; i++) {
		const struct vt_value *v = vals[i];

		if (strcmp(v->measure, m->code) || !v->breakdown ||
		    (v->status != VT_STATUS_SUBMITTED &&
		     v->status != VT_STATUS_APPROVED) ||
		    vt_period_parse(v->period, &parts[n].period))
			continue;
		for (j = 0; j < m->ncontributors; j++)
			if (!strcmp(m->contributors[j].agency, v->breakdown))
				break;
		if (j == m->ncontributors)
			continue;
		parts[n].contributor = j;
		parts[n++].v = v;
	}
	qsort(parts, n, sizeof(*parts), by_period_contributor_version);
	for (i = 0; i < n; i++)
		if (!i || vt_period_compare(&parts[i].period,
					    &parts[i - 1].period))
			periods++;
	out->figures = calloc(periods ? periods : 1, sizeof(*out->figures));
	if (!out->figures) {
		free(parts);
		return VT_ENOMEM;
	}
	for (i = 0; i < n && !result; i = j) {
		for (j = i + 1; j < n && !vt_period_compare(&parts[i].period,
							    &parts[j].period);
		     j++)
			;
		result = figure_of(m, parts + i, parts + j,
				   &out->figures[out->n++]);
	}
	free(parts);
	if (result)
		vt_partnership_series_release(out);
	return result;
}

enum vt_err vt_measure_partnership_def(const struct vt_def *def,
				       const struct vt_measure *m,
				       struct vt_partnership_series *out)
{
	size_t nv = vt_def_count(def, VT_KIND_VALUE), i, n = 0;
	const struct vt_value **mine = calloc(nv ? nv : 1, sizeof(*mine));
	enum vt_err result;

	if (!mine)
		return VT_ENOMEM;
	for (i = 0; i < nv; i++) {
		const struct vt_value *v = vt_def_at(def, VT_KIND_VALUE, i);

		if (!strcmp(v->measure, m->code))
			mine[n++] = v;
	}
	result = vt_measure_partnership(m, mine, n, out);
	free(mine);
	return result;
}

void vt_partnership_series_release(struct vt_partnership_series *s)
{
	size_t i;

	for (i = 0; s && i < s->n; i++)
		free(s->figures[i].missing);
	if (s) {
		free(s->figures);
		memset(s, 0, sizeof(*s));
	}
}

const struct vt_partnership_figure *
vt_partnership_figure_of(const struct vt_partnership_series *s,
			 const char *period)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->figures[i].period, period))
			return &s->figures[i];
	return NULL;
}

json_t *vt_partnership_figure_json(const struct vt_partnership_figure *f)
{
	json_t *missing = json_array();
	size_t i;

	for (i = 0; missing && i < f->nmissing; i++)
		if (json_array_append_new(missing,
					  json_string(f->missing[i]))) {
			json_decref(missing);
			return NULL;
		}
	if (!missing)
		return NULL;
	return json_pack("{s:s, s:o, s:o, s:o, s:I, s:b, s:b, s:o}",
			 "period", f->period, "value", vt_json_number(f->value),
			 "numerator", vt_json_number(f->numerator),
			 "denominator", vt_json_number(f->denominator),
			 "parts", (json_int_t)f->parts,
			 "complete", f->complete, "provisional", !f->complete,
			 "missing", missing);
}

static json_t *contributors_json(const struct vt_measure *m)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < m->ncontributors; i++)
		if (json_array_append_new(arr,
				json_string(m->contributors[i].agency))) {
			json_decref(arr);
			return NULL;
		}
	return arr;
}

json_t *vt_partnership_json(const struct vt_def *def,
			    const struct vt_measure *m, const char *period)
{
	struct vt_partnership_series ps;
	struct vt_partnership_figure none;
	const struct vt_partnership_figure *f;
	json_t *obj = NULL, *who;
	size_t i;

	if (vt_measure_partnership_def(def, m, &ps))
		return NULL;
	f = vt_partnership_figure_of(&ps, period);
	memset(&none, 0, sizeof(none));
	if (!f) {
		/* Nothing in yet: every contributor is missing. */
		snprintf(none.period, sizeof(none.period), "%s", period);
		none.value = none.numerator = none.denominator = NAN;
		none.missing = calloc(m->ncontributors + 1,
				      sizeof(*none.missing));
		for (i = 0; none.missing && i < m->ncontributors; i++)
			none.missing[none.nmissing++] =
				m->contributors[i].agency;
		f = none.missing ? &none : NULL;
	}
	if (f)
		obj = vt_partnership_figure_json(f);
	who = contributors_json(m);
	if (obj && (!who || json_object_set_new(obj, "contributors", who))) {
		json_decref(obj);
		obj = NULL;
	} else if (!obj) {
		json_decref(who);
	}
	free(none.missing);
	vt_partnership_series_release(&ps);
	return obj;
}
