/* One agency's return for a period: as JSON, and as an editor sees it (its slots and their latest versions). */
#include <stdlib.h>
#include <string.h>

#include "vitals/returns.h"

/* Whether 'v' is a later version of the same figure than 'w'. */
static bool same_figure(const struct vt_value *v, const struct vt_value *w)
{
	return !strcmp(v->measure, w->measure) &&
	       (!v->breakdown == !w->breakdown) &&
	       (!v->breakdown || !strcmp(v->breakdown, w->breakdown));
}

/* Whether the figure is the agency's to return: its measure's, or its
   part of a multi-agency measure. */
static bool owned_by(const struct vt_def *def, const char *measure,
		     const char *breakdown, const char *agency)
{
	const struct vt_measure *m = vt_def_find(def, VT_KIND_MEASURE,
						 measure);

	return m && !strcmp(vt_measure_agency_of(m, breakdown), agency);
}

static json_t *figures(const struct vt_def *def, const char *agency,
		       const char *period)
{
	size_t n = vt_def_count(def, VT_KIND_VALUE), i, j;
	json_t *arr = json_array();

	for (i = 0; arr && i < n; i++) {
		const struct vt_value *v = vt_def_at(def, VT_KIND_VALUE, i);
		bool later = false;

		if (strcmp(v->period, period) ||
		    !owned_by(def, v->measure, v->breakdown, agency))
			continue;
		/* Only the latest version of each figure. */
		for (j = 0; j < n && !later; j++) {
			const struct vt_value *w = vt_def_at(def,
							     VT_KIND_VALUE, j);

			later = w != v && !strcmp(w->period, period) &&
				same_figure(v, w) && w->version > v->version;
		}
		if (later)
			continue;
		if (json_array_append_new(arr, json_pack("{s:s, s:s?, s:o, "
				"s:s?, s:I, s:s, s:s?}", "measure", v->measure,
				"breakdown", v->breakdown, "value",
				vt_json_number(v->value), "suppressed",
				v->suppressed, "version", (json_int_t)v->version,
				"status", vt_status_names[v->status], "note",
				v->note))) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static json_t *narratives(const struct vt_def *def, const char *agency,
			  const char *period)
{
	size_t n = vt_def_count(def, VT_KIND_IMPACT), i;
	json_t *arr = json_array();

	for (i = 0; arr && i < n; i++) {
		const struct vt_impact *im = vt_def_at(def, VT_KIND_IMPACT, i);

		if (strcmp(im->agency, agency) || strcmp(im->period, period))
			continue;
		json_array_append_new(arr, json_pack("{s:s, s:I, s:s}",
			"priority", im->priority, "version",
			(json_int_t)im->version, "text", im->text));
	}
	return arr;
}

const struct vt_return *vt_return_find(const struct vt_def *def,
				       const char *agency, const char *period)
{
	size_t i;

	for (i = 0; i < vt_def_count(def, VT_KIND_RETURN); i++) {
		const struct vt_return *r = vt_def_at(def, VT_KIND_RETURN, i);

		if (!strcmp(r->agency, agency) && !strcmp(r->period, period))
			return r;
	}
	return NULL;
}

json_t *vt_return_json(const struct vt_def *def, const char *agency,
		       const char *period)
{
	const struct vt_return *r = vt_return_find(def, agency, period);

	return json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:o, s:o}",
		"agency", agency, "period", period, "status",
		r ? vt_return_status_names[r->status] : "missing",
		"due", r ? r->due : NULL,
		"submitted_at", r ? r->submitted_at : NULL,
		"approved_at", r ? r->approved_at : NULL,
		"reason", r ? r->reason : NULL,
		"figures", figures(def, agency, period),
		"impact", narratives(def, agency, period));
}

/* ------------------------------------------------------------------ */
/* A return as an editor sees it */

size_t vt_measure_slot_count(const struct vt_measure *m)
{
	return m->ncontributors ? 1 : 1 + m->nbreakdowns;
}

bool vt_measure_asked(const struct vt_measure *m, const char *agency,
		      const struct vt_period *p)
{
	static const int kind_of[VT_FREQUENCY__MAX] = {
		[VT_FREQUENCY_MONTHLY] = VT_PERIOD_MONTH,
		[VT_FREQUENCY_QUARTERLY] = VT_PERIOD_QUARTER,
		[VT_FREQUENCY_ANNUAL] = VT_PERIOD_YEAR,
	};

	/* A derived measure is computed from extracts, never typed. */
	if (m->derive || kind_of[m->frequency] != (int)p->kind)
		return false;
	if (m->ncontributors)
		return vt_measure_contributor(m, agency) != NULL;
	return strcmp(m->agency, agency) == 0;
}

bool vt_priority_asked(const struct vt_def *def, const struct vt_priority *pr,
		       const char *agency, const struct vt_period *p)
{
	const struct vt_plan *plan = vt_def_find(def, VT_KIND_PLAN, pr->plan);
	size_t i;

	if (plan && plan->agency && strcmp(plan->agency, agency) == 0)
		return true;
	for (i = 0; i < vt_def_count(def, VT_KIND_MEASURE); i++) {
		const struct vt_measure *m = vt_def_at(def, VT_KIND_MEASURE, i);

		if (!strcmp(m->plan, pr->plan) && vt_measure_asked(m, agency, p))
			return true;
	}
	return false;
}

