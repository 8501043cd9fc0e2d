/* Adding a case review, dating its stages and making its recommendations actions: each one checked write through the change log. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "vitals/actions.h"
#include "vitals/reviews.h"
#include "vitals/strparse.h"
#include "store/store.h"
#include "services/tracked.h"

struct review_change {
	const char *ref;
	/* adding */
	const char *aware;
	const char *const *agencies, *const *themes;
	size_t nagencies, nthemes;
	/* recording */
	int stage;		/* -1 when adding */
	const char *date, *decision, *reviewer, *note;
};

static json_t *strings(const char *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < n; i++)
		if (json_array_append_new(a, json_string(v[i]))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

/* The field that holds the note of 'stage'. */
static const char *note_field(int stage)
{
	static const char *const names[VT_STAGE__MAX] = {
		"notification_note", "rapid_review_note", "decision_note",
		"terms_of_reference_note", "reviewer_note", "draft_note",
		"panel_copy_note", "publication_note", "closed_note",
	};

	return names[stage];
}

/*
 * A review closes once its learning is acted on: true, with the reason
 * in 'why', while any action made from its recommendations is not
 * complete (blue).
 */
static bool unfinished(const struct vt_def *meta, const char *ref,
		       char *why, size_t whysize)
{
	size_t i;

	for (i = 0; i < vt_def_count(meta, VT_KIND_ACTION); i++) {
		const struct vt_action *a = vt_def_at(meta, VT_KIND_ACTION, i);

		if (!a->review || strcmp(a->review, ref) ||
		    a->rag == VT_RAG_BLUE)
			continue;
		snprintf(why, whysize, "closed: recommendation %s of case "
			 "review '%s' is %s, not complete; a review closes "
			 "when every recommendation is complete (blue)",
			 a->code, ref, vt_rag_names[a->rag]);
		return true;
	}
	return false;
}

static json_t *changed(const struct review_change *rc,
		       const struct vt_def *meta, char *why, size_t whysize,
		       enum vt_err *err)
{
	const struct vt_review *old = vt_def_find(meta, VT_KIND_REVIEW,
						  rc->ref);
	json_t *j = NULL;
	int failed;

	if (rc->stage < 0) {
		if (old) {
			snprintf(why, whysize, "ref: there is already a case "
				 "review '%s'", rc->ref);
			*err = VT_ECONFLICT;
			return NULL;
		}
		j = json_pack("{s:s, s:s, s:o, s:o}", "ref", rc->ref,
			      "aware", rc->aware,
			      "agencies", strings(rc->agencies, rc->nagencies),
			      "themes", strings(rc->themes, rc->nthemes));
		*err = j ? VT_OK : VT_ENOMEM;
		return j;
	}
	if (!old) {
		snprintf(why, whysize, "ref: there is no case review '%s'",
			 rc->ref);
		*err = VT_ENOTFOUND;
		return NULL;
	}
	if (rc->stage == VT_STAGE_CLOSED &&
	    unfinished(meta, rc->ref, why, whysize)) {
		*err = VT_EINVAL;
		return NULL;
	}
	*err = VT_ENOMEM;
	if (vt_record_to_json(VT_KIND_REVIEW, old, &j))
		return NULL;
	failed = json_object_set_new(j, vt_review_date_field(rc->stage),
				     json_string(rc->date));
	if (!failed && rc->note)
		failed = json_object_set_new(j, note_field(rc->stage),
					     json_string(rc->note));
	if (!failed && rc->reviewer)
		failed = json_object_set_new(j, "reviewer",
					     json_string(rc->reviewer));
	if (!failed && rc->decision)
		failed = json_object_set_new(j, "decision",
					     json_string(rc->decision));
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
	struct review_change *rc = arg;
	struct vt_review *rec;
	enum vt_err result;
	json_t *j = changed(rc, meta, why, whysize, &result);

	if (!j)
		return result;
	result = vt_def_append(change, VT_KIND_REVIEW, (void **)&rec);
	if (!result)
		result = vt_record_from_json(VT_KIND_REVIEW, j, "review", ck,
					     rec);
	json_decref(j);
	/* The rules between records: agencies exist, stages in order. */
	if (!result && !ck->dq->errors)
		result = vt_def_check(change, ck);
	return result;
}

enum vt_err vt_review_add(struct vt_store *s, const char *ref,
			  const char *aware, const char *const *agencies,
			  size_t nagencies, const char *const *themes,
			  size_t nthemes, const char *who, char *why,
			  size_t whysize)
{
	struct review_change rc = { ref, aware, agencies, themes, nagencies,
				    nthemes, -1, NULL, NULL, NULL, NULL };

	if (vt_text_blank(ref)) {
		snprintf(why, whysize, "ref: a case review needs its case "
			 "reference (CSPR-2026-01)");
		return VT_EINVAL;
	}
	if (vt_text_blank(aware)) {
		snprintf(why, whysize, "aware: say when the local authority "
			 "became aware (YYYY-MM-DD)");
		return VT_EINVAL;
	}
	return vt_store_change(s, build_change, &rc, who, why, whysize);
}

enum vt_err vt_review_record(struct vt_store *s, const char *ref,
			     const char *stage, const char *date,
			     const char *decision, const char *reviewer,
			     const char *note, const char *who, char *why,
			     size_t whysize)
{
	struct review_change rc = { ref, NULL, NULL, NULL, 0, 0, -1, date,
				    decision, reviewer, note };
	int i;

	for (i = 0; i < VT_STAGE__MAX; i++)
		if (!strcmp(stage, vt_review_stage_names[i]))
			rc.stage = i;
	if (rc.stage < 0) {
		snprintf(why, whysize, "stage: '%s' is not a stage "
			 "(notification, rapid-review, decision, "
			 "terms-of-reference, reviewer, draft, panel-copy, "
			 "publication or closed)", stage);
		return VT_EINVAL;
	}
	if (decision && rc.stage != VT_STAGE_DECISION) {
		snprintf(why, whysize, "decision: a decision is recorded with "
			 "the decision stage");
		return VT_EINVAL;
	}
	if (reviewer && rc.stage != VT_STAGE_REVIEWER) {
		snprintf(why, whysize, "reviewer: the reviewer is recorded "
			 "with the reviewer stage");
		return VT_EINVAL;
	}
	if (vt_text_blank(date)) {
		snprintf(why, whysize, "date: say when the stage happened "
			 "(YYYY-MM-DD)");
		return VT_EINVAL;
	}
	if (note && vt_text_blank(note))
		note = NULL;
	rc.note = note;
	return vt_store_change(s, build_change, &rc, who, why, whysize);
}

/* ------------------------------------------------------------------ */
/* Recommendations: actions in the tracker, the review their source */

struct recommendation {
	const char *ref, *text, *agency, *owner, *plan;
	char due[11];
	char *code;
	size_t codesize;
};

/* The plan a tracked action goes in: the one named, else the first
   strategic plan; NULL, with the reason in 'why', when there is none.
   'what' names the action ("recommendation"). */
const struct vt_plan *vt_tracked_action_plan(const struct vt_def *meta,
					     const char *code,
					     const char *what, char *why,
					     size_t whysize)
{
	size_t i;

	if (code) {
		const struct vt_plan *p = vt_def_find(meta, VT_KIND_PLAN,
						      code);

		if (!p)
			snprintf(why, whysize, "plan: there is no plan '%s'",
				 code);
		return p;
	}
	for (i = 0; i < vt_def_count(meta, VT_KIND_PLAN); i++) {
		const struct vt_plan *p = vt_def_at(meta, VT_KIND_PLAN, i);

		if (p->kind == VT_PLAN_STRATEGIC)
			return p;
	}
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
	const struct vt_review *r = vt_def_find(meta, VT_KIND_REVIEW, rc->ref);
	const struct vt_plan *plan;
	struct vt_action *rec;
	enum vt_err result;
	json_t *j;

	if (!r) {
		snprintf(why, whysize, "ref: there is no case review '%s'",
			 rc->ref);
		return VT_ENOTFOUND;
	}
	if (!vt_review_open(r)) {
		snprintf(why, whysize, "ref: case review '%s' is closed; its "
			 "recommendations were made before it closed", rc->ref);
		return VT_EINVAL;
	}
	if (!vt_def_find(meta, VT_KIND_AGENCY, rc->agency)) {
		snprintf(why, whysize, "agency: there is no agency '%s'",
			 rc->agency);
		return VT_EINVAL;
	}
	plan = vt_tracked_action_plan(meta, rc->plan, "recommendation", why,
				      whysize);
	if (!plan)
		return VT_EINVAL;
	next_code(meta, r->ref, rc->code, rc->codesize);
	/* Amber until its owner first rates it: neither on the red list
	   nor shown as on track before anyone has said so. */
	j = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:s}",
		      "code", rc->code, "plan", plan->code,
		      "agency", rc->agency, "title", rc->text,
		      "owner", rc->owner, "due", rc->due,
		      "rag", vt_rag_names[VT_RAG_AMBER], "review", r->ref);
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

enum vt_err vt_review_recommend(struct vt_store *s, const char *ref,
				const char *text, const char *agency,
				const char *due, const char *owner,
				const char *plan, char *code, size_t codesize,
				const char *who, char *why, size_t whysize)
{
	static const char personal[] = "%s: the %s looks like a person's "
		"name or a date of birth; a recommendation names roles and "
		"agencies only";
	struct recommendation rc = { ref, text, agency, owner, plan, "",
				     code, codesize };

	if (code && codesize)
		code[0] = '\0';
	if (vt_text_blank(ref)) {
		snprintf(why, whysize, "ref: say which case review the "
			 "recommendation comes from");
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
