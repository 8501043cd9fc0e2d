/* Each measure's status for a period: change, SPC reading, rate, gaps to England and neighbours, actions. */
#include "vitals/status.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/actions.h"
#include "vitals/period.h"

static int year_of(const char *period)
{
	struct vt_period p;

	return vt_period_parse(period, &p) ? 0 : p.year;
}

int vt_population_year(const struct vt_def *def, const char *period,
		       double *children)
{
	const struct vt_partnership *p;
	int year = year_of(period), best = 0;
	size_t i;

	*children = NAN;
	if (!vt_def_count(def, VT_KIND_PARTNERSHIP))
		return 0;
	p = vt_def_at(def, VT_KIND_PARTNERSHIP, 0);
	for (i = 0; i < p->npopulation; i++) {
		int y = (int)p->population[i].year;

		if (y <= year && y > best && p->population[i].children > 0) {
			best = y;
			*children = (double)p->population[i].children;
		}
	}
	return best;
}

double vt_rate_per_10k(const struct vt_def *def, const char *period,
		       double value)
{
	double children;

	if (isnan(value) || !vt_population_year(def, period, &children))
		return NAN;
	return value / children * 10000.0;
}

/* Whether 'p' ends by the end of 'at' (of any kind). */
static bool ends_by(const struct vt_period *p, const struct vt_period *at,
		    int fy)
{
	struct vt_date a, b;

	if (p->kind == at->kind)
		return vt_period_compare(p, at) <= 0;
	if (vt_period_last_day(p, fy, &a) || vt_period_last_day(at, fy, &b))
		return false;
	return vt_date_to_days(&a) <= vt_date_to_days(&b);
}

/*
 * The sum of the four quarters to 'period' (the last four figures of
 * 's', which ends there), as the measure's figure for a year beside
 * yearly comparators; NaN unless all four are there.
 */
static double four_quarters_to(const struct vt_series *s, const char *period)
{
	struct vt_period at, p;
	double sum = 0;
	size_t i;

	if (s->n < 4 || vt_period_parse(period, &at) ||
	    at.kind != VT_PERIOD_QUARTER ||
	    strcmp(s->periods[s->n - 1], period))
		return NAN;
	for (i = s->n - 4; i < s->n; i++) {
		if (vt_period_parse(s->periods[i], &p) ||
		    vt_period_distance(&p, &at) != (long)(s->n - 1 - i))
			return NAN;
		sum += s->values[i];
	}
	return sum;
}

/* ------------------------------------------------------------------ */

static const char *reading_of(const struct vt_measure *m, int type,
			      bool has_value)
{
	if (!has_value)
		return "no figure";
	if (m->direction == VT_DIRECTION_NONE)
		return "no direction";
	switch (type) {
	case VT_SPC_IMPROVEMENT:
		return "improving";
	case VT_SPC_CONCERN:
		return "deteriorating";
	case VT_SPC_EXPECTED:
		return "deteriorating (expected)";
	default:
		return "no significant change";
	}
}

/* The chart of the series up to and including 'upto'. */
static enum vt_err chart(const struct vt_measure *m,
			 const struct vt_series *s, size_t upto,
			 struct vt_spc *c)
{
	struct vt_spc_options o = { m->direction, m->target, false, 0, NULL,
				    0, NULL };
	bool *expected = calloc(upto + 1, sizeof(*expected));
	enum vt_err result;
	size_t i;

	if (!expected)
		return VT_ENOMEM;
	for (i = 0; i < upto; i++)
		expected[i] = vt_spc_expected(m, s->periods[i]);
	o.expected = expected;
	result = vt_spc_compute(s->values, upto, &o, c);
	free(expected);
	return result;
}

/* The chart of the status's series, and all that is read from it. */
static enum vt_err read_chart(const struct vt_def *def,
			      struct vt_measure_status *st, bool has_value)
{
	const struct vt_measure *m = st->measure;
	enum vt_err result = chart(m, &st->series, st->series.n, &st->spc);

	if (result)
		return result;
	st->variation = has_value ? st->spc.variation : VT_SPC_COMMON;
	st->assurance = st->spc.assurance;
	st->reading = reading_of(m, st->variation, has_value);
	st->contradiction = st->variation == VT_SPC_CONCERN &&
			    vt_actions_all_green(def, m->code);
	return VT_OK;
}

