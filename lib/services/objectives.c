/* Linking an objective to the measure or action that serves it, or unlinking it: one checked write through the change log. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "vitals/objectives.h"
#include "vitals/strparse.h"
#include "store/store.h"

struct link_change {
	const char *objective;
	enum vt_kind kind;
	const char *code;
	bool link;
};

/* The record's "objectives" with the objective added or taken out. */
static enum vt_err relinked(const struct link_change *c, json_t *j,
			    const char *name, char *why, size_t whysize)
{
	json_t *list = json_object_get(j, "objectives"), *v;
	size_t i, at = (size_t)-1;

	json_array_foreach(list, i, v)
		if (json_is_string(v) &&
		    !strcmp(json_string_value(v), c->objective))
			at = i;
	if (c->link && at != (size_t)-1) {
		snprintf(why, whysize, "objectives: %s '%s' is already linked "
			 "to objective '%s'", name, c->code, c->objective);
		return VT_EINVAL;
	}
	if (!c->link && at == (size_t)-1) {
		snprintf(why, whysize, "objectives: %s '%s' is not linked to "
			 "objective '%s'", name, c->code, c->objective);
		return VT_EINVAL;
	}
	if (!c->link) {
		if (json_array_remove(list, at))
			return VT_ENOMEM;
		if (!json_array_size(list))
			json_object_del(j, "objectives");
		return VT_OK;
	}
	if (!list) {
		list = json_array();
		if (!list || json_object_set_new(j, "objectives", list))
			return VT_ENOMEM;
	}
	return json_array_append_new(list, json_string(c->objective)) ?
	       VT_ENOMEM : VT_OK;
}

static enum vt_err build_change(void *arg, const struct vt_def *meta,
				struct vt_def *change, struct vt_check *ck,
				char *why, size_t whysize)
{
	struct link_change *c = arg;
	const char *name = vt_entity_of(c->kind)->name;
	const void *old = vt_def_find(meta, c->kind, c->code);
	void *rec;
	json_t *j = NULL;
	enum vt_err result;

	if (!vt_def_find(meta, VT_KIND_OBJECTIVE, c->objective)) {
		snprintf(why, whysize, "objective: there is no objective '%s'",
			 c->objective);
		return VT_ENOTFOUND;
	}
	if (!old) {
		snprintf(why, whysize, "%s: there is no %s '%s'", name, name,
			 c->code);
		return VT_ENOTFOUND;
	}
	if (vt_record_to_json(c->kind, old, &j))
		return VT_ENOMEM;
	result = relinked(c, j, name, why, whysize);
	if (!result)
		result = vt_def_append(change, c->kind, &rec);
	if (!result)
		result = vt_record_from_json(c->kind, j, name, ck, rec);
	json_decref(j);
	/* The rules between records: the objective is of the plan's. */
	if (!result && !ck->dq->errors)
		result = vt_def_check(change, ck);
	return result;
}

enum vt_err vt_objective_link(struct vt_store *s, const char *objective,
			      enum vt_kind kind, const char *code, bool link,
			      const char *who, char *why, size_t whysize)
{
	struct link_change c = { objective, kind, code, link };

	if (vt_text_blank(objective)) {
		snprintf(why, whysize, "objective: which objective?");
		return VT_EINVAL;
	}
	if ((kind != VT_KIND_MEASURE && kind != VT_KIND_ACTION) ||
	    vt_text_blank(code)) {
		snprintf(why, whysize, "%s: which measure or action?",
			 kind == VT_KIND_ACTION ? "action" : "measure");
		return VT_EINVAL;
	}
	return vt_store_change(s, build_change, &c, who, why, whysize);
}
