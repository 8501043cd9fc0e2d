/* Rating, submitting and challenging a section 11 self-assessment and making actions from it: each one checked write through the change log. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "vitals/actions.h"
#include "vitals/s11.h"
#include "vitals/strparse.h"
#include "store/store.h"
#include "services/tracked.h"

enum s11_step { S11_RATE, S11_SUBMIT, S11_CHALLENGE };

struct s11_change {
	enum s11_step step;
	const char *agency, *cycle;
	/* rating */
	const char *standard, *rating, *evidence, *action;
	/* submitting, challenging */
	const char *date;
	const char *outcome, *note;
	const struct vt_s11_rerating *changes;
	size_t nchanges;
};

static const struct vt_partnership *partnership_of(const struct vt_def *meta)
{
	return vt_def_count(meta, VT_KIND_PARTNERSHIP) ?
	       vt_def_at(meta, VT_KIND_PARTNERSHIP, 0) : NULL;
}

static bool standard_known(const struct vt_def *meta, const char *code)
{
	const struct vt_partnership *p = partnership_of(meta);
	size_t i, n = vt_s11_standard_count(p);

	for (i = 1; i <= n; i++)
		if (!strcmp(vt_s11_standard_at(p, i)->code, code))
			return true;
	return false;
}

static int grade_of(const char *name)
{
	int i;

	for (i = 0; name && vt_s11_grade_names[i]; i++)
		if (!strcmp(vt_s11_grade_names[i], name))
			return i;
	return -1;
}

/* The ratings array entry for 'standard' in 'j', made when missing. */
static json_t *rating_entry(json_t *j, const char *standard)
{
	json_t *ratings = json_object_get(j, "ratings"), *g;
	size_t i;

	if (!ratings) {
		ratings = json_array();
		if (!ratings || json_object_set_new(j, "ratings", ratings))
			return NULL;
	}
	json_array_foreach(ratings, i, g)
		if (!strcmp(json_string_value(json_object_get(g, "standard")),
			    standard))
			return g;
	g = json_pack("{s:s}", "standard", standard);
	if (!g || json_array_append_new(ratings, g))
		return NULL;
	return g;
}

static int set_text(json_t *o, const char *name, const char *value)
{
	return value ? json_object_set_new(o, name, json_string(value)) : 0;
}

/* What the submission still lacks, every one, in 'why'. */
static bool lacks(const struct s11_change *c, const struct vt_def *meta,
		  const struct vt_s11 *a, char *why, size_t whysize)
{
	const struct vt_partnership *p = partnership_of(meta);
	size_t i, n = vt_s11_standard_count(p), at;
	bool unrated = false, noaction = false;

	at = (size_t)snprintf(why, whysize, "s11 self-assessment '%s/%s': "
			      "ratings: not submitted:", c->agency, c->cycle);
	for (i = 1; i <= n && at < whysize; i++) {
		const char *code = vt_s11_standard_at(p, i)->code;

		if (!vt_s11_rating_of(a, code)) {
			at += (size_t)snprintf(why + at, whysize - at,
					       "%s %s", unrated ? "," :
					       " standards not rated", code);
			unrated = true;
		}
	}
	for (i = 0; i < a->nratings && at < whysize; i++) {
		const struct vt_s11_rating *g = &a->ratings[i];

		if (g->rating == VT_S11_MET || !vt_text_blank(g->action))
			continue;
		at += (size_t)snprintf(why + at, whysize - at, "%s %s %s "
				       "(ratings[%zu].action)", noaction ? ","
				       : unrated ? "; standards not met "
				       "without an action" : " standards not "
				       "met without an action", g->standard,
				       vt_s11_grade_names[g->rating], i);
		noaction = true;
	}
	return unrated || noaction;
}

