/* The report model: the summary, and each plan's measures by priority with charts and readings. */
#include "vitals/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/period.h"
#include "vitals/planlife.h"
#include "vitals/strparse.h"
#include "report/assurance.h"

bool vt_report_hidden(const struct vt_report *r, const struct vt_measure *m,
		      double v)
{
	return r->publish && m->unit == VT_UNIT_COUNT && v >= 1 &&
	       v <= VT_REPORT_SMALL_COUNT;
}

const char *vt_report_figure(const struct vt_report *r,
			     const struct vt_measure *m, double v,
			     char buf[32])
{
	if (isnan(v))
		return "-";
	if (vt_report_hidden(r, m, v))
		return "<5";
	return vt_report_number(v, buf);
}

const char *vt_report_number(double v, char buf[32])
{
	if (isnan(v))
		return "-";
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, 32, "%.0f", v);
	else
		snprintf(buf, 32, "%.4g", v);
	return buf;
}

/* ------------------------------------------------------------------ */
/* The chart in words */

static const char *period_word(const struct vt_measure *m, size_t n)
{
	static const char *const words[][2] = {
		{ "month", "months" }, { "quarter", "quarters" },
		{ "year", "years" },
	};

	return words[m->frequency < 3 ? m->frequency : 1][n != 1];
}

/* The run of points ending at the last one that the rule flagged. */
static size_t run_back(const struct vt_spc *c, unsigned rule)
{
	size_t k = c->n;

	while (k > 0 && (c->points[k - 1].rules & rule))
		k--;
	return k;
}

const char *vt_report_label(const struct vt_report *r, const char *id,
			    char out[VT_PERIOD_LABEL_MAX])
{
	return vt_period_label_of(id, vt_def_fy_start(r->def), out);
}

/* ". Per 10,000 children, ours 24.0 (mid-2024 population): below
   England (25.0) and ..." */
static void comparison(const struct vt_report *r,
		       const struct vt_report_measure *rm, char *out,
		       size_t size, size_t *used)
{
	const struct vt_measure_status *st = &rm->status;
	char words[400];
	double children;

#define ADD(...) do { if (*used < size) *used += (size_t)snprintf( \
		out + *used, size - *used, __VA_ARGS__); } while (0)
	vt_comparison_words(&st->cmp, st->ours, rm->measure, words,
			    sizeof(words));
	if (!words[0])
		return;
	if (rm->measure->unit == VT_UNIT_COUNT && !isnan(st->ours))
		ADD(". Per 10,000 children, ours %.1f (mid-%d population): "
		    "%s", st->ours, vt_population_year(r->def,
			st->figure_period, &children), words);
	else
		ADD(". Compared: %s", words);
#undef ADD
}

/* For a multi-agency measure whose period is not complete: who is still
   to return a part ("police, health"), into 'out'; false otherwise. */
static bool awaiting(const struct vt_report *r, const struct vt_measure *m,
		     char *out, size_t size)
{
	struct vt_partnership_series ps;
	const struct vt_partnership_figure *f;
	size_t i, used = 0, nv;
	const struct vt_value *const *vs = vt_value_index_find(&r->values,
							       m->code, &nv);

	if (!m->ncontributors || vt_measure_partnership(m, vs, nv, &ps))
		return false;
	f = vt_partnership_figure_of(&ps, r->period);
	out[0] = '\0';
	for (i = 0; f && i < f->nmissing && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s",
					 i ? ", " : "", f->missing[i]);
	for (i = 0; !f && i < m->ncontributors && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s",
					 i ? ", " : "",
					 m->contributors[i].agency);
	vt_partnership_series_release(&ps);
	return used > 0;
}

