/* The pack's assurance section: case reviews by stage, their missed and at-risk clocks, recommendations by RAG. */
#include "report/assurance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/escalations.h"
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
   the worst first.  A stable partition: qsort is not stable. */
static enum vt_err missed_first(struct vt_report_assurance *a)
{
	struct vt_report_clock *sorted;
	size_t i, k = 0;
	int pass;

	if (!a->nclocks)
		return VT_OK;
	sorted = calloc(a->nclocks, sizeof(*sorted));
	if (!sorted)
		return VT_ENOMEM;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < a->nclocks; i++)
			if ((a->clocks[i].deadline.state == VT_DEADLINE_MISSED)
			    == (pass == 0))
				sorted[k++] = a->clocks[i];
	free(a->clocks);
	a->clocks = sorted;
	return VT_OK;
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
	return missed_first(a);
}

static void recommendations(struct vt_report *r)
{
	static const char *const labels[VT_RAG__MAX] = {
		"Red", "Amber", "Green", "Complete",
	};
	struct vt_report_assurance *a = &r->assurance;
	size_t i, n = vt_def_count(r->def, VT_KIND_ACTION);
	int g;

	for (g = 0; g < VT_RAG__MAX; g++)
		a->recs[g].label = labels[g];
	for (i = 0; i < n; i++) {
		const struct vt_action *ac = vt_def_at(r->def, VT_KIND_ACTION,
						       i);

		if (!ac->review)
			continue;
		a->recommendations++;
		if (ac->rag >= 0 && ac->rag < VT_RAG__MAX)
			a->recs[ac->rag].count++;
	}
}

/* An open escalation past its stage's timescale, or near it, in words. */
static enum vt_err flag_escalation(struct vt_report_assurance *a,
				   const struct vt_escalation_state *st)
{
	const struct vt_escalation_stage_state *now =
		&st->steps[st->nsteps - 1];
	const struct vt_deadline *d = &now->clock;
	char due[VT_DATE_WORDS_MAX], (*grown)[300];
	long left = d->working_days_left;
	char *out;

	grown = realloc(a->esc_flags, (a->nesc_flags + 1) * sizeof(*grown));
	if (!grown)
		return VT_ENOMEM;
	a->esc_flags = grown;
	out = a->esc_flags[a->nesc_flags++];
	vt_date_words(d->due, due);
	if (st->past_timescale)
		snprintf(out, 300, "%s: stage %d (%s) past its timescale (due "
			 "%s, %ld working day%s over)", st->escalation->ref,
			 now->stage, now->name, due, -left,
			 left == -1 ? "" : "s");
	else
		snprintf(out, 300, "%s: stage %d (%s) due %s (%ld working "
			 "day%s left)", st->escalation->ref, now->stage,
			 now->name, due, left, left == 1 ? "" : "s");
	return VT_OK;
}

