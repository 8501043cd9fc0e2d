/* Adding, grading and completing a multi-agency audit and making its recommendations actions: each one checked write through the change log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/audits.h"
#include "vitals/strparse.h"
#include "store/store.h"
#include "services/recommend.h"

enum audit_action { AUDIT_ADD, AUDIT_GRADE, AUDIT_COMPLETE };

struct audit_change {
	enum audit_action action;
	const char *ref;
	/* adding */
	const char *theme, *planned, *lead, *reaudit_of;
	const char *const *agencies;
	size_t nagencies;
	int64_t sample;
	/* grading */
	const char *case_ref, *agency, *grade, *findings;
	bool *replaced;
	/* completing */
	const char *date, *summary;
};

static int fy_start(const struct vt_def *meta)
{
	const struct vt_partnership *p =
		vt_def_count(meta, VT_KIND_PARTNERSHIP) ?
		vt_def_at(meta, VT_KIND_PARTNERSHIP, 0) : NULL;

	return p && vt_fy_start_month_valid((int)p->fy_start_month) ?
	       (int)p->fy_start_month : 4;
}

static json_t *added(const struct audit_change *c, const struct vt_def *meta,
		     char *why, size_t whysize, enum vt_err *err)
{
	char quarter[VT_PERIOD_ID_MAX];
	json_t *j, *agencies = json_array();
	size_t i, k;

	if (vt_period_read_id(c->planned, fy_start(meta), quarter) ||
	    quarter[4] != 'Q') {
		snprintf(why, whysize, "planned: '%s' is not a quarter "
			 "(2026Q2 or 2026-27 Q1)", c->planned);
		*err = VT_EINVAL;
		json_decref(agencies);
		return NULL;
	}
	/* The lead takes part: first, unless listed. */
	for (k = 0; k < c->nagencies; k++)
		if (!strcmp(c->agencies[k], c->lead))
			break;
	if (agencies && k == c->nagencies &&
	    json_array_append_new(agencies, json_string(c->lead))) {
		json_decref(agencies);
		return NULL;
	}
	for (i = 0; agencies && i < c->nagencies; i++)
		if (json_array_append_new(agencies,
					  json_string(c->agencies[i]))) {
			json_decref(agencies);
			return NULL;
		}
	if (!agencies)
		return NULL;
	j = json_pack("{s:s, s:s, s:s, s:s, s:I, s:o}", "ref", c->ref,
		      "theme", c->theme, "planned", quarter, "lead", c->lead,
		      "sample", (json_int_t)c->sample, "agencies", agencies);
	if (j && c->reaudit_of &&
	    json_object_set_new(j, "reaudit_of", json_string(c->reaudit_of))) {
		json_decref(j);
		return NULL;
	}
	*err = j ? VT_OK : VT_ENOMEM;
	return j;
}

/* Add or replace one agency's grade of one case. */
static int graded(const struct audit_change *c, json_t *j)
{
	json_t *grades = json_object_get(j, "grades"), *g, *item;
	size_t i;

	if (!grades) {
		grades = json_array();
		if (!grades || json_object_set_new(j, "grades", grades))
			return -1;
	}
	g = json_pack("{s:s, s:s, s:s}", "case", c->case_ref, "agency",
		      c->agency, "grade", c->grade);
	if (!g || (c->findings && json_object_set_new(g, "findings",
					json_string(c->findings)))) {
		json_decref(g);
		return -1;
	}
	json_array_foreach(grades, i, item) {
		const char *cs = json_string_value(json_object_get(item,
								   "case"));
		const char *ag = json_string_value(json_object_get(item,
								   "agency"));

		if (cs && ag && !strcmp(cs, c->case_ref) &&
		    !strcmp(ag, c->agency)) {
			*c->replaced = true;
			return json_array_set_new(grades, i, g);
		}
	}
	return json_array_append_new(grades, g);
}

