/* A measure beside the published figures: England, its region, its neighbours and its rank, period by period. */
#include "vitals/compare.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/spc.h"
#include "vitals/status.h"
#include "vitals/strparse.h"

static const struct vt_partnership *partnership_of(const struct vt_def *def)
{
	return vt_def_count(def, VT_KIND_PARTNERSHIP)
		       ? vt_def_at(def, VT_KIND_PARTNERSHIP, 0) : NULL;
}

int vt_def_fy_start(const struct vt_def *def)
{
	const struct vt_partnership *p = partnership_of(def);

	return p && vt_fy_start_month_valid((int)p->fy_start_month)
		       ? (int)p->fy_start_month : 4;
}

/* The last day of period 'id' as days since 1970; false if none. */
static bool last_day(const char *id, int fy, long *out)
{
	struct vt_period p;
	struct vt_date d;

	if (vt_period_parse(id, &p) || vt_period_last_day(&p, fy, &d))
		return false;
	*out = vt_date_to_days(&d);
	return true;
}

static bool first_day(const char *id, int fy, long *out)
{
	struct vt_period p;
	struct vt_date d;

	if (vt_period_parse(id, &p) || vt_period_first_day(&p, fy, &d))
		return false;
	*out = vt_date_to_days(&d);
	return true;
}

static int kind_of(const char *id)
{
	struct vt_period p;

	return vt_period_parse(id, &p) ? -1 : (int)p.kind;
}

/*
 * The figure of a comparator to set beside a measure: a rate per 10,000
 * for a count or a rate (never a count: England's count is not ours), as
 * published for anything else.
 */
static double comparable(const struct vt_measure *m,
			 const struct vt_comparator *c)
{
	if (m->unit == VT_UNIT_COUNT || m->unit == VT_UNIT_RATE10K)
		return c->rate;
	return c->value;
}

static bool is_neighbour(const struct vt_partnership *p, const char *area)
{
	size_t i;

	for (i = 0; p && i < p->nneighbours; i++)
		if (!strcmp(p->neighbours[i].la, area))
			return true;
	return false;
}

/* Better first by the measure's direction; NaN never reaches here. */
static bool better(const struct vt_measure *m, double a, double b)
{
	return m->direction == VT_DIRECTION_REDUCE ? a < b : a > b;
}

/*
 * The comparators of 'm', in the order of the definition: the loops
 * below read these rather than every measure's (at 16 times the demo,
 * hundreds of thousands), so a series of many periods costs one pass.
 */
/* A comparison with nothing found: every figure not a number. */
static void no_comparison(struct vt_comparison *out)
{
	memset(out, 0, sizeof(*out));
	out->england = out->region = out->own = out->neighbours = NAN;
}

static enum vt_err comparators_of(const struct vt_def *def,
				  const struct vt_measure *m,
				  const struct vt_comparator ***out, size_t *nout)
{
	size_t n = vt_def_count(def, VT_KIND_COMPARATOR), i, k = 0, cap = 0;
	const struct vt_comparator **cs = NULL;

	*out = NULL;
	*nout = 0;
	for (i = 0; i < n; i++) {
		const struct vt_comparator *c =
			vt_def_at(def, VT_KIND_COMPARATOR, i);

		if (strcmp(c->measure, m->code))
			continue;
		if (k == cap) {
			const struct vt_comparator **more;

			cap = cap ? cap * 2 : 64;
			more = realloc(cs, cap * sizeof(*cs));
			if (!more) {
				free(cs);
				return VT_ENOMEM;
			}
			cs = more;
		}
		cs[k++] = c;
	}
	*out = cs;
	*nout = k;
	return VT_OK;
}

static void compare_in(const struct vt_def *def, const struct vt_measure *m,
		       const char *cperiod,
		       const struct vt_comparator *const *cs, size_t n,
		       struct vt_comparison *out);

void vt_compare_at(const struct vt_def *def, const struct vt_measure *m,
		   const char *cperiod, struct vt_comparison *out)
{
	const struct vt_comparator **cs;
	size_t n;

	if (comparators_of(def, m, &cs, &n)) {
		no_comparison(out);
		return;
	}
	compare_in(def, m, cperiod, cs, n, out);
	free(cs);
}

static void compare_in(const struct vt_def *def, const struct vt_measure *m,
		       const char *cperiod,
		       const struct vt_comparator *const *cs, size_t n,
		       struct vt_comparison *out)
{
	const struct vt_partnership *p = partnership_of(def);
	size_t i;
	const char *region = NULL;
	double sum = 0, own = NAN;
	struct vt_period per;
	struct vt_date d;