static void describe(const struct vt_report *r, struct vt_report_measure *rm)
{
	const struct vt_measure *m = rm->measure;
	const struct vt_spc *c = &rm->status.spc;
	const struct vt_spc_point *last = c->n ? &c->points[c->n - 1] : NULL;
	const struct vt_spc_segment *seg = last ? last->segment : NULL;
	char *out = rm->reading, a[32], b[32], d[32];
	size_t size = sizeof(rm->reading), used = 0, from;
	const char *lead;
	char missing[300];

	if ((!last || isnan(rm->status.value)) &&
	    awaiting(r, m, missing, sizeof(missing))) {
		/* A partnership figure is computed once every part is in. */
		snprintf(out, size, "No figure for %s: the partnership "
			 "figure is incomplete, missing %s.", r->label,
			 missing);
		return;
	}
	if (!last || isnan(rm->status.value)) {
		snprintf(out, size, "No figure for %s.", r->label);
		return;
	}
	if (rm->provisional)
		used += (size_t)snprintf(out, size, "Provisional figure: its "
					 "return is submitted, not yet "
					 "approved. ");
	if (strcmp(rm->status.figure_period, r->period)) {
		/* A figure of a longer period, as at its date. */
		struct vt_period fp;
		struct vt_date day;
		char iso[11], words[VT_DATE_WORDS_MAX] = "";

		if (!vt_period_parse(rm->status.figure_period, &fp) &&
		    !vt_period_last_day(&fp, vt_def_fy_start(r->def), &day)) {
			vt_date_format(&day, iso);
			vt_date_words(iso, words);
		}
		if (m->compare == VT_COMPARE_SNAPSHOT)
			used += (size_t)snprintf(out, size, "Latest figure, "
				"at %s: %s. ", words,
				vt_report_figure(r, m, rm->status.value, a));
		else
			used += (size_t)snprintf(out, size, "Latest figure, "
				"%s (to %s): %s. ",
				vt_report_label(r, rm->status.figure_period, d),
				words,
				vt_report_figure(r, m, rm->status.value, a));
	}
	switch (last->type) {
	case VT_SPC_IMPROVEMENT: lead = "Special cause of improvement"; break;
	case VT_SPC_CONCERN: lead = "Special cause of concern"; break;
	case VT_SPC_EXPECTED:
		lead = "Special cause of concern, inside the window where a "
		       "rise is expected";
		break;
	case VT_SPC_NEUTRAL: lead = "Special cause variation"; break;
	default: lead = "Common cause variation: no significant change";
	}
	if (used < size)
		used += (size_t)snprintf(out + used, size - used, "%s", lead);
#define MORE(...) do { if (used < size) used += (size_t)snprintf( \
		out + used, size - used, __VA_ARGS__); } while (0)
	if (last->rules & VT_SPC_SHIFT) {
		from = run_back(c, VT_SPC_SHIFT);
		MORE(": %zu %s %s the mean since %s", c->n - from,
		     period_word(m, c->n - from), last->value > seg->mean ?
		     "above" : "below",
		     vt_report_label(r, rm->status.series.periods[from], d));
	} else if (last->rules & VT_SPC_TREND) {
		from = run_back(c, VT_SPC_TREND);
		MORE(": %zu %s %s since %s", c->n - from,
		     period_word(m, c->n - from), c->n >= 2 &&
		     last->value > c->points[c->n - 2].value ? "rising" :
		     "falling", vt_report_label(r, rm->status.series.periods[from],
					 d));
	} else if (last->rules & VT_SPC_OUTSIDE) {
		MORE(": the latest figure is %s the %s process limit",
		     last->high ? "above" : "below",
		     last->high ? "upper" : "lower");
	} else if (last->rules & VT_SPC_TWO_OF_THREE) {
		MORE(": two of the last three figures are close to the %s "
		     "limit", last->high ? "upper" : "lower");
	}
	if (rm->masked)
		MORE(" (mean and limits not published: a count below 5 is in "
		     "the series)");
	else if (!isnan(seg->ucl)) {
		/* The baseline the limits were worked from, by its ends. */
		char l1[VT_PERIOD_LABEL_MAX], l2[VT_PERIOD_LABEL_MAX];
		size_t b0 = seg->first, b1 = seg->first + seg->baseline_n - 1;

		MORE(" (mean %s, limits %s to %s",
		     vt_report_figure(r, m, seg->mean, a),
		     vt_report_figure(r, m, seg->lcl, b),
		     vt_report_figure(r, m, seg->ucl, d));
		if (seg->baseline_n >= 2 && b1 < rm->status.series.n)
			MORE(", from the %zu %s %s to %s", seg->baseline_n,
			     period_word(m, seg->baseline_n),
			     vt_report_label(r, rm->status.series.periods[b0],
					     l1),
			     vt_report_label(r, rm->status.series.periods[b1],
					     l2));
		MORE(")");
	}
	comparison(r, rm, out, size, &used);
	MORE(".");
	if (c->n < VT_SPC_MIN_POINTS)
		MORE(" Only %zu %s: the limits are provisional.", c->n,
		     period_word(m, c->n));