static json_t *changed(const struct s11_change *c, const struct vt_def *meta,
		       char *why, size_t whysize, enum vt_err *err)
{
	const struct vt_s11 *old = vt_s11_find(meta, c->agency, c->cycle);
	json_t *j = NULL, *g, *changes;
	size_t i;
	int failed = 0;

	*err = VT_EINVAL;
	if (!vt_def_find(meta, VT_KIND_AGENCY, c->agency)) {
		snprintf(why, whysize, "s11 self-assessment '%s/%s': agency: "
			 "there is no agency '%s'", c->agency, c->cycle,
			 c->agency);
		return NULL;
	}
	if (!old && c->step != S11_RATE) {
		snprintf(why, whysize, "s11: agency '%s' has no section 11 "
			 "self-assessment for cycle '%s'", c->agency, c->cycle);
		*err = VT_ENOTFOUND;
		return NULL;
	}
	if (old) {
		if (vt_record_to_json(VT_KIND_S11, old, &j)) {
			*err = VT_ENOMEM;
			return NULL;
		}
	} else {
		j = json_pack("{s:s, s:s}", "agency", c->agency, "cycle",
			      c->cycle);
		if (!j) {
			*err = VT_ENOMEM;
			return NULL;
		}
	}
	switch (c->step) {
	case S11_RATE: {
		const struct vt_s11_rating *was = vt_s11_rating_of(old,
								   c->standard);

		if (old && old->submitted && (!was ||
		    strcmp(vt_s11_grade_names[was->rating], c->rating))) {
			snprintf(why, whysize, "s11 self-assessment '%s/%s': "
				 "submitted: it was submitted on %s; a rating "
				 "changes only at its challenge session",
				 c->agency, c->cycle, old->submitted);
			goto refused;
		}
		g = rating_entry(j, c->standard);
		failed = !g || set_text(g, "rating", c->rating) ||
			 set_text(g, "evidence", c->evidence) ||
			 set_text(g, "action", c->action);
		break;
	}
	case S11_SUBMIT:
		if (old->submitted) {
			snprintf(why, whysize, "s11 self-assessment '%s/%s': "
				 "submitted: it was submitted on %s",
				 c->agency, c->cycle, old->submitted);
			goto refused;
		}
		if (lacks(c, meta, old, why, whysize))
			goto refused;
		failed = set_text(j, "submitted", c->date);
		break;
	case S11_CHALLENGE:
		if (!old->submitted) {
			snprintf(why, whysize, "s11 self-assessment '%s/%s': "
				 "challenged: a draft is not challenged; it is "
				 "challenged once submitted", c->agency,
				 c->cycle);
			goto refused;
		}
		if (old->challenged) {
			snprintf(why, whysize, "s11 self-assessment '%s/%s': "
				 "challenged: its challenge session was on %s",
				 c->agency, c->cycle, old->challenged);
			goto refused;
		}
		failed = set_text(j, "challenged", c->date) ||
			 set_text(j, "challenge_outcome", c->outcome) ||
			 set_text(j, "challenge_note", c->note);
		changes = json_array();
		for (i = 0; !failed && changes && i < c->nchanges; i++) {
			const struct vt_s11_rating *was =
				vt_s11_rating_of(old, c->changes[i].standard);

			if (!was) {
				snprintf(why, whysize, "s11 self-assessment "
					 "'%s/%s': changes[%zu].standard: "
					 "standard '%s' is not rated",
					 c->agency, c->cycle, i,
					 c->changes[i].standard);
				json_decref(changes);
				goto refused;
			}
			g = rating_entry(j, c->changes[i].standard);
			failed = !g || set_text(g, "rating",
						c->changes[i].rating) ||
				 json_array_append_new(changes, json_pack(
					"{s:s, s:s, s:s}", "standard",
					c->changes[i].standard, "from",
					vt_s11_grade_names[was->rating], "to",
					c->changes[i].rating));
		}
		if (!changes)
			failed = 1;
		else if (!failed && c->nchanges)
			failed = json_object_set_new(j, "changes", changes);
		else
			json_decref(changes);
		break;
	}
	if (failed) {
		json_decref(j);
		*err = VT_ENOMEM;
		return NULL;
	}
	*err = VT_OK;
	return j;
refused:
	json_decref(j);
	return NULL;
}

