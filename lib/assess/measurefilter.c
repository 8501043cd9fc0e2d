/* Which measures a list shows: its filters read from a query, the same way by the page and the API. */
#include <string.h>

#include "vitals/planlife.h"
#include "vitals/status.h"
#include "vitals/strparse.h"

void vt_measure_filter_days(const struct vt_def *def, struct vt_measure_filter *f)
{
	const struct vt_partnership *p = vt_def_count(def,
		VT_KIND_PARTNERSHIP) ? vt_def_at(def, VT_KIND_PARTNERSHIP, 0) :
		NULL;
	int fy = p ? (int)p->fy_start_month : 4;
	struct vt_period at;
	struct vt_date first, last;

	if (!f->period[0] || vt_period_parse(f->period, &at) ||
	    vt_period_first_day(&at, fy, &first) ||
	    vt_period_last_day(&at, fy, &last))
		return;
	vt_date_format(&first, f->from);
	vt_date_format(&last, f->to);
}

enum vt_err vt_measure_filter_read(const struct vt_def *def,
				   const struct vt_query *q,
				   struct vt_measure_filter *f,
				   struct vt_diagq *dq)
{
	size_t errors = dq->errors;

	memset(f, 0, sizeof(*f));
	(void)vt_query_period(q, "period", f->period, dq);
	vt_measure_filter_days(def, f);
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

bool vt_measure_filter_match(const struct vt_def *def,
			     const struct vt_measure_filter *f,
			     const struct vt_measure *m)
{
	return !f || (same(f->plan, m->plan) &&
		      same(f->priority, m->priority) &&
		      same(f->agency, m->agency) &&
		      (!f->from[0] || vt_plan_covers(def, m->plan, m->priority,
						     f->from, f->to)));
}