#undef MORE
}

/* ------------------------------------------------------------------ */

/*
 * Secondary suppression (docs/disclosure.md): in a published report, a
 * series with a hidden count loses every number a hidden count could be
 * solved from: the change to or from it, its rate and the gaps built on
 * that rate, and the series' means and limits (a mean of n points with
 * the others shown gives the hidden one).  The chart is read again with
 * each hidden count as VT_REPORT_STAND_IN, so that what the reading still
 * says (where the points lie against limits it does not print) is the
 * same whatever the count was: read against the true limits, a figure
 * just above the upper one with a count of 1 falls inside it with a 4.
 */
static enum vt_err mask_status(const struct vt_report *r,
			       struct vt_report_measure *rm)
{
	const struct vt_measure *m = rm->measure;
	struct vt_measure_status *st = &rm->status;
	size_t i;

	for (i = 0; i < st->series.n; i++)
		if (vt_report_hidden(r, m, st->series.values[i])) {
			st->series.values[i] = VT_REPORT_STAND_IN;
			rm->masked = true;
		}
	if (vt_report_hidden(r, m, st->value) ||
	    vt_report_hidden(r, m, st->previous))
		st->change = NAN;
	if (vt_report_hidden(r, m, st->previous))
		st->previous = VT_REPORT_STAND_IN;
	if (vt_report_hidden(r, m, st->value)) {
		rm->masked = true;
		st->value = VT_REPORT_STAND_IN;
		st->rate = NAN;
		st->gap_england = NAN;
		st->gap_neighbours = NAN;
	}
	return rm->masked ? vt_measure_status_reread(r->def, st) : VT_OK;
}

static void mask_limits(struct vt_report_measure *rm)
{
	size_t i;

	if (!rm->masked)
		return;
	for (i = 0; i < rm->status.spc.nsegments; i++) {
		struct vt_spc_segment *g = &rm->status.spc.segments[i];

		g->mean = g->mr = g->ucl = g->lcl = NAN;
	}
}

/*
 * Whether the figure of 'm' for 'period' is published before its return
 * is approved: the return's state decides when there is one, else the
 * figure's own (the rule of vt_reader_may_see).  A scan of the returns and
 * figures per point, done only for a provisional published pack: a few
 * million comparisons at most for a partnership's thousands of figures.
 */
static bool figure_unapproved(const struct vt_report *r,
			      const struct vt_measure *m, const char *agency,
			      const char *breakdown, const char *period)
{
	size_t i, n = vt_def_count(r->def, VT_KIND_RETURN);
	const struct vt_value *latest = NULL;

	for (i = 0; agency && i < n; i++) {
		const struct vt_return *ret = vt_def_at(r->def,
							VT_KIND_RETURN, i);

		if (!strcmp(ret->agency, agency) &&
		    !strcmp(ret->period, period))
			return ret->status != VT_RETURN_APPROVED;
	}
	n = vt_def_count(r->def, VT_KIND_VALUE);
	for (i = 0; i < n; i++) {
		const struct vt_value *v = vt_def_at(r->def, VT_KIND_VALUE, i);

		if (!v->breakdown == !breakdown &&
		    (!breakdown || !strcmp(v->breakdown, breakdown)) &&
		    !strcmp(v->measure, m->code) &&
		    !strcmp(v->period, period) &&
		    (!latest || v->version > latest->version))
			latest = v;
	}
	return latest && latest->status != VT_STATUS_APPROVED;
}

/* A multi-agency measure's figure is unapproved while any part is. */
static bool unapproved(const struct vt_report *r, const struct vt_measure *m,
		       const char *period)
{
	size_t i;

	if (!m->ncontributors)
		return figure_unapproved(r, m, m->agency, NULL, period);
	for (i = 0; i < m->ncontributors; i++)
		if (figure_unapproved(r, m, m->contributors[i].agency,
				      m->contributors[i].agency, period))
			return true;
	return false;
}

/* Which of the measure's figures are provisional (none unless the pack
   is published with submitted figures: then only approved ones show). */
