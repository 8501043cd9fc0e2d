/* Adding a case review, dating its stages and making its recommendations actions: each one checked write through the change log. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "vitals/actions.h"
#include "vitals/reviews.h"
#include "vitals/strparse.h"
#include "store/store.h"
#include "services/recommend.h"

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

static int review_takes_recommendations(const void *rec, char *why,
					size_t whysize)
{
	const struct vt_review *r = rec;

	if (vt_review_open(r))
		return 0;
	snprintf(why, whysize, "ref: case review '%s' is closed; its "
		 "recommendations were made before it closed", r->ref);
	return 1;
}

enum vt_err vt_review_recommend(struct vt_store *s, const char *ref,
				const char *text, const char *agency,
				const char *due, const char *owner,
				const char *plan, char *code, size_t codesize,
				const char *who, char *why, size_t whysize)
{
	return Vt_recommend(s, VT_KIND_REVIEW, review_takes_recommendations,
			    ref, text, agency, due, owner, plan, code,
			    codesize, who, why, whysize);
}
