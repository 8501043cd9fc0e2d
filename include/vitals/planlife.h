/* A plan's life: which plans, priorities and actions a period or a day shows. */
#ifndef VITALS_PLANLIFE_H
#define VITALS_PLANLIFE_H

#include <stdbool.h>

#include "vitals/model.h"

/*
 * Whether plan 'plan' (a code of 'def') is in a pack for the days 'from'
 * to 'to' (YYYY-MM-DD, inclusive): it is not a draft and its dates cover
 * some of them (a missing starts or ends is open).  A closed plan stays
 * in the packs of the periods it covered.  And with 'priority' (a code,
 * or NULL) the same of the priority, whose own dates and status, when
 * given, stand for its plan's.  An unknown plan is in.
 */
bool vt_plan_covers(const struct vt_def *def, const char *plan,
		    const char *priority, const char *from, const char *to);

/*
 * Whether the plan (and priority) are in force on 'day': covered as
 * above, and not closed.  The dashboard and the lists show these by
 * default.
 */
bool vt_plan_in_force(const struct vt_def *def, const char *plan,
		      const char *priority, const char *day);

/* The status of 'pr' (enum vt_plan_status): its own, else its plan's. */
int vt_priority_status(const struct vt_def *def, const struct vt_priority *pr);

/*
 * The plan a new action goes in when none is named: the first strategic
 * plan in force on 'day', else the first strategic plan; NULL when there
 * is none.
 */
const struct vt_plan *vt_plan_default(const struct vt_def *def,
				      const char *day);

#endif
