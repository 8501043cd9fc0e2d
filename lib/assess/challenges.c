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
