/* One agency's return for a period as JSON: its state, each figure's latest version, its narratives. */
#include <string.h>

#include "vitals/returns.h"

/* Whether 'v' is a later version of the same figure than 'w'. */
static bool same_figure(const struct vt_value *v, const struct vt_value *w)
{
	return !strcmp(v->measure, w->measure) &&
	       (!v->breakdown == !w->breakdown) &&
	       (!v->breakdown || !strcmp(v->breakdown, w->breakdown));
}

static bool owned_by(const struct vt_def *def, const char *measure,
		     const char *agency)
{
	const struct vt_measure *m = vt_def_find(def, VT_KIND_MEASURE,
						 measure);

	return m && !strcmp(m->agency, agency);
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
		    !owned_by(def, v->measure, agency))
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