static enum vt_err one_status(const struct vt_def *def,
			      const struct vt_value_index *ix,
			      const struct vt_cmp_index *cx,
			      const struct vt_measure *m, const char *period,
			      const struct vt_period *at,
			      struct vt_measure_status *st)
{
	const struct vt_action **linked = NULL;
	struct vt_series *s = &st->series;
	int fy = vt_def_fy_start(def);
	struct vt_period p;
	size_t i, upto = 0, nlinked = 0;
	enum vt_err result;
	bool has_value = false;

	memset(st, 0, sizeof(*st));
	st->measure = m;
	st->value = st->previous = st->change = st->rate = NAN;
	st->gap_england = st->gap_neighbours = st->ours = NAN;
	result = vt_measure_series_indexed(ix, m->code, NULL, s);
	if (result)
		return result;
	/* The figures that end by the period's end; the previous is the
	   one before the last.  A yearly measure in a quarter's pack shows
	   its latest year, as at its date: never "no figure" while one is
	   there.  A figure of the measure's own kind of period is the
	   period's or none. */
	for (i = 0; i < s->n; i++) {
		if (vt_period_parse(s->periods[i], &p) ||
		    !ends_by(&p, at, fy))
			break;
		upto = i + 1;
	}
	s->n = upto;
	for (i = 0; i < s->ngaps; i++)
		if (vt_period_parse(s->gaps[i], &p) || !ends_by(&p, at, fy))
			break;
	s->ngaps = i;
	if (upto && (!strcmp(s->periods[upto - 1], period) ||
		     (!vt_period_parse(s->periods[upto - 1], &p) &&
		      p.kind != at->kind))) {
		has_value = true;
		snprintf(st->figure_period, sizeof(st->figure_period), "%s",
			 s->periods[upto - 1]);
		st->value = s->values[upto - 1];
		if (upto >= 2) {
			st->previous = s->values[upto - 2];
			snprintf(st->previous_period,
				 sizeof(st->previous_period), "%s",
				 s->periods[upto - 2]);
			st->change = st->value - st->previous;
		}
	}
	st->points = upto;
	result = read_chart(def, st, has_value);
	if (result)
		return result;
	if (!has_value)
		snprintf(st->figure_period, sizeof(st->figure_period), "%s",
			 period);
	st->rate = m->unit == VT_UNIT_COUNT
			   ? vt_rate_per_10k(def, st->figure_period, st->value)
			   : m->unit == VT_UNIT_RATE10K ? st->value : NAN;
	vt_compare_indexed(def, cx, m, st->figure_period, &st->cmp);
	{
		/* Ours beside theirs: a count as a rate (over four quarters
		   when it is a flow), anything else as it is. */
		double ours = m->unit == VT_UNIT_COUNT ? st->rate : st->value;

		if (m->compare == VT_COMPARE_FOUR_QUARTERS)
			ours = has_value ? vt_compare_ours(def, m, s,
				st->cmp.period) : NAN;
		if (m->compare == VT_COMPARE_FOUR_QUARTERS && isnan(ours) &&
		    has_value) {
			ours = four_quarters_to(s, st->figure_period);
			if (m->unit == VT_UNIT_COUNT)
				ours = vt_rate_per_10k(def, st->figure_period,
						       ours);
		}
		st->ours = ours;
		st->gap_england = ours - st->cmp.england;
		st->gap_neighbours = ours - st->cmp.neighbours;
	}
	result = vt_actions_for_measure(def, m->code, &linked, &nlinked);
	if (result)
		return result;
	for (i = 0; i < nlinked; i++)
		if ((unsigned)linked[i]->rag < VT_RAG__MAX)
			st->actions[linked[i]->rag]++;
	free(linked);
	return VT_OK;
}

enum vt_err vt_measure_status_reread(const struct vt_def *def,
				     struct vt_measure_status *st)
{
	vt_spc_release(&st->spc);
	return read_chart(def, st, !isnan(st->value));
}

void vt_measures_status_release(struct vt_measure_status *st, size_t n)
{
	size_t i;

	for (i = 0; st && i < n; i++) {
		vt_series_release(&st[i].series);
		vt_spc_release(&st[i].spc);
	}
	free(st);
}

enum vt_err vt_measures_status(const struct vt_def *def, const char *period,
			       struct vt_measure_status **out, size_t *n)
{
	struct vt_cmp_index cx = { NULL, 0 };
	struct vt_value_index vx = { NULL, 0, NULL };
	enum vt_err result = vt_cmp_index_build(def, &cx);

