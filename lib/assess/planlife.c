/* A plan's life: which plans, priorities and actions a period or a day shows. */
#include "vitals/planlife.h"

#include <string.h>

static int status_of(const char *name, int dflt)
{
	int i;

	for (i = 0; name && vt_plan_status_names[i]; i++)
		if (!strcmp(name, vt_plan_status_names[i]))
			return i;
	return dflt;
}

int vt_priority_status(const struct vt_def *def, const struct vt_priority *pr)
{
	const struct vt_plan *p = vt_def_find(def, VT_KIND_PLAN, pr->plan);

	return status_of(pr->status, p ? p->status : VT_PLAN_STATUS_CURRENT);
}

/* Whether status, starts and ends let a record into 'from'..'to'. */
static bool dates_cover(int status, const char *starts, const char *ends,
			const char *from, const char *to)
{
	if (status == VT_PLAN_STATUS_DRAFT)
		return false;
	if (starts && to && strcmp(starts, to) > 0)
		return false;
	return !(ends && from && strcmp(ends, from) < 0);
}

/* 'closed' set when the plan or priority is closed. */
static bool covers(const struct vt_def *def, const char *plan,
		   const char *priority, const char *from, const char *to,
		   bool *closed)
{
	const struct vt_plan *p = plan ? vt_def_find(def, VT_KIND_PLAN, plan)
				       : NULL;
	const struct vt_priority *pr =
		priority ? vt_def_find(def, VT_KIND_PRIORITY, priority) : NULL;
	int status;

	*closed = false;
	if (p) {
		if (!dates_cover(p->status, p->starts, p->ends, from, to))
			return false;
		*closed = p->status == VT_PLAN_STATUS_CLOSED;
	}
	if (pr) {
		status = vt_priority_status(def, pr);
		if (!dates_cover(status, pr->starts ? pr->starts
				 : p ? p->starts : NULL,
				 pr->ends ? pr->ends : p ? p->ends : NULL,
				 from, to))
			return false;
		*closed = *closed || status == VT_PLAN_STATUS_CLOSED;
	}
	return true;
}

bool vt_plan_covers(const struct vt_def *def, const char *plan,
		    const char *priority, const char *from, const char *to)
{
	bool closed;

	return covers(def, plan, priority, from, to, &closed);
}

bool vt_plan_in_force(const struct vt_def *def, const char *plan,
		      const char *priority, const char *day)
{
	bool closed;

	return covers(def, plan, priority, day, day, &closed) && !closed;
}

const struct vt_plan *vt_plan_default(const struct vt_def *def,
				      const char *day)
{
	const struct vt_plan *first = NULL;
	size_t i;

	for (i = 0; i < vt_def_count(def, VT_KIND_PLAN); i++) {
		const struct vt_plan *p = vt_def_at(def, VT_KIND_PLAN, i);

		if (p->kind != VT_PLAN_STRATEGIC)
			continue;
		if (vt_plan_in_force(def, p->code, NULL, day))
			return p;
		if (!first)
			first = p;
	}
	return first;
}
