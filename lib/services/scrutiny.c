/* Planning, reporting and acting on the independent scrutineer's items: each one checked write through the change log, a finding made a challenge or an action in the same write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/actions.h"
#include "vitals/clock.h"
#include "vitals/planlife.h"
#include "vitals/scrutiny.h"
#include "vitals/strparse.h"
#include "store/store.h"

enum step { ADD, UPDATE, REPORT, FIND };

struct scrutiny_change {
	enum step step;
	const struct vt_scrutiny_edit *edit;		/* ADD, UPDATE */
	const char *ref, *date, *summary;		/* REPORT */
	const struct vt_scrutiny_finding_new *find;	/* FIND */
	char due[11];
	char *made;
	size_t madesize;
};

static int set_text(json_t *j, const char *name, const char *value)
{
	return value ? json_object_set_new(j, name, json_string(value)) : 0;
}

/* Adding or changing the item's plan. */
static json_t *planned(const struct scrutiny_change *c,
		       const struct vt_scrutiny *old, char *why,
		       size_t whysize, enum vt_err *err)
{
	const struct vt_scrutiny_edit *e = c->edit;
	json_t *j = NULL;

	*err = VT_EINVAL;
	if (e->status && !strcmp(e->status, vt_scrutiny_status_names[
					VT_SCRUTINY_REPORTED])) {
		snprintf(why, whysize, "scrutiny item '%s': status: an item "
			 "is reported with its date and summary ('vitals "
			 "scrutiny report')", e->ref);
		return NULL;
	}
	if (old && old->status == VT_SCRUTINY_REPORTED) {
		snprintf(why, whysize, "scrutiny item '%s': status: it was "
			 "reported on %s; a reported item's plan is not "
			 "changed", e->ref, old->reported);
		return NULL;
	}
	*err = VT_ENOMEM;
	if (old ? vt_record_to_json(VT_KIND_SCRUTINY, old, &j) :
	    !(j = json_pack("{s:s, s:s}", "ref", e->ref, "status",
			    vt_scrutiny_status_names[VT_SCRUTINY_PLANNED])))
		return NULL;
	if (set_text(j, "year", e->year) || set_text(j, "theme", e->theme) ||
	    set_text(j, "method", e->method) ||
	    set_text(j, "planned", e->planned) ||
	    set_text(j, "status", e->status)) {
		json_decref(j);
		return NULL;
	}
	*err = VT_OK;
	return j;
}

static json_t *reported(const struct scrutiny_change *c,
			const struct vt_scrutiny *old, char *why,
			size_t whysize, enum vt_err *err)
{
	json_t *j = NULL;

	*err = VT_EINVAL;
	if (old->status == VT_SCRUTINY_REPORTED ||
	    old->status == VT_SCRUTINY_DROPPED) {
		snprintf(why, whysize, "scrutiny item '%s': status: it is "
			 "%s%s%s; only a planned or in-progress item is "
			 "reported", old->ref,
			 vt_scrutiny_status_names[old->status],
			 old->reported ? " on " : "",
			 old->reported ? old->reported : "");
		return NULL;
	}
	*err = VT_ENOMEM;
	if (vt_record_to_json(VT_KIND_SCRUTINY, old, &j))
		return NULL;
	if (json_object_set_new(j, "status", json_string(
			vt_scrutiny_status_names[VT_SCRUTINY_REPORTED])) ||
	    set_text(j, "reported", c->date) ||
	    set_text(j, "summary", c->summary)) {
		json_decref(j);
		return NULL;
	}
	*err = VT_OK;
	return j;
}

/* The next challenge number: one more than the highest given so far, as
   the challenge log numbers them. */
static void next_challenge(const struct vt_def *meta, char *out, size_t size)
{
	unsigned long high = 0, n;
	size_t i;

	for (i = 0; i < vt_def_count(meta, VT_KIND_CHALLENGE); i++) {
		const struct vt_challenge *ch =
			vt_def_at(meta, VT_KIND_CHALLENGE, i);

		n = strtoul(ch->id, NULL, 10);
		if (n > high)
			high = n;
	}
	snprintf(out, size, "%lu", high + 1);
}

/* "<REF>-F<n>", n the first not taken. */
static void next_action(const struct vt_def *meta, const char *ref,
			char *out, size_t size)
{
	unsigned n;

	for (n = 1;; n++) {
		snprintf(out, size, "%s-F%u", ref, n);
		if (!vt_def_find(meta, VT_KIND_ACTION, out))
			return;
	}
}

/* The plan an action goes in: the one named, else the first strategic
   plan; NULL, with the reason in 'why', when there is none. */
static const struct vt_plan *plan_for(const struct vt_def *meta,
				      const char *ref, const char *code,
				      char *why, size_t whysize)
{
	const struct vt_plan *p;
	char today[VT_DAY_MAX];

	if (code) {
		p = vt_def_find(meta, VT_KIND_PLAN, code);
		if (!p)
			snprintf(why, whysize, "scrutiny item '%s': plan: "
				 "there is no plan '%s'", ref, code);
		return p;
	}
	/* The strategic plan in force today, not one that has ended. */
	vt_clock_today(today);
	p = vt_plan_default(meta, today);
	if (p)
		return p;
	snprintf(why, whysize, "scrutiny item '%s': plan: the partnership "
		 "has no strategic plan to hold the action; name the plan it "
		 "belongs in", ref);
	return NULL;
}