static enum vt_err mark_provisional(const struct vt_report *r,
				    struct vt_report_measure *rm)
{
	const struct vt_series *s = &rm->status.series;
	size_t i;

	if (!r->provisional)
		return VT_OK;
	for (i = 0; i < s->n; i++) {
		if (!unapproved(r, rm->measure, s->periods[i]))
			continue;
		if (!rm->provisional_points) {
			rm->provisional_points = calloc(s->n, sizeof(bool));
			if (!rm->provisional_points)
				return VT_ENOMEM;
		}
		rm->provisional_points[i] = true;
	}
	rm->provisional = !isnan(rm->status.value) &&
			  unapproved(r, rm->measure,
				     rm->status.figure_period);
	return VT_OK;
}

/* The chart is the status's; the report adds the actions by name. */
static enum vt_err chart_measure(const struct vt_report *r,
				 struct vt_report_measure *rm,
				 struct vt_measure_status *st)
{
	rm->measure = st->measure;
	rm->status = *st;
	/* The series and chart move to the report. */
	memset(&st->series, 0, sizeof(st->series));
	memset(&st->spc, 0, sizeof(st->spc));
	return vt_actions_for_measure(r->def, rm->measure->code,
				      &rm->actions, &rm->nactions);
}

static bool impact_newer(const struct vt_impact *a, const struct vt_impact *b)
{
	return !strcmp(a->agency, b->agency) && a->version > b->version;
}

/* The period's latest narrative from each agency for a priority. */
static enum vt_err section_impact(const struct vt_report *r,
				  struct vt_report_section *s)
{
	size_t n = vt_def_count(r->def, VT_KIND_IMPACT), i, j;

	if (!s->priority)
		return VT_OK;
	s->impact = calloc(n + 1, sizeof(*s->impact));
	if (!s->impact)
		return VT_ENOMEM;
	for (i = 0; i < n; i++) {
		const struct vt_impact *im = vt_def_at(r->def, VT_KIND_IMPACT,
						       i);
		bool replaced = false;

		if (strcmp(im->priority, s->priority->code) ||
		    strcmp(im->period, r->period))
			continue;
		for (j = 0; j < s->nimpact && !replaced; j++) {
			if (impact_newer(im, s->impact[j])) {
				s->impact[j] = im;
				replaced = true;
			} else if (!strcmp(im->agency, s->impact[j]->agency)) {
				replaced = true;	/* an older version */
			}
		}
		if (!replaced)
			s->impact[s->nimpact++] = im;
	}
	return VT_OK;
}

/* Keeps of 'list' the actions in the pack's tracker, in order; how many. */
static size_t in_tracker(const struct vt_report *r,
			 const struct vt_action **list, size_t n)
{
	size_t i, kept = 0;

	for (i = 0; i < n; i++)
		if (vt_report_action_rag(r, list[i]) >= 0)
			list[kept++] = list[i];
	return kept;
}

static enum vt_err add_section(struct vt_report *r, const struct vt_plan *p,
			       const struct vt_priority *pr)
{
	struct vt_report_section *s;
	size_t i;

	s = &r->sections[r->nsections];
	memset(s, 0, sizeof(*s));
	s->plan = p;
	s->priority = pr;
	s->measures = calloc(r->nmeasures + 1, sizeof(*s->measures));
	if (!s->measures)
		return VT_ENOMEM;
	for (i = 0; i < r->nmeasures; i++) {
		const struct vt_measure *m = r->measures[i].measure;
		bool under = pr ? m->priority && !strcmp(m->priority,
							  pr->code)
				: !m->priority || !vt_def_find(r->def,
					VT_KIND_PRIORITY, m->priority);

		if (!strcmp(m->plan, p->code) && under)
			s->measures[s->nmeasures++] = i;
	}
	r->nsections++;
	if (pr) {
		enum vt_err result = vt_objective_items(r->def, NULL,
			pr->code, &s->objectives, &s->nobjectives);

		if (!result)
			result = vt_priority_other_actions(r->def, pr->code,
				&s->other_actions, &s->nother_actions);
		if (result)
			return result;
		/* Only the actions the pack's tracker holds on its day: a
		   past quarter's pack has none begun after it. */
		for (i = 0; i < s->nobjectives; i++)
			s->objectives[i].nactions = in_tracker(r,
				s->objectives[i].actions,
				s->objectives[i].nactions);
		s->nother_actions = in_tracker(r, s->other_actions,
					       s->nother_actions);
	}
	/* A priority without measures still has its narratives. */
	return section_impact(r, s);
}