	no_comparison(out);
	snprintf(out->period, sizeof(out->period), "%s", cperiod);
	if (p && p->neighbour_set)
		snprintf(out->neighbour_set, sizeof(out->neighbour_set), "%s",
			 p->neighbour_set);
	if (!vt_period_parse(cperiod, &per) &&
	    !vt_period_last_day(&per, vt_def_fy_start(def), &d)) {
		char iso[11];

		vt_date_format(&d, iso);
		vt_date_words(iso, out->as_at);
	}
	for (i = 0; i < n; i++) {
		const struct vt_comparator *c = cs[i];
		double v;

		if (strcmp(c->measure, m->code) || strcmp(c->period, cperiod))
			continue;
		v = comparable(m, c);
		if (c->level == VT_LEVEL_NATIONAL) {
			out->england = v;
		} else if (c->level == VT_LEVEL_LOCAL_AUTHORITY) {
			if (!isnan(v))
				out->of++;
			if (p && p->la_code && !strcmp(c->area, p->la_code)) {
				own = out->own = v;
				region = c->region;
			} else if (is_neighbour(p, c->area)) {
				if (!isnan(v) && isfinite(sum + v)) {
					sum += v;
					out->neighbours_used++;
				} else if (c->suppressed) {
					out->neighbours_suppressed++;
				}
			}
		}
	}
	for (i = 0; region && i < n; i++) {
		const struct vt_comparator *c = cs[i];

		if (!strcmp(c->measure, m->code) &&
		    !strcmp(c->period, cperiod) &&
		    c->level == VT_LEVEL_REGIONAL && !strcmp(c->area, region)) {
			out->region = comparable(m, c);
			snprintf(out->region_name, sizeof(out->region_name),
				 "%s", c->name);
		}
	}
	/* The rank: one more than the LAs published as better. */
	if (!isnan(own) && m->direction != VT_DIRECTION_NONE) {
		out->rank = 1;
		for (i = 0; i < n; i++) {
			const struct vt_comparator *c = cs[i];
			double v = comparable(m, c);

			if (c->level == VT_LEVEL_LOCAL_AUTHORITY &&
			    !isnan(v) && !strcmp(c->measure, m->code) &&
			    !strcmp(c->period, cperiod) && better(m, v, own))
				out->rank++;
		}
		out->quartile = (int)((out->rank - 1) * 4 / out->of) + 1;
	} else {
		out->of = 0;
	}
	if (p && p->nneighbours > out->neighbours_used)
		out->neighbours_withheld = p->nneighbours -
					   out->neighbours_used;
	if (out->neighbours_used)
		out->neighbours = sum / (double)out->neighbours_used;
}

/* Whether 'cperiod' may meet a figure of 'period' as 'm' says. */
static bool meets(const struct vt_measure *m, const char *period,
		  const char *cperiod)
{
	if (m->compare == VT_COMPARE_SAME_PERIOD)
		return kind_of(period) == kind_of(cperiod);
	/* A snapshot or a sum meets yearly figures from any period. */
	return kind_of(cperiod) == VT_PERIOD_YEAR;
}

/* The comparison of a figure of 'period' among 'cs', the comparators of
   'm' (vt_compare). */
static void compare_among(const struct vt_def *def, const struct vt_measure *m,
			  const char *period,
			  const struct vt_comparator *const *cs, size_t n,
			  struct vt_comparison *out)
{
	size_t i;
	int fy = vt_def_fy_start(def);
	const char *best = NULL;
	long end, best_end = 0, e;

	no_comparison(out);
	if (!last_day(period, fy, &end))
		return;
	for (i = 0; i < n; i++) {
		const struct vt_comparator *c = cs[i];

		if (!last_day(c->period, fy, &e) || e > end ||
		    (best && e <= best_end) || !meets(m, period, c->period))
			continue;
		best = c->period;
		best_end = e;
	}
	if (best) {
		compare_in(def, m, best, cs, n, out);
		out->older = best_end < end;
	}
}

void vt_compare(const struct vt_def *def, const struct vt_measure *m,
		const char *period, struct vt_comparison *out)
{
	const struct vt_comparator **cs;
	size_t n;

	if (comparators_of(def, m, &cs, &n)) {
		no_comparison(out);
		return;
	}
	compare_among(def, m, period, cs, n, out);
	free(cs);
}

struct placed {
	const struct vt_comparator *c;
	size_t at;
};