/* The record a finding becomes, appended to 'change'; its key to
   c->made. */
static enum vt_err made_record(struct scrutiny_change *c,
			       const struct vt_def *meta,
			       const struct vt_scrutiny *old,
			       struct vt_def *change, struct vt_check *ck,
			       char *why, size_t whysize)
{
	const struct vt_scrutiny_finding_new *f = c->find;
	enum vt_kind kind = f->becomes == VT_FINDING_CHALLENGE ?
			    VT_KIND_CHALLENGE : VT_KIND_ACTION;
	char on[96];
	void *rec;
	enum vt_err result;
	json_t *j;

	if (kind == VT_KIND_CHALLENGE) {
		if (strcmp(f->date, old->reported) < 0) {
			snprintf(why, whysize, "scrutiny item '%s': date: "
				 "%s is before the item was reported (%s)",
				 old->ref, f->date, old->reported);
			return VT_EINVAL;
		}
		next_challenge(meta, c->made, c->madesize);
		snprintf(on, sizeof(on), "scrutiny:%s", old->ref);
		j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", c->made,
			      "on", on, "by", f->by, "raised", f->date,
			      "text", f->text, "status",
			      vt_challenge_status_names[VT_CHALLENGE_OPEN]);
	} else {
		const struct vt_plan *plan;

		if (!vt_def_find(meta, VT_KIND_AGENCY, f->agency)) {
			snprintf(why, whysize, "scrutiny item '%s': agency: "
				 "there is no agency '%s'", old->ref,
				 f->agency);
			return VT_EINVAL;
		}
		plan = plan_for(meta, old->ref, f->plan, why, whysize);
		if (!plan)
			return VT_EINVAL;
		next_action(meta, old->ref, c->made, c->madesize);
		/* Amber until its owner first rates it, as a case review's
		   recommendation. */
		j = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s, s:s}",
			      "code", c->made, "plan", plan->code,
			      "agency", f->agency, "title", f->text,
			      "owner", f->owner, "due", c->due,
			      "rag", vt_rag_names[VT_RAG_AMBER]);
	}
	if (!j)
		return VT_ENOMEM;
	result = vt_def_append(change, kind, &rec);
	if (!result)
		result = vt_record_from_json(kind, j, kind == VT_KIND_ACTION ?
					     "action" : "challenge", ck, rec);
	json_decref(j);
	return result;
}

static json_t *found(const struct scrutiny_change *c,
		     const struct vt_scrutiny *old, char *why, size_t whysize,
		     enum vt_err *err)
{
	const struct vt_scrutiny_finding_new *f = c->find;
	json_t *j = NULL, *fs, *one;

	*err = VT_EINVAL;
	if (old->status != VT_SCRUTINY_REPORTED) {
		snprintf(why, whysize, "scrutiny item '%s': status: it is %s; "
			 "findings come from its report ('vitals scrutiny "
			 "report' first)", old->ref,
			 vt_scrutiny_status_names[old->status]);
		return NULL;
	}
	*err = VT_ENOMEM;
	if (vt_record_to_json(VT_KIND_SCRUTINY, old, &j))
		return NULL;
	fs = json_object_get(j, "findings");
	if (!fs && (!(fs = json_array()) ||
		    json_object_set_new(j, "findings", fs)))
		goto fail;
	one = json_pack("{s:s, s:s, s:s}", "text", f->text, "becomes",
			vt_finding_becomes_names[f->becomes],
			f->becomes == VT_FINDING_CHALLENGE ? "challenge" :
			"action", c->made);
	if (json_array_append_new(fs, one))
		goto fail;
	*err = VT_OK;
	return j;
fail:
	json_decref(j);
	return NULL;
}

static enum vt_err build_change(void *arg, const struct vt_def *meta,
				struct vt_def *change, struct vt_check *ck,
				char *why, size_t whysize)
{
	struct scrutiny_change *c = arg;
	const char *ref = c->edit ? c->edit->ref : c->find ? c->find->ref :
			  c->ref;
	const struct vt_scrutiny *old = vt_def_find(meta, VT_KIND_SCRUTINY,
						    ref);
	struct vt_scrutiny *rec;
	enum vt_err result = VT_OK;
	json_t *j = NULL;

	if (c->step == ADD && old) {
		snprintf(why, whysize, "ref: there is already a scrutiny "
			 "item '%s'", ref);
		return VT_ECONFLICT;
	}
	if (c->step != ADD && !old) {
		snprintf(why, whysize, "ref: there is no scrutiny item '%s'",
			 ref);
		return VT_ENOTFOUND;
	}
	if (c->step == ADD || c->step == UPDATE)
		j = planned(c, old, why, whysize, &result);
	else if (c->step == REPORT)
		j = reported(c, old, why, whysize, &result);
	else if (old->status == VT_SCRUTINY_REPORTED)
		result = made_record(c, meta, old, change, ck, why, whysize);
	if (!result && c->step == FIND)
		j = found(c, old, why, whysize, &result);
	if (!j)
		return result;
	result = vt_def_append(change, VT_KIND_SCRUTINY, (void **)&rec);
	if (!result)
		result = vt_record_from_json(VT_KIND_SCRUTINY, j, "scrutiny",
					     ck, rec);
	json_decref(j);
	/* The rules between records: its year and plan, the report, each
	   finding's challenge or action. */
	if (!result && !ck->dq->errors)
		result = vt_def_check(change, ck);
	return result;
}

