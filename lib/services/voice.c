/* Adding and changing a voice report: each one checked write through the change log. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "vitals/strparse.h"
#include "vitals/voice.h"
#include "store/store.h"

struct voice_change {
	const struct vt_voice_edit *e;
	bool adding;
};

static int set_text(json_t *j, const char *name, const char *value,
		    bool clears)
{
	if (!value)
		return 0;
	if (clears && vt_text_blank(value)) {
		json_object_del(j, name);
		return 0;
	}
	return json_object_set_new(j, name, json_string(value));
}

/*
 * A list of codes, each naming a record of 'kind' said with its place
 * ("priorities[1]: there is no priority 'x'") before the model says it
 * without one.
 */
static enum vt_err set_list(json_t *j, const char *ref, const char *name,
			    const char *const *codes, size_t n,
			    enum vt_kind kind, const struct vt_def *meta,
			    char *why, size_t whysize)
{
	json_t *a = json_array();
	size_t i;

	if (!a)
		return VT_ENOMEM;
	for (i = 0; i < n; i++) {
		if (kind != VT_KIND__MAX && !vt_def_find(meta, kind, codes[i])) {
			snprintf(why, whysize, "voice report '%s': %s[%zu]: "
				 "there is no %s '%s'", ref, name, i,
				 vt_entity_of(kind)->name, codes[i]);
			json_decref(a);
			return VT_EINVAL;
		}
		if (json_array_append_new(a, json_string(codes[i]))) {
			json_decref(a);
			return VT_ENOMEM;
		}
	}
	return json_object_set_new(j, name, a) ? VT_ENOMEM : VT_OK;
}

/* What the edit makes of the report: a new JSON object, or NULL with
   '*err' and 'why' set. */
static json_t *changed(const struct voice_change *c, const struct vt_def *meta,
		       char *why, size_t whysize, enum vt_err *err)
{
	const struct vt_voice_edit *e = c->e;
	const struct vt_voice *old = vt_def_find(meta, VT_KIND_VOICE, e->ref);
	json_t *j = NULL;
	int64_t n;

	*err = VT_EINVAL;
	if (c->adding && old) {
		snprintf(why, whysize, "ref: there is already a voice report "
			 "'%s'", e->ref);
		*err = VT_ECONFLICT;
		return NULL;
	}
	if (!c->adding && !old) {
		snprintf(why, whysize, "ref: there is no voice report '%s'",
			 e->ref);
		*err = VT_ENOTFOUND;
		return NULL;
	}
	if (e->participants && vt_parse_int64(e->participants, &n)) {
		snprintf(why, whysize, "voice report '%s': participants: '%s' "
			 "is not a whole number (how many took part, 0 or "
			 "more)", e->ref, e->participants);
		return NULL;
	}
	if (e->measure && !vt_text_blank(e->measure) &&
	    !vt_def_find(meta, VT_KIND_MEASURE, e->measure)) {
		snprintf(why, whysize, "voice report '%s': measure: there is "
			 "no measure '%s'", e->ref, e->measure);
		return NULL;
	}
	*err = VT_ENOMEM;
	if (old ? vt_record_to_json(VT_KIND_VOICE, old, &j) :
	    !(j = json_pack("{s:s}", "ref", e->ref)))
		return NULL;
	if (set_text(j, "title", e->title, false) ||
	    set_text(j, "source", e->source, false) ||
	    set_text(j, "date", e->date, false) ||
	    set_text(j, "method", e->method, false) ||
	    set_text(j, "summary", e->summary, false) ||
	    set_text(j, "changed", e->changed, true) ||
	    set_text(j, "measure", e->measure, true) ||
	    (e->participants && json_object_set_new(j, "participants",
						    json_integer(n))))
		goto fail;
	*err = VT_OK;
	if (e->set_themes)
		*err = set_list(j, e->ref, "themes", e->themes, e->nthemes,
				VT_KIND__MAX, meta, why, whysize);
	if (!*err && e->set_priorities)
		*err = set_list(j, e->ref, "priorities", e->priorities,
				e->npriorities, VT_KIND_PRIORITY, meta, why,
				whysize);
	if (!*err && e->set_actions)
		*err = set_list(j, e->ref, "actions", e->actions, e->nactions,
				VT_KIND_ACTION, meta, why, whysize);
	if (!*err)
		return j;
fail:
	json_decref(j);
	return NULL;
}

static enum vt_err build_change(void *arg, const struct vt_def *meta,
				struct vt_def *change, struct vt_check *ck,
				char *why, size_t whysize)
{
	struct vt_voice *rec;
	enum vt_err result;
	json_t *j = changed(arg, meta, why, whysize, &result);

	if (!j)
		return result;
	result = vt_def_append(change, VT_KIND_VOICE, (void **)&rec);
	if (!result)
		result = vt_record_from_json(VT_KIND_VOICE, j, "voice", ck,
					     rec);
	json_decref(j);
	/* The rules between records: what it links to exists, its themes
	   are the partnership's, it names no one. */
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

enum vt_err vt_voice_add(struct vt_store *s, const struct vt_voice_edit *e,
			 const char *who, char *why, size_t whysize)
{
	struct voice_change c = { e, true };
	enum vt_err result;

	if ((result = need(e->ref, "ref", "a voice report needs its "
			   "reference (VOICE-2026-01)", why, whysize)) ||
	    (result = need(e->title, "title", "give its title", why,
			   whysize)) ||
	    (result = need(e->source, "source", "say who ran it (an agency "
			   "or a body, such as Young Inspectors)", why,
			   whysize)) ||
	    (result = need(e->date, "date", "say when it was (YYYY-MM-DD)",
			   why, whysize)) ||
	    (result = need(e->method, "method", "say how they were heard "
			   "(survey, focus-group, interview, consultation, "
			   "feedback, advocacy or other)", why, whysize)) ||
	    (result = need(e->participants, "participants", "say how many "
			   "took part", why, whysize)) ||
	    (result = need(e->summary, "summary", "say what they said",
			   why, whysize)))
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_voice_update(struct vt_store *s, const struct vt_voice_edit *e,
			    const char *who, char *why, size_t whysize)
{
	struct voice_change c = { e, false };
	enum vt_err result;

	if ((result = need(e->ref, "ref", "which voice report?", why,
			   whysize)))
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}