static int by_measure_then_place(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;
	int d = strcmp(x->c->measure, y->c->measure);

	return d ? d : (x->at > y->at) - (x->at < y->at);
}

enum vt_err vt_cmp_index_build(const struct vt_def *def,
			       struct vt_cmp_index *ix)
{
	size_t n = vt_def_count(def, VT_KIND_COMPARATOR), i;
	struct placed *p = calloc(n + 1, sizeof(*p));
	bool in_order = true;

	memset(ix, 0, sizeof(*ix));
	ix->by_measure = calloc(n + 1, sizeof(*ix->by_measure));
	if (!p || !ix->by_measure) {
		free(p);
		vt_cmp_index_release(ix);
		return VT_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		p[i].c = vt_def_at(def, VT_KIND_COMPARATOR, i);
		p[i].at = i;
		in_order = in_order && (i == 0 || strcmp(p[i - 1].c->measure,
							p[i].c->measure) <= 0);
	}
	/* The store reads them in key order, measure first: then they are
	   grouped already, and sorting hundreds of thousands is time lost. */
	if (!in_order)
		qsort(p, n, sizeof(*p), by_measure_then_place);
	for (i = 0; i < n; i++)
		ix->by_measure[i] = p[i].c;
	ix->n = n;
	free(p);
	return VT_OK;
}

void vt_cmp_index_release(struct vt_cmp_index *ix)
{
	free(ix->by_measure);
	memset(ix, 0, sizeof(*ix));
}

/* Where the comparators of 'm' are in 'ix': [*from, *to). */
static void index_find(const struct vt_cmp_index *ix,
		       const struct vt_measure *m, size_t *from, size_t *to)
{
	size_t lo = 0, hi = ix->n, end;

	/* The first of the measure's, by halving; then its last. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ix->by_measure[mid]->measure, m->code) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < ix->n &&
	     !strcmp(ix->by_measure[end]->measure, m->code); end++)
		;
	*from = lo;
	*to = end;
}

void vt_compare_indexed(const struct vt_def *def,
			const struct vt_cmp_index *ix,
			const struct vt_measure *m, const char *period,
			struct vt_comparison *out)
{
	size_t from, to;

	index_find(ix, m, &from, &to);
	compare_among(def, m, period, ix->by_measure + from, to - from, out);
}

/* A count as a rate per 10,000 children of the period; others as they
   are. */
static double in_their_terms(const struct vt_def *def,
			     const struct vt_measure *m, const char *period,
			     double v)
{
	if (m->unit == VT_UNIT_COUNT)
		return vt_rate_per_10k(def, period, v);
	return v;
}

double vt_compare_ours(const struct vt_def *def, const struct vt_measure *m,
		       const struct vt_series *s, const char *cperiod)
{
	int fy = vt_def_fy_start(def);
	long from, to, e;
	double sum = 0;
	size_t i, parts = 0;

	if (!first_day(cperiod, fy, &from) || !last_day(cperiod, fy, &to))
		return NAN;
	for (i = 0; i < s->n; i++) {
		if (!last_day(s->periods[i], fy, &e))
			continue;
		if (m->compare == VT_COMPARE_FOUR_QUARTERS) {
			if (kind_of(s->periods[i]) == VT_PERIOD_QUARTER &&
			    e >= from && e <= to && !isnan(s->values[i])) {
				sum += s->values[i];
				parts++;
			}
		} else if (e == to && (m->compare == VT_COMPARE_SNAPSHOT ||
				       !strcmp(s->periods[i], cperiod))) {
			return in_their_terms(def, m, cperiod, s->values[i]);
		}
	}
	return parts == 4 ? in_their_terms(def, m, cperiod, sum) : NAN;
}

/* ------------------------------------------------------------------ */

static int by_period(const void *a, const void *b)
{
	const struct vt_cmp_point *x = a, *y = b;
	struct vt_period p, q;

	if (vt_period_parse(x->cmp.period, &p) ||
	    vt_period_parse(y->cmp.period, &q))
		return strcmp(x->cmp.period, y->cmp.period);
	return vt_period_compare(&p, &q);
}

struct in_period {
	const struct vt_comparator *c;
	size_t at;
};

/* By period as written, then as given: compare_in takes the last of a
   level it meets, so each period's comparators keep their order. */
static int by_period_then_place(const void *a, const void *b)
{
	const struct in_period *x = a, *y = b;
	int d = strcmp(x->c->period, y->c->period);

	return d ? d : (x->at > y->at) - (x->at < y->at);
}

/* Where the comparators of 'period' are in 'sorted': [*from, *to). */
static void period_find(const struct vt_comparator *const *sorted, size_t n,
			const char *period, size_t *from, size_t *to)
{
	size_t lo = 0, hi = n, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(sorted[mid]->period, period) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < n && !strcmp(sorted[end]->period, period); end++)
		;
	*from = lo;
	*to = end;
}

