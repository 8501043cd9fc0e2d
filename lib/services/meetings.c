/* A group's meetings kept: adding and cancelling one, recording attendance, decisions and their completion, and reports received; each a checked write through the change log. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/meetings.h"
#include "vitals/strparse.h"
#include "store/store.h"

enum mtg_action { MTG_ADD, MTG_CANCEL, MTG_ATTEND, MTG_DECIDE, MTG_DONE,
		  MTG_RECEIVE };

struct mtg_change {
	enum mtg_action action;
	const char *ref;
	/* adding */
	const char *group, *date;
	const char *const *items;
	size_t nitems;
	/* attendance */
	const struct vt_attendance_entry *entries;
	size_t nentries;
	const char *today;
	/* a decision */
	const char *text, *owner, *agency, *due;
	long long number;
	/* a report */
	const char *subject, *note;
};

static int set_str(json_t *o, const char *key, const char *v)
{
	return v ? json_object_set_new(o, key, json_string(v)) : 0;
}

/* The list 'key' of 'j', made when absent; NULL when out of memory. */
static json_t *list_of(json_t *j, const char *key)
{
	json_t *a = json_object_get(j, key);

	if (a)
		return a;
	a = json_array();
	if (!a || json_object_set_new(j, key, a))
		return NULL;
	return a;
}

static json_t *added(const struct mtg_change *c)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s}", "ref", c->ref, "group",
			      c->group, "date", c->date, "status", "planned");
	json_t *items;
	size_t i;

	if (!j || !c->nitems)
		return j;
	items = list_of(j, "items");
	for (i = 0; items && i < c->nitems; i++)
		if (json_array_append_new(items, json_pack("{s:s}", "text",
							   c->items[i])))
			items = NULL;
	if (!items) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static enum vt_err refuse(char *why, size_t whysize, enum vt_err err,
			  const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static enum vt_err refuse(char *why, size_t whysize, enum vt_err err,
			  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whysize, fmt, ap);
	va_end(ap);
	return err;
}

/* Replace or add each agency's attendance, keeping the others'. */
static enum vt_err attend(const struct mtg_change *c, json_t *j)
{
	json_t *att = list_of(j, "attendance"), *o;
	size_t i, k;

	if (!att || json_object_set_new(j, "status", json_string("held")))
		return VT_ENOMEM;
	for (i = 0; i < c->nentries; i++) {
		const struct vt_attendance_entry *e = &c->entries[i];

		json_array_foreach(att, k, o) {
			const char *a = json_string_value(
				json_object_get(o, "agency"));

			if (a && !strcmp(a, e->agency))
				break;
		}
		o = json_pack("{s:s, s:s}", "agency", e->agency, "attended",
			      e->attended);
		if (!o)
			return VT_ENOMEM;
		if (k < json_array_size(att) ? json_array_set_new(att, k, o)
					     : json_array_append_new(att, o))
			return VT_ENOMEM;
	}
	return VT_OK;
}

static enum vt_err decide(const struct mtg_change *c,
			  const struct vt_meeting *old, json_t *j)
{
	json_t *dec = list_of(j, "decisions"), *o;
	long long next = 1;
	size_t i;

	for (i = 0; i < old->ndecisions; i++)
		if (old->decisions[i].number >= next)
			next = old->decisions[i].number + 1;
	o = json_pack("{s:I, s:s, s:s, s:s}", "number", (json_int_t)next,
		      "text", c->text, "owner", c->owner, "agency",
		      c->agency);
	if (!dec || !o || set_str(o, "due", c->due) ||
	    json_array_append_new(dec, o))
		return VT_ENOMEM;
	return VT_OK;
}

static enum vt_err done(const struct mtg_change *c,
			const struct vt_meeting *old, json_t *j, char *why,
			size_t whysize)
{
	json_t *dec = json_object_get(j, "decisions");
	size_t i;

	for (i = 0; i < old->ndecisions; i++)
		if (old->decisions[i].number == c->number)
			break;
	if (i == old->ndecisions)
		return refuse(why, whysize, VT_ENOTFOUND, "number: meeting "
			      "'%s' has no decision %lld", c->ref, c->number);
	if (old->decisions[i].done)
		return refuse(why, whysize, VT_EINVAL, "done: decision %lld "
			      "of meeting '%s' was done on %s", c->number,
			      c->ref, old->decisions[i].done);
	if (json_object_set_new(json_array_get(dec, i), "done",
				json_string(c->date)))
		return VT_ENOMEM;
	return VT_OK;
}

