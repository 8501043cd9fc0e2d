/* The pack as Markdown, for pasting into board papers. */
#include "vitals/report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/markdown.h"
#include "report/assurance.h"

struct md {
	FILE *f;
	bool failed;
};

static void put(struct md *w, const char *s)
{
	if (!w->failed && fputs(s, w->f) == EOF)
		w->failed = true;
}

/* Text that Markdown would otherwise read as markup, escaped. */
static void text(struct md *w, const char *s)
{
	char c[2] = { 0, 0 };

	for (; s && *s; s++) {
		if (strchr("\\`*_[]<>|#", *s))
			put(w, "\\");
		/* A table cell is one line. */
		c[0] = *s == '\n' || *s == '\r' ? ' ' : *s;
		put(w, c);
	}
}

static void textf(struct md *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void textf(struct md *w, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	text(w, buf);
}

static void summary(struct md *w, const struct vt_report *r)
{
	const struct vt_action_report *a = &r->actions;
	size_t i;

	put(w, "## Summary\n\n");
	textf(w, "- Measures for %s: %zu improving, %zu deteriorating, %zu "
	      "with no significant change, %zu without a figure", r->label,
	      r->improving, r->deteriorating, r->no_change, r->no_figure);
	put(w, "\n");
	textf(w, "- Actions: %zu: %zu green, %zu amber, %zu red, %zu "
	      "complete; %zu overdue, %zu stale, %zu discharged (as at %s)",
	      a->nrows, a->by_rag[VT_RAG_GREEN], a->by_rag[VT_RAG_AMBER],
	      a->by_rag[VT_RAG_RED], a->by_rag[VT_RAG_BLUE], a->overdue,
	      a->stale, a->discharged, r->as_at);
	put(w, "\n");
	if (r->returns) {
		textf(w, "- Returns for %s: %zu of %zu not in, %zu late",
		      r->label, r->returns_missing, r->returns->nagencies,
		      r->returns_late);
		put(w, "\n");
	}
	textf(w, "- Challenges not closed: %zu", r->challenges.nrows);
	if (r->challenges.oldest_open_days >= 0)
		textf(w, " (the oldest raised %ld days ago)",
		      r->challenges.oldest_open_days);
	put(w, "\n");
	textf(w, "- Contradictions (every linked action green or complete "
	      "while the measure shows concern): %zu", r->contradictions);
	for (i = 0; i < r->nmeasures; i++)
		if (r->measures[i].status.contradiction)
			textf(w, "%s %s", i ? "," : "",
			      r->measures[i].measure->code);
	put(w, "\n\n");
	if (!a->by_rag[VT_RAG_RED])
		return;
	put(w, "### Red list\n\n| Ref | Action | Agency | Owner | Due | "
	       "Last note |\n|---|---|---|---|---|---|\n");
	for (i = 0; i < a->nrows; i++) {
		const struct vt_action_row *row = &a->rows[i];

		if (row->rag != VT_RAG_RED)
			continue;
		put(w, "| ");
		text(w, row->action->code);
		put(w, " | ");
		text(w, row->action->title);
		if (row->action->illustrative)
			put(w, " *(Illustrative)*");
		put(w, " | ");
		text(w, row->action->agency);
		put(w, " | ");
		text(w, row->action->owner ? row->action->owner : "-");
		put(w, " | ");
		text(w, row->action->due ? row->action->due : "-");
		put(w, " | ");
		text(w, row->last && row->last->note ? row->last->note : "-");
		if (row->last && row->last->illustrative)
			put(w, " *(Illustrative)*");
		put(w, " |\n");
	}
	put(w, "\n");
}

/* A bar chart as a table: its title, then each bar's label and count. */
static void bar_table(struct md *w, const char *title,
		      const struct vt_report_bar *bar, size_t n)
{
	size_t i;

	text(w, title);
	put(w, "\n\n| | Count |\n|---|---:|\n");
	for (i = 0; i < n; i++) {
		char count[32];

		snprintf(count, sizeof(count), " | %zu |\n", bar[i].count);
		put(w, "| ");
		text(w, bar[i].label);
		put(w, count);
	}
	put(w, "\n");
}

static void escalations(struct md *w, const struct vt_report *r)
{
	const struct vt_report_assurance *a = &r->assurance;
	char title[120];
	size_t i;

	put(w, "### Escalations\n\n");
	if (!a->escalations) {
		put(w, "No escalations are in the register.\n\n");
		return;
	}
	textf(w, "%zu in the register, %zu open: %zu past their stage's "
	      "timescale, %zu due within %d working days. %zu raised in %s.",
	      a->escalations, a->open_escalations, a->past_timescale,
	      a->esc_at_risk, VT_DEADLINE_AT_RISK_DAYS, a->raised, r->label);
	put(w, "\n\n");
	for (i = 0; i < a->nesc_flags; i++) {
		put(w, "- ");
		text(w, a->esc_flags[i]);
		put(w, "\n");
	}
	if (a->nesc_flags)
		put(w, "\n");
	put(w, "#### Causes\n\n");
	text(w, a->esc_trend);
	put(w, "\n\n");
	if (!a->raised)
		return;
	snprintf(title, sizeof(title), "Escalations raised in %s by theme",
		 r->label);
	bar_table(w, title, a->by_theme, a->nby_theme);
	snprintf(title, sizeof(title), "Escalations raised in %s by the "
		 "agency they are about", r->label);
	bar_table(w, title, a->by_about, a->nby_about);
	snprintf(title, sizeof(title), "Escalations raised in %s by the stage "
		 "they reached", r->label);
	bar_table(w, title, a->by_stage, a->nby_stage);
}

static void reviews(struct md *w, const struct vt_report *r)
{
	const struct vt_report_assurance *a = &r->assurance;
	size_t i;

	put(w, "### Case reviews\n\n");
	if (!a->reviews) {
		put(w, "No case reviews are in the register.\n\n");
		return;
	}
	textf(w, "%zu in the register, %zu open. Clocks of open reviews: %zu "
	      "missed, %zu due within %d working days.", a->reviews,
	      a->open_reviews, a->missed, a->at_risk,
	      VT_DEADLINE_AT_RISK_DAYS);
	put(w, "\n\n");
	if (a->open_reviews)
		bar_table(w, "Open case reviews by stage reached", a->stages,
			  a->nstages);
	if (a->nclocks)
		put(w, "#### Clocks missed or at risk\n\n");
	for (i = 0; i < a->nclocks; i++) {
		char words[300];

		vt_assurance_clock_words(&a->clocks[i], words, sizeof(words));
		put(w, "- ");
		text(w, words);
		put(w, "\n");
	}
	if (a->nclocks)
		put(w, "\n");
	put(w, "#### Recommendations\n\n");
	if (!a->recommendations) {
		put(w, "No recommendations from case reviews are being "
		       "tracked.\n\n");
		return;
	}
	textf(w, "%zu recommendation%s from case reviews, tracked as actions.",
	      a->recommendations, a->recommendations == 1 ? "" : "s");
	put(w, "\n\n");
	bar_table(w, "Recommendations by RAG rating", a->recs, VT_RAG__MAX);
}

static void part_table(struct md *w, const struct vt_report_table *t)
{
	size_t row, col;

	put(w, "**");
	text(w, t->caption);
	put(w, "**\n\n");
	for (row = 0; row < t->nrows; row++) {
		for (col = 0; col < t->ncols; col++) {
			put(w, "| ");
			text(w, vt_part_cell_text(t, row, col));
			put(w, " ");
		}
		put(w, "|\n");
		if (row == 0) {
			for (col = 0; col < t->ncols; col++)
				put(w, col ? "| ---: " : "| --- ");
			put(w, "|\n");
		}
	}
	put(w, "\n");
}

/* A part of the assurance section, as every renderer draws it. */
static void part(struct md *w, const struct vt_report_part *part)
{
	size_t i;

	put(w, "### ");
	text(w, part->heading);
	put(w, "\n\n");
	text(w, part->sentence);
	put(w, "\n\n");
	for (i = 0; i < part->nitems; i++) {
		put(w, "- ");
		text(w, part->items[i]);
		put(w, "\n");
	}
	if (part->nitems)
		put(w, "\n");
	for (i = 0; i < part->ncharts; i++)
		bar_table(w, part->charts[i].title, part->charts[i].bars,
			  part->charts[i].nbars);
	if (part->table.ncols)
		part_table(w, &part->table);
	if (part->note[0]) {
		text(w, part->note);
		put(w, "\n\n");
	}
}

static void assurance(struct md *w, const struct vt_report *r)
{
	size_t i;

	put(w, "## Assurance\n\n");
	reviews(w, r);
	escalations(w, r);
	for (i = 0; i < r->assurance.nparts; i++)
		part(w, &r->assurance.parts[i]);
}

static void measure(struct md *w, const struct vt_report *r,
		    const struct vt_report_measure *rm)
{
	const struct vt_measure *m = rm->measure;
	char a[32];
	struct vt_report_row *rows;
	size_t i, n;

	put(w, "#### ");
	textf(w, "%s: %s", m->code, m->title);
	put(w, "\n\n");
	text(w, rm->reading);
	put(w, "\n\n");
	if (vt_report_rows(rm, &rows, &n)) {
		w->failed = true;
		return;
	}
	if (n)
		put(w, "| Period | Figure | Reading |\n|---|---|---|\n");
	for (i = 0; i < n; i++) {
		const struct vt_spc_point *p = rows[i].point;

		char label[VT_PERIOD_LABEL_MAX];

		put(w, "| ");
		text(w, vt_report_label(r, rows[i].period, label));
		put(w, " | ");
		/* A withheld figure shows its code, never a number. */
		text(w, p ? vt_report_figure(r, m, p->value, a) : rows[i].code);
		if (rows[i].provisional)
			text(w, VT_REPORT_PROVISIONAL_MARK);
		put(w, " | ");
		text(w, p ? vt_spc_type_names[p->type] : "withheld");
		put(w, " |\n");
	}
	if (n)
		put(w, "\n");
	free(rows);
	if (rm->nactions) {
		put(w, "Actions meant to move it: ");
		for (i = 0; i < rm->nactions; i++)
			textf(w, "%s%s (%s%s%s)", i ? "; " : "",
			      rm->actions[i]->code,
			      vt_rag_names[vt_report_action_rag(r,
					   rm->actions[i])],
			      vt_report_discharged(r, rm->actions[i]) ?
			      ", discharged on " : "",
			      vt_report_discharged(r, rm->actions[i]) ?
			      rm->actions[i]->discharged : "");
		put(w, "\n\n");
	}
}

/* The priority's objectives, one item each with what serves it, then
   the priority's other actions. */
static void objectives(struct md *w, const struct vt_report *r,
		       const struct vt_report_section *s)
{
	char buf[160];
	size_t i, j;

	if (s->nobjectives)
		put(w, "#### Objectives\n\n");
	for (i = 0; i < s->nobjectives; i++) {
		const struct vt_objective_item *it = &s->objectives[i];

		put(w, "- **");
		text(w, it->objective->number);
		put(w, "** ");
		text(w, it->objective->text);
		if (!it->nmeasures && !it->nactions) {
			put(w, ": *");
			text(w, VT_OBJECTIVE_NONE);
			put(w, "*\n");
			continue;
		}
		put(w, "\n");
		if (it->nmeasures)
			put(w, "  - Measures: ");
		for (j = 0; j < it->nmeasures; j++)
			textf(w, "%s%s", j ? "; " : "",
			      vt_report_objective_measure(r,
				&r->measures[it->measures[j]], buf,
				sizeof(buf)));
		if (it->nmeasures)
			put(w, "\n");
		if (it->nactions)
			put(w, "  - Actions: ");
		for (j = 0; j < it->nactions; j++)
			textf(w, "%s%s (%s)", j ? "; " : "",
			      it->actions[j]->code,
			      vt_rag_names[vt_report_action_rag(r, it->actions[j])]);
		if (it->nactions)
			put(w, "\n");
	}
	if (s->nobjectives)
		put(w, "\n");
	if (s->nother_actions) {
		put(w, s->nobjectives ? "Other actions under this priority: "
				      : "Actions under this priority: ");
		for (i = 0; i < s->nother_actions; i++)
			textf(w, "%s%s (%s)", i ? "; " : "",
			      s->other_actions[i]->code,
			      vt_rag_names[vt_report_action_rag(r, s->other_actions[i])]);
		put(w, "\n\n");
	}
}

static void section(struct md *w, const struct vt_report *r,
		    const struct vt_report_section *s, bool new_plan)
{
	size_t i;

	if (new_plan) {
		put(w, "## ");
		text(w, s->plan->title);
		put(w, "\n\n");
	}
	put(w, "### ");
	if (s->priority)
		textf(w, "Priority %s: %s", s->priority->number,
		      s->priority->title);
	else
		text(w, "Other measures");
	put(w, "\n\n");
	if (vt_report_section_empty(s))
		put(w, VT_REPORT_SECTION_EMPTY "\n\n");
	for (i = 0; i < s->nmeasures; i++)
		measure(w, r, &r->measures[s->measures[i]]);
	objectives(w, r, s);
	for (i = 0; i < s->nimpact; i++) {
		char *safe = NULL;

		put(w, "#### Impact: ");
		text(w, s->impact[i]->agency);
		put(w, "\n\n");
		/* The agency's own Markdown, made safe as the HTML pack's is:
		   no raw HTML, no unsafe link, and its headings below this
		   one, so that it cannot open a section of the pack. */
		if (vt_markdown_safe(s->impact[i]->text, 4, &safe)) {
			w->failed = true;
			return;
		}
		put(w, safe);
		free(safe);
		put(w, "\n");
	}
}

enum vt_err vt_report_markdown(const struct vt_report *r, FILE *out)
{
	const struct vt_partnership *p = vt_def_count(r->def,
		VT_KIND_PARTNERSHIP) ? vt_def_at(r->def, VT_KIND_PARTNERSHIP,
						 0) : NULL;
	struct md w = { out, false };
	size_t i;

	put(&w, "# Vital signs: ");
	textf(&w, "%s, %s", p ? p->name : "the partnership", r->label);
	put(&w, "\n\n");
	if (r->illustrative)
		put(&w, "> **Illustrative figures**: demo data, not real "
			"figures for any child or area.\n\n");
	if (r->publish)
		put(&w, "> Published: counts from 1 to 4 are shown as \\<5; "
			"DfE suppression codes are kept.\n\n");
	if (r->provisional)
		put(&w, "> **" VT_REPORT_PROVISIONAL "**\n\n");
	summary(&w, r);
	assurance(&w, r);
	if (r->comparisons[0]) {
		text(&w, r->comparisons);
		put(&w, "\n\n");
	}
	for (i = 0; i < r->nsections; i++)
		section(&w, r, &r->sections[i], i == 0 ||
			r->sections[i].plan != r->sections[i - 1].plan);
	if (!w.failed && fflush(out) == EOF)
		w.failed = true;
	return w.failed ? VT_EIO : VT_OK;
}

enum vt_err vt_report_funding_markdown(const struct vt_def *def,
				       const char *year, FILE *out)
{
	struct vt_report_assurance a;
	struct md w = { out, false };
	enum vt_err result;
	size_t i;

	memset(&a, 0, sizeof(a));
	result = vt_assurance_funding(&a, def, year);
	for (i = 0; !result && i < a.nparts; i++)
		part(&w, &a.parts[i]);
	for (i = 0; i < a.nparts; i++)
		vt_part_release(&a.parts[i]);
	free(a.parts);
	if (!result && !w.failed && fflush(out) == EOF)
		w.failed = true;
	return result ? result : w.failed ? VT_EIO : VT_OK;
}
