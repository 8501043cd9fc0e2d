/* The objectives of a plan's priorities, each with the measures and actions linked to it, and linking or unlinking one. */
#ifndef VITALS_OBJECTIVES_H
#define VITALS_OBJECTIVES_H

#include <stdbool.h>
#include <stddef.h>

#include "vitals/error.h"
#include "vitals/model.h"
struct vt_store;

/* What an objective with no measure and no action linked to it says. */
#define VT_OBJECTIVE_NONE "no measure or action is linked to this objective"

/* One objective with what serves it. */
struct vt_objective_item {
	const struct vt_objective *objective;
	const struct vt_priority *priority;
	/* the measures linked to it, as indexes into the definition's
	   measures (and so into vt_measures_status' and the report's,
	   which follow the definition's order) */
	size_t *measures;
	size_t nmeasures;
	const struct vt_action **actions;	/* linked, borrowed */
	size_t nactions;
};

/*
 * The objectives of 'def' in its order, of priority 'priority' or, when
 * it is NULL, of the priorities of plan 'plan' (NULL: every plan), each
 * with the measures and actions that list it.  '*out' is an array of
 * '*n' (NULL when none) freed with vt_objective_items_free(); it borrows
 * from 'def'.
 */
VT_MUST_USE
enum vt_err vt_objective_items(const struct vt_def *def, const char *plan,
			       const char *priority,
			       struct vt_objective_item **out, size_t *n);
void vt_objective_items_free(struct vt_objective_item *items, size_t n);

/* The actions of priority 'priority' that serve none of its objectives,
   in definition order: '*out' (NULL when none) is freed with free(). */
VT_MUST_USE
enum vt_err vt_priority_other_actions(const struct vt_def *def,
				      const char *priority,
				      const struct vt_action ***out,
				      size_t *n);

/*
 * Link (or, 'link' false, unlink) objective 'objective' to the measure
 * (kind VT_KIND_MEASURE) or action (VT_KIND_ACTION) 'code': one write
 * through the change log, recorded as done by 'who'.  A refusal is
 * VT_EINVAL (VT_ENOTFOUND for an unknown objective, measure or action)
 * with the reason, naming the field, in 'why'; nothing is written then.
 * An objective must be of a priority of the record's own plan, or, for a
 * measure, of a plan that lists it among its supporting measures.
 */
VT_MUST_USE
enum vt_err vt_objective_link(struct vt_store *s, const char *objective,
			      enum vt_kind kind, const char *code, bool link,
			      const char *who, char *why, size_t whysize);

#endif
