/* What the registers that make actions in the tracker share (internal). */
#ifndef VT_SERVICES_TRACKED_H
#define VT_SERVICES_TRACKED_H

#include <stddef.h>

#include "vitals/model.h"

/*
 * The plan an action made from a register's record goes in: the plan
 * 'code' when given, else the partnership's first strategic plan.  NULL,
 * with the reason naming the field 'plan' in 'why', when there is none;
 * 'what' names the action ("recommendation").
 */
const struct vt_plan *vt_tracked_action_plan(const struct vt_def *meta,
					     const char *code,
					     const char *what, char *why,
					     size_t whysize);

#endif
