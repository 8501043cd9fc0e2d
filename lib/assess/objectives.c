/* The objectives of a plan's priorities, each with the measures and actions that serve it. */
#include <stdlib.h>
#include <string.h>

#include "vitals/objectives.h"

static bool serves(const struct vt_objective_link *links, size_t n,
		   const char *objective)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(links[i].objective, objective))
			return true;
	return false;
}

static bool wanted(const struct vt_def *def, const struct vt_objective *o,
		   const char *plan, const char *priority)
{
	const struct vt_priority *pr;

	if (priority)
		return !strcmp(o->priority, priority);
	if (!plan)
		return true;
	pr = vt_def_find(def, VT_KIND_PRIORITY, o->priority);
	return pr && pr->plan && !strcmp(pr->plan, plan);
}

static enum vt_err fill(const struct vt_def *def, struct vt_objective_item *it)
{
	size_t nm = vt_def_count(def, VT_KIND_MEASURE);
	size_t na = vt_def_count(def, VT_KIND_ACTION), i;
	const char *code = it->objective->code;

	it->priority = vt_def_find(def, VT_KIND_PRIORITY,
				   it->objective->priority);
	for (i = 0; i < nm; i++) {
		const struct vt_measure *m = vt_def_at(def, VT_KIND_MEASURE, i);

		if (!serves(m->objectives, m->nobjectives, code))
			continue;
		if (!it->measures) {
			it->measures = calloc(nm, sizeof(*it->measures));
			if (!it->measures)
				return VT_ENOMEM;
		}
		it->measures[it->nmeasures++] = i;
	}
	for (i = 0; i < na; i++) {
		const struct vt_action *a = vt_def_at(def, VT_KIND_ACTION, i);

		if (!serves(a->objectives, a->nobjectives, code))
			continue;
		if (!it->actions) {
			it->actions = calloc(na, sizeof(*it->actions));
			if (!it->actions)
				return VT_ENOMEM;
		}
		it->actions[it->nactions++] = a;
	}
	return VT_OK;
}

enum vt_err vt_objective_items(const struct vt_def *def, const char *plan,
			       const char *priority,
			       struct vt_objective_item **out, size_t *n)
{
	size_t no = vt_def_count(def, VT_KIND_OBJECTIVE), i, k = 0;
	struct vt_objective_item *items = NULL;
	enum vt_err result = VT_OK;

	if (no) {
		items = calloc(no, sizeof(*items));
		if (!items)
			return VT_ENOMEM;
	}
	for (i = 0; i < no && !result; i++) {
		const struct vt_objective *o =
			vt_def_at(def, VT_KIND_OBJECTIVE, i);

		if (!wanted(def, o, plan, priority))
			continue;
		items[k].objective = o;
		result = fill(def, &items[k++]);
	}
	if (result) {
		vt_objective_items_free(items, k);
		return result;
	}
	if (!k) {
		free(items);
		items = NULL;
	}
	*out = items;
	*n = k;
	return VT_OK;
}

void vt_objective_items_free(struct vt_objective_item *items, size_t n)
{
	size_t i;

	for (i = 0; items && i < n; i++) {
		free(items[i].measures);
		free(items[i].actions);
	}
	free(items);
}

/* Whether action 'a' serves an objective of priority 'priority'. */
static bool serves_priority(const struct vt_def *def,
			    const struct vt_action *a, const char *priority)
{
	size_t i;

	for (i = 0; i < a->nobjectives; i++) {
		const struct vt_objective *o = vt_def_find(def,
			VT_KIND_OBJECTIVE, a->objectives[i].objective);

		if (o && !strcmp(o->priority, priority))
			return true;
	}
	return false;
}

enum vt_err vt_priority_other_actions(const struct vt_def *def,
				      const char *priority,
				      const struct vt_action ***out,
				      size_t *n)
{
	size_t na = vt_def_count(def, VT_KIND_ACTION), i, k = 0;
	const struct vt_action **list = NULL;

	for (i = 0; i < na; i++) {
		const struct vt_action *a = vt_def_at(def, VT_KIND_ACTION, i);

		if (!a->priority || strcmp(a->priority, priority) ||
		    serves_priority(def, a, priority))
			continue;
		if (!list) {
			list = calloc(na, sizeof(*list));
			if (!list)
				return VT_ENOMEM;
		}
		list[k++] = a;
	}
	*out = list;
	*n = k;
	return VT_OK;
}