static enum vt_err receive(const struct mtg_change *c, json_t *j)
{
	json_t *rec = list_of(j, "received"),
	       *o = json_pack("{s:s}", "subject", c->subject);

	if (!rec || !o || set_str(o, "note", c->note) ||
	    json_array_append_new(rec, o)) {
		json_decref(o);
		return VT_ENOMEM;
	}
	return VT_OK;
}

/* The state a change needs the meeting in, said with the field. */
static enum vt_err ready(const struct mtg_change *c,
			 const struct vt_meeting *old, char *why,
			 size_t whysize)
{
	const char *st = vt_meeting_status_names[old->status];

	switch (c->action) {
	case MTG_CANCEL:
		if (old->status == VT_MEETING_HELD)
			return refuse(why, whysize, VT_EINVAL, "status: "
				      "meeting '%s' was held on %s; a held "
				      "meeting is not cancelled", c->ref,
				      old->date);
		if (old->status == VT_MEETING_CANCELLED)
			return refuse(why, whysize, VT_EINVAL, "status: "
				      "meeting '%s' is cancelled already",
				      c->ref);
		return VT_OK;
	case MTG_ATTEND:
		if (old->status == VT_MEETING_CANCELLED)
			return refuse(why, whysize, VT_EINVAL, "status: "
				      "meeting '%s' was cancelled; it has no "
				      "attendance", c->ref);
		if (c->today && strcmp(old->date, c->today) > 0)
			return refuse(why, whysize, VT_EINVAL, "date: "
				      "meeting '%s' is on %s, after today "
				      "(%s); attendance is recorded once it "
				      "is held", c->ref, old->date, c->today);
		return VT_OK;
	default:
		if (old->status != VT_MEETING_HELD)
			return refuse(why, whysize, VT_EINVAL, "status: "
				      "meeting '%s' is %s; record its "
				      "attendance first (decisions and "
				      "reports belong to a held meeting)",
				      c->ref, st);
		return VT_OK;
	}
}