bool vt_report_section_empty(const struct vt_report_section *s)
{
	return !s->nmeasures && !s->nimpact && !s->nobjectives &&
	       !s->nother_actions;
}

const char *vt_report_objective_measure(const struct vt_report *r,
					const struct vt_report_measure *rm,
					char *buf, size_t size)
{
	char fig[32];
	const struct vt_measure_status *st = &rm->status;

	if (isnan(st->value))
		snprintf(buf, size, "%s: %s", rm->measure->code, st->reading);
	else
		snprintf(buf, size, "%s: %s (%s)", rm->measure->code,
			 vt_report_figure(r, rm->measure, st->value, fig),
			 rm->masked ? "withheld" : st->reading);
	return buf;
}

static void section_release(struct vt_report_section *s)
{
	free(s->measures);
	free(s->impact);
	vt_objective_items_free(s->objectives, s->nobjectives);
	free(s->other_actions);
	memset(s, 0, sizeof(*s));
}

static enum vt_err build_sections(struct vt_report *r)
{
	size_t np = vt_def_count(r->def, VT_KIND_PLAN);
	size_t npr = vt_def_count(r->def, VT_KIND_PRIORITY), i, j, first;
	enum vt_err result = VT_OK;

	r->sections = calloc(np + npr + 1, sizeof(*r->sections));
	if (!r->sections)
		return VT_ENOMEM;
	for (i = 0; i < np && !result; i++) {
		const struct vt_plan *p = vt_def_at(r->def, VT_KIND_PLAN, i);

		/* A draft, or a plan over before the period began (or not
		   yet begun), is not in its pack. */
		if (!vt_plan_covers(r->def, p->code, NULL, r->from, r->to))
			continue;
		first = r->nsections;
		for (j = 0; j < npr && !result; j++) {
			const struct vt_priority *pr =
				vt_def_at(r->def, VT_KIND_PRIORITY, j);

			if (!strcmp(pr->plan, p->code) &&
			    vt_plan_covers(r->def, p->code, pr->code, r->from,
					   r->to))
				result = add_section(r, p, pr);
		}
		/* A plan that ties nothing to a single priority (its
		   measures serve them all) shows its measures, not a row of
		   priorities each with nothing under it. */
		for (j = first; !result && j < r->nsections &&
		     vt_report_section_empty(&r->sections[j]); j++)
			;
		if (!result && j == r->nsections) {
			while (r->nsections > first)
				section_release(&r->sections[--r->nsections]);
		}
		if (!result)
			result = add_section(r, p, NULL);
		/* An empty "no priority" part is no section. */
		if (!result && !r->sections[r->nsections - 1].nmeasures) {
			free(r->sections[r->nsections - 1].measures);
			r->nsections--;
		}
	}
	return result;
}

/* The name the comparators give LA 'code', or the code. */
static const char *council_name(const struct vt_def *def, const char *code)
{
	size_t i, n = vt_def_count(def, VT_KIND_COMPARATOR);

	for (i = 0; i < n; i++) {
		const struct vt_comparator *c =
			vt_def_at(def, VT_KIND_COMPARATOR, i);

		if (c->level == VT_LEVEL_LOCAL_AUTHORITY &&
		    !strcmp(c->area, code))
			return c->name;
	}
	return code;
}

/*
 * "Compared with England, the region and 10 statistical neighbours (set
 * 2021): Hampshire, Kent, ...; rates per 10,000 children from the ONS
 * mid-year estimates, the latest mid-2024." as published by the DfE.
 */