static enum vt_err build_change(void *arg, const struct vt_def *meta,
				struct vt_def *change, struct vt_check *ck,
				char *why, size_t whysize)
{
	struct s11_change *c = arg;
	struct vt_s11 *rec;
	enum vt_err result;
	json_t *j = changed(c, meta, why, whysize, &result);

	if (!j)
		return result;
	result = vt_def_append(change, VT_KIND_S11, (void **)&rec);
	if (!result)
		result = vt_record_from_json(VT_KIND_S11, j, "s11", ck, rec);
	json_decref(j);
	/* The rules between records: the agency, the framework's standards,
	   actions where not met, the challenge's changes. */
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

/* Name the record a refusal found before any was read: "s11
   self-assessment 'AGENCY/CYCLE': field: ...". */
static enum vt_err named(enum vt_err result, const char *agency,
			 const char *cycle, char *why, size_t whysize)
{
	char was[512];

	if (!result || vt_text_blank(agency) || vt_text_blank(cycle))
		return result;
	snprintf(was, sizeof(was), "%s", why);
	snprintf(why, whysize, "s11 self-assessment '%s/%s': %s", agency,
		 cycle, was);
	return result;
}

static enum vt_err need_key(const char *agency, const char *cycle, char *why,
			    size_t whysize)
{
	enum vt_err result;

	if ((result = need(agency, "agency", "say which agency's "
			   "self-assessment", why, whysize)) ||
	    (result = need(cycle, "cycle", "say which cycle (2025 or "
			   "2025-26)", why, whysize)))
		return result;
	if (!vt_s11_cycle_valid(cycle)) {
		snprintf(why, whysize, "cycle: '%s' is not a year (2025) or a "
			 "financial year (2025-26)", cycle);
		return VT_EINVAL;
	}
	return VT_OK;
}

static enum vt_err need_grade(const char *rating, const char *field,
			      char *why, size_t whysize)
{
	if (grade_of(rating) >= 0)
		return VT_OK;
	snprintf(why, whysize, "%s: '%s' is not one of met, partly-met, "
		 "not-met", field, rating ? rating : "");
	return VT_EINVAL;
}

enum vt_err vt_s11_rate(struct vt_store *s, const char *agency,
			const char *cycle, const char *standard,
			const char *rating, const char *evidence,
			const char *action, const char *who, char *why,
			size_t whysize)
{
	struct s11_change c = { .step = S11_RATE, .agency = agency,
				.cycle = cycle, .standard = standard,
				.rating = rating, .evidence = or_null(evidence),
				.action = or_null(action) };
	enum vt_err result;

	if ((result = need_key(agency, cycle, why, whysize)) ||
	    (result = need(standard, "standard", "say which standard (S1)",
			   why, whysize)) ||
	    (result = need_grade(rating, "rating", why, whysize)))
		return named(result, agency, cycle, why, whysize);
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_s11_submit(struct vt_store *s, const char *agency,
			  const char *cycle, const char *date,
			  const char *who, char *why, size_t whysize)
{
	struct s11_change c = { .step = S11_SUBMIT, .agency = agency,
				.cycle = cycle, .date = date };
	enum vt_err result;

	if ((result = need_key(agency, cycle, why, whysize)) ||
	    (result = need(date, "submitted", "say when it was submitted "
			   "(YYYY-MM-DD)", why, whysize)))
		return named(result, agency, cycle, why, whysize);
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

enum vt_err vt_s11_challenge(struct vt_store *s, const char *agency,
			     const char *cycle, const char *date,
			     const char *outcome,
			     const struct vt_s11_rerating *changes,
			     size_t nchanges, const char *note,
			     const char *who, char *why, size_t whysize)
{
	struct s11_change c = { .step = S11_CHALLENGE, .agency = agency,
				.cycle = cycle, .date = date,
				.outcome = outcome, .note = or_null(note),
				.changes = changes, .nchanges = nchanges };
	enum vt_err result;
	size_t i;

	if ((result = need_key(agency, cycle, why, whysize)) ||
	    (result = need(date, "challenged", "say when the challenge "
			   "session was (YYYY-MM-DD)", why, whysize)) ||
	    (result = need(outcome, "challenge_outcome", "say how it ended "
			   "(agreed or rating-changed)", why, whysize)))
		return named(result, agency, cycle, why, whysize);
	for (i = 0; i < nchanges; i++) {
		char field[48];

		snprintf(field, sizeof(field), "changes[%zu].to", i);
		if ((result = need(changes[i].standard, "standard", "say "
				   "which standard's rating changed", why,
				   whysize)) ||
		    (result = need_grade(changes[i].rating, field, why,
					 whysize)))
			return named(result, agency, cycle, why, whysize);
	}
	return vt_store_change(s, build_change, &c, who, why, whysize);
}

/* ------------------------------------------------------------------ */
/* Every standard at once: a form's save, and its submission */

struct s11_many {
	const char *agency, *cycle;
	const struct vt_s11_rating_input *in;
	size_t n;
	const char *submitted;
	struct vt_diagq *dq;
	size_t problems;
	size_t at;		/* the length of 'why' so far */
};

/*
 * One problem of the form at its field ('part' of 'standard'): said in
 * 'why' after the others ("s11 self-assessment 'A/C': S3 action: ...;
 * S5 rating: ..."), and in 'dq' with the field "S3.action".
 */
static void many_problem(struct s11_many *m, char *why, size_t whysize,
			 const char *standard, const char *part,
			 const char *what)
{
	char field[160];

	if (!m->problems++)
		m->at = (size_t)snprintf(why, whysize, "s11 self-assessment "
					 "'%s/%s': ", m->agency, m->cycle);
	if (m->at < whysize)
		m->at += (size_t)snprintf(why + m->at, whysize - m->at,
					  "%s%s%s%s: %s", m->problems > 1 ?
					  "; " : "", standard ? standard : "",
					  standard ? " " : "", part, what);
	if (!m->dq)
		return;
	snprintf(field, sizeof(field), "%s%s%s", standard ? standard : "",
		 standard ? "." : "", part);
	vt_diag_add_field(m->dq, VT_SEV_ERROR, "s11", 0, 0, field, "%s%s%s: "
			  "%s", standard ? standard : "", standard ? " " : "",
			  part, what);
}

static bool blank(const char *s)
{
	return !s || vt_text_blank(s);
}

/* Entry 'standard' of the ratings of 'j', or NULL; its index in '*at'. */
static json_t *rating_found(json_t *j, const char *standard, size_t *at)
{
	json_t *ratings = json_object_get(j, "ratings"), *g;
	size_t i;

	json_array_foreach(ratings, i, g)
		if (!strcmp(json_string_value(json_object_get(g, "standard")),
			    standard)) {
			if (at)
				*at = i;
			return g;
		}
	return NULL;
}

/* The problems of each standard given, before anything is made. */
static void many_check(struct s11_many *m, const struct vt_def *meta,
		       const struct vt_s11 *old, char *why, size_t whysize)
{
	static const char personal[] = "looks like a person's name or a date "
		"of birth; a self-assessment names roles only";
	char what[300];
	size_t i, k;

	for (i = 0; i < m->n; i++) {
		const struct vt_s11_rating_input *g = &m->in[i];
		const struct vt_s11_rating *was;
		bool twice = false;

		if (blank(g->standard)) {
			many_problem(m, why, whysize, NULL, "standard", "say "
				     "which standard (S1)");
			continue;
		}
		if (!standard_known(meta, g->standard)) {
			snprintf(what, sizeof(what), "'%s' is not one of the "
				 "partnership's section 11 standards",
				 g->standard);
			many_problem(m, why, whysize, g->standard, "rating",
				     what);
			continue;
		}
		for (k = 0; k < i; k++)
			twice |= !blank(m->in[k].standard) &&
				 !strcmp(m->in[k].standard, g->standard);
		if (twice) {
			many_problem(m, why, whysize, g->standard, "rating",
				     "the standard is given twice");
			continue;
		}
		if (!blank(g->rating) && grade_of(g->rating) < 0) {
			snprintf(what, sizeof(what), "'%s' is not one of met, "
				 "partly-met, not-met", g->rating);
			many_problem(m, why, whysize, g->standard, "rating",
				     what);
		} else if (blank(g->rating) &&
			   (!blank(g->evidence) || !blank(g->action))) {
			many_problem(m, why, whysize, g->standard, "rating",
				     "say whether it is met, partly met or "
				     "not met, to keep its evidence and "
				     "action");
		}
		was = vt_s11_rating_of(old, g->standard);
		if (old && old->submitted && (blank(g->rating) || !was ||
		    strcmp(vt_s11_grade_names[was->rating], g->rating))) {
			snprintf(what, sizeof(what), "it was submitted on %s; "
				 "a rating changes only at its challenge "
				 "session", old->submitted);
			many_problem(m, why, whysize, g->standard, "rating",
				     what);
		}
		if (vt_text_looks_personal(g->evidence))
			many_problem(m, why, whysize, g->standard, "evidence",
				     personal);
		if (vt_text_looks_personal(g->action))
			many_problem(m, why, whysize, g->standard, "action",
				     personal);
	}
}

/* Submitting: every standard of the framework rated, and each one not
   met with its action, as the record will stand. */
static void many_complete(struct s11_many *m, const struct vt_def *meta,
			  json_t *j, char *why, size_t whysize)
{
	const struct vt_partnership *p = partnership_of(meta);
	size_t i, n = vt_s11_standard_count(p);

	for (i = 1; i <= n; i++) {
		const char *code = vt_s11_standard_at(p, i)->code;
		json_t *g = rating_found(j, code, NULL);
		const char *rating = g ? json_string_value(json_object_get(g,
				     "rating")) : NULL;

		if (!rating) {
			many_problem(m, why, whysize, code, "rating", "not "
				     "rated: every standard is rated before "
				     "the self-assessment is submitted");
			continue;
		}
		if (strcmp(rating, vt_s11_grade_names[VT_S11_MET]) &&
		    blank(json_string_value(json_object_get(g, "action"))))
			many_problem(m, why, whysize, code, "action", "needed "
				     "when the standard is not met or partly "
				     "met: say what the agency will do");
	}
}

static int put_text(json_t *o, const char *name, const char *value)
{
	if (blank(value)) {
		/* Gone from the form: gone (absent already is no failure). */
		json_object_del(o, name);
		return 0;
	}
	return json_object_set_new(o, name, json_string(value));
}

static enum vt_err build_many(void *arg, const struct vt_def *meta,
			      struct vt_def *change, struct vt_check *ck,
			      char *why, size_t whysize)
{
	struct s11_many *m = arg;
	const struct vt_s11 *old = vt_s11_find(meta, m->agency, m->cycle);
	struct vt_s11 *rec;
	enum vt_err result;
	json_t *j, *g;
	size_t i, at;
	int failed = 0;

	if (!vt_def_find(meta, VT_KIND_AGENCY, m->agency)) {
		snprintf(why, whysize, "s11 self-assessment '%s/%s': agency: "
			 "there is no agency '%s'", m->agency, m->cycle,
			 m->agency);
		return VT_ENOTFOUND;
	}
	if (old && old->submitted && m->submitted) {
		snprintf(why, whysize, "s11 self-assessment '%s/%s': "
			 "submitted: it was submitted on %s", m->agency,
			 m->cycle, old->submitted);
		return VT_EINVAL;
	}
	many_check(m, meta, old, why, whysize);
	if (m->problems)
		return VT_EINVAL;
	if (old) {
		if (vt_record_to_json(VT_KIND_S11, old, &j))
			return VT_ENOMEM;
	} else {
		j = json_pack("{s:s, s:s, s:[]}", "agency", m->agency,
			      "cycle", m->cycle, "ratings");
		if (!j)
			return VT_ENOMEM;
	}
	for (i = 0; !failed && i < m->n; i++) {
		const struct vt_s11_rating_input *in = &m->in[i];

		if (blank(in->rating)) {
			/* Not rated: a draft's rating taken back. */
			if (rating_found(j, in->standard, &at))
				failed = json_array_remove(json_object_get(j,
							   "ratings"), at);
			continue;
		}
		g = rating_entry(j, in->standard);
		failed = !g || put_text(g, "rating", in->rating) ||
			 put_text(g, "evidence", in->evidence) ||
			 put_text(g, "action", in->action);
	}
	if (!failed && m->submitted) {
		many_complete(m, meta, j, why, whysize);
		failed = set_text(j, "submitted", m->submitted);
	}
	if (failed || m->problems) {
		json_decref(j);
		return failed ? VT_ENOMEM : VT_EINVAL;
	}
	result = vt_def_append(change, VT_KIND_S11, (void **)&rec);
	if (!result)
		result = vt_record_from_json(VT_KIND_S11, j, "s11", ck, rec);
	json_decref(j);
	if (!result && !ck->dq->errors)
		result = vt_def_check(change, ck);
	return result;
}

enum vt_err vt_s11_rate_many(struct vt_store *s, const char *agency,
			     const char *cycle,
			     const struct vt_s11_rating_input *in, size_t n,
			     const char *submitted, const char *who,
			     struct vt_diagq *dq, char *why, size_t whysize)
{
	struct s11_many m = { .agency = agency, .cycle = cycle, .in = in,
			      .n = n, .submitted = submitted, .dq = dq };
	size_t before = dq ? dq->n : 0;
	enum vt_err result;

	if ((result = need_key(agency, cycle, why, whysize)) ||
	    (submitted && (result = need(submitted, "submitted", "say when "
					 "it was submitted (YYYY-MM-DD)",
					 why, whysize)))) {
		named(result, agency, cycle, why, whysize);
		goto out;
	}
	result = vt_store_change(s, build_many, &m, who, why, whysize);
out:
	/* A refusal not of one standard (the date, say) is in 'dq' too,
	   without a field. */
	if ((result == VT_EINVAL || result == VT_ENOTFOUND) && dq &&
	    dq->n == before)
		vt_diag_add(dq, VT_SEV_ERROR, "s11", 0, 0, "%s", why);
	return result;
}

/* ------------------------------------------------------------------ */
/* Actions in the tracker, the self-assessment their source */

struct s11_action {
	const char *agency, *cycle, *standard, *text, *owner, *plan;
	char due[11];
	char *code;
	size_t codesize;
};

/* "S11-<AGENCY>-<CYCLE>-<n>", n the first not taken. */
static void next_code(const struct vt_def *meta, const struct s11_action *sa,
		      char *out, size_t size)
{
	unsigned n;

	for (n = 1;; n++) {
		snprintf(out, size, "S11-%s-%s-%u", sa->agency, sa->cycle, n);
		if (!vt_def_find(meta, VT_KIND_ACTION, out))
			return;
	}
}

static enum vt_err build_action(void *arg, const struct vt_def *meta,
				struct vt_def *change, struct vt_check *ck,
				char *why, size_t whysize)
{
	struct s11_action *sa = arg;
	const struct vt_s11 *a = vt_s11_find(meta, sa->agency, sa->cycle);
	const struct vt_plan *plan;
	struct vt_action *rec;
	char title[4200], source[160];
	enum vt_err result;
	json_t *j;

	if (!a) {
		snprintf(why, whysize, "s11: agency '%s' has no section 11 "
			 "self-assessment for cycle '%s'", sa->agency,
			 sa->cycle);
		return VT_ENOTFOUND;
	}
	if (!standard_known(meta, sa->standard)) {
		snprintf(why, whysize, "s11 self-assessment '%s/%s': standard: "
			 "'%s' is not one of the partnership's section 11 "
			 "standards", sa->agency, sa->cycle, sa->standard);
		return VT_EINVAL;
	}
	plan = vt_tracked_action_plan(meta, sa->plan, "action", why,
				      whysize);
	if (!plan)
		return VT_EINVAL;
	next_code(meta, sa, sa->code, sa->codesize);
	snprintf(title, sizeof(title), "%s: %s", sa->standard, sa->text);
	snprintf(source, sizeof(source), "%s/%s", a->agency, a->cycle);
	/* Amber until its owner first rates it, as a recommendation. */
	j = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:s}",
		      "code", sa->code, "plan", plan->code,
		      "agency", a->agency, "title", title,
		      "owner", sa->owner, "due", sa->due,
		      "rag", vt_rag_names[VT_RAG_AMBER], "s11", source);
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

enum vt_err vt_s11_action(struct vt_store *s, const char *agency,
			  const char *cycle, const char *standard,
			  const char *text, const char *due,
			  const char *owner, const char *plan, char *code,
			  size_t codesize, const char *who, char *why,
			  size_t whysize)
{
	static const char personal[] = "%s: the %s looks like a person's "
		"name or a date of birth; an action names roles and agencies "
		"only";
	struct s11_action sa = { agency, cycle, standard, text, or_null(owner),
				 or_null(plan), "", code, codesize };
	enum vt_err result;

	if (code && codesize)
		code[0] = '\0';
	if ((result = need_key(agency, cycle, why, whysize)) ||
	    (result = need(standard, "standard", "say which standard the "
			   "action is for (S1)", why, whysize)) ||
	    (result = need(text, "text", "an action needs its text", why,
			   whysize)) ||
	    (result = need(due, "due", "an action needs its due date "
			   "(YYYY-MM-DD)", why, whysize)))
		return named(result, agency, cycle, why, whysize);
	if (vt_text_looks_personal(text)) {
		snprintf(why, whysize, personal, "text", "text");
		return named(VT_EINVAL, agency, cycle, why, whysize);
	}
	if (sa.owner && vt_text_looks_personal(sa.owner)) {
		snprintf(why, whysize, personal, "owner", "owner");
		return named(VT_EINVAL, agency, cycle, why, whysize);
	}
	if (vt_action_date(due, sa.due)) {
		snprintf(why, whysize, "due: '%s' is not a date (YYYY-MM-DD "
			 "or DD/MM/YYYY)", due);
		return named(VT_EINVAL, agency, cycle, why, whysize);
	}
	if (!code || codesize < 2) {
		snprintf(why, whysize, "no room for the action's reference");
		return VT_EINVAL;
	}
	return vt_store_change(s, build_action, &sa, who, why, whysize);
}