static enum vt_err escalation_clocks(struct vt_report *r,
				     const struct vt_partnership *p)
{
	struct vt_report_assurance *a = &r->assurance;
	size_t i, n = vt_def_count(r->def, VT_KIND_ESCALATION);
	int pass;

	a->escalations = n;
	/* Past the timescale first, then near it. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++) {
			struct vt_escalation_state st;
			enum vt_err result = vt_escalation_judge(
				vt_def_at(r->def, VT_KIND_ESCALATION, i), p,
				r->today, &st);
			bool near;

			if (result)
				return result;
			if (!st.open || !st.nsteps)
				continue;
			near = !st.past_timescale &&
			       vt_deadline_at_risk(&st.steps[st.nsteps - 1]
						   .clock);
			if (pass == 0) {
				a->open_escalations++;
				a->past_timescale += st.past_timescale;
				a->esc_at_risk += near;
			}
			if (pass == 0 ? st.past_timescale : near) {
				result = flag_escalation(a, &st);
				if (result)
					return result;
			}
		}
	return VT_OK;
}

/* Bars of the counts 'n' named by 'labels'; with 'nonzero', only the
   bars with a count (the agencies of a partnership are many). */
static enum vt_err count_bars(const size_t *n, const char *const *labels,
			      size_t count, bool nonzero,
			      struct vt_report_bar **out, size_t *nout)
{
	size_t i;

	*out = calloc(count + 1, sizeof(**out));
	if (!*out)
		return VT_ENOMEM;
	*nout = 0;
	for (i = 0; i < count; i++) {
		if (nonzero && !(n ? n[i] : 0))
			continue;
		(*out)[*nout].label = labels[i];
		(*out)[(*nout)++].count = n ? n[i] : 0;
	}
	return VT_OK;
}

/* The trend of escalations raised per quarter, in words. */
static void trend_words(struct vt_report *r,
			const struct vt_escalation_causes *c, int fy)
{
	struct vt_report_assurance *a = &r->assurance;
	const struct vt_spc_segment *seg;
	char first[VT_PERIOD_LABEL_MAX], last[VT_PERIOD_LABEL_MAX];
	struct vt_period q;
	size_t i, special = 0;

	if (!c->nquarters) {
		snprintf(a->esc_trend, sizeof(a->esc_trend),
			 "No escalations have been raised.");
		return;
	}
	if (vt_period_parse(c->quarters[0].period, &q) ||
	    vt_period_label(&q, fy, first))
		snprintf(first, sizeof(first), "%s", c->quarters[0].period);
	if (vt_period_parse(c->quarters[c->nquarters - 1].period, &q) ||
	    vt_period_label(&q, fy, last))
		snprintf(last, sizeof(last), "%s",
			 c->quarters[c->nquarters - 1].period);
	seg = c->has_trend && c->trend.nsegments ? &c->trend.segments[0]
	      : NULL;
	if (!seg) {
		snprintf(a->esc_trend, sizeof(a->esc_trend), "Escalations "
			 "raised from %s to %s: %zu quarter%s, too few for a "
			 "trend (%d are needed).", first, last, c->nquarters,
			 c->nquarters == 1 ? "" : "s",
			 VT_ESCALATION_SPC_MIN);
		return;
	}
	for (i = 0; i < c->trend.n; i++)
		special += c->trend.points[i].rules != 0;
	snprintf(a->esc_trend, sizeof(a->esc_trend), "Escalations raised per "
		 "quarter from %s to %s: on average %.1f a quarter, expected "
		 "between %.1f and %.1f. %s", first, last, seg->mean,
		 seg->lcl < 0 ? 0.0 : seg->lcl, seg->ucl, special ?
		 "Some quarters show special cause: the causes are worth "
		 "reviewing." : "Every quarter is within the limits: common-"
		 "cause variation.");
}

static const char *theme_name(const struct vt_def *def, const char *code)
{
	const struct vt_theme *t = vt_def_find(def, VT_KIND_THEME, code);

	return t ? t->name : code;
}

static const char *agency_name(const struct vt_def *def, const char *code)
{
	const struct vt_agency *ag = vt_def_find(def, VT_KIND_AGENCY, code);

	return ag ? ag->name : code;
}

static enum vt_err escalation_causes(struct vt_report *r,
				     const struct vt_partnership *p)
{
	struct vt_report_assurance *a = &r->assurance;
	const struct vt_escalation_quarter *now = NULL;
	struct vt_escalation_causes c;
	const char **names = NULL;
	size_t i, most;
	enum vt_err result = vt_escalation_causes(r->def, NULL, &c);

	if (result)
		return result;
	for (i = 0; i < c.nquarters; i++)
		if (!strcmp(c.quarters[i].period, r->period))
			now = &c.quarters[i];
	a->raised = now ? now->total : 0;
	most = c.nthemes > c.nagencies ? c.nthemes : c.nagencies;
	if (c.nstages > most)
		most = c.nstages;
	names = calloc(most + 1, sizeof(*names));
	if (!names)
		result = VT_ENOMEM;
	for (i = 0; !result && i < c.nthemes; i++)
		names[i] = theme_name(r->def, c.themes[i]);
	if (!result)
		result = count_bars(now ? now->by_theme : NULL, names,
				    c.nthemes, false, &a->by_theme,
				    &a->nby_theme);
	for (i = 0; !result && i < c.nagencies; i++)
		names[i] = agency_name(r->def, c.agencies[i]);
	if (!result)
		result = count_bars(now ? now->by_about : NULL, names,
				    c.nagencies, true, &a->by_about,
				    &a->nby_about);
	for (i = 0; !result && i < c.nstages; i++) {
		const struct vt_escalation_stage *sg =
			vt_escalation_stage_at(p, i + 1);

		names[i] = sg ? sg->name : "";
	}
	if (!result)
		result = count_bars(now ? now->by_stage : NULL, names,
				    c.nstages, false, &a->by_stage,
				    &a->nby_stage);
	if (!result)
		trend_words(r, &c, p ? (int)p->fy_start_month : 4);
	free(names);
	vt_escalation_causes_release(&c);
	return result;
}

enum vt_err vt_assurance_build(struct vt_report *r)
{
	const struct vt_partnership *p = vt_def_count(r->def,
		VT_KIND_PARTNERSHIP) ? vt_def_at(r->def, VT_KIND_PARTNERSHIP,
						 0) : NULL;
	enum vt_err result = review_clocks(r, p);

	if (!result)
		recommendations(r);
	if (!result)
		result = escalation_clocks(r, p);
	if (!result)
		result = escalation_causes(r, p);
	if (!result)
		result = vt_assurance_audits(r, p);
	if (!result)
		result = vt_assurance_s11(r);
	if (!result)
		result = vt_assurance_voice(r);
	if (!result)
		result = vt_assurance_contributions(r);
	return result;
}

void vt_assurance_release(struct vt_report_assurance *a)
{
	size_t i;

	free(a->clocks);
	free(a->esc_flags);
	free(a->by_theme);
	free(a->by_about);
	free(a->by_stage);
	for (i = 0; i < a->nparts; i++)
		vt_part_release(&a->parts[i]);
	free(a->parts);
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