static void describe_comparisons(struct vt_report *r)
{
	const struct vt_def *def = r->def;
	const struct vt_partnership *p = vt_def_count(def,
		VT_KIND_PARTNERSHIP) ? vt_def_at(def, VT_KIND_PARTNERSHIP, 0)
				     : NULL;
	char *out = r->comparisons;
	size_t size = sizeof(r->comparisons), used = 0, i;
	int latest = 0;

#define ADD(...) do { if (used < size) used += (size_t)snprintf( \
		out + used, size - used, __VA_ARGS__); } while (0)
	out[0] = '\0';
	if (!vt_def_count(def, VT_KIND_COMPARATOR))
		return;
	ADD("Compared with the DfE's published figures for England, the "
	    "region");
	if (p && p->nneighbours) {
		ADD(" and %zu statistical neighbours", p->nneighbours);
		if (p->neighbour_set)
			ADD(" (set %s)", p->neighbour_set);
		ADD(":");
		for (i = 0; i < p->nneighbours; i++)
			ADD("%s %s", i ? "," : "",
			    council_name(def, p->neighbours[i].la));
		ADD("; a neighbour whose figure is suppressed or missing is "
		    "left out of their mean, and each reading says how many "
		    "made it");
	}
	ADD(".");
	for (i = 0; p && i < p->npopulation; i++)
		if (p->population[i].year > latest)
			latest = (int)p->population[i].year;
	if (latest)
		ADD(" Our rates per 10,000 children use the ONS mid-year "
		    "estimates of children aged 0 to 17, the latest "
		    "mid-%d.", latest);
#undef ADD
}

static void count_returns(struct vt_report *r)
{
	size_t i;

	for (i = 0; r->returns && i < r->returns->nagencies; i++) {
		const struct vt_agency_status *a = &r->returns->agencies[i];

		if (a->status != VT_RETURN_SUBMITTED &&
		    a->status != VT_RETURN_APPROVED)
			r->returns_missing++;
		if (a->late)
			r->returns_late++;
	}
}

int vt_report_action_rag(const struct vt_report *r, const struct vt_action *a)
{
	size_t i;

	for (i = 0; i < r->actions.nrows; i++)
		if (r->actions.rows[i].action == a)
			return r->actions.rows[i].rag;
	return -1;
}

bool vt_report_discharged(const struct vt_report *r, const struct vt_action *a)
{
	return a->discharged && strcmp(a->discharged, r->as_at) <= 0;
}

bool vt_report_plan_shown(const struct vt_report *r, const struct vt_plan *p)
{
	return vt_plan_covers(r->def, p->code, NULL, r->from, r->to);
}

/* A measure's actions in the pack are those the pack shows. */
static void keep_shown_actions(struct vt_report *r)
{
	size_t i, j, k;

	for (i = 0; i < r->nmeasures; i++) {
		struct vt_report_measure *rm = &r->measures[i];

		for (j = k = 0; j < rm->nactions; j++)
			if (vt_report_action_rag(r, rm->actions[j]) >= 0)
				rm->actions[k++] = rm->actions[j];
		rm->nactions = k;
	}
}

