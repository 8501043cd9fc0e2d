/* A register's recommendations become actions of the tracker, each naming the record it came from: a case review's, an audit's. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "vitals/actions.h"
#include "vitals/clock.h"
#include "vitals/planlife.h"
#include "vitals/strparse.h"
#include "services/recommend.h"
#include "services/tracked.h"

struct recommendation {
	enum vt_kind source;
	vt_recommend_open_fn open;
	const char *ref, *text, *agency, *owner, *plan;
	char due[11];
	char *code;
	size_t codesize;
};

/* The action's field naming a record of 'source' ("review", "audit"). */
static const char *source_field(enum vt_kind source)
{
	const struct vt_entity *e = vt_entity_of(VT_KIND_ACTION);
	size_t i;

	for (i = 0; i < e->nfields; i++)
		if (e->fields[i].type == VT_FT_REF &&
		    e->fields[i].ref == source)
			return e->fields[i].name;
	return NULL;
}

const struct vt_plan *vt_tracked_action_plan(const struct vt_def *meta,
					     const char *code,
					     const char *what, char *why,
					     size_t whysize)
{
	const struct vt_plan *p;
	char today[VT_DAY_MAX];

	if (code) {
		p = vt_def_find(meta, VT_KIND_PLAN, code);
		if (!p)
			snprintf(why, whysize, "plan: there is no plan '%s'",
				 code);
		return p;
	}
	/* The strategic plan in force today, not one that has ended. */
	vt_clock_today(today);
	p = vt_plan_default(meta, today);
	if (p)
		return p;
	snprintf(why, whysize, "plan: the partnership has no strategic plan "
		 "to hold the %s; name the plan it belongs in", what);
	return NULL;
}

/* "<REF>-R<n>", n the first not taken; a '/' of the reference, which no
   code may hold, becomes '-'. */
static void next_code(const struct vt_def *meta, const char *ref,
		      char *out, size_t size)
{
	unsigned n;
	char *c;

	for (n = 1;; n++) {
		snprintf(out, size, "%s-R%u", ref, n);
		for (c = out; *c; c++)
			if (*c == '/')
				*c = '-';
		if (!vt_def_find(meta, VT_KIND_ACTION, out))
			return;
	}
}

static enum vt_err build_recommendation(void *arg, const struct vt_def *meta,
					struct vt_def *change,
					struct vt_check *ck, char *why,
					size_t whysize)
{
	struct recommendation *rc = arg;
	const void *src = vt_def_find(meta, rc->source, rc->ref);
	const struct vt_plan *plan;
	struct vt_action *rec;
	enum vt_err result;
	json_t *j;

	if (!src) {
		snprintf(why, whysize, "ref: there is no %s '%s'",
			 vt_entity_of(rc->source)->name, rc->ref);
		return VT_ENOTFOUND;
	}
	if (rc->open && rc->open(src, why, whysize))
		return VT_EINVAL;
	if (!vt_def_find(meta, VT_KIND_AGENCY, rc->agency)) {
		snprintf(why, whysize, "agency: there is no agency '%s'",
			 rc->agency);
		return VT_EINVAL;
	}
	plan = vt_tracked_action_plan(meta, rc->plan, "recommendation", why,
				      whysize);
	if (!plan)
		return VT_EINVAL;
	next_code(meta, rc->ref, rc->code, rc->codesize);
	/* Amber until its owner first rates it: neither on the red list
	   nor shown as on track before anyone has said so. */
	j = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:s}",
		      "code", rc->code, "plan", plan->code,
		      "agency", rc->agency, "title", rc->text,
		      "owner", rc->owner, "due", rc->due,
		      "rag", vt_rag_names[VT_RAG_AMBER],
		      source_field(rc->source), rc->ref);
	if (!j)
		return VT_ENOMEM;
	result = vt_def_append(change, VT_KIND_ACTION, (void **)&rec);
	if (!result)
		result = vt_record_from_json(VT_KIND_ACTION, j, "action", ck,
					     rec);
	json_decref(j);
	if (!result && !ck->dq->errors)
		result = vt_def_check(change, ck);
	return result;
}

enum vt_err Vt_recommend(struct vt_store *s, enum vt_kind source,
			 vt_recommend_open_fn open, const char *ref,
			 const char *text, const char *agency,
			 const char *due, const char *owner, const char *plan,
			 char *code, size_t codesize, const char *who,
			 char *why, size_t whysize)
{
	static const char personal[] = "%s: the %s looks like a person's "
		"name or a date of birth; a recommendation names roles and "
		"agencies only";
	struct recommendation rc = { source, open, ref, text, agency, owner,
				     plan, "", code, codesize };

	if (code && codesize)
		code[0] = '\0';
	if (!source_field(source)) {
		snprintf(why, whysize, "a %s makes no recommendations",
			 vt_entity_of(source)->name);
		return VT_EINVAL;
	}
	if (vt_text_blank(ref)) {
		snprintf(why, whysize, "ref: say which %s the "
			 "recommendation comes from",
			 vt_entity_of(source)->name);
		return VT_EINVAL;
	}
	if (vt_text_blank(text)) {
		snprintf(why, whysize, "text: a recommendation needs its text");
		return VT_EINVAL;
	}
	if (vt_text_looks_personal(text)) {
		snprintf(why, whysize, personal, "text", "text");
		return VT_EINVAL;
	}
	if (vt_text_blank(agency)) {
		snprintf(why, whysize, "agency: a recommendation needs the "
			 "agency that owns it");
		return VT_EINVAL;
	}
	if (vt_text_blank(due)) {
		snprintf(why, whysize, "due: a recommendation needs its due "
			 "date (YYYY-MM-DD)");
		return VT_EINVAL;
	}
	if (vt_action_date(due, rc.due)) {
		snprintf(why, whysize, "due: '%s' is not a date (YYYY-MM-DD "
			 "or DD/MM/YYYY)", due);
		return VT_EINVAL;
	}
	if (owner && vt_text_blank(owner))
		rc.owner = NULL;
	if (rc.owner && vt_text_looks_personal(rc.owner)) {
		snprintf(why, whysize, personal, "owner", "owner");
		return VT_EINVAL;
	}
	if (plan && vt_text_blank(plan))
		rc.plan = NULL;
	if (!code || codesize < 2) {
		snprintf(why, whysize, "no room for the action's reference");
		return VT_EINVAL;
	}
	return vt_store_change(s, build_recommendation, &rc, who, why,
			       whysize);
}