const struct vt_value *vt_value_find(const struct vt_def *def,
				     const char *measure, const char *period,
				     const char *breakdown, int64_t version)
{
	size_t i;

	for (i = 0; i < vt_def_count(def, VT_KIND_VALUE); i++) {
		const struct vt_value *v = vt_def_at(def, VT_KIND_VALUE, i);

		if (v->version == version && !strcmp(v->measure, measure) &&
		    !strcmp(v->period, period) &&
		    !strcmp(v->breakdown ? v->breakdown : "",
			    breakdown ? breakdown : ""))
			return v;
	}
	return NULL;
}

static bool is_figure(const struct vt_value *v, const char *measure,
			const char *period, const char *breakdown)
{
	return !strcmp(v->measure, measure) && !strcmp(v->period, period) &&
	       !strcmp(v->breakdown ? v->breakdown : "",
		       breakdown ? breakdown : "");
}

const struct vt_value *vt_value_latest_before(const struct vt_def *def,
					      const char *measure,
					      const char *period,
					      const char *breakdown,
					      int64_t below)
{
	const struct vt_value *best = NULL;
	size_t i;

	for (i = 0; i < vt_def_count(def, VT_KIND_VALUE); i++) {
		const struct vt_value *v = vt_def_at(def, VT_KIND_VALUE, i);

		if ((below <= 0 || v->version < below) &&
		    (!best || v->version > best->version) &&
		    is_figure(v, measure, period, breakdown))
			best = v;
	}
	return best;
}

const struct vt_value *vt_value_latest_among(const struct vt_value *const *vs,
					     size_t n, const char *measure,
					     const char *period,
					     const char *breakdown,
					     int64_t below)
{
	const struct vt_value *best = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct vt_value *v = vs[i];

		if ((below <= 0 || v->version < below) &&
		    (!best || v->version > best->version) &&
		    is_figure(v, measure, period, breakdown))
			best = v;
	}
	return best;
}

/* The slot of a stored figure: a return has tens of slots, a scan does. */
static struct vt_return_slot *slot_of(struct vt_return_view *v,
				      const struct vt_value *val)
{
	size_t i;

	for (i = 0; i < v->nslots; i++)
		if (!strcmp(v->slots[i].measure->code, val->measure) &&
		    !strcmp(v->slots[i].breakdown,
			    val->breakdown ? val->breakdown : ""))
			return &v->slots[i];
	return NULL;
}

enum vt_err vt_return_view_build(const struct vt_def *def, const char *agency,
				 const char *period,
				 struct vt_return_view *out)
{
	size_t nm = vt_def_count(def, VT_KIND_MEASURE);
	size_t np = vt_def_count(def, VT_KIND_PRIORITY);
	size_t i, j, n = 0;
	struct vt_period per;

	memset(out, 0, sizeof(*out));
	out->agency = vt_def_find(def, VT_KIND_AGENCY, agency);
	if (!out->agency || vt_period_parse(period, &per))
		return VT_EINVAL;
	out->ret = vt_return_find(def, agency, period);
	for (i = 0; i < nm; i++) {
		const struct vt_measure *m = vt_def_at(def, VT_KIND_MEASURE, i);

		if (vt_measure_asked(m, agency, &per))
			n += vt_measure_slot_count(m);
	}
	out->slots = calloc(n + 1, sizeof(*out->slots));
	out->stories = calloc(np + 1, sizeof(*out->stories));
	if (!out->slots || !out->stories) {
		vt_return_view_release(out);
		return VT_ENOMEM;
	}
	/* The agency's own measures first, then its parts of multi-agency
	   measures, as the template lists them. */
	for (i = 0; i < 2 * nm; i++) {
		const struct vt_measure *m = vt_def_at(def, VT_KIND_MEASURE,
						       i % nm);

		if ((i < nm) != !m->ncontributors ||
		    !vt_measure_asked(m, agency, &per))
			continue;
		if (m->ncontributors) {
			/* A contributor's one slot: its own part. */
			out->slots[out->nslots++] = (struct vt_return_slot){
				m, vt_measure_agency_of(m, agency), m->title,
				NULL };
			continue;
		}
		for (j = 0; j <= m->nbreakdowns; j++)
			out->slots[out->nslots++] = (struct vt_return_slot){
				m, j ? m->breakdowns[j - 1].code : "",
				j ? m->breakdowns[j - 1].title : m->title,
				NULL };
	}
	for (i = 0; i < vt_def_count(def, VT_KIND_VALUE); i++) {
		const struct vt_value *val = vt_def_at(def, VT_KIND_VALUE, i);
		struct vt_return_slot *s;

		if (strcmp(val->period, period))
			continue;
		s = slot_of(out, val);
		if (s && (!s->latest || val->version > s->latest->version))
			s->latest = val;
	}
	for (i = 0; i < np; i++) {
		const struct vt_priority *pr =
			vt_def_at(def, VT_KIND_PRIORITY, i);

		if (vt_priority_asked(def, pr, agency, &per))
			out->stories[out->nstories++] =
				(struct vt_return_story){ pr, NULL };
	}
	for (i = 0; i < vt_def_count(def, VT_KIND_IMPACT); i++) {
		const struct vt_impact *im = vt_def_at(def, VT_KIND_IMPACT, i);

		if (strcmp(im->agency, agency) || strcmp(im->period, period))
			continue;
		for (j = 0; j < out->nstories; j++) {
			struct vt_return_story *st = &out->stories[j];

			if (!strcmp(st->priority->code, im->priority) &&
			    (!st->latest || im->version > st->latest->version))
				st->latest = im;
		}
	}
	return VT_OK;
}

void vt_return_view_release(struct vt_return_view *v)
{
	free(v->slots);
	free(v->stories);
	memset(v, 0, sizeof(*v));
}