	*out = NULL;
	*n = 0;
	if (!result)
		result = vt_value_index_build(def, &vx);
	if (!result)
		result = vt_measures_status_indexed(def, &cx, &vx, period,
						    out, n);
	vt_value_index_release(&vx);
	vt_cmp_index_release(&cx);
	return result;
}

enum vt_err vt_measures_status_indexed(const struct vt_def *def,
				       const struct vt_cmp_index *cx,
				       const struct vt_value_index *vx,
				       const char *period,
				       struct vt_measure_status **out,
				       size_t *n)
{
	size_t count = vt_def_count(def, VT_KIND_MEASURE), i;
	struct vt_period at;
	enum vt_err result = VT_OK;

	*out = NULL;
	*n = 0;
	if (vt_period_parse(period, &at))
		return VT_EINVAL;
	*out = calloc(count ? count : 1, sizeof(**out));
	if (!*out)
		return VT_ENOMEM;
	for (i = 0; i < count && !result; i++)
		result = one_status(def, vx, cx,
				    vt_def_at(def, VT_KIND_MEASURE, i),
				    period, &at, &(*out)[i]);
	if (result) {
		/* Those not reached are zeroed: releasing them is safe. */
		vt_measures_status_release(*out, count);
		*out = NULL;
		return result;
	}
	*n = count;
	return VT_OK;
}

/* A multi-agency measure's status names its contributors and says
   whose part of the period is still missing. */
static json_t *with_parts(json_t *obj, const struct vt_def *def,
			  const struct vt_measure *m, const char *period)
{
	json_t *j;

	if (!obj || !m->ncontributors)
		return obj;
	j = vt_partnership_json(def, m, period);
	if (!j || json_object_set_new(obj, "partnership", j)) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

static json_t *status_json(const struct vt_measure_status *s)
{
	const struct vt_measure *m = s->measure;

	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s?, "
		"s:o, s:s, s:s, s:s, s:I, s:o, s:s?, s:s?, s:o, s:s?, s:o, "
		"s:o, s:o, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:{s:I, s:I, s:I, "
		"s:I}, s:b}",
		"measure", m->code, "title", m->title, "plan", m->plan,
		"agency", m->agency,
		"direction", vt_direction_names[m->direction],
		"unit", vt_unit_names[m->unit],
		"figure_period", s->figure_period,
		"value", vt_json_number(s->value), "previous", vt_json_number(s->previous),
		"previous_period", s->previous_period[0] ?
			s->previous_period : NULL,
		"change", vt_json_number(s->change), "reading", s->reading,
		"variation", vt_spc_type_names[s->variation],
		"assurance", vt_assurance_names[s->assurance],
		"points", (json_int_t)s->points,
		"rate_per_10k", vt_json_number(s->rate),
		"comparator_period", s->cmp.period[0] ? s->cmp.period : NULL,
		"comparator_as_at", s->cmp.as_at[0] ? s->cmp.as_at : NULL,
		"england", vt_json_number(s->cmp.england),
		"region_name", s->cmp.region_name[0] ? s->cmp.region_name
						     : NULL,
		"region", vt_json_number(s->cmp.region),
		"own_published", vt_json_number(s->cmp.own),
		"neighbours", vt_json_number(s->cmp.neighbours),
		"neighbours_used", (json_int_t)s->cmp.neighbours_used,
		"neighbours_suppressed",
		(json_int_t)s->cmp.neighbours_suppressed,
		"rank", s->cmp.rank ? json_integer((json_int_t)s->cmp.rank)
				    : json_null(),
		"of", s->cmp.rank ? json_integer((json_int_t)s->cmp.of)
				  : json_null(),
		"ours_compared", vt_json_number(s->ours),
		"gap_england", vt_json_number(s->gap_england),
		"gap_neighbours", vt_json_number(s->gap_neighbours),
		"actions", "red", (json_int_t)s->actions[VT_RAG_RED],
		"amber", (json_int_t)s->actions[VT_RAG_AMBER],
		"green", (json_int_t)s->actions[VT_RAG_GREEN],
		"blue", (json_int_t)s->actions[VT_RAG_BLUE],
		"contradiction", s->contradiction);
}

json_t *vt_measures_status_json(const struct vt_def *def, const char *period,
				const struct vt_measure_status *st, size_t n)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < n; i++)
		if (json_array_append_new(arr, with_parts(status_json(&st[i]),
			def, st[i].measure, period))) {
			json_decref(arr);
			return NULL;
		}
	return arr ? json_pack("{s:s, s:b, s:o}", "period", period,
			       "illustrative", vt_def_illustrative(def),
			       "measures", arr) : NULL;
}