static json_t *changed(const struct mtg_change *c, const struct vt_def *meta,
		       char *why, size_t whysize, enum vt_err *err)
{
	const struct vt_meeting *old =
		vt_def_find(meta, VT_KIND_MEETING, c->ref);
	json_t *j = NULL;

	if (c->action == MTG_ADD) {
		if (old) {
			*err = refuse(why, whysize, VT_ECONFLICT, "ref: there "
				      "is already a meeting '%s'", c->ref);
			return NULL;
		}
		j = added(c);
		*err = j ? VT_OK : VT_ENOMEM;
		return j;
	}
	if (!old) {
		*err = refuse(why, whysize, VT_ENOTFOUND, "ref: there is no "
			      "meeting '%s'", c->ref);
		return NULL;
	}
	*err = ready(c, old, why, whysize);
	if (*err)
		return NULL;
	*err = VT_ENOMEM;
	if (vt_record_to_json(VT_KIND_MEETING, old, &j))
		return NULL;
	switch (c->action) {
	case MTG_CANCEL:
		*err = json_object_set_new(j, "status",
					   json_string("cancelled")) ?
		       VT_ENOMEM : VT_OK;
		break;
	case MTG_ATTEND:
		*err = attend(c, j);
		break;
	case MTG_DECIDE:
		*err = decide(c, old, j);
		break;
	case MTG_DONE:
		*err = done(c, old, j, why, whysize);
		break;
	default:
		*err = receive(c, j);
		break;
	}
	if (*err) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static enum vt_err build_change(void *arg, const struct vt_def *meta,
				struct vt_def *change, struct vt_check *ck,
				char *why, size_t whysize)
{
	struct mtg_change *c = arg;
	struct vt_meeting *rec;
	enum vt_err result;
	json_t *j = changed(c, meta, why, whysize, &result);

	if (!j)
		return result;
	result = vt_def_append(change, VT_KIND_MEETING, (void **)&rec);
	if (!result)
		result = vt_record_from_json(VT_KIND_MEETING, j, "meeting",
					     ck, rec);
	json_decref(j);
	/* The rules between records: the group, its members, the reports'
	   records exist. */
	if (!result && !ck->dq->errors)
		result = vt_def_check(change, ck);
	return result;
}

static enum vt_err need(const char *value, const char *field,
			const char *what, char *why, size_t whysize)
{
	if (value && !vt_text_blank(value))
		return VT_OK;
	return refuse(why, whysize, VT_EINVAL, "%s: %s", field, what);
}

static const char *or_null(const char *s)
{
	return s && !vt_text_blank(s) ? s : NULL;
}

enum vt_err vt_meeting_add(struct vt_store *s, const char *ref,
			   const char *group, const char *date,
			   const char *const *items, size_t nitems,
			   const char *who, char *why, size_t whysize)
{
	struct mtg_change c = { .action = MTG_ADD, .ref = ref,
				.group = group, .date = date, .items = items,
				.nitems = nitems };
	enum vt_err result;
	size_t i;

	if ((result = need(ref, "ref", "a meeting needs its reference "
			   "(executive-2026-09-14)", why, whysize)) ||
	    (result = need(group, "group", "say which group meets", why,
			   whysize)) ||
	    (result = need(date, "date", "say when it meets (YYYY-MM-DD)",
			   why, whysize)))
		return result;
	for (i = 0; i < nitems; i++)
		if (vt_text_blank(items[i]))
			return refuse(why, whysize, VT_EINVAL, "items[%zu]."
				      "text: an agenda item says what is "
				      "discussed", i);
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_meeting_cancel(struct vt_store *s, const char *ref,
			      const char *who, char *why, size_t whysize)
{
	struct mtg_change c = { .action = MTG_CANCEL, .ref = ref };
	enum vt_err result = need(ref, "ref", "which meeting?", why,
				  whysize);

	if (result)
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_meeting_attend(struct vt_store *s, const char *ref,
			      const struct vt_attendance_entry *e, size_t n,
			      const char *today, const char *who, char *why,
			      size_t whysize)
{
	struct mtg_change c = { .action = MTG_ATTEND, .ref = ref,
				.entries = e, .nentries = n,
				.today = today };
	enum vt_err result = need(ref, "ref", "which meeting?", why,
				  whysize);
	size_t i;

	if (result)
		return result;
	if (!n)
		return refuse(why, whysize, VT_EINVAL, "attendance: say how "
			      "at least one agency was at the meeting");
	for (i = 0; i < n; i++) {
		size_t k;

		for (k = 0; vt_attended_names[k]; k++)
			if (e[i].attended &&
			    !strcmp(e[i].attended, vt_attended_names[k]))
				break;
		if (!vt_attended_names[k])
			return refuse(why, whysize, VT_EINVAL, "attendance[%zu]"
				      ".attended: '%s' is not one of present, "
				      "apologies, absent", i,
				      e[i].attended ? e[i].attended : "");
		if (vt_text_blank(e[i].agency))
			return refuse(why, whysize, VT_EINVAL, "attendance[%zu]"
				      ".agency: say which agency", i);
	}
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_meeting_decide(struct vt_store *s, const char *ref,
			      const char *text, const char *owner,
			      const char *agency, const char *due,
			      const char *who, char *why, size_t whysize)
{
	struct mtg_change c = { .action = MTG_DECIDE, .ref = ref,
				.text = text, .owner = owner,
				.agency = agency, .due = or_null(due) };
	enum vt_err result;

	if ((result = need(ref, "ref", "which meeting?", why, whysize)) ||
	    (result = need(text, "text", "say what was decided", why,
			   whysize)) ||
	    (result = need(owner, "owner", "give the owner's role title "
			   "(Head of Safeguarding)", why, whysize)) ||
	    (result = need(agency, "agency", "say which agency owns it",
			   why, whysize)))
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_meeting_done(struct vt_store *s, const char *ref,
			    long long number, const char *date,
			    const char *who, char *why, size_t whysize)
{
	struct mtg_change c = { .action = MTG_DONE, .ref = ref,
				.number = number, .date = date };
	enum vt_err result;

	if ((result = need(ref, "ref", "which meeting?", why, whysize)) ||
	    (result = need(date, "done", "say when it was done "
			   "(YYYY-MM-DD)", why, whysize)))
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_meeting_receive(struct vt_store *s, const char *ref,
			       const char *subject, const char *note,
			       const char *who, char *why, size_t whysize)
{
	struct mtg_change c = { .action = MTG_RECEIVE, .ref = ref,
				.subject = subject, .note = or_null(note) };
	enum vt_err result;

	if ((result = need(ref, "ref", "which meeting?", why, whysize)) ||
	    (result = need(subject, "subject", "say which report "
			   "(return:AGENCY/PERIOD, audit:REF, review:REF, "
			   "scrutiny:REF or pack:QUARTER)", why, whysize)))
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}