/* The series of 'm' among its comparators 'cs' (as vt_cmp_series).  A
   long series meets each of its periods once: the comparators are
   grouped by period first, so each point reads its own, not all. */
static enum vt_err series_among(const struct vt_def *def,
				const struct vt_measure *m,
				const struct vt_series *given,
				const struct vt_comparator *const *cs,
				size_t n, struct vt_cmp_series *out)
{
	size_t i, from, to;
	int fy = vt_def_fy_start(def);
	struct vt_series read = { 0 };
	const struct vt_series *s = given ? given : &read;
	struct in_period *ps = calloc(n + 1, sizeof(*ps));
	const struct vt_comparator **sorted = calloc(n + 1, sizeof(*sorted));
	enum vt_err result = VT_OK;

	out->points = calloc(n + 1, sizeof(*out->points));
	if (!out->points || !ps || !sorted) {
		free(ps);
		free(sorted);
		vt_cmp_series_release(out);
		return VT_ENOMEM;
	}
	for (i = 0; i < n; i++)
		ps[i] = (struct in_period){ cs[i], i };
	qsort(ps, n, sizeof(*ps), by_period_then_place);
	for (i = 0; i < n; i++)
		sorted[i] = ps[i].c;
	free(ps);
	for (i = 0; i < n; i++) {
		if (i && !strcmp(sorted[i]->period, sorted[i - 1]->period))
			continue;
		if (kind_of(sorted[i]->period) < 0)
			continue;
		snprintf(out->points[out->n++].cmp.period,
			 sizeof(out->points[0].cmp.period), "%s",
			 sorted[i]->period);
	}
	qsort(out->points, out->n, sizeof(*out->points), by_period);
	if (!given)
		result = vt_measure_series(def, m->code, NULL, &read);
	if (result) {
		free(sorted);
		vt_cmp_series_release(out);
		return result;
	}
	for (i = 0; i < out->n; i++) {
		struct vt_cmp_point *pt = &out->points[i];
		char period[VT_PERIOD_ID_MAX];

		snprintf(period, sizeof(period), "%s", pt->cmp.period);
		period_find(sorted, n, period, &from, &to);
		compare_in(def, m, period, sorted + from, to - from, &pt->cmp);
		pt->ours = vt_compare_ours(def, m, s, period);
		vt_period_label_of(period, fy, pt->label);
	}
	free(sorted);
	vt_series_release(&read);
	return VT_OK;
}

enum vt_err vt_cmp_series(const struct vt_def *def, const struct vt_measure *m,
			  const struct vt_series *given,
			  struct vt_cmp_series *out)
{
	const struct vt_comparator **cs;
	size_t n;
	enum vt_err result = comparators_of(def, m, &cs, &n);

	memset(out, 0, sizeof(*out));
	out->measure = m;
	if (result)
		return result;
	result = series_among(def, m, given, cs, n, out);
	free(cs);
	return result;
}

enum vt_err vt_cmp_series_indexed(const struct vt_def *def,
				  const struct vt_cmp_index *ix,
				  const struct vt_measure *m,
				  const struct vt_series *given,
				  struct vt_cmp_series *out)
{
	size_t from, to;

	memset(out, 0, sizeof(*out));
	out->measure = m;
	index_find(ix, m, &from, &to);
	return series_among(def, m, given, ix->by_measure + from, to - from,
			    out);
}

long vt_cmp_series_on(const struct vt_def *def,
		      const struct vt_cmp_series *s, const char *period)
{
	long k = vt_cmp_series_at(def, s, period), e, end;
	int fy = vt_def_fy_start(def);

	if (k < 0 || !last_day(period, fy, &end) ||
	    !last_day(s->points[k].cmp.period, fy, &e) || e != end)
		return -1;
	return k;
}

long vt_cmp_series_at(const struct vt_def *def,
		      const struct vt_cmp_series *s, const char *period)
{
	int fy = vt_def_fy_start(def);
	long end, e, best = -1;
	size_t i;

	if (!last_day(period, fy, &end))
		return -1;
	/* Oldest first: the last that ends by the period's end. */
	for (i = 0; i < s->n; i++)
		if (last_day(s->points[i].cmp.period, fy, &e) && e <= end &&
		    meets(s->measure, period, s->points[i].cmp.period))
			best = (long)i;
	return best;
}

