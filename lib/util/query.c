/* A list's filters read from a query the same way by every front end. */
#include "vitals/query.h"

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
