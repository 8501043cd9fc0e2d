/* Raising, escalating and resolving an escalation between agencies: each one checked write through the change log. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "vitals/escalations.h"
#include "vitals/strparse.h"
#include "store/store.h"

enum esc_action { ESC_ADD, ESC_ESCALATE, ESC_RESOLVE };

struct esc_change {
	enum esc_action action;
	const char *ref, *date;
	/* adding */
	const char *raised_by, *raised_role, *about, *theme, *summary;
	/* escalating */
	const char *note;
	/* resolving */
	const char *outcome, *resolution;
};

static json_t *step(json_int_t stage, const char *date, const char *note)
{
	json_t *s = json_pack("{s:I, s:s}", "stage", stage, "date", date);

	if (s && note && json_object_set_new(s, "note", json_string(note))) {
		json_decref(s);
		return NULL;
	}
	return s;
}

static json_t *added(const struct esc_change *c)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:[o]}",
			      "ref", c->ref, "raised", c->date,
			      "raised_by", c->raised_by,
			      "raised_role", c->raised_role,
			      "about", c->about, "theme", c->theme,
			      "steps", step(1, c->date, NULL));

	if (j && c->summary &&
	    json_object_set_new(j, "summary", json_string(c->summary))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* The escalation's next stage; refused past the protocol's last. */
static int next_step(const struct esc_change *c, const struct vt_def *meta,
		     const struct vt_escalation *old, json_t *j, char *why,
		     size_t whysize)
{
	const struct vt_partnership *p =
		vt_def_count(meta, VT_KIND_PARTNERSHIP) ?
		vt_def_at(meta, VT_KIND_PARTNERSHIP, 0) : NULL;
	size_t at = old->nsteps ? (size_t)old->steps[old->nsteps - 1].stage
		    : 1, last = vt_escalation_stage_count(p);
	json_t *steps = json_object_get(j, "steps");

	if (at >= last) {
		snprintf(why, whysize, "stage: escalation '%s' is at the last "
			 "stage of the escalation protocol (%zu, %s); it can "
			 "only be resolved", c->ref, at,
			 vt_escalation_stage_at(p, at)->name);
		return 1;
	}
	if (!steps) {
		/* Stage 1 was not written: it began the day it was raised. */
		steps = json_array();
		if (!steps || json_object_set_new(j, "steps", steps) ||
		    json_array_append_new(steps, step(1, old->raised, NULL)))
			return -1;
	}
	return json_array_append_new(steps, step((json_int_t)at + 1, c->date,
						 c->note)) ? -1 : 0;
}

static json_t *changed(const struct esc_change *c, const struct vt_def *meta,
		       char *why, size_t whysize, enum vt_err *err)
{
	const struct vt_escalation *old =
		vt_def_find(meta, VT_KIND_ESCALATION, c->ref);
	json_t *j = NULL;
	int failed = 0;

	*err = VT_ENOMEM;
	if (c->action == ESC_ADD) {
		if (old) {
			snprintf(why, whysize, "ref: there is already an "
				 "escalation '%s'", c->ref);
			*err = VT_ECONFLICT;
			return NULL;
		}
		/* Said here with its field, before the model says it. */
		if (!vt_def_find(meta, VT_KIND_AGENCY, c->raised_by) ||
		    !vt_def_find(meta, VT_KIND_AGENCY, c->about)) {
			bool by = !vt_def_find(meta, VT_KIND_AGENCY,
					       c->raised_by);

			snprintf(why, whysize, "%s: there is no agency '%s'",
				 by ? "raised_by" : "about",
				 by ? c->raised_by : c->about);
			*err = VT_EINVAL;
			return NULL;
		}
		j = added(c);
		*err = j ? VT_OK : VT_ENOMEM;
		return j;
	}
	if (!old) {
		snprintf(why, whysize, "ref: there is no escalation '%s'",
			 c->ref);
		*err = VT_ENOTFOUND;
		return NULL;
	}
	if (old->resolved) {
		snprintf(why, whysize, "resolved: escalation '%s' was resolved "
			 "on %s (%s); a resolved escalation is not changed",
			 c->ref, old->resolved,
			 old->outcome ? old->outcome : "no outcome");
		*err = VT_EINVAL;
		return NULL;
	}
	if (vt_record_to_json(VT_KIND_ESCALATION, old, &j))
		return NULL;
	if (c->action == ESC_ESCALATE) {
		failed = next_step(c, meta, old, j, why, whysize);
		if (failed > 0)
			*err = VT_EINVAL;
	} else {
		failed = json_object_set_new(j, "resolved",
					     json_string(c->date)) ||
			 json_object_set_new(j, "outcome",
					     json_string(c->outcome));
		if (!failed && c->resolution)
			failed = json_object_set_new(j, "resolution",
					json_string(c->resolution));
	}
	if (failed) {
		json_decref(j);
		return NULL;
	}
	*err = VT_OK;
	return j;
}

static enum vt_err build_change(void *arg, const struct vt_def *meta,
				struct vt_def *change, struct vt_check *ck,
				char *why, size_t whysize)
{
	struct esc_change *c = arg;
	struct vt_escalation *rec;
	enum vt_err result;
	json_t *j = changed(c, meta, why, whysize, &result);

	if (!j)
		return result;
	result = vt_def_append(change, VT_KIND_ESCALATION, (void **)&rec);
	if (!result)
		result = vt_record_from_json(VT_KIND_ESCALATION, j,
					     "escalation", ck, rec);
	json_decref(j);
	/* The rules between records: agencies exist, the theme is one,
	   stages in turn and in order. */
	if (!result && !ck->dq->errors)
		result = vt_def_check(change, ck);
	return result;
}

static enum vt_err need(const char *value, const char *field,
			const char *what, char *why, size_t whysize)
{
	if (!vt_text_blank(value))
		return VT_OK;
	snprintf(why, whysize, "%s: %s", field, what);
	return VT_EINVAL;
}

static const char *or_null(const char *s)
{
	return s && !vt_text_blank(s) ? s : NULL;
}

enum vt_err vt_escalation_add(struct vt_store *s, const char *ref,
			      const char *raised, const char *raised_by,
			      const char *raised_role, const char *about,
			      const char *theme, const char *summary,
			      const char *who, char *why, size_t whysize)
{
	struct esc_change c = { ESC_ADD, ref, raised, raised_by, raised_role,
				about, theme, or_null(summary), NULL, NULL,
				NULL };
	enum vt_err result;

	if ((result = need(ref, "ref", "an escalation needs its reference "
			   "(ESC-2026-01)", why, whysize)) ||
	    (result = need(raised, "raised", "say when it was raised "
			   "(YYYY-MM-DD)", why, whysize)) ||
	    (result = need(raised_by, "raised_by", "say which agency raised "
			   "it", why, whysize)) ||
	    (result = need(raised_role, "raised_role", "give the raiser's "
			   "role title (designated safeguarding lead)", why,
			   whysize)) ||
	    (result = need(about, "about", "say which agency it is about",
			   why, whysize)) ||
	    (result = need(theme, "theme", "give its theme", why, whysize)))
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_escalation_escalate(struct vt_store *s, const char *ref,
				   const char *date, const char *note,
				   const char *who, char *why,
				   size_t whysize)
{
	struct esc_change c = { ESC_ESCALATE, ref, date, NULL, NULL, NULL,
				NULL, NULL, or_null(note), NULL, NULL };
	enum vt_err result;

	if ((result = need(ref, "ref", "which escalation?", why, whysize)) ||
	    (result = need(date, "date", "say when it was escalated "
			   "(YYYY-MM-DD)", why, whysize)))
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_escalation_resolve(struct vt_store *s, const char *ref,
				  const char *date, const char *outcome,
				  const char *resolution, const char *who,
				  char *why, size_t whysize)
{
	struct esc_change c = { ESC_RESOLVE, ref, date, NULL, NULL, NULL,
				NULL, NULL, NULL, outcome,
				or_null(resolution) };
	enum vt_err result;

	if ((result = need(ref, "ref", "which escalation?", why, whysize)) ||
	    (result = need(date, "date", "say when it was resolved "
			   "(YYYY-MM-DD)", why, whysize)) ||
	    (result = need(outcome, "outcome", "say how it ended (agreed, "
			   "upheld, not-upheld or withdrawn)", why, whysize)))
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}