enum vt_err vt_report_build(const struct vt_def *def,
			    const struct vt_status_report *returns,
			    const char *period, const char *today,
			    bool publish, struct vt_report *out)
{
	struct vt_challenge_filter open = { true, NULL };
	struct vt_action_filter shown;
	const struct vt_partnership *p;
	struct vt_measure_status *st = NULL;
	struct vt_period at;
	struct vt_date day, first, last;
	enum vt_err result;
	size_t i, n = 0;

	memset(out, 0, sizeof(*out));
	if (vt_period_parse(period, &at) || vt_parse_date(today, &day))
		return VT_EINVAL;
	out->def = def;
	out->returns = returns;
	out->publish = publish;
	snprintf(out->period, sizeof(out->period), "%s", period);
	snprintf(out->today, sizeof(out->today), "%s", today);
	p = vt_def_count(def, VT_KIND_PARTNERSHIP) ?
		vt_def_at(def, VT_KIND_PARTNERSHIP, 0) : NULL;
	if (vt_period_label(&at, p ? (int)p->fy_start_month : 4, out->label))
		snprintf(out->label, sizeof(out->label), "%s", period);
	if (vt_period_first_day(&at, p ? (int)p->fy_start_month : 4, &first) ||
	    vt_period_last_day(&at, p ? (int)p->fy_start_month : 4, &last))
		return VT_EINVAL;
	vt_date_format(&first, out->from);
	vt_date_format(&last, out->to);
	/* A past period's actions as they stood at its end. */
	snprintf(out->as_at, sizeof(out->as_at), "%s",
		 strcmp(out->to, today) < 0 ? out->to : today);
	out->illustrative = vt_def_illustrative(def);
	out->provisional = publish && p && p->publish_submitted;
	result = vt_cmp_index_build(def, &out->cmps);
	if (!result)
		result = vt_value_index_build(def, &out->values);
	if (!result)
		result = vt_measures_status_indexed(def, &out->cmps,
						    &out->values, period,
						    &st, &n);
	if (result) {
		vt_value_index_release(&out->values);
		vt_cmp_index_release(&out->cmps);
		return result;
	}
	out->measures = calloc(n + 1, sizeof(*out->measures));
	if (!out->measures) {
		vt_measures_status_release(st, n);
		vt_value_index_release(&out->values);
		vt_cmp_index_release(&out->cmps);
		return VT_ENOMEM;
	}
	for (i = 0; i < n && !result; i++) {
		struct vt_report_measure *rm = &out->measures[out->nmeasures];

		if (!vt_plan_covers(def, st[i].measure->plan,
				    st[i].measure->priority, out->from,
				    out->to))
			continue;
		out->nmeasures++;
		result = chart_measure(out, rm, &st[i]);
		if (!result && out->publish)
			result = mask_status(out, rm);
		if (!result)
			result = mark_provisional(out, rm);
		/* A measure half made is released, never counted. */
		if (result)
			break;
		describe(out, rm);
		mask_limits(rm);
		if (isnan(rm->status.value))
			out->no_figure++;
		else if (!strncmp(rm->status.reading, "improving", 9))
			out->improving++;
		else if (!strncmp(rm->status.reading, "deteriorating", 13))
			out->deteriorating++;
		else
			out->no_change++;
		out->contradictions += rm->status.contradiction;
	}
	vt_measures_status_release(st, n);
	memset(&shown, 0, sizeof(shown));
	shown.rag = -1;
	shown.as_at = strcmp(out->as_at, today) != 0;
	shown.from = out->from;
	shown.to = out->to;
	if (!result)
		result = vt_actions_report(def, &shown, out->as_at,
					   vt_actions_stale_days(def),
					   &out->actions);
	if (!result)
		keep_shown_actions(out);
	if (!result)
		result = vt_challenges_report(def, &open, today,
					      &out->challenges);
	if (!result)
		result = build_sections(out);
	if (!result)
		result = vt_assurance_build(out);
	count_returns(out);
	describe_comparisons(out);
	if (result)
		vt_report_release(out);
	return result;
}

enum vt_err vt_report_rows(const struct vt_report_measure *rm,
			   struct vt_report_row **out, size_t *n)
{
	const struct vt_series *s = &rm->status.series;
	struct vt_report_row *rows;
	struct vt_period a, b;
	size_t i = 0, j = 0, k = 0;

	rows = calloc(s->n + s->ngaps + 1, sizeof(*rows));
	if (!rows)
		return VT_ENOMEM;
	while (i < s->n || j < s->ngaps) {
		bool point = j == s->ngaps || (i < s->n &&
			!vt_period_parse(s->periods[i], &a) &&
			!vt_period_parse(s->gaps[j], &b) &&
			vt_period_compare(&a, &b) < 0);

		if (point) {
			rows[k].period = s->periods[i];
			rows[k].provisional = rm->provisional_points &&
					      rm->provisional_points[i];
			rows[k].point = &rm->status.spc.points[i++];
		} else {
			rows[k].period = s->gaps[j];
			rows[k].code = s->gap_codes[j++];
		}
		k++;
	}
	*out = rows;
	*n = k;
	return VT_OK;
}

void vt_report_release(struct vt_report *r)
{
	size_t i;

	for (i = 0; i < r->nmeasures; i++) {
		vt_series_release(&r->measures[i].status.series);
		vt_spc_release(&r->measures[i].status.spc);
		free(r->measures[i].actions);
		free(r->measures[i].provisional_points);
	}
	free(r->measures);
	for (i = 0; i < r->nsections; i++) {
		free(r->sections[i].measures);
		free(r->sections[i].impact);
		vt_objective_items_free(r->sections[i].objectives,
					r->sections[i].nobjectives);
		free(r->sections[i].other_actions);
	}
	free(r->sections);
	vt_action_report_release(&r->actions);
	vt_challenge_report_release(&r->challenges);
	vt_assurance_release(&r->assurance);
	vt_cmp_index_release(&r->cmps);
	vt_value_index_release(&r->values);
	memset(r, 0, sizeof(*r));
}
