/* A case review's statutory clocks, judged on a day, and its JSON form. */
#include <string.h>

#include "vitals/actions.h"
#include "vitals/reviews.h"

const char *const vt_review_clock_names[VT_CLOCK__MAX] = {
	"notification", "rapid-review", "publication", "panel-copy",
};

const char *const vt_review_stage_labels[VT_STAGE__MAX] = {
	"Notification", "Rapid review", "Decision", "Terms of reference",
	"Reviewer appointed", "Draft report", "Report sent to the panel",
	"Published", "Closed",
};

const char *const vt_review_clock_labels[VT_CLOCK__MAX] = {
	"Notification to the national panel", "Rapid review",
	"Publication", "Report sent to the panel",
};

bool vt_review_open(const struct vt_review *r)
{
	return !r->dates[VT_STAGE_CLOSED];
}

/* Start clock 'c' on 'start' unless it has none yet. */
static enum vt_err clock(struct vt_review_state *st, enum vt_review_clock c,
			 const char *start, enum vt_deadline_unit unit,
			 int amount, const char *done, const char *today)
{
	if (!start)
		return VT_OK;
	st->started[c] = true;
	return vt_deadline_judge(start, unit, amount, done, today,
				 &st->clocks[c]);
}

enum vt_err vt_review_judge(const struct vt_review *r,
			    const struct vt_partnership *p, const char *today,
			    struct vt_review_state *out)
{
	int64_t notify = p ? p->notification_days : 5;
	int64_t rapid = p ? p->rapid_review_days : 15;
	int64_t months = p ? p->publication_months : 6;
	int64_t copy = p ? p->panel_copy_days : 7;
	char *const *d = r->dates;
	const char *published;
	enum vt_err result;
	int i;

	memset(out, 0, sizeof(*out));
	out->review = r;
	out->stage = -1;
	for (i = 0; i < VT_STAGE__MAX; i++)
		if (d[i])
			out->stage = i;
	result = clock(out, VT_CLOCK_NOTIFICATION, r->aware,
		       VT_DEADLINE_WORKING_DAYS, (int)notify,
		       d[VT_STAGE_NOTIFICATION], today);
	if (!result)
		result = clock(out, VT_CLOCK_RAPID_REVIEW,
			       d[VT_STAGE_NOTIFICATION],
			       VT_DEADLINE_WORKING_DAYS, (int)rapid,
			       d[VT_STAGE_RAPID_REVIEW], today);
	/* Only a local practice review is published by the partnership. */
	if (result || !r->decision || strcmp(r->decision, "lcspr"))
		return result;
	result = clock(out, VT_CLOCK_PUBLICATION, d[VT_STAGE_DECISION],
		       VT_DEADLINE_MONTHS, (int)months,
		       d[VT_STAGE_PUBLICATION], today);
	if (result || !out->started[VT_CLOCK_PUBLICATION])
		return result;
	/* Counted back from the day it was published, or else is due. */
	published = d[VT_STAGE_PUBLICATION] ? d[VT_STAGE_PUBLICATION]
		    : out->clocks[VT_CLOCK_PUBLICATION].due;
	return clock(out, VT_CLOCK_PANEL_COPY, published,
		     VT_DEADLINE_WORKING_DAYS, -(int)copy,
		     d[VT_STAGE_PANEL_COPY], today);
}

static json_t *date_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *vt_review_json(const struct vt_review_state *st,
		       const struct vt_def *def)
{
	const struct vt_review *r = st->review;
	json_t *j, *clocks = json_array(), *recs;
	int c;

	for (c = 0; clocks && c < VT_CLOCK__MAX; c++) {
		const struct vt_deadline *d = &st->clocks[c];

		if (!st->started[c])
			continue;
		if (json_array_append_new(clocks, json_pack(
			"{s:s, s:s, s:s, s:o, s:s, s:o}",
			"name", vt_review_clock_names[c], "start", d->start,
			"due", d->due, "done", date_or_null(d->done),
			"state", vt_deadline_state_names[d->state],
			"working_days_left", d->has_left ?
			json_integer(d->working_days_left) : json_null()))) {
			json_decref(clocks);
			return NULL;
		}
	}
	if (!clocks)
		return NULL;
	recs = vt_recommendations_json(def, VT_KIND_REVIEW, r->ref);
	if (!recs) {
		json_decref(clocks);
		return NULL;
	}
	j = json_pack("{s:s, s:o, s:o, s:o, s:o}", "ref", r->ref,
		      "stage", st->stage < 0 ? json_null() :
		      json_string(vt_review_stage_names[st->stage]),
		      "decision", date_or_null(r->decision),
		      "clocks", clocks, "recommendations", recs);
	return j;
}