void vt_cmp_series_release(struct vt_cmp_series *s)
{
	free(s->points);
	memset(s, 0, sizeof(*s));
}

static json_t *count_or_null(size_t n, bool known)
{
	return known ? json_integer((json_int_t)n) : json_null();
}

json_t *vt_cmp_series_json(const struct vt_def *def,
			   const struct vt_cmp_series *s)
{
	const struct vt_partnership *p = partnership_of(def);
	json_t *las = json_array(), *periods = json_array();
	size_t i;

	if (!las || !periods)
		goto fail;
	for (i = 0; p && i < p->nneighbours; i++) {
		char *end;
		long n = strtol(p->neighbours[i].la, &end, 10);

		if (json_array_append_new(las, *end ? json_string(
					p->neighbours[i].la) : json_integer(n)))
			goto fail;
	}
	for (i = 0; i < s->n; i++) {
		const struct vt_cmp_point *pt = &s->points[i];
		const struct vt_comparison *c = &pt->cmp;

		if (json_array_append_new(periods, json_pack(
			"{s:s, s:s, s:o, s:o, s:o, s:o, s:I, s:I, s:o, s:o}",
			"period", c->period, "label", pt->label,
			"ours", vt_json_number(pt->ours),
			"england", vt_json_number(c->england),
			"region", vt_json_number(c->region),
			"neighbours_mean", vt_json_number(c->neighbours),
			"neighbours_n", (json_int_t)c->neighbours_used,
			"neighbours_suppressed",
			(json_int_t)c->neighbours_suppressed,
			"rank", count_or_null(c->rank, c->rank > 0),
			"of", count_or_null(c->of, c->rank > 0))))
			goto fail;
	}
	return json_pack("{s:s, s:s, s:{s:s?, s:o}, s:o}", "measure",
			 s->measure->code, "unit",
			 vt_unit_names[s->measure->unit], "neighbour_set",
			 "name", p ? p->neighbour_set : NULL, "las", las,
			 "periods", periods);
fail:
	json_decref(las);
	json_decref(periods);
	return NULL;
}

/* ------------------------------------------------------------------ */

static const char *side(double ours, double them)
{
	if (fabs(ours - them) < 0.05)
		return "level with";
	return ours < them ? "below" : "above";
}

static const char *const quartile_words[] = {
	"", "best quartile", "second quartile", "third quartile",
	"worst quartile"
};

static const char *ordinal(size_t n)
{
	if (n % 100 >= 11 && n % 100 <= 13)
		return "th";
	return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd"
							       : "th";
}

void vt_comparison_words(const struct vt_comparison *c, double ours,
			 const struct vt_measure *m, char *out, size_t size)
{
	size_t len = 0;

#define ADD(...) do { \
		int k_ = snprintf(out + len, size - len, __VA_ARGS__); \
		if (k_ > 0) \
			len = (size_t)k_ < size - len ? len + (size_t)k_ \
						      : size - 1; \
	} while (0)
	if (size == 0)
		return;
	out[0] = '\0';
	if (!c->period[0] || (isnan(c->england) && isnan(c->neighbours) &&
			      !c->rank))
		return;
	if (!isnan(c->england)) {
		if (!isnan(ours))
			ADD("%s England (%.1f)", side(ours, c->england),
			    c->england);
		else
			ADD("England %.1f", c->england);
	}
	if (!isnan(c->neighbours)) {
		if (len)
			ADD(!isnan(ours) ? " and " : ", ");
		if (!isnan(ours))
			ADD("%s ", side(ours, c->neighbours));
		ADD("%sstatistical neighbours (%.1f: %zu of %zu published%s%s)",
		    isnan(ours) ? "" : "its ", c->neighbours,
		    c->neighbours_used,
		    c->neighbours_used + c->neighbours_withheld,
		    c->neighbour_set[0] ? ", set " : "", c->neighbour_set);
	}
	if (c->rank)
		ADD("%s%zu%s of %zu local authorities, %s", len ? "; " : "",
		    c->rank, ordinal(c->rank), c->of,
		    quartile_words[c->quartile]);
	if (len && c->as_at[0])
		ADD("; published figures %s %s",
		    m->compare == VT_COMPARE_SNAPSHOT ? "at"
						      : "for the year to",
		    c->as_at);
#undef ADD
}
