/* The pack's assurance section: case reviews by stage, their missed and at-risk clocks, recommendations by RAG. */
#include "report/assurance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/strparse.h"

/* Bars of open reviews by the stage reached: none recorded yet, then
   each stage a review can be at while open (closed ones are not
   counted). */
static const char *stage_bar_label(int stage)
{
	static const char *const reached[VT_STAGE__MAX] = {
		"Notified", "Rapid review held", "Decision made",
		"Terms of reference agreed", "Reviewer appointed",
		"Draft report received", "Report sent to the panel",
		"Published", "Closed",
	};

	return stage < 0 ? "Not yet notified" : reached[stage];
}

static enum vt_err add_clock(struct vt_report_assurance *a,
			     const struct vt_review *rv, int c,
			     const struct vt_deadline *d)
{
	struct vt_report_clock *grown;

	grown = realloc(a->clocks, (a->nclocks + 1) * sizeof(*grown));
	if (!grown)
		return VT_ENOMEM;
	a->clocks = grown;
	a->clocks[a->nclocks].review = rv;
	a->clocks[a->nclocks].clock = c;
	a->clocks[a->nclocks].deadline = *d;
	a->nclocks++;
	return VT_OK;
}

/* Missed before at risk, each in the register's order: the reader meets
   the worst first. */
static int clock_order(const void *x, const void *y)
{
	const struct vt_report_clock *a = x, *b = y;
	int ma = a->deadline.state == VT_DEADLINE_MISSED;
	int mb = b->deadline.state == VT_DEADLINE_MISSED;

	if (ma != mb)
		return mb - ma;
	return a < b ? -1 : a > b;
}

static enum vt_err review_clocks(struct vt_report *r,
				 const struct vt_partnership *p)
{
	struct vt_report_assurance *a = &r->assurance;
	size_t i, n = vt_def_count(r->def, VT_KIND_REVIEW);
	int c;

	a->reviews = n;
	for (i = 0; i < VT_STAGE__MAX; i++)
		a->stages[i].label = stage_bar_label((int)i - 1);
	a->nstages = VT_STAGE__MAX;	/* none yet, then all but closed */
	for (i = 0; i < n; i++) {
		const struct vt_review *rv = vt_def_at(r->def, VT_KIND_REVIEW,
						       i);
		struct vt_review_state st;
		enum vt_err result;

		if (!vt_review_open(rv))
			continue;
		result = vt_review_judge(rv, p, r->today, &st);
		if (result)
			return result;
		a->open_reviews++;
		a->stages[st.stage + 1].count++;
		for (c = 0; c < VT_CLOCK__MAX; c++) {
			const struct vt_deadline *d = &st.clocks[c];
			bool missed = d->state == VT_DEADLINE_MISSED;

			/* Of an open review, every clock missed (done late
			   or still running past its day) and every one close
			   to it: what the board must ask about. */
			if (!st.started[c] || !(missed ||
						vt_deadline_at_risk(d)))
				continue;
			if (missed)
				a->missed++;
			else
				a->at_risk++;
			result = add_clock(a, rv, c, d);
			if (result)
				return result;
		}
	}
	/* A stable order: qsort's compare falls back to the position. */
	qsort(a->clocks, a->nclocks, sizeof(*a->clocks), clock_order);
	return VT_OK;
}

enum vt_err vt_assurance_build(struct vt_report *r)
{
	const struct vt_partnership *p = vt_def_count(r->def,
		VT_KIND_PARTNERSHIP) ? vt_def_at(r->def, VT_KIND_PARTNERSHIP,
						 0) : NULL;
	return review_clocks(r, p);
}

void vt_assurance_release(struct vt_report_assurance *a)
{
	free(a->clocks);
	memset(a, 0, sizeof(*a));
}

void vt_assurance_clock_words(const struct vt_report_clock *c, char *out,
			      size_t size)
{
	const struct vt_deadline *d = &c->deadline;
	char due[VT_DATE_WORDS_MAX];
	long left = d->working_days_left;

	vt_date_words(d->due, due);
	if (d->state == VT_DEADLINE_MISSED && d->done[0]) {
		char done[VT_DATE_WORDS_MAX];

		vt_date_words(d->done, done);
		snprintf(out, size, "%s: %s missed (due %s, done %s)",
			 c->review->ref, vt_review_clock_labels[c->clock], due,
			 done);
	} else if (d->state == VT_DEADLINE_MISSED)
		snprintf(out, size, "%s: %s missed (due %s, %ld working "
			 "day%s over)", c->review->ref,
			 vt_review_clock_labels[c->clock], due, -left,
			 left == -1 ? "" : "s");
	else if (left == 0)
		snprintf(out, size, "%s: %s due today (%s)", c->review->ref,
			 vt_review_clock_labels[c->clock], due);
	else
		snprintf(out, size, "%s: %s due %s (%ld working day%s left)",
			 c->review->ref, vt_review_clock_labels[c->clock],
			 due, left, left == 1 ? "" : "s");
}

void vt_assurance_bars_words(const char *title,
			     const struct vt_report_bar *bars, size_t n,
			     char *out, size_t size)
{
	size_t i, used = (size_t)snprintf(out, size, "%s:", title);

	for (i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s %s %zu",
					 i ? "," : "", bars[i].label,
					 bars[i].count);
}
