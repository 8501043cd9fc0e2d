/* Which measures a list shows: its filters read from a query, the same way by the page and the API. */
#include <string.h>

#include "vitals/status.h"

enum vt_err vt_measure_filter_read(const struct vt_def *def,
				   const struct vt_query *q,
				   struct vt_measure_filter *f,
				   struct vt_diagq *dq)
{
	size_t errors = dq->errors;

	memset(f, 0, sizeof(*f));
	(void)vt_query_period(q, "period", f->period, dq);
	f->plan = vt_query_text(q, "plan");
	f->priority = vt_query_text(q, "priority");
	f->agency = vt_query_text(q, "agency");
	if (f->plan && !vt_def_find(def, VT_KIND_PLAN, f->plan))
		vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, "plan",
				  "there is no plan '%.40s'", f->plan);
	if (f->priority && !vt_def_find(def, VT_KIND_PRIORITY, f->priority))
		vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, "priority",
				  "there is no priority '%.40s'", f->priority);
	if (f->agency && !vt_def_find(def, VT_KIND_AGENCY, f->agency))
		vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, "agency",
				  "there is no agency '%.40s'", f->agency);
	return dq->errors > errors ? VT_EINVAL : VT_OK;
}

static bool same(const char *wanted, const char *have)
{
	return !wanted || (have && !strcmp(wanted, have));
}

bool vt_measure_filter_match(const struct vt_measure_filter *f,
			     const struct vt_measure *m)
{
	return !f || (same(f->plan, m->plan) &&
		      same(f->priority, m->priority) &&
		      same(f->agency, m->agency));
}
