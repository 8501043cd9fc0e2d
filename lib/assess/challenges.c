/* The challenge log as read on a given day: which are open, how old, who they wait on. */
#include "vitals/challenges.h"

#include <stdlib.h>
#include <string.h>

#include "vitals/strparse.h"

/* When anyone last wrote on it: the latest response, else its raising. */
static const char *last_word(const struct vt_challenge *c)
{
	return c->nresponses ? c->responses[c->nresponses - 1].date
			     : c->raised;
}

static bool wanted(const struct vt_challenge *c,
		   const struct vt_challenge_filter *f)
{
	if (!f)
		return true;
	if (f->open_only && c->status == VT_CHALLENGE_CLOSED)
		return false;
	return !f->on || !strcmp(f->on, c->on);
}

enum vt_err vt_challenges_report(const struct vt_def *def,
				 const struct vt_challenge_filter *filter,
				 const char *today,
				 struct vt_challenge_report *out)
{
	size_t n = vt_def_count(def, VT_KIND_CHALLENGE), i;
	struct vt_date day;

	memset(out, 0, sizeof(*out));
	out->oldest_open_days = -1;
	if (!today || vt_parse_date(today, &day))
		return VT_EINVAL;
	out->rows = calloc(n ? n : 1, sizeof(*out->rows));
	if (!out->rows)
		return VT_ENOMEM;
	for (i = 0; i < n; i++) {
		const struct vt_challenge *c =
			vt_def_at(def, VT_KIND_CHALLENGE, i);
		struct vt_challenge_row *row = &out->rows[out->nrows];
		bool closed = c->status == VT_CHALLENGE_CLOSED;

		if (!wanted(c, filter))
			continue;
		row->challenge = c;
		row->waiting_days = -1;
		/* Stored dates are checked; a bad one would read as age 0. */
		if (vt_days_between(c->raised, closed ? c->closed : today,
				    &row->age_days))
			row->age_days = 0;
		if (!closed &&
		    vt_days_between(last_word(c), today, &row->waiting_days))
			row->waiting_days = 0;
		if (!closed && row->age_days > out->oldest_open_days)
			out->oldest_open_days = row->age_days;
		out->by_status[c->status]++;
		out->nrows++;
	}
	return VT_OK;
}

void vt_challenge_report_release(struct vt_challenge_report *r)
{
	free(r->rows);
	memset(r, 0, sizeof(*r));
	r->oldest_open_days = -1;
}

static json_t *responses_json(const struct vt_challenge *c)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < c->nresponses; i++) {
		const struct vt_challenge_response *r = &c->responses[i];

		if (json_array_append_new(arr, json_pack("{s:s, s:s, s:s}",
				"date", r->date, "by", r->by, "text",
				r->text))) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static json_t *row_json(const struct vt_challenge_row *r)
{
	const struct vt_challenge *c = r->challenge;
	json_t *waiting = r->waiting_days < 0 ? json_null()
			  : json_integer(r->waiting_days);

	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:o, s:o, "
			 "s:s?, s:s?, s:s?}",
			 "id", (json_int_t)strtoll(c->id, NULL, 10),
			 "on", c->on, "status",
			 vt_challenge_status_names[c->status], "by", c->by,
			 "raised", c->raised, "text", c->text,
			 "age_days", (json_int_t)r->age_days,
			 "waiting_days", waiting,
			 "responses", responses_json(c),
			 "outcome", c->outcome, "closed", c->closed,
			 "closed_by", c->closed_by);
}

json_t *vt_challenges_json(const struct vt_challenge_report *rep)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < rep->nrows; i++)
		if (json_array_append_new(arr, row_json(&rep->rows[i]))) {
			json_decref(arr);
			return NULL;
		}
	return arr ? json_pack("{s:I, s:{s:I, s:I, s:I}, s:o, s:o}",
		"total", (json_int_t)rep->nrows, "by_status",
		"open", (json_int_t)rep->by_status[VT_CHALLENGE_OPEN],
		"answered", (json_int_t)rep->by_status[VT_CHALLENGE_ANSWERED],
		"closed", (json_int_t)rep->by_status[VT_CHALLENGE_CLOSED],
		"oldest_open_days", rep->oldest_open_days < 0 ? json_null()
			: json_integer(rep->oldest_open_days),
		"challenges", arr) : NULL;
}

const char *vt_challenge_subject_agency(const struct vt_def *def,
					const char *on)
{
	const struct vt_action *a;
	const struct vt_measure *m;
	const struct vt_plan *p;
	const struct vt_agency *ag;
	char agency[128];
	size_t len;

	if (!on)
		return NULL;
	if (!strncmp(on, "action:", 7)) {
		a = vt_def_find(def, VT_KIND_ACTION, on + 7);
		return a ? a->agency : NULL;
	}
	if (!strncmp(on, "measure:", 8)) {
		m = vt_def_find(def, VT_KIND_MEASURE, on + 8);
		return m ? m->agency : NULL;
	}
	/* A single-agency plan is its agency's to answer for. */
	if (!strncmp(on, "plan:", 5)) {
		p = vt_def_find(def, VT_KIND_PLAN, on + 5);
		return p ? p->agency : NULL;
	}
	/* A self-assessment is its agency's. */
	if (!strncmp(on, "s11:", 4)) {
		const struct vt_s11 *sa = vt_s11_find_key(def, on + 4);

		return sa ? sa->agency : NULL;
	}
	/* A case review is the partnership's, whichever agencies it
	   involved, as are its priorities and groups: no one agency
	   answers for them. */
	if (strncmp(on, "return:", 7))
		return NULL;
	len = strcspn(on + 7, "/");
	if (len >= sizeof(agency))
		return NULL;
	memcpy(agency, on + 7, len);
	agency[len] = '\0';
	ag = vt_def_find(def, VT_KIND_AGENCY, agency);
	return ag ? ag->code : NULL;
}

/* Whether 'on' names a subject 'def' has: one of vt_subject_kinds, or
   return:AGENCY/PERIOD of one of its agencies. */
static bool subject_known(const struct vt_def *def, const char *on)
{
	const struct vt_subject_kind *k = vt_subject_kind_of(on);
	const char *slash;
	char agency[80];

	if (k)
		return vt_subject_find(def, k, on + strlen(k->prefix)) != NULL;
	if (strncmp(on, "return:", 7) || !(slash = strchr(on + 7, '/')) ||
	    (size_t)(slash - on - 7) >= sizeof(agency))
		return false;
	memcpy(agency, on + 7, (size_t)(slash - on - 7));
	agency[slash - on - 7] = '\0';
	return vt_def_find(def, VT_KIND_AGENCY, agency) != NULL;
}

enum vt_err vt_challenge_filter_read(const struct vt_def *def,
				     const struct vt_query *q,
				     struct vt_challenge_filter *f,
				     struct vt_diagq *dq)
{
	size_t errors = dq->errors;

	f->open_only = vt_query_flag(q, "open", dq);
	f->on = vt_query_text(q, "on");
	if (f->on && !subject_known(def, f->on))
		vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, "on",
				  "'%.60s' is none of the partnership's "
				  "subjects (%s)", f->on, vt_subject_forms);
	return dq->errors > errors ? VT_EINVAL : VT_OK;
}
