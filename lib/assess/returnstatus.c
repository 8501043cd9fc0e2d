/* Where the agencies stand for a period, as a list: each one's state in a word, the list's filters, its JSON. */
#include <string.h>

#include "vitals/returns.h"

const char *const vt_agency_state_names[] = {
	"missing", "draft", "submitted", "approved", "returned", "history",
	NULL
};

const char *vt_agency_state(const struct vt_agency_status *a)
{
	if (a->history)
		return "history";
	if (a->status != VT_RETURN_DRAFT)
		return vt_return_status_names[a->status];
	/* A draft with nothing in it is, to the partnership, missing. */
	return a->received ? "draft" : "missing";
}

enum vt_err vt_returns_filter_read(const struct vt_query *q,
				   const char *today,
				   struct vt_returns_filter *f,
				   struct vt_diagq *dq)
{
	const char *state = vt_query_text(q, "state");
	size_t errors = dq->errors, i;

	memset(f, 0, sizeof(*f));
	if (!vt_query_period(q, "period", f->period, dq) &&
	    dq->errors == errors && vt_period_being_returned(today, f->period))
		vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, "period",
				  "today (%.20s) is not a day", today);
	for (i = 0; state && vt_agency_state_names[i]; i++)
		if (!strcmp(state, vt_agency_state_names[i]))
			f->state = vt_agency_state_names[i];
	if (state && !f->state)
		vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, "state",
				  "a return is missing, draft, submitted, "
				  "approved or returned, not '%.40s'", state);
	f->late_only = vt_query_flag(q, "late", dq);
	return dq->errors > errors ? VT_EINVAL : VT_OK;
}

bool vt_returns_filter_match(const struct vt_returns_filter *f,
			     const struct vt_agency_status *a)
{
	if (!f)
		return true;
	if (f->state && strcmp(f->state, vt_agency_state(a)))
		return false;
	return !f->late_only || a->late;
}

json_t *vt_status_report_json(const struct vt_status_report *r,
			      const struct vt_returns_filter *f)
{
	json_t *root = json_pack("{s:s, s:s, s:s?, s:[]}", "period", r->period,
				 "label", r->label, "due", r->due, "agencies");
	json_t *arr = json_object_get(root, "agencies");
	size_t i, j;

	for (i = 0; root && i < r->nagencies; i++) {
		const struct vt_agency_status *a = &r->agencies[i];
		json_t *missing;

		if (!vt_returns_filter_match(f, a))
			continue;
		missing = json_array();
		for (j = 0; missing && j < a->nmissing; j++)
			if (json_array_append_new(missing,
						  json_string(a->missing[j]))) {
				json_decref(missing);
				missing = NULL;
			}
		if (!missing || json_array_append_new(arr, json_pack(
			"{s:s, s:s, s:I, s:I, s:o, s:s, s:s?, s:s?, s:b, s:b}",
			"agency", a->agency, "name", a->agency_name,
			"expected", (json_int_t)a->expected,
			"received", (json_int_t)a->received,
			"missing", missing, "status", vt_agency_state(a),
			"due", a->due, "submitted_at", a->submitted_at,
			"on_time", a->on_time, "late", a->late))) {
			json_decref(root);
			root = NULL;
		}
	}
	return root;
}