static enum vt_err need(const char *ref, const char *value,
			const char *field, const char *what, char *why,
			size_t whysize)
{
	if (!vt_text_blank(value))
		return VT_OK;
	if (vt_text_blank(ref))
		snprintf(why, whysize, "%s: %s", field, what);
	else
		snprintf(why, whysize, "scrutiny item '%s': %s: %s", ref,
			 field, what);
	return VT_EINVAL;
}

enum vt_err vt_scrutiny_add(struct vt_store *s,
			    const struct vt_scrutiny_edit *e, const char *who,
			    char *why, size_t whysize)
{
	struct scrutiny_change c = { .step = ADD, .edit = e };
	enum vt_err result;

	if ((result = need(NULL, e->ref, "ref", "an item needs its reference "
			   "(SCR-2026-01)", why, whysize)) ||
	    (result = need(e->ref, e->year, "year", "say the plan's year "
			   "(2026-27)", why, whysize)) ||
	    (result = need(e->ref, e->theme, "theme", "say what is looked "
			   "at", why, whysize)) ||
	    (result = need(e->ref, e->method, "method", "say how "
			   "(observation, case-audit, interview, survey, "
			   "data-review, meeting-attendance or other)", why,
			   whysize)) ||
	    (result = need(e->ref, e->planned, "planned", "say when (a date "
			   "or a quarter, 2026Q3)", why, whysize)))
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_scrutiny_update(struct vt_store *s,
			       const struct vt_scrutiny_edit *e,
			       const char *who, char *why, size_t whysize)
{
	struct scrutiny_change c = { .step = UPDATE, .edit = e };
	enum vt_err result;

	if ((result = need(NULL, e->ref, "ref", "which scrutiny item?", why,
			   whysize)))
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_scrutiny_report(struct vt_store *s, const char *ref,
			       const char *date, const char *summary,
			       const char *who, char *why, size_t whysize)
{
	struct scrutiny_change c = { .step = REPORT, .ref = ref,
				     .date = date, .summary = summary };
	enum vt_err result;

	if ((result = need(NULL, ref, "ref", "which scrutiny item?", why,
			   whysize)) ||
	    (result = need(ref, date, "reported", "say when it was "
			   "reported (YYYY-MM-DD)", why, whysize)) ||
	    (result = need(ref, summary, "summary", "give the report's "
			   "summary", why, whysize)))
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_scrutiny_find(struct vt_store *s,
			     const struct vt_scrutiny_finding_new *f,
			     char *made, size_t madesize, const char *who,
			     char *why, size_t whysize)
{
	struct scrutiny_change c = { .step = FIND, .find = f, .made = made,
				     .madesize = madesize };
	enum vt_err result;

	if (!made || madesize < 2) {
		snprintf(why, whysize, "no room for the record's reference");
		return VT_EINVAL;
	}
	made[0] = '\0';
	if ((result = need(NULL, f->ref, "ref", "which scrutiny item?", why,
			   whysize)) ||
	    (result = need(f->ref, f->text, "findings", "a finding needs "
			   "its text", why, whysize)))
		return result;
	if (vt_text_looks_personal(f->by) || vt_text_looks_personal(f->owner)) {
		snprintf(why, whysize, "scrutiny item '%s': %s looks like a "
			 "person's name or a date of birth; a role title is "
			 "asked for", f->ref,
			 vt_text_looks_personal(f->by) ? "by" : "owner");
		return VT_EINVAL;
	}
	if (f->becomes == VT_FINDING_CHALLENGE) {
		if ((result = need(f->ref, f->by, "by", "say who raises the "
				   "challenge (a role title such as "
				   "'independent scrutineer')", why,
				   whysize)) ||
		    (result = need(f->ref, f->date, "date", "say when it is "
				   "raised (YYYY-MM-DD)", why, whysize)))
			return result;
	} else {
		if ((result = need(f->ref, f->agency, "agency", "an action "
				   "needs the agency that owns it", why,
				   whysize)) ||
		    (result = need(f->ref, f->due, "due", "an action needs "
				   "its due date (YYYY-MM-DD)", why,
				   whysize)))
			return result;
		if (vt_action_date(f->due, c.due)) {
			snprintf(why, whysize, "scrutiny item '%s': due: '%s' "
				 "is not a date (YYYY-MM-DD or DD/MM/YYYY)",
				 f->ref, f->due);
			return VT_EINVAL;
		}
	}
	return vt_store_change(s, build_change, &c, who, why, whysize);
}
