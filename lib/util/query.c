/* A list's filters read from a query the same way by every front end. */
#include "vitals/query.h"

#include <stdio.h>
#include <string.h>

const char *vt_query_text(const struct vt_query *q, const char *name)
{
	const char *v = q->get(q->arg, name);

	return v && *v ? v : NULL;
}

bool vt_query_flag(const struct vt_query *q, const char *name,
		   struct vt_diagq *dq)
{
	const char *v = q->get(q->arg, name);

	if (!v || !*v || !strcmp(v, "0"))
		return false;
	if (!strcmp(v, "1"))
		return true;
	vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, name,
			  "the %s filter is 1 (yes) or 0 (no), not '%.40s'",
			  name, v);
	return false;
}

bool vt_query_period(const struct vt_query *q, const char *name,
		     char out[VT_PERIOD_ID_MAX], struct vt_diagq *dq)
{
	const char *v = vt_query_text(q, name);
	struct vt_period p;

	out[0] = '\0';
	if (!v)
		return false;
	if (strlen(v) < VT_PERIOD_ID_MAX && !vt_period_parse(v, &p)) {
		vt_period_format(&p, out);
		return true;
	}
	if (!vt_period_read_id(v, q->fy_start ? q->fy_start(q->arg) : 4, out))
		return true;
	vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, name,
			  "a period is written as 2024-25 Q3 or 2024Q4 (a "
			  "quarter), 2024-25 or 2024 (a year), July 2024 or "
			  "2024-07 (a month), not '%.40s'", v);
	return false;
}