static json_t *changed(const struct audit_change *c, const struct vt_def *meta,
		       char *why, size_t whysize, enum vt_err *err)
{
	const struct vt_audit *old = vt_def_find(meta, VT_KIND_AUDIT, c->ref);
	json_t *j = NULL;
	int failed = 0;
	size_t i;

	*err = VT_ENOMEM;
	if (c->action == AUDIT_ADD) {
		if (old) {
			snprintf(why, whysize, "ref: there is already an "
				 "audit '%s'", c->ref);
			*err = VT_ECONFLICT;
			return NULL;
		}
		if (!vt_def_find(meta, VT_KIND_AGENCY, c->lead)) {
			snprintf(why, whysize, "lead: there is no agency '%s'",
				 c->lead);
			*err = VT_EINVAL;
			return NULL;
		}
		for (i = 0; i < c->nagencies; i++)
			if (!vt_def_find(meta, VT_KIND_AGENCY,
					 c->agencies[i])) {
				snprintf(why, whysize, "agencies: there is no "
					 "agency '%s'", c->agencies[i]);
				*err = VT_EINVAL;
				return NULL;
			}
		if (c->reaudit_of &&
		    !vt_def_find(meta, VT_KIND_AUDIT, c->reaudit_of)) {
			snprintf(why, whysize, "reaudit_of: there is no audit "
				 "'%s'", c->reaudit_of);
			*err = VT_EINVAL;
			return NULL;
		}
		return added(c, meta, why, whysize, err);
	}
	if (!old) {
		snprintf(why, whysize, "ref: there is no audit '%s'", c->ref);
		*err = VT_ENOTFOUND;
		return NULL;
	}
	if (c->action == AUDIT_COMPLETE && old->done) {
		snprintf(why, whysize, "done: audit '%s' was completed on %s",
			 c->ref, old->done);
		*err = VT_EINVAL;
		return NULL;
	}
	if (vt_record_to_json(VT_KIND_AUDIT, old, &j))
		return NULL;
	if (c->action == AUDIT_GRADE) {
		failed = graded(c, j);
	} else {
		failed = json_object_set_new(j, "done", json_string(c->date));
		if (!failed && c->summary)
			failed = json_object_set_new(j, "summary",
					json_string(c->summary));
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
	struct audit_change *c = arg;
	struct vt_audit *rec;
	enum vt_err result;
	json_t *j = changed(c, meta, why, whysize, &result);

	if (!j)
		return result;
	result = vt_def_append(change, VT_KIND_AUDIT, (void **)&rec);
	if (!result)
		result = vt_record_from_json(VT_KIND_AUDIT, j, "audit", ck,
					     rec);
	json_decref(j);
	/* The rules between records: agencies and the audit repeated
	   exist, the theme and grades are the partnership's. */
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

enum vt_err vt_audit_add(struct vt_store *s, const char *ref,
			 const char *theme, const char *planned,
			 const char *lead, const char *const *agencies,
			 size_t nagencies, const char *sample,
			 const char *reaudit_of, const char *who, char *why,
			 size_t whysize)
{
	struct audit_change c = { .action = AUDIT_ADD, .ref = ref,
				  .theme = theme, .planned = planned,
				  .lead = lead,
				  .reaudit_of = or_null(reaudit_of),
				  .agencies = agencies,
				  .nagencies = nagencies };
	enum vt_err result;

	if ((result = need(ref, "ref", "an audit needs its reference "
			   "(MAA-2026-01)", why, whysize)) ||
	    (result = need(theme, "theme", "give its theme", why,
			   whysize)) ||
	    (result = need(planned, "planned", "say which quarter it is "
			   "planned for (2026Q2)", why, whysize)) ||
	    (result = need(lead, "lead", "say which agency leads it", why,
			   whysize)) ||
	    (result = need(sample, "sample", "say how many cases it "
			   "samples", why, whysize)))
		return result;
	if (vt_parse_int64(sample, &c.sample) || c.sample < 1 ||
	    c.sample > 100000) {
		snprintf(why, whysize, "sample: '%s' is not a number of cases "
			 "(1 to 100000)", sample);
		return VT_EINVAL;
	}
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_audit_grade(struct vt_store *s, const char *ref,
			   const char *case_ref, const char *agency,
			   const char *grade, const char *findings,
			   bool *replaced, const char *who, char *why,
			   size_t whysize)
{
	bool dummy = false;
	struct audit_change c = { .action = AUDIT_GRADE, .ref = ref,
				  .case_ref = case_ref, .agency = agency,
				  .grade = grade,
				  .findings = or_null(findings),
				  .replaced = replaced ? replaced : &dummy };
	enum vt_err result;

	*c.replaced = false;
	if ((result = need(ref, "ref", "which audit?", why, whysize)) ||
	    (result = need(case_ref, "case", "give the case reference",
			   why, whysize)) ||
	    (result = need(agency, "agency", "say which agency graded it",
			   why, whysize)) ||
	    (result = need(grade, "grade", "give the grade", why, whysize)))
		return result;
	result = vt_store_change(s, build_change, &c, who, why, whysize);
	if (result)
		*c.replaced = false;
	return result;
}

enum vt_err vt_audit_complete(struct vt_store *s, const char *ref,
			      const char *date, const char *summary,
			      const char *who, char *why, size_t whysize)
{
	struct audit_change c = { .action = AUDIT_COMPLETE, .ref = ref,
				  .date = date, .summary = or_null(summary) };
	enum vt_err result;

	if ((result = need(ref, "ref", "which audit?", why, whysize)) ||
	    (result = need(date, "done", "say when it was completed "
			   "(YYYY-MM-DD)", why, whysize)))
		return result;
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_audit_recommend(struct vt_store *s, const char *ref,
			       const char *text, const char *agency,
			       const char *due, const char *owner,
			       const char *plan, char *code, size_t codesize,
			       const char *who, char *why, size_t whysize)
{
	return Vt_recommend(s, VT_KIND_AUDIT, NULL, ref, text, agency, due,
			    owner, plan, code, codesize, who, why, whysize);
}
